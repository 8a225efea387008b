#pragma once
// An open, unlocked profile: the device side of Qiaomen that every front end (the field CLI, the
// app) calls. It owns the Store over its SQLCipher database (subjects, tasks, hazards, the outbox),
// the photo vault (indexed by the Store, so a photo row and its journal row are one transaction),
// the device signing key, the checklists and the worker's visits (drafts and finishing: see
// field_visits.h). Enrolment and the sync run, which need the network, are in sync/ (device.h).
//
// Opening collects photo files orphaned by a crash. See profile_files.h for the files on disk and
// keys/profile_keys.h for the PIN rules (attempts counted durably; data gone after the limit).
//
// Thread safety: not thread-safe. One Profile per directory, used from one thread (the app runs it
// on a worker thread; the UI thread never calls it directly).

#include <memory>
#include <string>
#include <string_view>

#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/core/forms/template_registry.h"
#include "qiaomen/core/profile/field_visits.h"
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
  // a newer app), of the vault's orphan collection, and InvalidArgument naming a checklist file in
  // `<dir>/checklists/` that does not pass the checker.
  static Result<std::unique_ptr<Profile>> Open(const std::string& dir, std::string_view pin,
                                               const ProfileDeps& deps);

  Profile(const Profile&) = delete;
  Profile& operator=(const Profile&) = delete;
  ~Profile();

  // Rewraps the data key under `new_pin`; the database is not re-encrypted. A wrong `old_pin` is a
  // counted attempt (and the last one destroys the keys, as for Open). Durable when it returns.
  Status ChangePin(std::string_view old_pin, std::string_view new_pin);

  // Names the worker this device records for (enrolment learns it from the server after the
  // profile exists). Durable (the info file) when it returns. IOError.
  Status SetWorker(const std::string& worker_id);

  // "YYYY-MM-DD" of `unix_ms` in the county's time zone (the one the server named at enrolment or
  // in the last pull, kept in the store; base::TimeZone::Default() until then): the one answer to
  // "which day is this" for today(), hazard deadlines and due dates on the device.
  std::string CountyDate(int64_t unix_ms) const;

  // The county's time zone as CountyDate uses it.
  const base::TimeZone& county_time_zone() const { return county_zone_; }

  // Keeps the county's time zone (an IANA name such as "Asia/Urumqi", as the server sends it) in
  // the store and uses it from now on. InvalidArgument (nothing changes) when this device's tz
  // database does not know the name; storage errors. Durable when it returns.
  Status SetCountyTimeZone(const std::string& zone_name);

  // Records a finished visit signed by the device key: fills its id, device id and worker id when
  // empty, signs it over its content and photo hashes, and records it (with its photos, derived
  // hazards and journal rows) in one transaction. Errors of DeviceKey::SignVisit and
  // Store::RecordVisit. Front ends use visits() (drafts, the forms engine); this is for importers.
  Result<store::RecordedVisit> RecordSignedVisit(store::VisitInput input);

  // Records a step of a hazard's life (ordered, rectified, reinspected, closed...) by this device's
  // worker, with its photos (files at `photo_paths`, e.g. the after-photo of a rectification)
  // sealed into the vault, all in ONE transaction. The step is checked against the hazard's state
  // before any photo is stored. FailedPrecondition (a sentence naming the state and the refused
  // step); NotFound for an unknown hazard or photo file; InvalidArgument for a file that is not a
  // JPEG; storage errors. On error nothing is kept.
  Result<v1::HazardEvent> RecordHazardStep(v1::HazardEvent event,
                                           const std::vector<std::string>& photo_paths);

  // The worker's visits: drafts, photos, finishing in one transaction.
  FieldVisits& visits() { return *visits_; }
  store::Store& store() { return *store_; }
  sql::Database& database() { return store_->database(); }
  evidence::PhotoVault& photos() { return *vault_; }
  const evidence::DeviceKey& device_key() const { return *device_key_; }
  const forms::TemplateRegistry& checklists() const { return checklists_; }
  const keys::UnlockedKeys& keys() const { return keys_; }
  const ProfileInfo& info() const { return info_; }
  const std::string& dir() const { return dir_; }

 private:
  Profile(std::string dir, const ProfileDeps& deps) : dir_(std::move(dir)), deps_(deps) {}
  static Result<std::unique_ptr<Profile>> Assemble(const std::string& dir, UnlockedProfile files,
                                                   const ProfileDeps& deps);

  std::string dir_;
  ProfileDeps deps_;
  ProfileInfo info_;
  base::TimeZone county_zone_ = base::TimeZone::Default();
  keys::UnlockedKeys keys_;
  forms::TemplateRegistry checklists_;
  std::unique_ptr<store::Store> store_;
  std::unique_ptr<evidence::PhotoVault> vault_;
  std::unique_ptr<evidence::DeviceKey> device_key_;
  std::unique_ptr<FieldVisits> visits_;
};

}  // namespace qiaomen::core::profile
