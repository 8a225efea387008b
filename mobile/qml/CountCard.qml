import QtQuick
import Qiaomen
import QtQuick.Controls

// A number on the home screen that opens its list.
AbstractButton {
    id: control
    property alias number: numberLabel.text
    property alias label: caption.text
    property color tone: Theme.accent
    Accessible.name: caption.text + " " + numberLabel.text
    implicitHeight: Math.max(88, implicitContentHeight + 12)
    implicitWidth: 120
    background: Rectangle {
        color: control.down ? Qt.darker(Theme.card, 1.05) : Theme.card
        radius: 8
        border.color: Theme.line
    }
    contentItem: Column {
        spacing: 4
        leftPadding: 12
        topPadding: 12
        Label {
            id: numberLabel
            font.pixelSize: Theme.number
            font.bold: true
            color: control.tone
        }
        Label {
            id: caption
            width: control.width - 24
            font.pixelSize: Theme.small
            color: Theme.muted
            wrapMode: Text.Wrap
        }
    }
}
