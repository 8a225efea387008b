#include "qiaomen/sync/backoff.h"

#include <algorithm>
#include <cctype>
#include <string>

#include "qiaomen/base/http_date.h"

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

std::optional<int64_t> ParseRetryAfterMs(std::string_view value, int64_t now_ms) {
  constexpr int64_t kMaxMs = 24LL * 3600 * 1000;
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.front()))) {
    value.remove_prefix(1);
  }
  while (!value.empty() && std::isspace(static_cast<unsigned char>(value.back()))) {
    value.remove_suffix(1);
  }
  if (value.empty()) return std::nullopt;
  if (std::all_of(value.begin(), value.end(),
                  [](char c) { return std::isdigit(static_cast<unsigned char>(c)); })) {
    if (value.size() > 9) return kMaxMs;
    return std::min<int64_t>(std::stoll(std::string(value)) * 1000, kMaxMs);
  }
  const std::optional<int64_t> when_ms = base::ParseHttpDate(value);
  if (!when_ms) return std::nullopt;
  return std::clamp<int64_t>(*when_ms - now_ms, 0, kMaxMs);
}

}  // namespace qiaomen::sync
