#pragma once
// Signed-in console sessions. A session is a random 256-bit token, sent to the browser once as a
// cookie and stored only as its SHA-256, with a random per-session CSRF token that every form
// carries. It ends when idle for longer than the idle limit, at the absolute limit after sign-in
// however busy, at sign-out, and when the account's password changes. Sessions live in the
// database, so any server process on it serves them. The clock is injected so expiry is testable.
// Thread-safe.

#include <cstdint>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/staff.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct SessionPolicy {
  int64_t idle_ms = 30 * 60'000;
  int64_t absolute_ms = 12 * 3600'000;
};

struct ConsoleSession {
  Staff staff;
  std::string csrf_token;  // 64 hex digits
  int64_t created_ms = 0;
  // The language the browser chose for the console's pages (its qm_lang cookie, or ?lang= on the
  // request): set for each request by the console's gate, never stored. Chinese by default.
  core::domain::Language language = core::domain::Language::kZh;
};

// A new session: the cookie value (64 hex digits; never stored) and its CSRF token.
struct NewSession {
  std::string token;
  std::string csrf_token;
};

class ConsoleSessions {
 public:
  ConsoleSessions(Storage& storage, core::Clock& clock, SessionPolicy policy = {})
      : storage_(storage), clock_(clock), policy_(policy) {}

  const SessionPolicy& policy() const { return policy_; }

  // Starts a session for `staff_id`.
  core::Result<NewSession> Create(const std::string& staff_id);

  // The session behind a cookie value, its last use moved to now. Unauthenticated when unknown,
  // expired (it is deleted then) or its account is gone; Unavailable when the database cannot be
  // read.
  core::Result<ConsoleSession> Resolve(const std::string& token);

  // Ends the session (sign-out). Unknown tokens are ignored.
  core::Status End(const std::string& token);

 private:
  Storage& storage_;
  core::Clock& clock_;
  SessionPolicy policy_;
};

}  // namespace qiaomen::server
