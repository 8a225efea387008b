#include "qiaomen/server/rate_limiter.h"

#include <algorithm>
#include <cmath>

namespace qiaomen::server {

int64_t RateLimiter::Admit(const std::string& key) {
  if (rate_ <= 0) return 0;
  int64_t now = clock_.NowMillis();
  std::lock_guard lock(mu_);
  auto [it, inserted] = buckets_.try_emplace(key, Bucket{burst_, now});
  Bucket& b = it->second;
  if (!inserted) {
    b.tokens = std::min(burst_, b.tokens + static_cast<double>(now - b.last_ms) / 1000.0 * rate_);
    b.last_ms = now;
  }
  if (b.tokens >= 1.0) {
    b.tokens -= 1.0;
    return 0;
  }
  return std::max<int64_t>(1, static_cast<int64_t>(std::ceil((1.0 - b.tokens) / rate_)));
}

}  // namespace qiaomen::server
