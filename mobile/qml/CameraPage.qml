import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import QtMultimedia
import Qiaomen

// The camera (QtMultimedia): a full-screen preview and one big shutter button at the bottom.
// The capture goes to a private temporary file that the worker seals and then deletes.
Page {
    id: page
    objectName: "cameraPage"
    property string itemId: ""
    // Who takes the capture: a function(path), or null for the visit's photo item `itemId`.
    property var deliver: null
    background: Rectangle { color: "black" }

    function close() { StackView.view.pop(StackView.Immediate) }

    CaptureSession {
        camera: Camera { id: camera; active: true }
        imageCapture: ImageCapture {
            id: capture
            onImageSaved: (requestId, path) => {
                if (page.deliver) page.deliver(path)
                else AppController.addCapturedPhoto(page.itemId, path)
                page.close()
            }
            onErrorOccurred: (requestId, error, message) => {
                problem.text = qsTr("拍照没有成功，请再按一次快门。")
            }
        }
        videoOutput: preview
    }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: "black" }
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "cameraBack"
                text: "←"
                Accessible.name: qsTr("返回")
                font.pixelSize: Theme.headline
                Material.foreground: "white"
                onClicked: page.close()
            }
            Label {
                Layout.fillWidth: true
                text: qsTr("拍照留证")
                color: "white"
                font.pixelSize: Theme.title
            }
        }
    }

    VideoOutput {
        id: preview
        anchors.fill: parent
        fillMode: VideoOutput.PreserveAspectFit
    }

    Label {
        id: problem
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        visible: text !== "" || camera.errorString !== ""
        text: camera.errorString !== "" ? qsTr("相机打不开，请返回后从文件中选择照片。") : ""
        color: "white"
        wrapMode: Text.Wrap
        font.pixelSize: Theme.body
        background: Rectangle { color: Theme.danger; radius: 6 }
        padding: 8
    }

    footer: Rectangle {
        implicitHeight: 96
        color: "black"
        BigButton {
            objectName: "shutterButton"
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            text: qsTr("拍照")
            enabled: capture.readyForCapture && !AppController.busy
            onClicked: capture.captureToFile(AppController.newCapturePath())
        }
    }
}
