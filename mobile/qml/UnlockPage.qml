import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// The PIN pad: six digits, big keys for gloved thumbs, the tries left, and a plain warning
// before the last tries that the data on this phone will be wiped.
Page {
    id: page
    objectName: "unlockPage"
    property string pin: ""
    background: Rectangle { color: Theme.background }

    function press(key) {
        if (AppController.busy) return
        if (key === "del") { pin = pin.slice(0, -1); return }
        if (pin.length >= 6) return
        pin += key
        if (pin.length === 6) { AppController.unlock(pin); pin = "" }
    }

    ColumnLayout {
        anchors.fill: parent
        anchors.margins: Theme.margin
        spacing: Theme.gap

        Label {
            Layout.alignment: Qt.AlignHCenter
            Layout.topMargin: 8
            text: qsTr("敲门 · 安全检查")
            font.pixelSize: Theme.headline
            font.bold: true
        }
        Label {
            Layout.alignment: Qt.AlignHCenter
            text: AppController.busy ? qsTr("正在解锁…") : qsTr("请输入 6 位密码")
            font.pixelSize: Theme.body
            color: Theme.muted
        }
        Row {
            Layout.alignment: Qt.AlignHCenter
            spacing: 14
            Repeater {
                model: 6
                Rectangle {
                    width: 14; height: 14; radius: 7
                    color: index < page.pin.length ? Theme.accent : "transparent"
                    border.color: Theme.accent
                    border.width: 2
                }
            }
        }
        Label {
            objectName: "unlockMessage"
            Layout.fillWidth: true
            horizontalAlignment: Text.AlignHCenter
            visible: text !== ""
            text: AppController.attemptsLeft >= 0 && AppController.message !== ""
                  ? qsTr("密码不正确，还可尝试 %1 次。").arg(AppController.attemptsLeft)
                  : AppController.message
            color: Theme.danger
            wrapMode: Text.Wrap
            font.pixelSize: Theme.body
        }
        Rectangle {
            objectName: "wipeWarning"
            Layout.fillWidth: true
            visible: AppController.attemptsLeft >= 0 && AppController.attemptsLeft <= 3
            implicitHeight: warning.implicitHeight + 16
            radius: 8
            color: Theme.dangerBg
            Label {
                id: warning
                anchors.fill: parent
                anchors.margins: 8
                text: qsTr("注意：再输错 %1 次，本机数据将被全部清除，未上传的记录无法恢复，需要重新登记。").arg(AppController.attemptsLeft)
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
        }
        Item { Layout.fillHeight: true }
        GridLayout {
            Layout.fillWidth: true
            columns: 3
            rowSpacing: Theme.gap
            columnSpacing: Theme.gap
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "", "0", "del"]
                AppButton {
                    Layout.fillWidth: true
                    Layout.preferredHeight: 60
                    opacity: modelData === "" ? 0 : 1
                    enabled: modelData !== ""
                                        text: modelData === "del" ? qsTr("删除") : modelData
                    font.pixelSize: modelData === "del" ? Theme.body : 24
                    onClicked: page.press(modelData)
                }
            }
        }
    }
}
