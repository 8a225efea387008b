#include "qiaomen/sync/backoff.h"

#include <algorithm>

namespace qiaomen::sync {

std::optional<int64_t> Backoff::NextDelayMs(std::optional<int64_t> retry_after_ms) {
  if (policy_.max_attempts > 0 && attempt_ >= policy_.max_attempts) return std::nullopt;
  // Doubling stops once the cap is reached, so the shift never overflows.
  int64_t ceiling = policy_.base_ms;
  for (int i = 0; i < attempt_ && ceiling < policy_.cap_ms; ++i) ceiling *= 2;
  ceiling = std::min(ceiling, policy_.cap_ms);
  ++attempt_;
  const auto jittered = static_cast<int64_t>(random_.Uniform(static_cast<uint64_t>(ceiling) + 1));
  // The server knows its load better than we do: never come back earlier than it asked.
  if (retry_after_ms && *retry_after_ms > jittered) return *retry_after_ms;
  return jittered;
}

}  // namespace qiaomen::sync
