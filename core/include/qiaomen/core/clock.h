#pragma once
// The wall clock as a seam: production reads the system clock; tests pass their own
// (qiaomen::testing::ManualClock, in tests/testing).

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

}  // namespace qiaomen::core
