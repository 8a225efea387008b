import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import Qiaomen

// The window: enrolment, the PIN pad or the app itself, by the device's state. The functions
// below are the doors the screenshot tour and the tests open (two arguments each).
ApplicationWindow {
    id: window
    width: 360
    height: 640
    visible: true
    title: qsTr("敲门 · 安全检查")
    color: Theme.background
    Material.theme: Theme.dark ? Material.Dark : Material.Light
    Material.foreground: Theme.text
    Material.accent: Theme.accent
    Material.primary: Theme.accent

    function showTab(index, unused) { if (shell.item && shell.item.showTab) shell.item.showTab(index) }
    function openHousehold(subjectId, taskId) { if (shell.item && shell.item.openHousehold) shell.item.openHousehold(subjectId, taskId) }
    function editHousehold(a, b) { if (shell.item && shell.item.editHousehold) shell.item.editHousehold() }
    function openVisit(taskId, draftId) { if (shell.item && shell.item.openVisit) shell.item.openVisit(taskId, draftId) }
    function showVisitStep(step, unused) { if (shell.item && shell.item.visitPage()) shell.item.visitPage().step = step }
    function scrollChecklistTo(itemId, unused) { if (shell.item && shell.item.visitPage()) shell.item.visitPage().scrollTo(itemId) }
    function finishVisit(a, b) { if (shell.item && shell.item.visitPage()) shell.item.visitPage().finish() }
    function leaveVisit(a, b) { if (shell.item && shell.item.visitPage()) shell.item.visitPage().leave() }
    function openHazard(hazardId, unused) { if (shell.item && shell.item.openHazard) shell.item.openHazard(hazardId) }
    function openHazardStep(kind, passed) { if (shell.item && shell.item.openHazardStep) shell.item.openHazardStep(kind, passed) }
    function setStepPhoto(file, unused) {
        var page = currentPage()
        if (page && page.objectName === "hazardStepPage") { page.photo = file; page.captured = false }
    }
    function showHazardHistory(a, b) { if (shell.item && shell.item.showHazardHistory) shell.item.showHazardHistory() }
    function popPage(a, b) { if (shell.item && shell.item.popPage) shell.item.popPage() }
    function currentPage() { return shell.item && shell.item.currentPage ? shell.item.currentPage() : null }
    function setChinese(chinese, unused) { AppInfo.chinese = chinese }
    function showPhotoSource(itemId, unused) {
        var page = shell.item ? shell.item.visitPage() : null
        if (!page) return
        page.photoSourceDialog.itemId = itemId
        if (itemId) page.photoSourceDialog.open(); else page.photoSourceDialog.close()
    }

    Loader {
        id: shell
        objectName: "shell"
        anchors.fill: parent
        sourceComponent: {
            switch (AppController.state) {
            case AppController.NeedsEnrolment: return enrolComponent
            case AppController.Locked: return unlockComponent
            case AppController.Ready: return appComponent
            default: return startingComponent
            }
        }
    }

    Component { id: enrolComponent; EnrolPage {} }
    Component { id: unlockComponent; UnlockPage {} }
    Component { id: appComponent; AppShell {} }
    Component {
        id: startingComponent
        Item { BusyIndicator { anchors.centerIn: parent; running: true } }
    }
}
