#pragma once
// One command's use of the enrolled profile in --data: the unlocked keys, the device store, the
// photo vault, the device signing key and the server settings. Opened with the worker's PIN; all of
// it is closed (and the keys zeroed) when the session is destroyed.

#include <memory>
#include <string>

#include "qiaomen/cli/client_config.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/core/store/store.h"

namespace qiaomen::cli {

class ProfileSession {
 public:
  // Unlocks the profile in ctx.data_dir with the PIN from ctx.pins. Errors: NotFound (no profile:
  // enrol first), Unauthenticated with the attempts left for a wrong PIN, DataLoss when the keys
  // were destroyed, and the store's and vault's errors.
  static core::Result<std::unique_ptr<ProfileSession>> Open(CliContext& ctx);

  // Enrolment: makes the profile files (keys, database) with `pin` and opens the store. The
  // caller saves the server settings; on any failure it calls Discard.
  static core::Result<std::unique_ptr<ProfileSession>> Create(CliContext& ctx,
                                                              const std::string& pin,
                                                              const std::string& worker_id,
                                                              const std::string& device_id);

  // Removes a profile whose enrolment did not finish (keys destroyed, files deleted).
  static void Discard(CliContext& ctx);

  ~ProfileSession();

  core::store::Store& store() { return *store_; }
  core::evidence::PhotoVault& vault() { return *vault_; }
  const core::evidence::DeviceKey& device_key() const { return *device_key_; }
  const core::profile::ProfileInfo& info() const { return info_; }
  const core::sql::RawKey& data_key() const { return keys_.data_key(); }
  const core::keys::UnlockedKeys& keys() const { return keys_; }
  const std::string& dir() const { return dir_; }

  // The server settings. NotFound when the profile has none (not enrolled through the client).
  core::Result<ClientConfig> LoadConfig() const;
  core::Status SaveConfig(const ClientConfig& config) const;

 private:
  ProfileSession() = default;
  core::Status Finish(CliContext& ctx, core::profile::UnlockedProfile profile);

  std::string dir_;
  core::keys::UnlockedKeys keys_;
  core::profile::ProfileInfo info_;
  std::unique_ptr<core::store::Store> store_;
  std::unique_ptr<core::evidence::PhotoVault> vault_;
  std::unique_ptr<core::evidence::DeviceKey> device_key_;
};

// The keystore of ctx (a FileKeyStore in ctx.key_store_dir).
core::keys::FileKeyStore KeyStoreFor(CliContext& ctx);

}  // namespace qiaomen::cli
