#pragma once
// Staff accounts of the web console: township and county staff with a scope like the workers'
// (a town, or the county), and an Argon2id password hash (libsodium crypto_pwhash_str). Separate
// from workers and devices: a staff account never syncs and a device never signs in.
// Thread-safe (each call takes its own pooled connection).

#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/scope.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

// A staff member: id, name, role (township | county) and scope, a worker's shape.
using Staff = Worker;

class StaffAccounts {
 public:
  explicit StaffAccounts(Storage& storage) : storage_(storage) {}

  // Adds or updates a staff member (name, role, scope; the password stays). InvalidArgument for
  // an empty id, a role other than township or county, a township without `town:TOWN_ID` or a
  // county role without `county`, or a town that does not exist (import the subjects first).
  core::Status AddStaff(const Staff& staff, int64_t now_ms);

  // Hashes `password` with Argon2id and stores it, ending every session of the account (a new
  // password signs everyone out). NotFound for an unknown id; InvalidArgument for a password
  // shorter than kMinPasswordLength characters or longer than kMaxPasswordBytes bytes.
  core::Status SetPassword(const std::string& id, const std::string& password);

  // The account. NotFound when there is none.
  core::Result<Staff> Get(const std::string& id);

  // The account when `password` is its password. Unauthenticated for an unknown id, a wrong
  // password or an account without a password, all alike (and in about the same time, so the
  // answer does not tell which ids exist). Unavailable when the database cannot be read.
  core::Result<Staff> CheckPassword(const std::string& id, const std::string& password);

  static constexpr size_t kMinPasswordLength = 10;  // Unicode code points
  static constexpr size_t kMaxPasswordBytes = 256;

 private:
  Storage& storage_;
};

}  // namespace qiaomen::server
