import QtQuick
import Qiaomen

// A white card on the grey page.
Rectangle {
    default property alias content: inner.data
    property int padding: Theme.margin
    color: Theme.card
    radius: 8
    border.color: Theme.line
    implicitHeight: inner.implicitHeight + 2 * padding
    Column {
        id: inner
        anchors.fill: parent
        anchors.margins: parent.padding
        spacing: Theme.gap
    }
}
