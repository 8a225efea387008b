#pragma once
// Numbered crash points on the server's write paths (issue 19): a test hook that stops the
// process at a chosen step of a chosen path, so a test can show that a county killed there loses
// nothing it confirmed and doubles nothing on the device's resend.
//
// QIAOMEN_CRASH_AT=<path>:<N> in the server's environment arms it: the N-th step (counted from 1
// since the process started) taken on a thread that is inside a PathScope of <path> calls
// _exit(137), as a SIGKILL would (no destructor, no flush, no answer). A step is each SQL
// statement (BEGIN and COMMIT included), each file write, fsync and rename of the path, and the
// moment before the path's answer is sent. Without the variable (production) nothing is counted
// and Step() returns at once. Paths: "push" (the push half of POST /v1/sync), "tus" (a photo
// upload's creation and chunks: POST and PATCH /v1/photos/) and "enrol" (POST /v1/enroll).
// Thread-safe.

#include <string_view>

namespace qiaomen::server::crash_points {

// While alive, steps on this thread count for `path` (a string literal). Scopes do not nest: an
// inner one replaces the outer until it ends.
class PathScope {
 public:
  explicit PathScope(const char* path);
  ~PathScope();
  PathScope(const PathScope&) = delete;
  PathScope& operator=(const PathScope&) = delete;

 private:
  const char* outer_;
};

// One step (`what` names it for a reader: "sql", "write", "fsync", "rename", "answer", ...):
// exits the process when it is the armed one.
void Step(std::string_view what);

// Whether QIAOMEN_CRASH_AT is set (connections are wrapped to count their statements only then).
bool Armed();

}  // namespace qiaomen::server::crash_points
