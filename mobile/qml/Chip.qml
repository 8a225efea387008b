import QtQuick
import Qiaomen
import QtQuick.Controls

// A small coloured label: 待复访, 重大隐患, 逾期 ...
Rectangle {
    property alias text: label.text
    property color tone: Theme.accent
    implicitWidth: label.implicitWidth + 16
    implicitHeight: 26
    radius: 13
    color: Qt.rgba(tone.r, tone.g, tone.b, 0.12)
    Label {
        id: label
        anchors.centerIn: parent
        color: parent.tone
        font.pixelSize: Theme.small
    }
}
