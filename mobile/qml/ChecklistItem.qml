import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// One checklist item: its label (required marked), a hazard badge the moment an answer derives
// one, large answer buttons by kind, photos, and its error in red with the fix in words.
Rectangle {
    id: root
    required property int index
    required property string itemId
    required property string kind
    required property string labelZh
    required property string labelEn
    required property string helpZh
    required property string helpEn
    required property string unit
    required property bool mandatory
    required property var answer
    required property var choices
    required property string errorZh
    required property string errorEn
    required property int photoCount
    required property var photoIds
    required property bool hazard
    signal photoRequested(string itemId)

    objectName: "item_" + itemId
    readonly property string error: AppInfo.chinese ? errorZh : errorEn
    color: error !== "" ? Theme.dangerBg : Theme.card
    radius: 8
    border.color: error !== "" ? Theme.danger : Theme.line
    implicitHeight: column.implicitHeight + 24

    function isSelected(code) {
        if (kind === "multi") return answer !== undefined && answer !== null && answer.indexOf(code) >= 0
        return answer === code
    }
    function toggle(code) {
        if (kind !== "multi") { AppController.setAnswer(itemId, isSelected(code) ? "" : code); return }
        var list = answer ? Array.from(answer) : []
        var at = list.indexOf(code)
        if (at >= 0) list.splice(at, 1); else list.push(code)
        AppController.setAnswer(itemId, list)
    }

    ColumnLayout {
        id: column
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.top: parent.top
        anchors.margins: 12
        spacing: Theme.gap

        RowLayout {
            Layout.fillWidth: true
            Label {
                Layout.fillWidth: true
                text: (AppInfo.chinese ? labelZh : labelEn) + (root.mandatory ? " *" : "")
                wrapMode: Text.Wrap
                font.pixelSize: Theme.large
            }
            Chip {
                objectName: "hazardBadge"
                visible: hazard
                text: qsTr("隐患", "badge on a checklist item")
                tone: Theme.danger
            }
        }
        Label {
            Layout.fillWidth: true
            visible: text !== ""
            text: AppInfo.chinese ? helpZh : helpEn
            wrapMode: Text.Wrap
            color: Theme.muted
            font.pixelSize: Theme.small
        }

        // 是 / 否 / 不适用 as three wide buttons.
        RowLayout {
            Layout.fillWidth: true
            visible: kind === "yesno"
            spacing: 6
            Repeater {
                model: [["yes", qsTr("是")], ["no", qsTr("否")], ["na", qsTr("不适用")]]
                AppButton {
                    objectName: "answer_" + modelData[0]
                    Layout.fillWidth: true
                    Layout.preferredHeight: Theme.touch + 4
                    text: modelData[1]
                    font.pixelSize: Theme.body
                    highlighted: root.isSelected(modelData[0])
                    onClicked: root.toggle(modelData[0])
                }
            }
        }

        Flow {
            Layout.fillWidth: true
            visible: kind === "choice" || kind === "multi"
            spacing: 6
            Repeater {
                model: (kind === "choice" || kind === "multi") ? choices : []
                AppButton {
                    objectName: "choice_" + modelData.code
                    height: Theme.touch
                    text: (AppInfo.chinese ? modelData.zh : modelData.en)
                    font.pixelSize: Theme.body
                    highlighted: root.isSelected(modelData.code)
                    onClicked: root.toggle(modelData.code)
                }
            }
        }

        RowLayout {
            Layout.fillWidth: true
            visible: kind === "integer" || kind === "decimal" || kind === "text" || kind === "date"
            TextField {
                objectName: "textAnswer"
                Accessible.name: AppInfo.chinese ? labelZh : labelEn
                Layout.fillWidth: true
                font.pixelSize: Theme.body
                text: answer !== undefined && answer !== null ? answer : ""
                placeholderText: kind === "date" ? qsTr("年-月-日，如 2026-12-03") : qsTr("请填写")
                inputMethodHints: kind === "integer" ? Qt.ImhDigitsOnly
                                  : kind === "decimal" ? Qt.ImhFormattedNumbersOnly : Qt.ImhNone
                onEditingFinished: if (text !== (answer || "")) AppController.setAnswer(itemId, text)
            }
            Label { visible: unit !== ""; text: unit; font.pixelSize: Theme.body }
        }

        ColumnLayout {
            Layout.fillWidth: true
            visible: kind === "photo" || kind === "signature"
            Label {
                text: photoCount > 0 ? qsTr("已拍 %1 张").arg(photoCount) : qsTr("还没有照片")
                color: Theme.muted
                font.pixelSize: Theme.small
            }
            Flow {
                Layout.fillWidth: true
                spacing: 6
                Repeater {
                    model: photoIds
                    AppButton {
                        objectName: "removePhoto_" + index
                        text: qsTr("照片 %1  删除").arg(index + 1)
                        font.pixelSize: Theme.small
                        onClicked: AppController.removePhoto(modelData)
                    }
                }
            }
            AppButton {
                objectName: "photoButton"
                Layout.fillWidth: true
                Layout.preferredHeight: Theme.touch + 4
                text: kind === "signature" ? qsTr("添加签字照片") : qsTr("拍照 / 选择照片")
                font.pixelSize: Theme.body
                onClicked: root.photoRequested(itemId)
            }
        }

        Label {
            Layout.fillWidth: true
            visible: kind === "location"
            text: qsTr("定位将在完成时自动记录")
            color: Theme.muted
            font.pixelSize: Theme.small
        }

        Label {
            objectName: "itemError"
            Layout.fillWidth: true
            visible: root.error !== ""
            text: root.error
            color: Theme.danger
            wrapMode: Text.Wrap
            font.pixelSize: Theme.body
        }
    }
}
