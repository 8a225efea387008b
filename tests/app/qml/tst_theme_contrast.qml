import QtQuick
import QtTest
import Qiaomen

// WCAG AA in both themes: every [text, background] pair the theme lists (Theme.textPairs) has a
// contrast ratio of at least 4.5:1, computed from the theme object's own colours (WCAG 2.1
// relative luminance). The control: a pale grey on white fails the same check.
TestCase {
    name: "ThemeContrast"

    function channel(c) { return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4) }
    function luminance(color) {
        return 0.2126 * channel(color.r) + 0.7152 * channel(color.g) + 0.0722 * channel(color.b)
    }
    function ratio(a, b) {
        var la = luminance(a), lb = luminance(b)
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05)
    }

    function cleanupTestCase() { AppInfo.dark = false }

    function test_ratioOfKnownColours() {
        fuzzyCompare(ratio(Qt.color("#000000"), Qt.color("#FFFFFF")), 21, 0.01)
        verify(ratio(Qt.color("#AAAAAA"), Qt.color("#FFFFFF")) < 4.5)
    }

    function test_textPairsMeetAA_data() {
        return [{ tag: "light", dark: false }, { tag: "dark", dark: true }]
    }
    function test_textPairsMeetAA(data) {
        AppInfo.dark = data.dark
        compare(Theme.dark, data.dark)
        verify(Theme.textPairs.length >= 10)
        for (var i = 0; i < Theme.textPairs.length; ++i) {
            var fg = Theme.textPairs[i][0], bg = Theme.textPairs[i][1]
            verify(Theme[fg] !== undefined && Theme[bg] !== undefined, fg + " / " + bg)
            var r = ratio(Theme[fg], Theme[bg])
            verify(r >= 4.5, data.tag + ": " + fg + " " + Theme[fg] + " on " + bg + " " + Theme[bg]
                   + " is " + r.toFixed(2) + ":1, below 4.5:1")
        }
    }
}
