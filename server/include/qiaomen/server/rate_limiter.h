#pragma once
// A token bucket per key (device id): `rate` requests per second with bursts up to `burst`.
// Thread-safe.

#include <cstdint>
#include <mutex>
#include <string>
#include <unordered_map>

#include "qiaomen/core/clock.h"

namespace qiaomen::server {

class RateLimiter {
 public:
  RateLimiter(core::Clock& clock, double rate, double burst)
      : clock_(clock), rate_(rate), burst_(burst) {}

  // 0 when the request may go ahead (and it is counted); otherwise the seconds to wait
  // (Retry-After). A rate of 0 or less disables limiting.
  int64_t Admit(const std::string& key);

 private:
  struct Bucket {
    double tokens;
    int64_t last_ms;
  };
  core::Clock& clock_;
  double rate_;
  double burst_;
  std::mutex mu_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace qiaomen::server
