import QtQuick
import QtTest
import Qiaomen

// A hazard to closure through the real screens over a real (demo) profile: the overdue list,
// the hazard's detail, a rectification with a photo file, the history that grows, the after-photo
// shown decrypted in memory, and the hazard off the overdue list.
TestCase {
    id: testCase
    name: "HazardClosure"
    when: windowShown
    width: 360
    height: 640

    property var main: null

    Component { id: mainComponent; Main {} }
    SignalSpy { id: recorded; target: AppController; signalName: "hazardStepRecorded" }
    SignalSpy { id: failed; target: AppController; signalName: "hazardStepFailed" }

    function child(name) {
        var found = null
        tryVerify(function() { found = findChild(main.contentItem, name); return found !== null && found.visible },
                  5000, "no visible item " + name)
        return found
    }
    function page() { return main.currentPage() }

    function initTestCase() {
        main = mainComponent.createObject(testCase)
        verify(main !== null)
        tryCompare(AppController, "state", AppController.Locked, 10000)
        AppController.unlock("246810")
        tryCompare(AppController, "state", AppController.Ready, 10000)
        tryVerify(function() { return AppController.hazardBoard.openCount === 2 }, 10000)
    }
    function cleanupTestCase() { main.destroy() }

    function test_rectifyAnOverdueHazardWithAPhoto() {
        main.showTab(2, null)
        mouseClick(child("hazardFilterOverdue"))
        compare(AppController.hazardBoard.filter, HazardBoardModel.Overdue)
        compare(AppController.hazardBoard.count, 1)
        mouseClick(child("hazard_0"))
        tryVerify(function() { return page() !== null && page().objectName === "hazardPage" })
        tryVerify(function() { return AppController.hazard.subjectName === "刘玉梅" })
        var hazardId = AppController.hazard.hazardId
        compare(AppController.hazardEvents.count, 2)
        compare(AppController.hazard.statusCode, "ordered")

        mouseClick(child("rectifyButton"))
        tryVerify(function() { return page().objectName === "hazardStepPage" })
        var step = page()
        verify(!child("saveStepButton").enabled, "a rectification needs its after-photo")
        mouseClick(child("afterPhotoButton"))
        var sheet = step.photoPicker.sourceDialog
        tryVerify(function() { return sheet.opened })
        mouseClick(findChild(sheet.contentItem, "stepPickFile"))   // no camera here: a file
        var picker = step.photoPicker.fileDialog
        tryVerify(function() { return picker.visible })
        picker.currentFolder = Qt.resolvedUrl("data")
        var file = null
        tryVerify(function() {
            var list = findChild(main, "fileDialogListView")
            file = list !== null ? list.itemAtIndex(0) : null
            return file !== null && file.visible && String(file.fileUrl).indexOf("door.jpg") >= 0
        }, 10000, "the picker does not list data/door.jpg")
        mouseClick(file)
        tryVerify(function() { return String(picker.selectedFile).indexOf("door.jpg") >= 0 })
        picker.accept()
        tryVerify(function() { return step.photo.indexOf("door.jpg") >= 0 })
        step.noteField.text = "已更换燃气专用软管"
        verify(child("saveStepButton").enabled)
        tryVerify(function() { return !picker.visible && !sheet.visible })
        mouseClick(child("saveStepButton"))
        tryVerify(function() { return recorded.count === 1 || failed.count > 0 }, 20000)
        compare(failed.count, 0, failed.count > 0 ? failed.signalArguments[0][0] : "")

        // Back on the hazard: its history grew by the rectification, with its photo.
        tryVerify(function() { return page().objectName === "hazardPage" })
        tryVerify(function() { return AppController.hazardEvents.count === 3 }, 10000)
        compare(AppController.hazardEvents.get(2).kind, 3)
        compare(AppController.hazardEvents.get(2).note, "已更换燃气专用软管")
        compare(AppController.hazard.statusCode, "rectified")
        verify(AppController.hazard.photos[0].after)
        // The after-photo, decrypted in memory by the image provider.
        var image = null
        tryVerify(function() {
            image = findChild(main.contentItem, "hazardPhotoImage_0")
            return image !== null && image.status === Image.Ready
        }, 20000, "the after-photo is not shown")
        verify(image.implicitWidth > 0)
        // The demo worker is an inspector: the recheck comes next.
        verify(child("recheckPassButton").visible)

        // It left the overdue list, and stays among the open ones.
        tryVerify(function() { return AppController.hazardBoard.overdueCount === 0 }, 10000)
        verify(!AppController.hazardBoard.listed(hazardId, HazardBoardModel.Overdue))
        verify(AppController.hazardBoard.listed(hazardId, HazardBoardModel.Open))
        mouseClick(child("hazardBack"))
        tryVerify(function() { return child("hazardList").count === 0 })
    }
}
