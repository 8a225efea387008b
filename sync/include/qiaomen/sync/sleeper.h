#pragma once
// Waiting as a seam: the engine waits between retries through a Sleeper, so tests run a day of
// backoff in microseconds and can see every wait.

#include <cstdint>

#include "qiaomen/sync/transport.h"

namespace qiaomen::sync {

class Sleeper {
 public:
  virtual ~Sleeper() = default;
  // Waits `ms` milliseconds or until `cancel` is set, whichever is first. Returns false when the
  // wait ended because of `cancel`. Thread-safe.
  virtual bool SleepFor(int64_t ms, const CancelFlag& cancel) = 0;
};

// Really waits (checks `cancel` every few milliseconds). Thread-safe; lives forever.
Sleeper& RealSleeper();

}  // namespace qiaomen::sync
