import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// 我的: sync (what waits, progress, last sync, refused changes), settings (language, PIN, the
// offline hand-over file, server and device, lock, leave this device).
Page {
    id: page
    objectName: "mePage"
    background: Rectangle { color: Theme.background }
    readonly property var counts: AppController.counts
    property string settingsMessage: ""
    property bool settingsFailed: false

    Connections {
        target: AppController
        function onSettingsDone(message) {
            page.settingsFailed = false
            page.settingsMessage = message
            pinDialog.close()
        }
        function onSettingsFailed(message) {
            page.settingsFailed = true
            page.settingsMessage = message
        }
    }

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.bar }
        Label {
            anchors.centerIn: parent
            text: qsTr("我的")
            color: Theme.barText
            font.pixelSize: Theme.title
        }
    }

    Flickable {
        objectName: "meFlickable"
        anchors.fill: parent
        anchors.bottomMargin: syncButton.height + 2 * Theme.margin
        contentHeight: column.implicitHeight + 2 * Theme.margin
        clip: true
        ColumnLayout {
            id: column
            x: Theme.margin
            y: Theme.margin
            width: page.width - 2 * Theme.margin
            spacing: 12

            Card {
                Layout.fillWidth: true
                Label { text: qsTr("数据同步"); font.pixelSize: Theme.title; font.bold: true }
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    text: qsTr("待上传：%1 条记录，%2 张照片").arg(page.counts.pendingChanges || 0).arg(page.counts.pendingPhotos || 0)
                }
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    color: Theme.muted
                    text: qsTr("上次同步：%1").arg(AppController.timeText(page.counts.lastSync || 0))
                }
                ProgressBar {
                    objectName: "syncProgress"
                    width: parent.width
                    visible: AppController.syncing
                    value: AppController.syncFraction
                }
                Label {
                    objectName: "syncEta"
                    width: parent.width
                    visible: AppController.syncing && text !== ""
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    color: Theme.accent
                    text: AppController.syncEta
                }
                Label {
                    objectName: "syncMessage"
                    width: parent.width
                    visible: text !== ""
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    text: AppController.syncMessage
                }
            }

            Card {
                objectName: "refusedCard"
                Layout.fillWidth: true
                visible: AppController.refused.count > 0
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    text: qsTr("县里拒收的记录（%1 条）").arg(AppController.refused.count)
                    font.pixelSize: Theme.title
                    font.bold: true
                    color: Theme.danger
                }
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.small
                    color: Theme.muted
                    text: qsTr("这些记录仍保存在本机，不会丢失。")
                }
                Repeater {
                    model: AppController.refused
                    Column {
                        width: parent.width
                        spacing: 4
                        Rectangle { width: parent.width; height: 1; color: Theme.line }
                        Label {
                            width: parent.width
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.body
                            font.bold: true
                            text: what + " · " + AppController.timeText(at)
                        }
                        Label {
                            width: parent.width
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.body
                            text: why
                        }
                        Label {
                            width: parent.width
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.body
                            color: Theme.accent
                            text: qsTr("怎么办：%1").arg(todo)
                        }
                        Label {
                            width: parent.width
                            wrapMode: Text.Wrap
                            font.pixelSize: Theme.small
                            color: Theme.muted
                            text: qsTr("县里的说明：%1").arg(reason)
                        }
                    }
                }
            }

            Card {
                objectName: "settingsCard"
                Layout.fillWidth: true
                Label { text: qsTr("设置"); font.pixelSize: Theme.title; font.bold: true }
                RowLayout {
                    width: parent.width
                    Label { Layout.fillWidth: true; text: qsTr("界面语言"); font.pixelSize: Theme.body }
                    AppButton {
                        objectName: "languageButton"
                        Layout.preferredHeight: Theme.touch
                        text: AppInfo.chinese ? "English" : "中文"
                        font.pixelSize: Theme.body
                        onClicked: AppInfo.chinese = !AppInfo.chinese
                    }
                }
                RowLayout {
                    width: parent.width
                    Label { Layout.fillWidth: true; text: qsTr("深色主题"); font.pixelSize: Theme.body }
                    AppButton {
                        objectName: "darkButton"
                        Layout.preferredHeight: Theme.touch
                        Accessible.name: qsTr("深色主题")
                        text: AppInfo.dark ? qsTr("关闭") : qsTr("开启")
                        font.pixelSize: Theme.body
                        onClicked: AppInfo.dark = !AppInfo.dark
                    }
                }
                RowLayout {
                    width: parent.width
                    Label { Layout.fillWidth: true; text: qsTr("解锁密码"); font.pixelSize: Theme.body }
                    AppButton {
                        objectName: "changePinButton"
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("修改密码")
                        font.pixelSize: Theme.body
                        onClicked: pinDialog.open()
                    }
                }
                Label {
                    width: parent.width
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    text: qsTr("没有信号、很多天传不上去时：把未上传的记录导出成文件，交给乡镇工作人员带到县里导入。")
                }
                AppButton {
                    objectName: "exportBundleButton"
                    width: parent.width
                    text: qsTr("导出未上传的记录（%1 条）").arg(page.counts.pendingChanges || 0)
                    font.pixelSize: Theme.body
                    enabled: !AppController.busy && (page.counts.pendingChanges || 0) > 0
                    onClicked: AppController.exportBundle()
                }
                Label {
                    objectName: "settingsMessage"
                    width: parent.width
                    visible: page.settingsMessage !== ""
                    wrapMode: Text.Wrap
                    font.pixelSize: Theme.body
                    color: page.settingsFailed ? Theme.danger : Theme.accent
                    text: page.settingsMessage
                }
                RowLayout {
                    width: parent.width
                    Label { Layout.fillWidth: true; text: qsTr("锁定本机"); font.pixelSize: Theme.body }
                    AppButton {
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("锁定")
                        font.pixelSize: Theme.body
                        onClicked: AppController.lock()
                    }
                }
            }

            Card {
                Layout.fillWidth: true
                Label { text: qsTr("服务器和本机"); font.pixelSize: Theme.title; font.bold: true }
                Label {
                    width: parent.width
                    wrapMode: Text.WrapAnywhere
                    font.pixelSize: Theme.body
                    text: qsTr("县服务器：%1").arg(page.counts.serverUrl ? page.counts.serverUrl : qsTr("未设置"))
                }
                Label {
                    text: qsTr("版本 %1").arg(AppInfo.version)
                    color: Theme.muted
                    font.pixelSize: Theme.small
                }
                AppButton {
                    objectName: "leaveButton"
                    width: parent.width
                    tone: Theme.danger
                    text: qsTr("退出本机…")
                    font.pixelSize: Theme.body
                    onClicked: leaveDialog.open()
                }
            }
        }
    }

    BigButton {
        id: syncButton
        objectName: "syncButton"
        anchors.left: parent.left
        anchors.right: parent.right
        anchors.bottom: parent.bottom
        anchors.margins: Theme.margin
        text: AppController.syncing ? qsTr("停止同步") : qsTr("立即同步")
        onClicked: AppController.syncing ? AppController.cancelSync() : AppController.sync()
    }

    Dialog {
        id: pinDialog
        objectName: "pinDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: parent.width - 32
        modal: true
        title: qsTr("修改密码")
        background: Rectangle { color: Theme.card; border.color: Theme.line; radius: 8 }
        onAboutToShow: { oldPin.text = ""; newPin.text = ""; newPinAgain.text = ""; page.settingsMessage = "" }
        ColumnLayout {
            width: parent.width
            spacing: Theme.gap
            Label { text: qsTr("原密码"); font.pixelSize: Theme.body }
            TextField { id: oldPin; objectName: "oldPinField"; Accessible.name: qsTr("原密码"); Layout.fillWidth: true; echoMode: TextInput.Password; inputMethodHints: Qt.ImhDigitsOnly; maximumLength: 6; font.pixelSize: Theme.body }
            Label { text: qsTr("新密码（6 位数字）"); font.pixelSize: Theme.body }
            TextField { id: newPin; objectName: "newPinField"; Accessible.name: qsTr("新密码（6 位数字）"); Layout.fillWidth: true; echoMode: TextInput.Password; inputMethodHints: Qt.ImhDigitsOnly; maximumLength: 6; font.pixelSize: Theme.body }
            Label { text: qsTr("再次输入新密码"); font.pixelSize: Theme.body }
            TextField { id: newPinAgain; objectName: "newPinAgainField"; Accessible.name: qsTr("再次输入新密码"); Layout.fillWidth: true; echoMode: TextInput.Password; inputMethodHints: Qt.ImhDigitsOnly; maximumLength: 6; font.pixelSize: Theme.body }
            Label {
                Layout.fillWidth: true
                visible: page.settingsFailed && page.settingsMessage !== ""
                text: page.settingsMessage
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
            AppButton {
                objectName: "pinChangeConfirm"
                Layout.fillWidth: true
                highlighted: true
                enabled: !AppController.busy
                text: qsTr("修改")
                onClicked: AppController.changePin(oldPin.text, newPin.text, newPinAgain.text)
            }
            AppButton { Layout.fillWidth: true; text: qsTr("取消"); onClicked: pinDialog.close() }
        }
    }

    Dialog {
        id: leaveDialog
        objectName: "leaveDialog"
        parent: Overlay.overlay
        anchors.centerIn: parent
        width: parent.width - 32
        modal: true
        title: qsTr("退出本机")
        // Drawn here: Material's elevated background needs a shader software rendering drops.
        background: Rectangle { color: Theme.card; border.color: Theme.line; radius: 8 }
        onAboutToShow: { leavePin.text = ""; page.settingsMessage = "" }
        ColumnLayout {
            id: leaveColumn
            width: parent.width
            spacing: Theme.gap
            Label {
                objectName: "leaveExplained"
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
                text: qsTr("退出后，这台手机上的走访记录、照片、隐患和密钥都会被清除，无法恢复。县里已经收到的记录不受影响。")
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
                font.bold: true
                color: Theme.danger
                visible: (page.counts.pendingChanges || 0) > 0 || (page.counts.pendingPhotos || 0) > 0
                text: qsTr("还有 %1 条记录、%2 张照片没有上传到县里，退出后就没有了。请先同步，或先导出文件交给乡镇工作人员。")
                      .arg(page.counts.pendingChanges || 0).arg(page.counts.pendingPhotos || 0)
            }
            Label {
                Layout.fillWidth: true
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
                text: qsTr("要在这台手机上再用，需要向乡镇工作人员重新索取登记码。输入密码确认：")
            }
            TextField { id: leavePin; objectName: "leavePinField"; Accessible.name: qsTr("解锁密码"); Layout.fillWidth: true; echoMode: TextInput.Password; inputMethodHints: Qt.ImhDigitsOnly; maximumLength: 6; font.pixelSize: Theme.body }
            Label {
                Layout.fillWidth: true
                visible: page.settingsFailed && page.settingsMessage !== ""
                text: page.settingsMessage
                color: Theme.danger
                wrapMode: Text.Wrap
                font.pixelSize: Theme.body
            }
            AppButton {
                objectName: "leaveConfirm"
                Layout.fillWidth: true
                highlighted: true
                tone: Theme.danger
                enabled: leavePin.text.length === 6 && !AppController.busy
                text: qsTr("清除数据并退出")
                onClicked: AppController.leaveDevice(leavePin.text)
            }
            AppButton { Layout.fillWidth: true; text: qsTr("取消"); onClicked: leaveDialog.close() }
        }
    }
}
