#pragma once
// A device as the app runs it, for tests against the real county server: an enrolled profile
// (SQLCipher Store + encrypted PhotoVault + device signing key) in its own directory, the
// StoreSyncAdapter over it, and its own clock (a fixed offset from the system clock, for skew).
// Shared by the integration tests and the crash-test child program (tools/sync_child_main.cc).

#include <sodium.h>

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/core/random.h"
#include "qiaomen/sync/store_sync_adapter.h"
#include "qiaomen/testing/fast_kdf.h"

namespace qiaomen::sync::testing {

// The hazard the tests' visits find: no CO alarm by a coal stove, general, due far ahead.
inline v1::Hazard NoCoAlarmHazard() {
  v1::Hazard hazard;
  hazard.set_rule_id("co_alarm_missing");
  hazard.set_category("coal_stove");
  hazard.set_severity(v1::GENERAL);
  hazard.set_deadline("2099-01-31");
  hazard.set_description("No CO alarm by the coal stove.");
  return hazard;
}

inline constexpr char kDevicePin[] = "246810";

// The system clock moved by a fixed offset (a phone whose clock is set wrong). Thread-safe.
class OffsetClock final : public core::Clock {
 public:
  explicit OffsetClock(int64_t offset_ms = 0) : offset_ms_(offset_ms) {}
  int64_t NowMillis() override { return core::SystemClock().NowMillis() + offset_ms_.load(); }
  void SetOffset(int64_t offset_ms) { offset_ms_ = offset_ms; }

 private:
  std::atomic<int64_t> offset_ms_;
};

inline std::string Sha256Raw(std::string_view data) {
  unsigned char d[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(d, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return std::string(reinterpret_cast<char*>(d), sizeof d);
}

// `n` pseudo-random bytes from `seed`, starting like a JPEG.
inline std::string PhotoBytes(size_t n, uint64_t seed) {
  std::string out(n, '\0');
  core::SeededRandom(seed).Fill(reinterpret_cast<uint8_t*>(out.data()), n);
  if (n >= 2) {
    out[0] = '\xFF';
    out[1] = '\xD8';
  }
  return out;
}

class ProfileDevice {
 public:
  // Opens the profile in `dir`, creating it (with `worker_id`) when there is none.
  ProfileDevice(std::string dir, std::string worker_id, int64_t clock_offset_ms = 0)
      : dir_(std::move(dir)),
        clock_(clock_offset_ms),
        key_store_(dir_ + ".keystore", core::SecureRandom()),
        deps_{clock_, core::SecureRandom(), key_store_},
        worker_id_(std::move(worker_id)) {}

  core::Status Open() {
    auto profile = core::profile::Profile::Open(dir_, kDevicePin, deps_);
    if (!profile.ok() && profile.status().code() == core::Code::kNotFound) {
      core::profile::ProfileOptions options;
      options.keys.kdf = ::qiaomen::testing::FastKdf();
      options.keys.max_attempts = 100;
      options.worker_id = worker_id_;
      profile = core::profile::Profile::Create(dir_, kDevicePin, options, deps_);
    }
    if (!profile.ok()) return profile.status();
    profile_ = std::move(*profile);
    adapter_ = std::make_unique<StoreSyncAdapter>(*profile_);
    return core::Status::Ok();
  }
  void Close() {
    adapter_.reset();
    profile_.reset();
  }
  bool is_open() const { return profile_ != nullptr; }

  // The bearer token from enrolment (set by whoever enrolled the device).
  std::string token;

  const std::string& dir() const { return dir_; }
  OffsetClock& clock() { return clock_; }
  core::profile::Profile& profile() { return *profile_; }
  core::store::Store& store() { return profile_->store(); }
  StoreSyncAdapter& adapter() { return *adapter_; }
  const std::string& device_id() const { return profile_->info().device_id; }
  std::string public_key() const {
    const auto& key = profile_->device_key().public_key();
    return std::string(reinterpret_cast<const char*>(key.data()), key.size());
  }

  // What a checked visit holds besides its photos: the task it is for, the hazards its answers
  // found (ordered for rectification when any), and the rest of the visit (answers, location),
  // filled in after the photos are attached, before signing.
  struct VisitExtras {
    static VisitExtras Finding(v1::Hazard hazard, std::string task_id = "") {
      VisitExtras extras;
      extras.task_id = std::move(task_id);
      extras.hazards.push_back(std::move(hazard));
      return extras;
    }
    std::string task_id;
    std::vector<v1::Hazard> hazards;
    std::function<void(v1::Visit&, int64_t now_ms)> complete;
    // 当场整改: hazard rule id -> the index in `photos` of its after-photo.
    std::map<std::string, size_t> fixed_on_site;
  };

  // Records a signed, checked visit of `subject_id` with template `template_id` v1, with one
  // photo per entry of `photos`, in the app's order: the photos go into the vault as they are
  // taken, then the finished visit, signed over their hashes, is journaled with them.
  core::Result<core::store::RecordedVisit> RecordVisitWith(const std::string& subject_id,
                                                           const std::string& template_id,
                                                           const std::vector<std::string>& photos,
                                                           VisitExtras extras) {
    core::store::VisitInput input;
    v1::Visit& visit = input.visit;
    visit.set_id(core::Uuid::NewV7(clock_, core::SecureRandom()).ToBytes());
    visit.set_subject_id(subject_id);
    visit.set_task_id(extras.task_id);
    visit.set_template_id(template_id);
    visit.set_template_version(1);
    visit.set_outcome(v1::CHECKED);
    const int64_t now = clock_.NowMillis();
    visit.set_started_at_ms(now - 600'000);
    visit.set_finished_at_ms(now);
    for (const std::string& bytes : photos) {
      v1::Photo meta;
      meta.set_visit_id(visit.id());
      meta.set_subject_id(subject_id);
      meta.set_mime_type("image/jpeg");
      meta.set_taken_at_ms(now - 60'000);
      std::span<const uint8_t> jpeg(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      QM_ASSIGN_OR_RETURN(v1::Photo stored, profile_->photos().SealBytes(jpeg, meta));
      v1::PhotoRef* ref = visit.add_photos();
      ref->set_photo_id(stored.id());
      ref->set_sha256(stored.sha256());
      input.photos.push_back(std::move(stored));
    }
    input.derived_hazards = std::move(extras.hazards);
    input.order_rectification = !input.derived_hazards.empty();
    for (const auto& [rule, index] : extras.fixed_on_site) {
      if (index >= input.photos.size()) return core::InvalidArgument("no such after-photo");
      input.fixed_on_site[rule] = input.photos[index].id();
    }
    if (extras.complete) extras.complete(visit, now);
    return profile_->RecordSignedVisit(std::move(input));
  }
  core::Result<v1::Visit> RecordVisit(
      const std::string& subject_id, const std::string& template_id,
      const std::vector<std::string>& photos,
      const std::function<void(v1::Visit&, int64_t now_ms)>& complete = {}) {
    VisitExtras extras;
    extras.complete = complete;
    QM_ASSIGN_OR_RETURN(core::store::RecordedVisit recorded,
                        RecordVisitWith(subject_id, template_id, photos, std::move(extras)));
    return recorded.visit;
  }

 private:
  std::string dir_;
  OffsetClock clock_;
  core::keys::FileKeyStore key_store_;
  core::profile::ProfileDeps deps_;
  std::string worker_id_;
  std::unique_ptr<core::profile::Profile> profile_;
  std::unique_ptr<StoreSyncAdapter> adapter_;
};

}  // namespace qiaomen::sync::testing
