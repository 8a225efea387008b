import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Dialogs
import QtQuick.Layouts
import Qiaomen

// Where one photo comes from: the camera when the phone has one (CameraPage, a private
// temporary capture), otherwise a picture file. Emits picked(file, captured).
Item {
    id: picker
    signal picked(string file, bool captured)
    readonly property alias sourceDialog: source
    readonly property alias fileDialog: fileDialog
    property Component cameraComponent: Component { CameraPage {} }
    property StackView stackView: null  // where the camera page is pushed

    function open() { source.open() }

    Dialog {
        id: source
        objectName: "stepPhotoSource"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: parent.width - 32
        modal: true
        title: qsTr("添加照片")
        property bool camera: false
        property bool pickFile: false  // the file dialog opens once this sheet has gone
        onClosed: if (pickFile) { pickFile = false; fileDialog.open() }
        background: Rectangle { color: Theme.card; border.color: Theme.line; radius: 8 }
        onAboutToShow: camera = AppController.cameraAvailable()
        ColumnLayout {
            width: parent.width
            spacing: Theme.gap
            AppButton {
                objectName: "stepTakePhoto"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.bigButton
                visible: source.camera
                highlighted: true
                text: qsTr("拍照")
                font.pixelSize: Theme.large
                onClicked: {
                    source.close()
                    picker.stackView.push(picker.cameraComponent, { deliver: function(path) { picker.picked(path, true) } },
                               StackView.Immediate)
                }
            }
            Label {
                Layout.fillWidth: true
                visible: !source.camera
                text: qsTr("这台设备没有可用的相机，请选择已拍好的照片文件。")
                wrapMode: Text.Wrap
                color: Theme.muted
                font.pixelSize: Theme.body
            }
            AppButton {
                objectName: "stepPickFile"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.bigButton
                highlighted: !source.camera
                text: qsTr("选择照片文件")
                font.pixelSize: Theme.large
                onClicked: {
                    source.pickFile = true
                    source.close()
                }
            }
            AppButton {
                Layout.fillWidth: true
                text: qsTr("取消")
                onClicked: source.close()
            }
        }
    }

    FileDialog {
        id: fileDialog
        objectName: "stepPhotoFileDialog"
        title: qsTr("选择照片")
        nameFilters: [qsTr("照片 (*.jpg *.jpeg *.png)")]
        onAccepted: picker.picked(String(selectedFile), false)
    }
}
