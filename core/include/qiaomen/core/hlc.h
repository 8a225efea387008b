#pragma once
// Hybrid logical clock (Kulkarni et al.): 48-bit wall milliseconds and a 16-bit counter packed into
// one uint64 so stamps compare as integers. Stays monotonic when the wall clock jumps back, and
// ratchets forward on every stamp received, so causally later edits carry larger stamps even on a
// phone whose clock is wrong.

#include <cstdint>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core {

using HlcStamp = uint64_t;

constexpr HlcStamp PackHlc(int64_t millis, uint16_t counter) {
  return (static_cast<uint64_t>(millis) << 16) | counter;
}
constexpr int64_t HlcMillis(HlcStamp stamp) { return static_cast<int64_t>(stamp >> 16); }
constexpr uint16_t HlcCounter(HlcStamp stamp) { return static_cast<uint16_t>(stamp & 0xffff); }

// A stamp more than `max_skew_ms` ahead of `now_ms` is not trusted: the receiver quarantines and
// re-bases it instead of letting one bad clock drag every replica into the future.
constexpr int64_t kDefaultMaxSkewMs = 24LL * 3600 * 1000;
inline bool IsFarFuture(HlcStamp stamp, int64_t now_ms, int64_t max_skew_ms = kDefaultMaxSkewMs) {
  return HlcMillis(stamp) > now_ms + max_skew_ms;
}

// Not thread-safe: the owner (the store's writer, the server's applier) serialises calls.
// `clock` must outlive this object.
class HybridClock {
 public:
  // `last` is the highest stamp this replica ever issued or saw (persisted by the caller).
  HybridClock(Clock& clock, HlcStamp last) : clock_(clock), last_(last) {}

  // A stamp for a local event, strictly greater than every stamp issued or seen before.
  HlcStamp Now();

  // Merges a stamp received from another replica; the next Now() is greater than it.
  // FailedPrecondition (and no change) when `remote` is far in the future of the wall clock.
  Status Observe(HlcStamp remote, int64_t max_skew_ms = kDefaultMaxSkewMs);

  HlcStamp last() const { return last_; }

 private:
  Clock& clock_;
  HlcStamp last_;
};

}  // namespace qiaomen::core
