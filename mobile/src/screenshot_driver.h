#pragma once
// `qiaomen-app --screenshot-all DIR`: renders every screen at 360x640 with demo data (a
// temporary profile, no server) and writes DIR/NAME.png. Drives the real controller and the real
// QML, step by step, on timers; exits with 0 when every PNG was written.

#include <QString>

namespace qiaomen::mobile {

// Runs the whole tour inside the running QGuiApplication (call from main before exec()).
// Returns false when it could not start (the exit code is then 1).
bool StartScreenshotTour(const QString& out_dir);

}  // namespace qiaomen::mobile
