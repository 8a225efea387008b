#pragma once
// Numbered crash points for the tests of a write path (issue 19): the path's steps (SQL
// statements, file steps) are counted through its observer, and a forked child running the path
// is SIGKILLed at step N. A test loops N = 1, 2, ... until the child finishes, and checks after
// each kill that the next open is consistent.

#include <cstdint>
#include <functional>
#include <string_view>

namespace qiaomen::testing {

// Counts the steps of a write path; when armed, kills the process at the chosen step.
// Not thread-safe: one write path at a time.
class CrashCounter {
 public:
  // From now on, step `kill_at` (1-based) SIGKILLs the process; 0 never does. Resets the count.
  void Arm(int64_t kill_at);
  void Disarm() { armed_ = false; }
  // One step of the path; a no-op while disarmed.
  void Step();
  // The steps counted since the last Arm().
  int64_t steps() const { return steps_; }
  // An observer for ProfileDeps / Database::SetStatementObserver that calls Step().
  std::function<void(std::string_view)> Observer();

 private:
  bool armed_ = false;
  int64_t kill_at_ = 0;
  int64_t steps_ = 0;
};

// What a child run did.
struct CrashRun {
  bool killed = false;  // SIGKILLed at the armed step
  int64_t steps = -1;   // the steps it counted, when it finished
};

// Forks; the child arms `counter` at `kill_at`, runs `path` (which returns false on a failure of
// the path itself) and reports the steps it counted. Adds a test failure when the child ends any
// other way than by finishing or by the armed kill. `setup` runs in the child before arming
// (opening the profile, for instance), so that its steps are not counted.
CrashRun RunKilledAt(int64_t kill_at, CrashCounter& counter, const std::function<bool()>& setup,
                     const std::function<bool()>& path);

}  // namespace qiaomen::testing
