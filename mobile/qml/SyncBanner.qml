import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import Qiaomen

// The line above the tabs that always says where the work stands: 离线 · 3 条待上传, 正在同步 40%,
// 已同步 09:32, 2 条被拒收. Offline is normal, so it is quiet grey; refused changes are red and a
// tap opens 我的, where they are listed with what to do.
Rectangle {
    id: banner
    objectName: "syncBanner"
    signal openDetails()
    readonly property int syncState: AppController.syncState
    implicitHeight: Math.max(Theme.touch - 12, label.implicitHeight + 12)
    color: syncState === AppController.RefusedChanges ? Theme.dangerBg
         : syncState === AppController.Syncing ? Theme.infoBg : Theme.neutralBg
    Accessible.role: Accessible.Button
    Accessible.name: label.text

    Rectangle {
        anchors.left: parent.left
        anchors.bottom: parent.bottom
        height: 3
        visible: banner.syncState === AppController.Syncing
        width: parent.width * AppController.syncFraction
        color: Theme.accent
    }
    Label {
        id: label
        objectName: "syncBannerText"
        anchors.fill: parent
        anchors.leftMargin: Theme.margin
        anchors.rightMargin: Theme.margin
        verticalAlignment: Text.AlignVCenter
        wrapMode: Text.Wrap
        font.pixelSize: Theme.small
        color: banner.syncState === AppController.RefusedChanges ? Theme.danger
             : banner.syncState === AppController.Syncing ? Theme.accent : Theme.muted
        text: AppController.syncBanner
    }
    MouseArea {
        anchors.fill: parent
        onClicked: banner.openDetails()
    }
}
