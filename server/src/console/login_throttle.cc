#include "qiaomen/server/login_throttle.h"

#include <algorithm>

namespace qiaomen::server {
namespace {

std::string AccountKey(const std::string& account) { return "account:" + account; }
std::string AddressKey(const std::string& address) { return "address:" + address; }

}  // namespace

core::Result<int64_t> LoginThrottle::WaitFor(const std::string& key, int free_failures) {
  auto conn = storage_.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT failures, last_ms FROM "
                                             "console_login_failures WHERE throttle_key = $1",
                                             {Text(key)}));
  if (rows.empty()) return int64_t{0};
  const int64_t failures = rows[0].Int(0), last_ms = rows[0].Int(1);
  const int64_t now = clock_.NowMillis();
  if (now - last_ms >= policy_.forget_after_ms || failures < free_failures) return int64_t{0};
  int64_t wait = policy_.first_wait_ms;
  for (int64_t i = free_failures; i < failures && wait < policy_.max_wait_ms; ++i) wait *= 2;
  wait = std::min(wait, policy_.max_wait_ms);
  return std::max<int64_t>(0, last_ms + wait - now);
}

core::Result<int64_t> LoginThrottle::Wait(const std::string& account, const std::string& address) {
  QM_ASSIGN_OR_RETURN(int64_t by_account,
                      WaitFor(AccountKey(account), policy_.free_account_failures));
  QM_ASSIGN_OR_RETURN(int64_t by_address,
                      WaitFor(AddressKey(address), policy_.free_address_failures));
  return std::max(by_account, by_address);
}

core::Status LoginThrottle::RecordFailure(const std::string& account, const std::string& address) {
  auto conn = storage_.pool().Acquire();
  const int64_t now = clock_.NowMillis();
  // Forgotten counts go, so guessing at many made-up ids does not grow the table for good.
  QM_RETURN_IF_ERROR(conn->Exec("DELETE FROM console_login_failures WHERE last_ms <= $1",
                                {Int(now - policy_.forget_after_ms)}));
  for (const std::string& key : {AccountKey(account), AddressKey(address)}) {
    QM_RETURN_IF_ERROR(conn->Exec(
        "INSERT INTO console_login_failures (throttle_key, failures, last_ms) VALUES ($1, 1, $2) "
        "ON CONFLICT (throttle_key) DO UPDATE SET failures = CASE WHEN $2 - "
        "console_login_failures.last_ms >= $3 THEN 1 ELSE console_login_failures.failures + 1 "
        "END, last_ms = $2",
        {Text(key), Int(now), Int(policy_.forget_after_ms)}));
  }
  return core::Status::Ok();
}

core::Status LoginThrottle::RecordSuccess(const std::string& account) {
  auto conn = storage_.pool().Acquire();
  return conn->Exec("DELETE FROM console_login_failures WHERE throttle_key = $1",
                    {Text(AccountKey(account))});
}

}  // namespace qiaomen::server
