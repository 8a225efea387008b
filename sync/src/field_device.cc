#include "qiaomen/sync/field_device.h"

#include <filesystem>
#include <optional>
#include <set>

#include "guarded_sync_store.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/bundle/bundle_file.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/sync/server_link.h"
#include "qiaomen/sync/sleeper.h"
#include "qiaomen/sync/store_sync_adapter.h"
#include "qiaomen/v1/bundle.pb.h"
#include "qiaomen/v1/sync.pb.h"

namespace qiaomen::sync {
namespace {

core::profile::ProfileDeps ProfileDepsOf(const FieldDeviceDeps& deps) {
  return {.clock = deps.clock, .random = deps.random, .key_store = deps.key_store, .fs = deps.fs};
}

}  // namespace

FieldDevice::FieldDevice(std::unique_ptr<core::profile::Profile> profile, ClientConfig config,
                         const FieldDeviceDeps& deps)
    : profile_(std::move(profile)), config_(std::move(config)), deps_(deps) {}

FieldDevice::~FieldDevice() = default;

core::Result<std::unique_ptr<FieldDevice>> FieldDevice::Open(const std::string& dir,
                                                             std::string_view pin,
                                                             const FieldDeviceDeps& deps) {
  auto profile = core::profile::Profile::Open(dir, pin, ProfileDepsOf(deps));
  if (!profile.ok()) {
    const core::Status& s = profile.status();
    switch (s.code()) {
      case core::Code::kNotFound:
        return core::NotFound("There is no profile in " + dir +
                              ". Enrol this device first with the server address and the "
                              "one-time code from township staff.");
      case core::Code::kUnauthenticated:
        return s;
      case core::Code::kDataLoss:
        return core::DataLoss(s.message() +
                              " Ask township staff for a new code and enrol this device again.");
      default:
        return s;
    }
  }
  ClientConfig config;
  auto loaded = LoadClientConfig(ClientConfigPath(dir), (*profile)->keys().data_key(), *deps.fs);
  if (loaded.ok()) {
    config = std::move(loaded).value();
    // Profiles enrolled before the worker was kept in the info file learn it here.
    if (!config.worker_id.empty() && (*profile)->info().worker_id != config.worker_id) {
      QM_RETURN_IF_ERROR((*profile)->SetWorker(config.worker_id));
    }
  } else if (loaded.status().code() != core::Code::kNotFound) {
    return loaded.status();
  }
  return std::unique_ptr<FieldDevice>(
      new FieldDevice(std::move(profile).value(), std::move(config), deps));
}

core::Result<DeviceStatus> FieldDevice::Status() {
  StoreSyncAdapter adapter(*profile_);
  DeviceStatus status;
  status.device_id = profile_->info().device_id;
  status.worker_id = profile_->info().worker_id;
  status.server_url = config_.server_url;
  status.scope = config_.scope;
  status.county_time_zone = profile_->county_time_zone().name();
  QM_ASSIGN_OR_RETURN(status.pending_changes, adapter.PendingChangeCount());
  QM_ASSIGN_OR_RETURN(auto photos, adapter.PendingPhotos());
  status.pending_photos = static_cast<int64_t>(photos.size());
  for (const auto& p : photos) status.pending_photo_bytes += p.size;
  QM_ASSIGN_OR_RETURN(status.quarantined, profile_->store().ListQuarantined());
  QM_ASSIGN_OR_RETURN(auto state, profile_->store().GetSyncState());
  status.last_sync_ms = state.last_sync_ms;
  status.applied_through = state.applied_through;
  status.last_seq = state.last_seq;
  status.backed_up_through = state.backed_up_through;
  status.released_through = state.released_through;
  QM_ASSIGN_OR_RETURN(auto drafts, profile_->store().ListDrafts());
  status.drafts = static_cast<int64_t>(drafts.size());
  return status;
}

core::Result<std::vector<uint64_t>> FieldDevice::ResendRefused(uint64_t seq) {
  return profile_->store().Resend(seq);
}

DeviceSyncResult FieldDevice::Sync(const SyncOptions& options,
                                   std::function<void(const SyncProgress&)> progress) {
  DeviceSyncResult result;
  if (!enrolled()) {
    result.status = core::FailedPrecondition(
        "This device has no county server yet: enrol it with the code from township staff.");
    result.report.status = result.status;
    return result;
  }
  auto fail = [&](const core::Status& s) {
    result.status = s;
    result.report.status = s;
    return result;
  };
  // With a profile mutex the run holds it whenever it uses the profile, and lets it go while the
  // engine waits on the network (every store call of the engine takes it again, one at a time).
  std::unique_lock<std::mutex> profile_lock;
  if (options.profile_mutex != nullptr) profile_lock = std::unique_lock(*options.profile_mutex);
  auto transport = MakeTransport(config_);
  StoreSyncAdapter adapter(*profile_);
  if (options.journal_cap_bytes >= 0) adapter.SetJournalCapBytes(options.journal_cap_bytes);
  std::optional<GuardedSyncStore> guarded;
  SyncStore* store = &adapter;
  if (options.profile_mutex != nullptr) store = &guarded.emplace(adapter, *options.profile_mutex);
  std::set<uint64_t> quarantined_before;
  auto before = profile_->store().ListQuarantined();
  if (!before.ok()) return fail(before.status());
  for (const auto& q : *before) quarantined_before.insert(q.change.seq());
  auto pending = adapter.PendingPhotos();
  if (!pending.ok()) return fail(pending.status());
  int64_t photo_payload = 0;
  for (const auto& p : *pending) photo_payload += p.size;

  SyncConfig sync_config;
  sync_config.server_url = config_.server_url;
  sync_config.token = config_.token;
  sync_config.photos_wifi_only = options.photos_wifi_only;
  sync_config.backoff.base_ms = 500;
  sync_config.backoff.cap_ms = 8'000;
  sync_config.backoff.max_attempts = options.retries + 1;
  if (options.chunk_initial_bytes > 0) {
    sync_config.chunk_initial_bytes = options.chunk_initial_bytes;
    sync_config.chunk_min_bytes =
        std::min(sync_config.chunk_min_bytes, sync_config.chunk_initial_bytes);
  }
  SyncEngine engine(sync_config, {*transport, *store, deps_.clock, deps_.random, RealSleeper()});
  engine.SetLink(options.link);
  if (progress) engine.SetProgressCallback(std::move(progress));
  {
    std::lock_guard<std::mutex> lock(running_mu_);
    running_ = &engine;
  }
  if (profile_lock.owns_lock()) profile_lock.unlock();
  result.report = engine.Run();
  if (options.profile_mutex != nullptr) profile_lock.lock();
  {
    std::lock_guard<std::mutex> lock(running_mu_);
    running_ = nullptr;
  }
  if (result.report.status.ok()) {
    profile_->store().SetLastSyncMillis(deps_.clock.NowMillis()).IgnoreError();
  }
  // A zone this phone's tz database does not know keeps the one it had (the default at worst);
  // the front end says that the days it shows may differ from the county's.
  if (!result.report.county_time_zone.empty()) {
    if (!profile_->SetCountyTimeZone(result.report.county_time_zone).ok()) {
      result.unknown_county_time_zone = result.report.county_time_zone;
    }
  }
  if (!result.report.county_bundle_key.empty() &&
      result.report.county_bundle_key != config_.county_bundle_key) {
    // Kept only once it is on disk: a bundle is never sealed to a key the settings do not hold.
    ClientConfig updated = config_;
    updated.county_bundle_key = result.report.county_bundle_key;
    if (SaveClientConfig(ClientConfigPath(profile_->dir()), updated, profile_->keys().data_key(),
                         *deps_.fs)
            .ok()) {
      config_ = std::move(updated);
    }
  }
  if (auto after = profile_->store().ListQuarantined(); after.ok()) {
    for (const auto& q : *after) {
      if (quarantined_before.count(q.change.seq()) == 0) result.refused.push_back(q);
    }
  }
  if (auto still = adapter.PendingPhotos(); still.ok()) {
    for (const auto& p : *still) result.photo_bytes_pending += p.size;
  }
  result.photo_payload_sent = photo_payload - result.photo_bytes_pending;
  if (auto state = profile_->store().GetSyncState(); state.ok()) {
    result.backed_up_through = state->backed_up_through;
    result.released_through = state->released_through;
  }
  if (result.report.needs_reenrolment) {
    result.status = core::Unauthenticated(
        "The server no longer accepts this device's token. Ask township staff for a new code "
        "and enrol again; unsent work stays here.");
  } else if (!result.report.status.ok()) {
    result.status = ExplainNetworkError(result.report.status, config_.server_url);
  }
  return result;
}

void FieldDevice::CancelSync() {
  std::lock_guard<std::mutex> lock(running_mu_);
  if (running_ != nullptr) running_->Cancel();
}

core::Result<BundleExport> FieldDevice::ExportBundle(const std::string& path) {
  if (!enrolled()) {
    return core::FailedPrecondition(
        "This device has no county server yet, so there is no county to seal a bundle for: "
        "enrol it first.");
  }
  if (config_.county_bundle_key.size() != 32) {
    return core::FailedPrecondition(
        "This device does not have the county's bundle key yet (it enrolled with a server that "
        "had none), so it cannot seal a bundle that only the county can open. Sync once where "
        "there is signal, or ask township staff for a new code and enrol again. No bundle was "
        "written.");
  }
  StoreSyncAdapter adapter(*profile_);
  v1::Bundle bundle;
  bundle.set_device_id(profile_->info().device_id);
  bundle.set_worker_id(profile_->info().worker_id);
  bundle.set_created_at_ms(deps_.clock.NowMillis());
  QM_ASSIGN_OR_RETURN(auto changes, adapter.NextOutboxBatch(1'000'000, SIZE_MAX / 2));
  for (auto& c : changes) *bundle.add_changes() = std::move(c);
  QM_ASSIGN_OR_RETURN(auto photos, adapter.PendingPhotos());
  BundleExport out;
  for (const auto& p : photos) {
    QM_ASSIGN_OR_RETURN(std::string data, adapter.ReadPhoto(p));
    auto* photo = bundle.add_photos();
    photo->set_sha256(base::HexDecode(p.sha256_hex).value_or(""));
    out.photo_bytes += static_cast<int64_t>(data.size());
    photo->set_data(std::move(data));
  }
  const auto& county_key = config_.county_bundle_key;
  QM_ASSIGN_OR_RETURN(
      std::string file,
      core::bundle::SealBundle(
          bundle, {reinterpret_cast<const uint8_t*>(county_key.data()), county_key.size()},
          profile_->keys().signing_secret_key()));
  QM_RETURN_IF_ERROR(base::WriteFileAtomically(*deps_.fs, path, file));
  out.changes = bundle.changes_size();
  out.photos = bundle.photos_size();
  out.file_bytes = static_cast<int64_t>(file.size());
  return out;
}

}  // namespace qiaomen::sync
