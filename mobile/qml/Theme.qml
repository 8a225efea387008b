pragma Singleton
import QtQuick
import Qiaomen

// The app's few colours and sizes (APP.md: one accent, red only for hazards and errors, amber
// for due soon; 48 dp touch targets, 16 sp body, 20 sp titles), in a light theme (the default)
// and a dark one (AppInfo.dark). Text sizes follow the system font scale (AppInfo.fontScale,
// up to 1.5); touch targets grow with it so that larger text still fits in them. Every pair a
// screen draws text with is listed in textPairs: tst_theme_contrast.qml checks each meets WCAG AA
// (4.5:1) in both themes.
QtObject {
    readonly property bool dark: AppInfo.dark
    readonly property real fontScale: AppInfo.fontScale

    readonly property color accent: dark ? "#8AB4F8" : "#1A62D6"
    readonly property color danger: dark ? "#F28B82" : "#C5221F"
    readonly property color warning: dark ? "#FDD663" : "#A15600"
    readonly property color warningBg: dark ? "#3F3420" : "#FEF3E0"
    readonly property color dangerBg: dark ? "#442726" : "#FCE8E6"
    readonly property color infoBg: dark ? "#1E2A3D" : "#E8F0FE"
    readonly property color neutralBg: dark ? "#303134" : "#E8EAED"
    readonly property color text: dark ? "#E8EAED" : "#202124"
    readonly property color muted: dark ? "#BDC1C6" : "#5F6368"
    readonly property color background: dark ? "#121212" : "#F3F5F8"
    readonly property color card: dark ? "#202124" : "#FFFFFF"
    readonly property color pressed: dark ? "#2A3A55" : "#E8EEF9"
    readonly property color line: dark ? "#5F6368" : "#DADCE0"
    // The title bars: white text on the government blue, in both themes.
    readonly property color bar: dark ? "#174EA6" : "#1F6FEB"
    readonly property color barText: "#FFFFFF"
    // Text on a filled button of the accent (or danger) colour.
    readonly property color accentText: dark ? "#202124" : "#FFFFFF"

    // [text, background] pairs the screens use, by property name.
    readonly property var textPairs: [
        ["text", "background"], ["text", "card"], ["muted", "card"], ["muted", "background"],
        ["accent", "card"], ["accent", "background"], ["accent", "infoBg"],
        ["danger", "card"], ["danger", "dangerBg"], ["warning", "card"], ["warning", "warningBg"],
        ["muted", "neutralBg"], ["text", "pressed"], ["accent", "pressed"],
        ["barText", "bar"], ["accentText", "accent"], ["accentText", "danger"]
    ]

    readonly property int touch: Math.round(48 * Math.max(1, fontScale))
    readonly property int bigButton: Math.round(56 * Math.max(1, fontScale))
    readonly property int body: Math.round(16 * fontScale)
    readonly property int small: Math.round(14 * fontScale)
    readonly property int large: Math.round(18 * fontScale)
    readonly property int title: Math.round(20 * fontScale)
    readonly property int headline: Math.round(22 * fontScale)
    readonly property int number: Math.round(28 * fontScale)
    readonly property int gap: 8
    readonly property int margin: 16
}
