#pragma once
// The wall clock as a seam: production reads the system clock, tests set the time.

#include <cstdint>

namespace qiaomen::core {

// Source of wall-clock time. Implementations must be thread-safe.
class Clock {
 public:
  virtual ~Clock() = default;
  // Milliseconds since the Unix epoch. May jump backwards (phone clocks are set by hand).
  virtual int64_t NowMillis() = 0;
};

// The system clock (CLOCK_REALTIME). Thread-safe; the returned reference lives forever.
Clock& SystemClock();

// A clock that returns what it was last set to. Thread-compatible.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMillis() override { return now_ms_; }
  void Set(int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(int64_t delta_ms) { now_ms_ += delta_ms; }

 private:
  int64_t now_ms_;
};

}  // namespace qiaomen::core
