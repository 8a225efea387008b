#pragma once
// Bounds a test's runtime: a hang must fail, not block CI. After `budget` the watchdog records a
// failure and runs `on_timeout` (cancel the sync engine, cut the link) so the test can unwind;
// if the test is still running `grace` later it prints every thread's stack (gdb, when installed)
// and aborts the process.

#include <gtest/gtest.h>
#include <unistd.h>

#include <chrono>
#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace qiaomen::sync::testing {

class TestWatchdog {
 public:
  explicit TestWatchdog(std::chrono::seconds budget,
                        std::chrono::seconds grace = std::chrono::seconds(15))
      : name_(CurrentTestName()), thread_([this, budget, grace] { Watch(budget, grace); }) {}
  ~TestWatchdog() {
    {
      std::lock_guard lock(mu_);
      done_ = true;
    }
    cv_.notify_all();
    thread_.join();
  }
  TestWatchdog(const TestWatchdog&) = delete;
  TestWatchdog& operator=(const TestWatchdog&) = delete;

  // Called (from the watchdog thread) when the budget is spent. Set it before anything can hang.
  void OnTimeout(std::function<void()> callback) {
    std::lock_guard lock(mu_);
    on_timeout_ = std::move(callback);
  }
  bool fired() {
    std::lock_guard lock(mu_);
    return fired_;
  }

 private:
  static std::string CurrentTestName() {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    return info == nullptr ? "?" : std::string(info->test_suite_name()) + "." + info->name();
  }

  void Watch(std::chrono::seconds budget, std::chrono::seconds grace) {
    std::unique_lock lock(mu_);
    if (cv_.wait_for(lock, budget, [this] { return done_; })) return;
    fired_ = true;
    std::function<void()> callback = on_timeout_;
    lock.unlock();
    ADD_FAILURE() << name_ << " did not finish within " << budget.count()
                  << " s: cancelled by the watchdog";
    if (callback) callback();
    lock.lock();
    if (cv_.wait_for(lock, grace, [this] { return done_; })) return;
    std::fprintf(stderr, "\n[watchdog] %s still running %lld s after cancel; thread stacks:\n",
                 name_.c_str(), static_cast<long long>(grace.count()));
    std::string gdb = "gdb -p " + std::to_string(getpid()) +
                      " -batch -nx -ex 'thread apply all bt 30' 1>&2 2>/dev/null";
    if (std::system(gdb.c_str()) != 0) std::fprintf(stderr, "[watchdog] (no gdb)\n");
    std::abort();
  }

  std::string name_;
  std::mutex mu_;
  std::condition_variable cv_;
  bool done_ = false;
  bool fired_ = false;
  std::function<void()> on_timeout_;
  std::thread thread_;  // last: started after the fields it reads
};

}  // namespace qiaomen::sync::testing
