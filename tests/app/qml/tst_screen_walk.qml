import QtQuick
import QtTest
import QtQuick.Controls
import Qiaomen

// Every screen, walked item by item over a real (demo) profile: each interactive item (a button,
// a switch, a text field, a tappable area) that shows has an accessible name a screen reader can
// say (Accessible.name, or for a button the words on it; a symbol such as ← or ⋮ is not a name),
// and no text runs out of its box (a line that neither wraps nor elides is never wider than its
// item). ctest runs this file at the normal text size (app.quick) and at the system font scale
// 1.5 (app.quick.large_text, QIAOMEN_FONT_SCALE=1.5).
TestCase {
    id: testCase
    name: "ScreenWalk"
    when: windowShown
    width: 360
    height: 640

    property var main: null

    Component { id: mainComponent; Main {} }
    Component { id: enrolComponent; EnrolPage { width: 360; height: 640 } }

    function taskOf(name) {
        for (var i = 0; i < AppController.tasks.count; ++i) {
            var row = AppController.tasks.get(i)
            if (row.name === name) return row
        }
        return null
    }
    function page() { return main.currentPage() }

    // Words a person can say: at least one letter, digit or CJK character.
    function sayable(text) { return typeof text === "string" && /[A-Za-z0-9\u3400-\u9fff]/.test(text) }
    function nameOf(item) {
        if (sayable(item.Accessible.name)) return item.Accessible.name
        if (item.placeholderText !== undefined && sayable(item.placeholderText)) return item.placeholderText
        if (item.text !== undefined && item.cursorPosition === undefined && sayable(item.text)) return item.text
        return ""
    }
    // An item a TapHandler makes tappable (a card that opens a hazard, a photo).
    function tappable(item) {
        for (var i = 0; item.data && i < item.data.length; ++i) {
            if (String(item.data[i]).indexOf("TapHandler") >= 0) return true
        }
        return false
    }
    function interactive(item) {
        if (tappable(item)) return true
        if (item.cursorPosition !== undefined) return item.readOnly !== true          // text input
        if (item.checkable !== undefined && item.pressed !== undefined) return true   // a button
        if (item.acceptedButtons !== undefined && item.pressed !== undefined) return true  // MouseArea
        return false
    }
    // The visible, enabled items under `item` that a person can use but a screen reader cannot
    // name, and the texts that overflow, as lines of a report.
    function walk(item, where, problems) {
        if (!item || !item.visible || item.opacity === 0) return
        if (item.enabled !== false && interactive(item)) {
            // A MouseArea or a tap handler speaks through the item it sits in (a Card puts its
            // children, the handler too, in its column; the Card has Accessible.name).
            var covers = item.acceptedButtons !== undefined || tappable(item)
            var named = nameOf(item) !== "" || (covers && item.parent && nameOf(item.parent) !== "")
            if (!named) {
                problems.push(where + ": " + (item.objectName || String(item)) + " has no accessible name")
            }
        }
        if (item.elide === Text.ElideNone && item.wrapMode === Text.NoWrap && item.contentWidth !== undefined &&
                item.width > 0 && item.contentWidth > item.width + 1 && item.clip !== true) {
            problems.push(where + ": text \"" + item.text + "\" is " + Math.round(item.contentWidth)
                          + " px wide in " + Math.round(item.width) + " px")
        }
        for (var i = 0; i < item.children.length; ++i) walk(item.children[i], where, problems)
    }
    function check(root, where) {
        wait(50)  // layouts settle
        var problems = []
        walk(root, where, problems)
        verify(problems.length === 0, problems.join("\n"))
    }

    // The control: what the walk must catch.
    Component {
        id: badScreen
        Column {
            width: 200
            Button { text: "←" }                                  // a symbol, not a name
            TextField { width: 100 }                              // no name, no placeholder
            Rectangle { width: 50; height: 50; TapHandler {} }    // tappable, nameless
            Text { width: 40; text: "一行放不下的很长的文字" }     // runs out of its box
            Button { text: qsTr("保存") }                          // fine
            Rectangle {
                width: 50; height: 50
                Accessible.name: "照片"
                MouseArea { anchors.fill: parent }               // speaks through its parent
            }
        }
    }
    function test_0_theWalkCatchesWhatItShould() {
        var screen = badScreen.createObject(main.contentItem)  // shown: the walk skips hidden items
        var problems = []
        walk(screen, "control", problems)
        compare(problems.length, 4, problems.join("\n"))
        screen.destroy()
    }

    function initTestCase() {
        main = mainComponent.createObject(testCase)
        verify(main !== null)
        tryCompare(AppController, "state", AppController.Locked, 10000)
    }
    function cleanupTestCase() { main.destroy() }

    function test_1_enrolAndUnlock() {
        var enrol = enrolComponent.createObject(main.contentItem)
        check(enrol, "enrol")
        enrol.destroy()
        check(main.contentItem, "unlock")
        AppController.unlock("246810")
        tryCompare(AppController, "state", AppController.Ready, 10000)
        tryVerify(function() { return AppController.tasks.count === 9 }, 10000)
    }

    function test_2_tabs() {
        var names = ["home", "tasks", "hazards", "me"]
        for (var tab = 0; tab < 4; ++tab) {
            main.showTab(tab, null)
            check(main.contentItem, names[tab])
        }
    }

    function test_3_householdAndVisit() {
        main.showTab(1, null)
        var task = taskOf("李建国")
        verify(task !== null)
        main.openHousehold(task.subjectId, task.taskId)
        tryVerify(function() { return AppController.household.name === "李建国" })
        check(main.contentItem, "household")
        main.editHousehold(null, null)
        tryVerify(function() { return page() && page().objectName === "householdEditPage" })
        check(main.contentItem, "household edit")
        main.popPage(null, null)
        main.openVisit(task.taskId, "")
        tryVerify(function() { return AppController.visitActive })
        check(main.contentItem, "visit outcome")
        AppController.setOutcome(AppController.Checked)
        AppController.setAnswer("heating_type", "coal_stove")
        AppController.setAnswer("flue_installed", "no")
        main.showVisitStep("checklist", null)
        check(main.contentItem, "checklist")
        main.showVisitStep("summary", null)
        check(main.contentItem, "visit summary")
        main.leaveVisit(null, null)
    }

    function test_4_hazard() {
        main.showTab(2, null)
        tryVerify(function() { return AppController.hazardBoard.openCount === 2 }, 10000)
        var first = null
        tryVerify(function() { first = findChild(main.contentItem, "hazard_0"); return first !== null && first.visible })
        mouseClick(first)
        tryVerify(function() { return page() && page().objectName === "hazardPage" })
        check(main.contentItem, "hazard")
        main.openHazardStep("rectify", true)
        tryVerify(function() { return page().objectName === "hazardStepPage" })
        check(main.contentItem, "rectification")
        main.popPage(null, null)
        main.openHazardStep("recheck", false)
        tryVerify(function() { return page().objectName === "hazardStepPage" })
        check(main.contentItem, "recheck")
        main.popPage(null, null)
    }
}
