import QtQuick
import QtTest
import Qiaomen

// The today list's groups and filters through the real screens over a real (demo) profile: a
// group's header counts follow a finished visit; the open-hazards filter shows only households
// with an open hazard.
TestCase {
    id: testCase
    name: "TodayGroups"
    when: windowShown
    width: 360
    height: 640

    property var main: null

    Component { id: mainComponent; Main {} }
    SignalSpy { id: finished; target: AppController; signalName: "visitFinished" }
    SignalSpy { id: loaded; target: AppController; signalName: "tasksLoaded" }

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
    // The counts line of the header of group `section` on screen ("" when there is none).
    function headerCounts(section) {
        var header = findChild(main.contentItem, "sectionHeader_" + section)
        var counts = header ? findChild(header, "sectionCounts") : null
        return counts && counts.visible ? counts.text : ""
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
    function init() { finished.clear(); loaded.clear(); main.showTab(1, null) }

    function test_groupHeaderCountsChangeAfterAVisitIsFinished() {
        var section = "石门村 · 第二网格"
        tryVerify(function() { return headerCounts(section) === "已走访 0 · 剩余 2" }, 5000,
                  "header before: " + headerCounts(section))
        var task = taskOf("陈志强")
        verify(task !== null)
        compare(task.groupVisited, 0)
        main.openVisit(task.taskId, "")
        tryVerify(function() { return AppController.visitActive })
        // A vacant house closes the task (nobody home and refused keep it open for a return).
        mouseClick(child("outcomeVacant"))
        tryVerify(function() { return AppController.visit.outcome === AppController.Vacant })
        mouseClick(child("finishOutcomeButton"))
        finished.wait(10000)
        compare(finished.signalArguments[0][1], true, "a vacant-house visit closes the task")
        main.showTab(1, null)
        tryVerify(function() { return headerCounts(section) === "已走访 1 · 剩余 1" }, 10000,
                  "header after: " + headerCounts(section))
        // The other groups did not move.
        tryVerify(function() { return headerCounts("东山村 · 第一网格") === "已走访 0 · 剩余 3" })
    }

    function test_openHazardsFilterShowsOnlyHouseholdsWithOpenHazards() {
        mouseClick(child("filterHazards"))
        compare(AppController.filter, 4)
        // The demo's two households with an open hazard: 李建国 and 刘玉梅.
        tryVerify(function() { return AppController.tasks.count === 2 }, 10000)
        compare(AppController.tasks.get(0).name, "李建国")
        verify(AppController.tasks.get(0).openHazards > 0)
        compare(AppController.tasks.get(1).name, "刘玉梅")
        // What the list draws: two cards, under their groups' headers with the groups' counts.
        var list = child("taskList")
        tryCompare(list, "count", 2)
        verify(headerCounts("石门村 · 第一网格") !== "")
        mouseClick(child("filterOpen"))
        tryVerify(function() { return AppController.tasks.count > 2 }, 10000)
        verify(taskOf("张桂兰").openHazards === 0)
    }
}
