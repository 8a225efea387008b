#include "qiaomen/core/hlc.h"

#include <algorithm>
#include <string>

namespace qiaomen::core {

HlcStamp HybridClock::Now() {
  const int64_t wall = clock_.NowMillis();
  if (wall > HlcMillis(last_)) {
    last_ = PackHlc(wall, 0);
  } else {
    // The wall clock is behind (or equal to) what we have seen: count up instead. A counter
    // overflow moves into the milliseconds, which keeps the order and stays within 48 bits.
    last_ += 1;
  }
  return last_;
}

Status HybridClock::Observe(HlcStamp remote, int64_t max_skew_ms) {
  if (IsFarFuture(remote, clock_.NowMillis(), max_skew_ms)) {
    return FailedPrecondition("A clock stamp " + std::to_string(HlcMillis(remote)) +
                              " ms is too far ahead of this clock; it was not trusted.");
  }
  last_ = std::max(last_, remote);
  return Status::Ok();
}

}  // namespace qiaomen::core
