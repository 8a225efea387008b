import QtQuick
import QtTest
import Qiaomen

// The visit flow through the real screens over a real (demo) profile.
TestCase {
    id: testCase
    name: "VisitFlow"
    when: windowShown
    width: 360
    height: 640

    property var main: null

    Component { id: mainComponent; Main {} }
    SignalSpy { id: finished; target: AppController; signalName: "visitFinished" }
    SignalSpy { id: problem; target: AppController; signalName: "visitProblem" }

    function taskOf(name) {
        for (var i = 0; i < AppController.tasks.count; ++i) {
            var row = AppController.tasks.get(i)
            if (row.name === name) return row
        }
        return null
    }
    function child(name) {
        var found = null
        tryVerify(function() { found = findChild(main.contentItem, name); return found !== null && found.visible },
                  5000, "no visible item " + name)
        return found
    }

    function initTestCase() {
        main = mainComponent.createObject(testCase)
        verify(main !== null)
        tryCompare(AppController, "state", AppController.Locked, 10000)
        AppController.unlock("246810")
        tryCompare(AppController, "state", AppController.Ready, 10000)
        tryVerify(function() { return AppController.tasks.count === 9 }, 10000)
    }
    function cleanupTestCase() { main.destroy() }
    function init() { finished.clear(); problem.clear(); main.showTab(1, null) }

    function test_1_nobodyHomeFinishesInTwoTapsAndTheTaskStaysOpen() {
        var task = taskOf("张桂兰")
        verify(task !== null)
        verify(!task.returnDue)
        main.openVisit(task.taskId, "")
        tryVerify(function() { return AppController.visitActive })
        mouseClick(child("outcomeNobodyHome"))              // tap 1
        tryVerify(function() { return AppController.visit.outcome === AppController.NobodyHome })
        mouseClick(child("finishOutcomeButton"))            // tap 2
        finished.wait(10000)
        compare(finished.signalArguments[0][1], false, "a nobody-home visit leaves the task open")
        tryVerify(function() { var t = taskOf("张桂兰"); return t !== null && t.returnDue && !t.done }, 10000)
        verify(!AppController.visitActive)
    }

    function test_2_answersShowItemsLive() {
        var task = taskOf("刘玉梅")
        main.openVisit(task.taskId, "")
        tryVerify(function() { return AppController.visitActive })
        mouseClick(child("outcomeChecked"))
        tryVerify(function() { return AppController.checklist.count > 0 })
        compare(AppController.checklist.rowOf("stove_location"), -1)
        var heating = child("item_heating_type")
        mouseClick(findChild(heating, "choice_coal_stove"))
        tryVerify(function() { return AppController.checklist.rowOf("stove_location") >= 0 })
        mouseClick(findChild(heating, "choice_coal_stove"))  // tapped again: cleared
        tryVerify(function() { return AppController.checklist.rowOf("stove_location") === -1 })
        main.leaveVisit(null, null)
        tryVerify(function() { return AppController.drafts.count >= 1 }, 10000)
    }

    function test_3_aRequiredItemBlocksFinishAndIsNamed() {
        var task = taskOf("赵德明")
        main.openVisit(task.taskId, "")
        tryVerify(function() { return AppController.visitActive })
        mouseClick(child("outcomeChecked"))
        main.showVisitStep("summary", null)
        mouseClick(child("finishButton"))
        problem.wait(10000)
        compare(problem.signalArguments[0][0], "heating_type")
        var item = child("item_heating_type")
        var error = findChild(item, "itemError")
        tryVerify(function() { return error.visible && error.text === "必填，请作答" })
        verify(child("visitProblem").text.length > 0)
        compare(finished.count, 0, "nothing was recorded")
        verify(AppController.visitActive)
        var t = taskOf("赵德明")
        verify(!t.done)
        main.leaveVisit(null, null)
    }

    function test_4_aPhotoItemTakesAFile() {
        var task = taskOf("黄永福")
        main.openVisit(task.taskId, "")
        tryVerify(function() { return AppController.visitActive })
        mouseClick(child("outcomeChecked"))
        tryVerify(function() { return AppController.checklist.rowOf("hazard_photos") >= 0 })
        main.scrollChecklistTo("hazard_photos", null)
        mouseClick(findChild(child("item_hazard_photos"), "photoButton"))
        var page = child("visitPage")
        var sheet = page.photoSourceDialog
        tryVerify(function() { return sheet.opened })
        mouseClick(findChild(sheet.contentItem, "pickFileButton"))   // no camera here: a file
        var picker = page.photoFileDialog
        tryVerify(function() { return picker.visible })
        picker.currentFolder = Qt.resolvedUrl("data")
        // The picker's own list (Qt's Quick file dialog): tap the photo, then accept.
        var file = null
        tryVerify(function() {
            var list = findChild(main, "fileDialogListView")
            file = list !== null ? list.itemAtIndex(0) : null
            return file !== null && file.visible && String(file.fileUrl).indexOf("door.jpg") >= 0
        }, 10000, "the picker does not list data/door.jpg")
        mouseClick(file)
        tryVerify(function() { return String(picker.selectedFile).indexOf("door.jpg") >= 0 })
        picker.accept()
        tryVerify(function() {
            var item = findChild(main.contentItem, "item_hazard_photos")
            return item !== null && item.photoCount === 1
        }, 20000, "the photo was not added")
        verify(findChild(child("item_hazard_photos"), "removePhoto_0") !== null)
        main.leaveVisit(null, null)
    }
}
