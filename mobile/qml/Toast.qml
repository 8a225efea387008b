import QtQuick
import Qiaomen
import QtQuick.Controls

// A short message above the bottom bar that goes away by itself.
Popup {
    id: popup
    property alias text: label.text
    function show(message) { text = message; open(); timer.restart() }
    x: (parent.width - width) / 2
    y: parent.height - height - 80
    width: Math.min(parent.width - 32, label.implicitWidth + 32)
    padding: 12
    closePolicy: Popup.CloseOnPressOutside
    background: Rectangle { color: "#323232"; radius: 8; opacity: 0.92 }
    contentItem: Label {
        id: label
        color: "white"
        wrapMode: Text.Wrap
        font.pixelSize: Theme.body
    }
    Timer { id: timer; interval: 3500; onTriggered: popup.close() }
}
