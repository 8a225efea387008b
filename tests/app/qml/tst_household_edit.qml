import QtQuick
import QtTest
import Qiaomen

// The household page over a real (demo) profile: the phone can be called, and editing it on
// the edit page saves it and shows it; a wrong number is refused at the field with what to do.
TestCase {
    id: testCase
    name: "HouseholdEdit"
    when: windowShown
    width: 360
    height: 640

    property var main: null

    Component { id: mainComponent; Main {} }
    SignalSpy { id: saved; target: AppController; signalName: "householdSaved" }

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
    // Replaces the text of `field` by typing `text` into it, as a person would.
    function typeInto(field, text) {
        mouseClick(field)
        field.selectAll()
        keyClick(Qt.Key_Delete)
        for (var i = 0; i < text.length; ++i) keyClick(text[i])
        compare(field.text, text)
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

    function test_editingThePhoneSavesAndShowsIt() {
        var task = taskOf("杨淑芬")
        verify(task !== null)
        main.openHousehold(task.subjectId, task.taskId)
        tryCompare(child("phoneText"), "text", "电话：13812345607")
        verify(child("callButton").visible, "the phone has a call button")
        mouseClick(child("editHouseholdButton"))
        var phone = child("phoneField")
        compare(phone.text, "13812345607")

        // A number that is neither a mobile nor a landline is refused at the field.
        typeInto(phone, "1390000")
        mouseClick(child("saveHouseholdButton"))
        var error = child("phoneError")
        verify(error.text.indexOf("区号") >= 0, error.text)
        compare(saved.count, 0)
        verify(child("householdEditPage").visible, "the form stays open")

        // A good one is saved; the page closes and the household shows it.
        typeInto(phone, "13900002222")
        mouseClick(child("membersPlus"))
        mouseClick(child("saveHouseholdButton"))
        saved.wait(10000)
        tryCompare(child("phoneText"), "text", "电话：13900002222", 10000)
        tryCompare(child("membersText"), "text", "家庭人数：2 人")
        verify(findChild(main.contentItem, "householdEditPage") === null)
        verify(child("callButton").visible)
        tryVerify(function() { return taskOf("杨淑芬").phone === "13900002222" }, 10000)
    }
}
