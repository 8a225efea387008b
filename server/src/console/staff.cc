#include "qiaomen/server/staff.h"

#include <sodium.h>

namespace qiaomen::server {
namespace {

// Argon2id at libsodium's interactive cost (2 passes, 64 MiB): a sign-in takes a fraction of a
// second, and the login throttle keeps guessing from costing the server more than that.
constexpr unsigned long long kOpsLimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
constexpr size_t kMemLimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;

core::Result<std::string> HashPassword(const std::string& password) {
  char out[crypto_pwhash_STRBYTES];
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), kOpsLimit, kMemLimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    return core::ResourceExhausted("Not enough memory to hash the password; try again.");
  }
  return std::string(out);
}

bool VerifyPassword(const std::string& hash, const std::string& password) {
  return !hash.empty() &&
         crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

// A hash of a random password, verified against when the account does not exist so that an
// unknown id costs the same time as a wrong password.
const std::string& DecoyHash() {
  static const std::string hash = [] {
    unsigned char random[16];
    randombytes_buf(random, sizeof random);
    auto h = HashPassword(std::string(reinterpret_cast<char*>(random), sizeof random));
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

size_t CodePoints(const std::string& text) {
  size_t n = 0;
  for (unsigned char c : text) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

core::Status StaffAccounts::AddStaff(const Staff& staff, int64_t now_ms) {
  if (staff.id.empty()) return core::InvalidArgument("--id is required.");
  if (staff.role == "county") {
    if (staff.scope.kind() != Scope::Kind::kCounty) {
      return core::InvalidArgument("County staff have the scope `county`.");
    }
  } else if (staff.role == "township") {
    if (staff.scope.kind() != Scope::Kind::kTown) {
      return core::InvalidArgument("Township staff have the scope `town:TOWN_ID` (one town).");
    }
  } else {
    return core::InvalidArgument("The staff role '" + staff.role +
                                 "' is not known. Use township or county.");
  }
  auto conn = storage_.pool().Acquire();
  if (staff.scope.kind() == Scope::Kind::kTown) {
    Directory directory(storage_, core::SystemClock());
    auto unit = directory.GetAdminUnit(*conn, staff.scope.units().front());
    if (!unit.ok() || unit->level != "town") {
      return core::InvalidArgument("There is no town '" + staff.scope.units().front() +
                                   "'. Import the subjects first or fix the id.");
    }
  }
  return conn->Exec(
      "INSERT INTO staff (id, name, role, scope, created_ms) VALUES ($1,$2,$3,$4,$5) "
      "ON CONFLICT (id) DO UPDATE SET name = excluded.name, role = excluded.role, "
      "scope = excluded.scope",
      {Text(staff.id), Text(staff.name), Text(staff.role), Text(staff.scope.ToString()),
       Int(now_ms)});
}

core::Status StaffAccounts::SetPassword(const std::string& id, const std::string& password) {
  if (CodePoints(password) < kMinPasswordLength) {
    return core::InvalidArgument("The password is too short: use at least " +
                                 std::to_string(kMinPasswordLength) + " characters.");
  }
  if (password.size() > kMaxPasswordBytes) {
    return core::InvalidArgument("The password is too long: use at most " +
                                 std::to_string(kMaxPasswordBytes) + " bytes.");
  }
  QM_RETURN_IF_ERROR(Get(id).status());
  QM_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
  auto conn = storage_.pool().Acquire();
  return InTransaction(*conn, [&]() -> core::Status {
    QM_RETURN_IF_ERROR(
        conn->Exec("UPDATE staff SET password_hash = $1 WHERE id = $2", {Text(hash), Text(id)}));
    return conn->Exec("DELETE FROM console_sessions WHERE staff_id = $1", {Text(id)});
  });
}

core::Result<Staff> StaffAccounts::Get(const std::string& id) {
  auto conn = storage_.pool().Acquire();
  QM_ASSIGN_OR_RETURN(
      auto rows, conn->Query("SELECT id, name, role, scope FROM staff WHERE id = $1", {Text(id)}));
  if (rows.empty()) {
    return core::NotFound("There is no staff account '" + id + "'. Add it with add-staff first.");
  }
  return WorkerFromColumns(rows[0]);
}

core::Result<Staff> StaffAccounts::CheckPassword(const std::string& id,
                                                 const std::string& password) {
  std::vector<SqlRow> rows;
  {
    auto conn = storage_.pool().Acquire();  // not held while hashing
    QM_ASSIGN_OR_RETURN(rows, conn->Query("SELECT id, name, role, scope, password_hash FROM staff "
                                          "WHERE id = $1",
                                          {Text(id)}));
  }
  const auto refused = core::Unauthenticated("The account or the password is wrong.");
  if (password.size() > kMaxPasswordBytes) return refused;
  // An unknown id and an account without a password cost a verification too.
  const std::string hash = rows.empty() ? "" : rows[0].Text(4);
  if (hash.empty()) {
    VerifyPassword(DecoyHash(), password);
    return refused;
  }
  if (!VerifyPassword(hash, password)) return refused;
  return WorkerFromColumns(rows[0]);
}

}  // namespace qiaomen::server
