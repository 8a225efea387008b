#include "qiaomen/core/profile/profile.h"

#include "qiaomen/core/evidence/photo_check.h"
#include "qiaomen/core/profile/checklists.h"
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
  profile->keys_ = std::move(files.keys);
  if (deps.observer) files.db.SetStatementObserver(deps.observer);
  QM_ASSIGN_OR_RETURN(profile->checklists_, LoadChecklists(dir));
  store::StoreDeps store_deps;
  store_deps.clock = &deps.clock;
  store_deps.random = &deps.random;
  store_deps.device_id = files.info.device_id;
  store_deps.worker_id = files.info.worker_id;
  auto store = store::Store::Open(std::move(files.db), store_deps);
  if (!store.ok()) return store.status().WithContext("opening the profile's store");
  profile->store_ = std::move(store).value();
  // A zone this machine's tz database does not know (a profile copied from a newer phone) keeps the
  // default rather than locking the worker out; the next pull names it again.
  if (auto zone_name = profile->store_->CountyTimeZone(); zone_name.ok() && !zone_name->empty()) {
    if (auto zone = base::TimeZone::Load(*zone_name); zone.ok()) profile->county_zone_ = *zone;
  }
  auto vault =
      evidence::PhotoVault::Open(PhotosDir(dir), profile->keys_.data_key(), *profile->store_,
                                 {deps.clock, deps.random, deps.observer, deps.fs});
  if (!vault.ok()) return vault.status().WithContext("opening the photo vault");
  profile->vault_ = std::move(vault).value();
  profile->device_key_ = std::make_unique<evidence::DeviceKey>(profile->keys_.signing_secret_key(),
                                                               profile->keys_.signing_public_key());
  Profile* self = profile.get();
  profile->visits_ = std::make_unique<FieldVisits>(FieldVisitsDeps{
      deps.clock, deps.random, *profile->store_, *profile->vault_, *profile->device_key_,
      profile->checklists_, [self](int64_t ms) { return self->CountyDate(ms); },
      profile->info_.worker_id, profile->info_.device_id});
  return profile;
}

Profile::~Profile() {
  // The visits and the vault refer to the store, so they go first.
  visits_.reset();
  vault_.reset();
  store_.reset();
}

Status Profile::ChangePin(std::string_view old_pin, std::string_view new_pin) {
  return keys::ChangePin(KeyFilePath(dir_), old_pin, new_pin, deps_.key_store, deps_.random, {},
                         *deps_.fs);
}

Status Profile::SetWorker(const std::string& worker_id) {
  ProfileInfo info = info_;
  info.worker_id = worker_id;
  QM_RETURN_IF_ERROR(SaveProfileInfo(dir_, info, keys_.data_key(), deps_.random, *deps_.fs));
  info_ = std::move(info);
  store_->set_worker_id(worker_id);
  visits_ = std::make_unique<FieldVisits>(FieldVisitsDeps{
      deps_.clock, deps_.random, *store_, *vault_, *device_key_, checklists_,
      [this](int64_t ms) { return CountyDate(ms); }, info_.worker_id, info_.device_id});
  return Status::Ok();
}

std::string Profile::CountyDate(int64_t unix_ms) const {
  return base::CountyDate(unix_ms, county_zone_);
}

Status Profile::SetCountyTimeZone(const std::string& zone_name) {
  QM_ASSIGN_OR_RETURN(base::TimeZone zone, base::TimeZone::Load(zone_name));
  if (zone.name() == county_zone_.name()) return Status::Ok();
  QM_RETURN_IF_ERROR(store_->SetCountyTimeZone(zone.name()));
  county_zone_ = zone;
  return Status::Ok();
}

Result<v1::HazardEvent> Profile::RecordHazardStep(v1::HazardEvent event,
                                                  const std::vector<std::string>& photo_paths) {
  if (event.at_ms() == 0) event.set_at_ms(deps_.clock.NowMillis());
  event.set_actor(info_.worker_id);
  QM_ASSIGN_OR_RETURN(Uuid hazard_id, Uuid::FromBytes(event.hazard_id()));
  QM_ASSIGN_OR_RETURN(v1::Hazard hazard, store_->GetHazard(hazard_id));
  // Refuse an impossible step before a photo is stored for it.
  QM_ASSIGN_OR_RETURN(domain::HazardState before, store_->GetHazardState(hazard_id));
  QM_RETURN_IF_ERROR(domain::Transition(before, event).status());
  for (const std::string& path : photo_paths) QM_RETURN_IF_ERROR(evidence::CheckJpegFile(path));
  std::vector<v1::Photo> sealed;
  auto discard = [&] {
    for (const v1::Photo& p : sealed) vault_->Discard(*Uuid::FromBytes(p.id())).IgnoreError();
  };
  for (const std::string& path : photo_paths) {
    v1::Photo meta;
    meta.set_taken_at_ms(event.at_ms());
    meta.set_hazard_id(hazard.id());
    meta.set_subject_id(hazard.subject_id());
    meta.set_mime_type("image/jpeg");
    auto photo = vault_->SealFile(path, meta);
    if (!photo.ok()) {
      discard();
      return photo.status();
    }
    sealed.push_back(std::move(photo).value());
  }
  auto saved = store_->AddHazardEvent(std::move(event), sealed);
  if (!saved.ok()) discard();
  return saved;
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
