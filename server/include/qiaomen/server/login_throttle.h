#pragma once
// Slows password guessing at the console's login: failures are counted per account and per
// address in the database (so several server processes on one PostgreSQL share the count), and
// after a few failures each further attempt must wait, twice as long after every failure, up to a
// cap. While an attempt must wait the password is not even checked. Failures older than the
// window are forgotten. Thread-safe.

#include <cstdint>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct LoginThrottlePolicy {
  int free_account_failures = 5;   // failures of one account before it waits
  int free_address_failures = 20;  // failures from one address (any accounts) before it waits
  int64_t first_wait_ms = 30'000;  // after the first failure beyond the free ones; doubles
  int64_t max_wait_ms = 15 * 60'000;
  int64_t forget_after_ms = 60 * 60'000;  // no failure for this long: the count starts again
};

class LoginThrottle {
 public:
  LoginThrottle(Storage& storage, core::Clock& clock, LoginThrottlePolicy policy = {})
      : storage_(storage), clock_(clock), policy_(policy) {}

  // Milliseconds the attempt to sign in to `account` from `address` must still wait (0: go
  // ahead). Unavailable when the database cannot be read.
  core::Result<int64_t> Wait(const std::string& account, const std::string& address);
  // Counts a failed attempt against both.
  core::Status RecordFailure(const std::string& account, const std::string& address);
  // A successful sign-in clears the account's count (not the address's: one good account must
  // not reset guessing at others).
  core::Status RecordSuccess(const std::string& account);

 private:
  core::Result<int64_t> WaitFor(const std::string& key, int free_failures);
  Storage& storage_;
  core::Clock& clock_;
  LoginThrottlePolicy policy_;
};

}  // namespace qiaomen::server
