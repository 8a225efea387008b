#pragma once
// An open, unlocked profile: the Store over its SQLCipher database, the photo vault (indexed by the
// Store, so a photo row and its journal row are one transaction) and the device signing key.
// Opening collects photo files orphaned by a crash. See profile_files.h for the files on disk and
// keys/profile_keys.h for the PIN rules (attempts counted durably; data gone after the limit).
// Not thread-safe: one Profile per directory, used from one thread.

#include <memory>
#include <string>
#include <string_view>

#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/core/store/store.h"

namespace qiaomen::core::profile {

class Profile {
 public:
  // Enrols a new profile in `dir` (see CreateProfileFiles) and opens it.
  static Result<std::unique_ptr<Profile>> Create(const std::string& dir, std::string_view pin,
                                                 const ProfileOptions& options,
                                                 const ProfileDeps& deps);
  // Unlocks and opens the profile in `dir`. Errors of UnlockProfileFiles (Unauthenticated with the
  // attempts left, DataLoss once the keys are destroyed, NotFound), of Store::Open (a database from
  // a newer app), and of the vault's orphan collection.
  static Result<std::unique_ptr<Profile>> Open(const std::string& dir, std::string_view pin,
                                               const ProfileDeps& deps);

  Profile(const Profile&) = delete;
  Profile& operator=(const Profile&) = delete;
  ~Profile();

  // Rewraps the data key under `new_pin`; the database is not re-encrypted. A wrong `old_pin` is a
  // counted attempt (and the last one destroys the keys, as for Open).
  Status ChangePin(std::string_view old_pin, std::string_view new_pin);

  // Records a finished visit signed by the device key: fills its id, device id and worker id when
  // empty, signs it over its content and photo hashes, and records it (with its derived hazards and
  // journal rows) in one transaction. Errors of DeviceKey::SignVisit and Store::RecordVisit.
  Result<store::RecordedVisit> RecordSignedVisit(store::VisitInput input);

  store::Store& store() { return *store_; }
  sql::Database& database() { return store_->database(); }
  evidence::PhotoVault& photos() { return *vault_; }
  const evidence::DeviceKey& device_key() const { return *device_key_; }
  const ProfileInfo& info() const { return info_; }
  const std::string& dir() const { return dir_; }

 private:
  Profile(std::string dir, const ProfileDeps& deps) : dir_(std::move(dir)), deps_(deps) {}
  static Result<std::unique_ptr<Profile>> Assemble(const std::string& dir, UnlockedProfile files,
                                                   const ProfileDeps& deps);

  std::string dir_;
  ProfileDeps deps_;
  ProfileInfo info_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<evidence::PhotoVault> vault_;
  std::unique_ptr<evidence::DeviceKey> device_key_;
};

}  // namespace qiaomen::core::profile
