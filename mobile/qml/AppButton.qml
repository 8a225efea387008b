import QtQuick
import QtQuick.Controls
import Qiaomen

// A button drawn by the app itself: white with a coloured label, or filled in `tone` when
// highlighted (the chosen answer, the main action). No elevation layer, so it renders the same
// on every scene graph backend, including the software one of the offscreen screenshots.
Button {
    id: control
    property color tone: Theme.accent
    implicitHeight: Theme.touch
    font.pixelSize: Theme.body
    padding: 8
    contentItem: Label {
        text: control.text
        font: control.font
        color: control.highlighted ? Theme.accentText : control.tone
        horizontalAlignment: Text.AlignHCenter
        verticalAlignment: Text.AlignVCenter
        elide: Text.ElideRight
    }
    background: Rectangle {
        implicitWidth: 64
        radius: 6
        opacity: control.enabled ? 1 : 0.45
        color: control.highlighted ? (control.down ? Qt.darker(control.tone, 1.2) : control.tone)
                                   : (control.down ? Theme.pressed : Theme.card)
        border.color: control.highlighted ? control.tone : Theme.line
        border.width: 1
    }
}
