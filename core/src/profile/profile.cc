#include "qiaomen/core/profile/profile.h"

#include "qiaomen/core/uuid.h"

namespace qiaomen::core::profile {

Result<std::unique_ptr<Profile>> Profile::Create(const std::string& dir, std::string_view pin,
                                                 const ProfileOptions& options,
                                                 const ProfileDeps& deps) {
  QM_ASSIGN_OR_RETURN(UnlockedProfile files, CreateProfileFiles(dir, pin, options, deps));
  return Assemble(dir, std::move(files), deps);
}

Result<std::unique_ptr<Profile>> Profile::Open(const std::string& dir, std::string_view pin,
                                               const ProfileDeps& deps) {
  QM_ASSIGN_OR_RETURN(UnlockedProfile files, UnlockProfileFiles(dir, pin, deps));
  return Assemble(dir, std::move(files), deps);
}

Result<std::unique_ptr<Profile>> Profile::Assemble(const std::string& dir, UnlockedProfile files,
                                                   const ProfileDeps& deps) {
  std::unique_ptr<Profile> profile(new Profile(dir, deps));
  profile->info_ = files.info;
  store::StoreDeps store_deps;
  store_deps.clock = &deps.clock;
  store_deps.random = &deps.random;
  store_deps.device_id = files.info.device_id;
  store_deps.worker_id = files.info.worker_id;
  QM_ASSIGN_OR_RETURN(profile->store_, store::Store::Open(std::move(files.db), store_deps));
  QM_ASSIGN_OR_RETURN(profile->vault_,
                      evidence::PhotoVault::Open(PhotosDir(dir), files.keys.data_key(),
                                                 *profile->store_, {deps.clock, deps.random}));
  profile->device_key_ = std::make_unique<evidence::DeviceKey>(files.keys.signing_secret_key(),
                                                               files.keys.signing_public_key());
  return profile;
}

Profile::~Profile() = default;

Status Profile::ChangePin(std::string_view old_pin, std::string_view new_pin) {
  return keys::ChangePin(KeyFilePath(dir_), old_pin, new_pin, deps_.key_store, deps_.random);
}

Result<store::RecordedVisit> Profile::RecordSignedVisit(store::VisitInput input) {
  v1::Visit& visit = input.visit;
  if (visit.id().empty()) visit.set_id(Uuid::NewV7(deps_.clock, deps_.random).ToBytes());
  if (visit.device_id().empty()) visit.set_device_id(info_.device_id);
  if (visit.worker_id().empty()) visit.set_worker_id(info_.worker_id);
  QM_RETURN_IF_ERROR(device_key_->SignVisit(visit));
  return store_->RecordVisit(std::move(input));
}

}  // namespace qiaomen::core::profile
