#pragma once
// Retry pacing for a link that comes and goes: exponential backoff with full jitter and a cap,
// honouring a server's Retry-After.

#include <cstdint>
#include <optional>
#include <string_view>

#include "qiaomen/core/random.h"

namespace qiaomen::sync {

struct BackoffPolicy {
  int64_t base_ms = 1000;       // the first retry waits up to this long
  int64_t cap_ms = 5 * 60'000;  // no wait is longer than this (unless Retry-After says so)
  int max_attempts = 0;         // 0: retry for ever (the device keeps its work and tries later)
};

// Decides how long to wait before each retry. Thread-compatible; `random` must outlive it.
class Backoff {
 public:
  Backoff(BackoffPolicy policy, core::Random& random) : policy_(policy), random_(random) {}

  // The wait before the next attempt: uniform in [0, min(cap, base * 2^attempt)] ("full jitter"),
  // or at least `retry_after_ms` when the server sent Retry-After. nullopt once max_attempts
  // failed.
  std::optional<int64_t> NextDelayMs(std::optional<int64_t> retry_after_ms = std::nullopt);

  // After a success: the next failure starts from the base again.
  void Reset() { attempt_ = 0; }
  int attempts() const { return attempt_; }

 private:
  BackoffPolicy policy_;
  core::Random& random_;
  int attempt_ = 0;
};

// The wait a Retry-After header value asks for, in milliseconds: delay-seconds ("120") or an
// HTTP-date ("Wed, 21 Oct 2026 07:28:00 GMT", compared with `now_ms`; a past date gives 0).
// nullopt when the value is neither. Waits are capped at one day (a broken header must not park
// a device for a year).
std::optional<int64_t> ParseRetryAfterMs(std::string_view value, int64_t now_ms);

}  // namespace qiaomen::sync
