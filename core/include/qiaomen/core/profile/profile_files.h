#pragma once
// The files of one enrolled profile, below the Store: a directory holding
//   qiaomen.db (+ -wal, -shm)  the SQLCipher 4 database, opened with the raw data key
//   profile.key                the key file (keys/profile_keys.h): wrapped data and signing keys
//   profile.info               device id, worker id, creation time; encrypted by a data-key subkey
//   photos/                    the encrypted photo files (evidence/photo_vault.h)
// The key file is written LAST by CreateProfileFiles: it is the commit point of an enrolment. A
// directory with a database but no key file is a profile whose keys were destroyed (too many wrong
// PINs) or whose creation was interrupted: its data can never be read again.

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/keys/key_store.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core::profile {

std::string DatabasePath(const std::string& dir);
std::string KeyFilePath(const std::string& dir);
std::string InfoPath(const std::string& dir);
std::string PhotosDir(const std::string& dir);

struct ProfileDeps {
  Clock& clock;
  Random& random;  // SecureRandom() in production: it makes the keys
  keys::KeyStore& key_store;
  // Called before each SQL statement and photo file step of the open profile: the numbered crash
  // points of the crash tests. Empty in production.
  std::function<void(std::string_view step)> observer = {};
  // The key file, the info file and the photo files go through it (not the SQLite database);
  // must outlive the profile.
  base::FileSystem* fs = &base::LocalFileSystem();
};

struct ProfileOptions {
  keys::KeyOptions keys;
  std::string worker_id;  // who uses this device (from enrolment)
  std::string device_id;  // 16 raw bytes from enrolment; a new UUIDv7 when empty
};

struct ProfileInfo {
  std::string device_id;  // 16 raw bytes
  std::string worker_id;
  int64_t created_at_ms = 0;
};

struct UnlockedProfile {
  keys::UnlockedKeys keys;
  ProfileInfo info;
  sql::Database db;
};

// Enrols a profile in `dir` (created 0700). AlreadyExists when `dir` already has a key file; stale
// files of a destroyed or half-made profile are removed first. Errors of CreateKeyFile otherwise.
Result<UnlockedProfile> CreateProfileFiles(const std::string& dir, std::string_view pin,
                                           const ProfileOptions& options, const ProfileDeps& deps);

// Unlocks the profile in `dir` with `pin` and opens its database. Errors: those of UnlockKeyFile
// (Unauthenticated with the attempts left; DataLoss once the keys are destroyed); NotFound when
// there is no profile; DataLoss when the database is there but the key file is not; Corruption when
// the info file is damaged.
Result<UnlockedProfile> UnlockProfileFiles(const std::string& dir, std::string_view pin,
                                           const ProfileDeps& deps);

// Rewrites the info file (durably) with `info`, e.g. once enrolment names the worker. IOError.
Status SaveProfileInfo(const std::string& dir, const ProfileInfo& info, const sql::RawKey& data_key,
                       Random& random, base::FileSystem& fs = base::LocalFileSystem());

// Removes a profile whose enrolment did not finish: its keys destroyed, its files deleted. What
// else the directory holds (a client settings file) is the caller's.
void DiscardProfileFiles(const std::string& dir, keys::KeyStore& key_store);

}  // namespace qiaomen::core::profile
