#pragma once
// A clock for tests: it says what it was last set to. Header-only, so the fuzzers can use it too.

#include <cstdint>

#include "qiaomen/core/clock.h"

namespace qiaomen::testing {

// Returns the time it was constructed with or last set to. Thread-compatible.
class ManualClock final : public core::Clock {
 public:
  explicit ManualClock(int64_t now_ms) : now_ms_(now_ms) {}
  int64_t NowMillis() override { return now_ms_; }
  void Set(int64_t now_ms) { now_ms_ = now_ms; }
  void Advance(int64_t delta_ms) { now_ms_ += delta_ms; }

 private:
  int64_t now_ms_;
};

}  // namespace qiaomen::testing
