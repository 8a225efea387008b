import QtQuick
import QtTest
import Qiaomen

// The sync banner over the tabs and the 我的 page's settings through the real screens over a
// real (demo) profile: the banner says where the work stands on every tab and opens 我的 when
// tapped; the leave dialog says plainly what is lost; a short new PIN is refused at the dialog.
TestCase {
    id: testCase
    name: "SyncBanner"
    when: windowShown
    width: 360
    height: 640

    property var main: null

    Component { id: mainComponent; Main {} }
    SignalSpy { id: failed; target: AppController; signalName: "settingsFailed" }

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
    }
    function cleanupTestCase() { main.destroy() }

    function test_bannerOnEveryTabOpensMe() {
        for (var tab = 0; tab < 4; ++tab) {
            main.showTab(tab, null)
            var text = child("syncBannerText")
            // The demo profile has never reached a county: it says so, with what waits.
            tryVerify(function() { return text.text.indexOf("尚未同步") === 0 }, 5000, text.text)
        }
        main.showTab(0, null)
        mouseClick(child("syncBanner"))
        verify(child("mePage").visible)
    }

    function test_leaveDialogSaysWhatIsLost() {
        main.showTab(3, null)
        child("leaveButton").clicked()  // below the fold at 640 px: no scrolling needed to test
        var dialog = findChild(main, "leaveDialog")
        tryVerify(function() { return dialog.opened }, 5000)
        var explained = findChild(dialog.contentItem, "leaveExplained")
        verify(explained.text.indexOf("无法恢复") > 0, explained.text)
        var confirm = findChild(dialog.contentItem, "leaveConfirm")
        verify(!confirm.enabled, "the PIN comes first")
        dialog.close()
        tryVerify(function() { return !dialog.visible }, 5000)
    }

    function test_shortNewPinIsRefused() {
        main.showTab(3, null)
        failed.clear()
        AppController.changePin("246810", "123", "123")
        compare(failed.count, 1)
        compare(failed.signalArguments[0][0], "新密码须为 6 位数字。")
    }
}
