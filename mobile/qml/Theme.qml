pragma Singleton
import QtQuick

// The app's few colours and sizes (APP.md: one accent, red only for hazards and errors, amber
// for due soon; 48 dp touch targets, 16 sp body, 20 sp titles).
QtObject {
    readonly property color accent: "#1F6FEB"
    readonly property color danger: "#D93025"
    readonly property color warning: "#B06000"
    readonly property color warningBg: "#FEF3E0"
    readonly property color dangerBg: "#FCE8E6"
    readonly property color muted: "#5F6368"
    readonly property color background: "#F3F5F8"
    readonly property color card: "#FFFFFF"
    readonly property color line: "#DADCE0"
    readonly property int touch: 48
    readonly property int bigButton: 56
    readonly property int body: 16
    readonly property int small: 14
    readonly property int title: 20
    readonly property int gap: 8
    readonly property int margin: 16
}
