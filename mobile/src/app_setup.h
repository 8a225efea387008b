#pragma once
// What every process that shows the QML does first (the app, the screenshot tour, the Qt Quick
// tests): the Material style and the CJK font at 16 px times the font scale (AppInfo::FontScale).

namespace qiaomen::mobile {

// Call after the QGuiApplication exists and before the first QML engine.
void SetUpAppLook();

}  // namespace qiaomen::mobile
