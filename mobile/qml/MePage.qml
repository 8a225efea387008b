import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// 我的: sync (what waits, progress, last sync, refused changes), language, lock.
Page {
    id: page
    objectName: "mePage"
    background: Rectangle { color: Theme.background }
    readonly property var counts: AppController.counts

    header: ToolBar {
        background: Rectangle { implicitHeight: 56; color: Theme.accent }
        Label {
            anchors.centerIn: parent
            text: qsTr("我的")
            color: "white"
            font.pixelSize: Theme.title
        }
    }

    Flickable {
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
                Layout.fillWidth: true
                visible: AppController.refused.count > 0
                Label { text: qsTr("县里退回的修改"); font.pixelSize: Theme.title; font.bold: true; color: Theme.danger }
                Repeater {
                    model: AppController.refused
                    Label {
                        width: parent.width
                        wrapMode: Text.Wrap
                        font.pixelSize: Theme.body
                        text: what + "：" + reason
                    }
                }
            }

            Card {
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
                    Label { Layout.fillWidth: true; text: qsTr("锁定本机"); font.pixelSize: Theme.body }
                    AppButton {
                        Layout.preferredHeight: Theme.touch
                        text: qsTr("锁定")
                        font.pixelSize: Theme.body
                        onClicked: AppController.lock()
                    }
                }
                Label {
                    text: qsTr("版本 %1").arg(AppInfo.version)
                    color: Theme.muted
                    font.pixelSize: Theme.small
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
}
