import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// One step of a hazard: a rectification (整改, with the after-photo) or a recheck (复查, passed
// or failed), each with a note. A refused step says why in red; a saved one goes back to the
// hazard, whose history then shows it.
Page {
    id: page
    objectName: "hazardStepPage"
    property string kind: "rectify"  // rectify | recheck
    property bool passed: true
    property string photo: ""        // the chosen after-photo (file URL or capture path)
    property bool captured: false    // `photo` is the camera's temporary capture
    property bool sent: false
    readonly property bool rectify: kind === "rectify"
    readonly property alias photoPicker: picker
    readonly property alias noteField: note
    background: Rectangle { color: Theme.background }

    function leave() {
        if (captured && photo !== "") AppController.discardCapture(photo)
        StackView.view.pop(StackView.Immediate)
    }
    function save() {
        problem.text = ""
        sent = true
        if (rectify) AppController.recordRectification(note.text, photo, captured)
        else AppController.recordRecheck(passed, note.text)
        // The worker owns (and deletes) a capture from here on.
        captured = false
    }

    Connections {
        target: AppController
        function onHazardStepFailed(message) {
            page.sent = false
            problem.text = message
        }
    }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        RowLayout {
            anchors.fill: parent
            ToolButton {
                objectName: "stepBack"
                implicitWidth: Theme.touch
                implicitHeight: Theme.touch
                text: "←"
                Accessible.name: qsTr("返回")
                font.pixelSize: Theme.headline
                Material.foreground: Theme.barText
                onClicked: page.leave()
            }
            Label {
                Layout.fillWidth: true
                text: page.rectify ? qsTr("记录整改") : page.passed ? qsTr("复查通过") : qsTr("复查不通过")
                color: Theme.barText
                font.pixelSize: Theme.title
                elide: Text.ElideRight
            }
        }
    }

    Flickable {
        anchors.fill: parent
        anchors.bottomMargin: bottom.height + 2 * Theme.margin
        contentHeight: column.implicitHeight + 2 * Theme.margin
        clip: true
        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: page.width - 2 * Theme.margin
            spacing: 12

            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
                font.bold: true
                text: ((AppInfo.chinese ? AppController.hazard.titleZh : AppController.hazard.titleEn) || "")
                      + " · " + (AppController.hazard.subjectName || "")
            }

            Card {
                Layout.fillWidth: true
                visible: page.rectify
                Label { text: qsTr("整改后照片"); font.pixelSize: Theme.body; font.bold: true }
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: qsTr("请拍下整改后的样子，作为整改的证据。")
                    color: Theme.muted
                    font.pixelSize: Theme.small
                }
                Image {
                    objectName: "afterPhotoPreview"
                    visible: page.photo !== ""
                    width: parent.width
                    height: 160
                    fillMode: Image.PreserveAspectFit
                    asynchronous: true
                    cache: false
                    sourceSize: Qt.size(480, 320)
                    source: page.photo === "" ? "" : (page.photo.indexOf("file:") === 0 ? page.photo : "file://" + page.photo)
                }
                AppButton {
                    objectName: "afterPhotoButton"
                    width: parent.width
                    height: Theme.touch + 4
                    text: page.photo === "" ? qsTr("拍照 / 选择照片") : qsTr("换一张照片")
                    onClicked: picker.open()
                }
            }

            Label {
                Layout.fillWidth: true
                visible: !page.rectify
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
                color: page.passed ? Theme.muted : Theme.danger
                text: page.passed ? qsTr("复查确认已整改到位。通过后等待销号。")
                                  : qsTr("复查发现没有整改到位：隐患退回限期整改，请在说明里写清问题。")
            }

            Label { text: qsTr("情况说明（可不填）"); font.pixelSize: Theme.body }
            TextArea {
                id: note
                objectName: "stepNote"
                Accessible.name: qsTr("情况说明（可不填）")
                Layout.fillWidth: true
                Layout.minimumHeight: 96
                wrapMode: TextEdit.Wrap
                font.pixelSize: Theme.body
                leftPadding: 12
                rightPadding: 12
                topPadding: 10
                bottomPadding: 10
                placeholderText: page.rectify ? qsTr("如：已更换燃气软管") : qsTr("如：烟道已装好，通风良好")
                background: Rectangle { color: Theme.card; border.color: Theme.line; radius: 6 }
            }
        }
    }

    // What went wrong sits just above the button, where the eye is when it was tapped.
    ColumnLayout {
        id: bottom
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        spacing: Theme.gap
        Label {
            id: problem
            objectName: "stepProblem"
            Layout.fillWidth: true
            visible: text !== ""
            wrapMode: Text.Wrap
            color: Theme.danger
            font.pixelSize: Theme.body
            padding: 8
            background: Rectangle { color: Theme.dangerBg; radius: 6 }
        }
        BigButton {
            id: saveButton
            objectName: "saveStepButton"
            Layout.fillWidth: true
            enabled: !page.sent && !AppController.busy && (!page.rectify || page.photo !== "")
            tone: !page.rectify && !page.passed ? Theme.danger : Theme.accent
            text: page.rectify ? qsTr("保存整改") : qsTr("保存复查结果")
            onClicked: page.save()
        }
    }

    PhotoPicker {
        id: picker
        stackView: page.StackView.view
        onPicked: (file, captured) => {
            if (page.captured && page.photo !== "") AppController.discardCapture(page.photo)
            page.photo = file
            page.captured = captured
            problem.text = ""
        }
    }
}
