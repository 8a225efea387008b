#include "qiaomen/testing/crash_loop.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

namespace qiaomen::testing {

void CrashCounter::Arm(int64_t kill_at) {
  kill_at_ = kill_at;
  steps_ = 0;
  armed_ = true;
}

void CrashCounter::Step() {
  if (!armed_) return;
  if (++steps_ == kill_at_) ::raise(SIGKILL);
}

std::function<void(std::string_view)> CrashCounter::Observer() {
  return [this](std::string_view) { Step(); };
}

CrashRun RunKilledAt(int64_t kill_at, CrashCounter& counter, const std::function<bool()>& setup,
                     const std::function<bool()>& path) {
  int fds[2];
  if (::pipe(fds) != 0) {
    ADD_FAILURE() << "pipe failed";
    return {};
  }
  const pid_t child = ::fork();
  if (child == 0) {
    ::close(fds[0]);
    if (!setup()) _exit(2);
    counter.Arm(kill_at);
    if (!path()) _exit(3);
    counter.Disarm();
    const int64_t steps = counter.steps();
    if (::write(fds[1], &steps, sizeof steps) != sizeof steps) _exit(4);
    _exit(0);
  }
  ::close(fds[1]);
  CrashRun run;
  int64_t steps = -1;
  const ssize_t got = ::read(fds[0], &steps, sizeof steps);
  ::close(fds[0]);
  int status = 0;
  if (::waitpid(child, &status, 0) != child) {
    ADD_FAILURE() << "waitpid failed";
    return run;
  }
  if (WIFSIGNALED(status)) {
    EXPECT_EQ(WTERMSIG(status), SIGKILL) << "the child died of another signal at step " << kill_at;
    run.killed = WTERMSIG(status) == SIGKILL;
    return run;
  }
  const int code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  EXPECT_EQ(code, 0) << "the child failed (2: setup, 3: the path itself, 4: report) with kill at "
                     << kill_at;
  if (code == 0 && got == sizeof steps) run.steps = steps;
  return run;
}

}  // namespace qiaomen::testing
