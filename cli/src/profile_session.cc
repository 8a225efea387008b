#include "qiaomen/cli/profile_session.h"

#include <filesystem>

namespace qiaomen::cli {

core::keys::FileKeyStore KeyStoreFor(CliContext& ctx) {
  return core::keys::FileKeyStore(ctx.key_store_dir, ctx.random);
}

core::Result<std::unique_ptr<ProfileSession>> ProfileSession::Open(CliContext& ctx) {
  if (!std::filesystem::exists(core::profile::KeyFilePath(ctx.data_dir)) &&
      !std::filesystem::exists(core::profile::DatabasePath(ctx.data_dir))) {
    return core::NotFound("There is no profile in " + ctx.data_dir +
                          ". Enrol this device first: qiaomen --data " + ctx.data_dir +
                          " enroll --server URL --code CODE");
  }
  QM_ASSIGN_OR_RETURN(std::string pin, ctx.pins.ReadPin("current", "PIN: "));
  auto key_store = KeyStoreFor(ctx);
  core::profile::ProfileDeps deps{ctx.clock, ctx.random, key_store};
  auto unlocked = core::profile::UnlockProfileFiles(ctx.data_dir, pin, deps);
  if (!unlocked.ok()) return unlocked.status();
  std::unique_ptr<ProfileSession> session(new ProfileSession());
  session->dir_ = ctx.data_dir;
  QM_RETURN_IF_ERROR(session->Finish(ctx, std::move(unlocked).value()));
  return session;
}

core::Result<std::unique_ptr<ProfileSession>> ProfileSession::Create(CliContext& ctx,
                                                                     const std::string& pin,
                                                                     const std::string& worker_id,
                                                                     const std::string& device_id) {
  auto key_store = KeyStoreFor(ctx);
  core::profile::ProfileDeps deps{ctx.clock, ctx.random, key_store};
  core::profile::ProfileOptions options;
  if (ctx.fast_kdf_for_tests) options.keys.kdf = core::keys::KdfParams::FastForTests();
  options.worker_id = worker_id;
  options.device_id = device_id;
  auto created = core::profile::CreateProfileFiles(ctx.data_dir, pin, options, deps);
  if (!created.ok()) return created.status();
  std::unique_ptr<ProfileSession> session(new ProfileSession());
  session->dir_ = ctx.data_dir;
  QM_RETURN_IF_ERROR(session->Finish(ctx, std::move(created).value()));
  return session;
}

void ProfileSession::Discard(CliContext& ctx) {
  auto key_store = KeyStoreFor(ctx);
  core::keys::DestroyKeyFile(core::profile::KeyFilePath(ctx.data_dir), key_store).IgnoreError();
  std::error_code ec;
  for (const auto& path : {core::profile::DatabasePath(ctx.data_dir),
                           core::profile::DatabasePath(ctx.data_dir) + "-wal",
                           core::profile::DatabasePath(ctx.data_dir) + "-shm",
                           core::profile::InfoPath(ctx.data_dir), ClientConfigPath(ctx.data_dir)}) {
    std::filesystem::remove(path, ec);
  }
  std::filesystem::remove_all(core::profile::PhotosDir(ctx.data_dir), ec);
}

core::Status ProfileSession::Finish(CliContext& ctx, core::profile::UnlockedProfile profile) {
  keys_ = std::move(profile.keys);
  info_ = profile.info;
  // The worker is known from enrolment (the server says who the code was for).
  if (auto config = LoadConfig(); config.ok() && !config->worker_id.empty()) {
    info_.worker_id = config->worker_id;
  }
  core::store::StoreDeps deps;
  deps.clock = &ctx.clock;
  deps.random = &ctx.random;
  deps.device_id = info_.device_id;
  deps.worker_id = info_.worker_id;
  auto store = core::store::Store::Open(std::move(profile.db), deps);
  if (!store.ok()) return store.status().WithContext("opening the profile's store");
  store_ = std::move(store).value();
  auto vault = core::evidence::PhotoVault::Open(core::profile::PhotosDir(dir_), keys_.data_key(),
                                                *store_, {ctx.clock, ctx.random});
  if (!vault.ok()) return vault.status().WithContext("opening the photo vault");
  vault_ = std::move(vault).value();
  device_key_ = std::make_unique<core::evidence::DeviceKey>(keys_.signing_secret_key(),
                                                            keys_.signing_public_key());
  return core::Status::Ok();
}

ProfileSession::~ProfileSession() {
  // The vault refers to the store, so it goes first.
  vault_.reset();
  store_.reset();
}

core::Result<ClientConfig> ProfileSession::LoadConfig() const {
  return LoadClientConfig(ClientConfigPath(dir_), keys_.data_key());
}

core::Status ProfileSession::SaveConfig(const ClientConfig& config) const {
  return SaveClientConfig(ClientConfigPath(dir_), config, keys_.data_key());
}

}  // namespace qiaomen::cli
