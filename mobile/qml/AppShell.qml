import QtQuick
import QtQuick.Controls
import QtQuick.Controls.Material
import QtQuick.Layouts
import Qiaomen

// The unlocked app: four bottom tabs (首页 任务 隐患 我的) and pages pushed over them
// (a household, a visit).
Page {
    id: shell
    objectName: "appShell"
    background: Rectangle { color: Theme.background }

    function showTab(index) {
        while (stack.depth > 1) stack.pop(null, StackView.Immediate)
        tabs.currentIndex = index
    }
    function openHousehold(subjectId, taskId) {
        AppController.openHousehold(subjectId, taskId)
        stack.push(householdComponent, {}, StackView.Immediate)
    }
    function openVisit(taskId, draftId) {
        if (draftId) AppController.resumeVisit(draftId)
        else AppController.startVisit(taskId)
        if (!(stack.currentItem instanceof VisitPage)) stack.push(visitComponent, {}, StackView.Immediate)
    }
    function editHousehold() {
        if (stack.currentItem && stack.currentItem.objectName === "householdPage")
            stack.push(stack.currentItem.editComponent, {}, StackView.Immediate)
    }
    function openHazard(hazardId) {
        AppController.openHazard(hazardId)
        if (stack.currentItem && stack.currentItem.objectName === "hazardPage") return
        stack.push(hazardComponent, {}, StackView.Immediate)
    }
    // On the hazard page: opens its step page ("rectify" or "recheck", passed or not).
    function openHazardStep(kind, passed) {
        if (stack.currentItem && stack.currentItem.objectName === "hazardPage")
            stack.currentItem.openStep(kind, passed)
    }
    function currentPage() { return stack.currentItem }
    function showHazardHistory() {
        if (stack.currentItem && stack.currentItem.objectName === "hazardPage") stack.currentItem.showHistory()
    }
    function popPage() { if (stack.depth > 1) stack.pop(StackView.Immediate) }
    function visitPage() { return stack.currentItem instanceof VisitPage ? stack.currentItem : null }

    Connections {
        target: AppController
        function onVisitFinished(message, taskClosed) {
            if (shell.visitPage()) stack.pop(StackView.Immediate)
            if (stack.currentItem && stack.currentItem.objectName === "householdPage") {
                AppController.openHousehold(AppController.household.subjectId, AppController.household.taskId)
            }
            toast.show(message)
        }
        function onHouseholdSaved(message) { toast.show(message) }
        function onHazardStepRecorded(message) {
            if (stack.currentItem && stack.currentItem.objectName === "hazardStepPage")
                stack.pop(StackView.Immediate)
            toast.show(message)
        }
        function onMessageChanged() { if (AppController.message !== "") toast.show(AppController.message) }
    }

    StackView {
        id: stack
        anchors.fill: parent
        initialItem: StackLayout {
            currentIndex: tabs.currentIndex
            HomePage { onOpenTab: (index, filter) => { if (filter >= 0) AppController.filter = filter; tabs.currentIndex = index } }
            TaskListPage {}
            HazardsPage {}
            MePage {}
        }
    }

    Component { id: householdComponent; HouseholdPage {} }
    Component { id: visitComponent; VisitPage {} }
    Component { id: hazardComponent; HazardPage {} }

    // The bottom tabs draw their own opaque bar with a hairline on top; the chosen tab is marked
    // by its accent-coloured label. Material's indicator line sat on the bar's top edge, over
    // the last card of a list scrolling behind it, and its elevation shadow needs a shader
    // effect that software rendering drops (a see-through bar).
    // The sync banner sits on the tabs, so every tab says where the work stands.
    footer: ColumnLayout {
        visible: stack.depth === 1
        z: 2
        spacing: 0
        SyncBanner {
            Layout.fillWidth: true
            onOpenDetails: tabs.currentIndex = 3
        }
        TabBar {
            id: tabs
            Layout.fillWidth: true
            implicitHeight: 56
            Material.accent: Theme.accent
            background: Rectangle {
                color: Theme.card
                Rectangle { width: parent.width; height: 1; color: Theme.line }
            }
            contentItem: ListView {
                model: tabs.contentModel
                currentIndex: tabs.currentIndex
                orientation: ListView.Horizontal
                boundsBehavior: Flickable.StopAtBounds
                interactive: false
                clip: true
            }
            TabButton { text: qsTr("首页"); font.pixelSize: Theme.body; font.capitalization: Font.MixedCase; height: 56 }
            TabButton { text: qsTr("任务"); font.pixelSize: Theme.body; font.capitalization: Font.MixedCase; height: 56 }
            TabButton { text: qsTr("隐患"); font.pixelSize: Theme.body; font.capitalization: Font.MixedCase; height: 56 }
            TabButton { text: qsTr("我的"); font.pixelSize: Theme.body; font.capitalization: Font.MixedCase; height: 56 }
        }
    }

    Toast { id: toast }
}
