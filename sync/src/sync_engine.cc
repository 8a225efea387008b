#include "qiaomen/sync/sync_engine.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <thread>
#include <vector>

#include "photo_uploader.h"
#include "qiaomen/v1/sync.pb.h"
#include "run_context.h"

namespace qiaomen::sync {

using internal::RunContext;

namespace {

// "1 change", "3 changes".
std::string Count(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// "3 days", "5 hours", "20 minutes": the rough size of a clock error, for people.
std::string RoughDuration(int64_t ms) {
  constexpr int64_t kMinute = 60'000, kHour = 60 * kMinute, kDay = 24 * kHour;
  if (ms >= 2 * kDay) return std::to_string(ms / kDay) + " days";
  if (ms >= 2 * kHour) return std::to_string(ms / kHour) + " hours";
  return std::to_string(ms / kMinute) + " minutes";
}

}  // namespace

std::string SyncReport::Summary() const {
  std::string out = "Sent " + Count(changes_pushed, "change", "changes") + " and " +
                    Count(photos_uploaded, "photo", "photos") + "; received " +
                    Count(changes_pulled, "change", "changes") + ".";
  if (photos_already_on_server > 0) {
    out += " " + Count(photos_already_on_server, "photo was", "photos were") +
           " already on the server.";
  }
  if (changes_quarantined > 0) {
    out += " " + Count(changes_quarantined, "change was", "changes were") +
           " refused by the server and kept on the device for review.";
  }
  constexpr int64_t kClockWarningMs = 10 * 60'000;
  if (device_clock_skew_ms > kClockWarningMs || device_clock_skew_ms < -kClockWarningMs) {
    out += " This phone's clock is about " +
           RoughDuration(device_clock_skew_ms > 0 ? device_clock_skew_ms : -device_clock_skew_ms) +
           (device_clock_skew_ms > 0 ? " ahead of" : " behind") +
           " the county server; please set the date and time.";
  }
  if (photos_held_for_wifi) out += " Photos are waiting for Wi-Fi.";
  if (epoch_reset) out += " The server was restored from a backup; this device re-sent its work.";
  if (!status.ok()) out += " Stopped: " + status.message();
  return out;
}

class SyncEngine::RunState {
 public:
  RunState(SyncEngine& engine, RunContext& run) : engine_(engine), run_(run) {}

  core::Status Metadata();
  core::Status Photos();

 private:
  core::Status ApplyResponse(const std::vector<v1::Change>& batch, const v1::SyncResponse& resp,
                             std::string& epoch, bool& reset);
  void Emit(SyncProgress::Phase phase, std::string message);

  SyncEngine& engine_;
  RunContext& run_;
  int64_t pending_ = 0;
  std::atomic<int64_t> photo_bytes_done_{0};
  int64_t photo_bytes_total_ = 0;
  std::atomic<int64_t> throughput_{0};  // photo bytes per second
  std::mutex emit_mu_;
};

void SyncEngine::RunState::Emit(SyncProgress::Phase phase, std::string message) {
  // One at a time, in order: photo workers report from their own threads.
  std::lock_guard emit_lock(emit_mu_);
  SyncProgress p{.phase = phase, .message = std::move(message)};
  {
    std::lock_guard lock(run_.report_mu);
    p.records_done = run_.report.changes_pushed + run_.report.changes_pulled;
    p.records_total = p.records_done + pending_;
    p.bytes_done = photo_bytes_done_;
    p.bytes_total = photo_bytes_total_;
    const int64_t batches = (pending_ + static_cast<int64_t>(run_.config.batch_max_changes) - 1) /
                            static_cast<int64_t>(run_.config.batch_max_changes);
    const int64_t photo_ms =
        throughput_ > 0 ? (photo_bytes_total_ - photo_bytes_done_) * 1000 / throughput_ : -1;
    if (phase == SyncProgress::Phase::kDone) {
      p.eta_ms = 0;
    } else if (phase == SyncProgress::Phase::kPhotos) {
      p.eta_ms = photo_ms;
    } else if (run_.rtt_ewma_ms > 0) {
      p.eta_ms = batches * run_.rtt_ewma_ms;
    }
  }
  run_.Progress(p);
}

core::Status SyncEngine::RunState::ApplyResponse(const std::vector<v1::Change>& batch,
                                                 const v1::SyncResponse& resp, std::string& epoch,
                                                 bool& reset) {
  SyncStore& store = run_.deps.store;
  std::lock_guard lock(run_.store_mu);
  reset = false;
  // Every answer ratchets the device's HLC. A server stamp far ahead of the device clock is taken
  // only when the server's own wall clock agrees with it (the device clock is slow); otherwise it
  // is refused and the run goes on with the device's clock.
  if (resp.server_hlc() != 0) {
    const bool vouched =
        resp.server_time_ms() > 0 && !core::IsFarFuture(resp.server_hlc(), resp.server_time_ms());
    core::Status observed = store.ObserveHlc(resp.server_hlc());
    if (!observed.ok() && vouched) observed = store.ObserveServerHlc(resp.server_hlc());
    observed.IgnoreError();
  }
  if (resp.server_time_ms() > 0) {
    std::lock_guard report_lock(run_.report_mu);
    run_.report.device_clock_skew_ms = run_.deps.clock.NowMillis() - resp.server_time_ms();
  }
  if (!resp.county_time_zone().empty()) {
    std::lock_guard report_lock(run_.report_mu);
    run_.report.county_time_zone = resp.county_time_zone();
  }
  if (resp.backed_up_through_seq() != 0) {
    std::lock_guard report_lock(run_.report_mu);
    run_.report.backed_up_through_seq = resp.backed_up_through_seq();
  }
  if (resp.county_bundle_key().size() == 32) {
    std::lock_guard report_lock(run_.report_mu);
    run_.report.county_bundle_key = resp.county_bundle_key();
  }

  // The results first, whatever else the answer says: the server judged these changes in this
  // very request (in its current history), so a refusal is kept even if a reset follows.
  int64_t quarantined = 0;
  int64_t rebased = 0;
  for (const v1::ChangeResult& result : resp.results()) {
    // Before the applied-through mark: a crash in between leaves the change to be sent again, and
    // the server answers the resend with the same stamp.
    if (result.applied_hlc() != 0 && result.outcome() != v1::ChangeResult::REJECTED) {
      QM_RETURN_IF_ERROR(store.RebaseOwnChange(result.seq(), result.applied_hlc()));
      ++rebased;
    }
    if (result.outcome() != v1::ChangeResult::REJECTED) continue;
    QM_RETURN_IF_ERROR(store.Quarantine(result.seq(), result.code(), result.reason()));
    ++quarantined;
  }
  // Photos the server's changes reference but whose bytes it lacks: ours go (again) after the
  // metadata, even those it confirmed before a restore.
  if (resp.missing_photo_sha256_size() > 0) {
    QM_RETURN_IF_ERROR(store.MarkPhotosMissing(std::vector<std::string>(
        resp.missing_photo_sha256().begin(), resp.missing_photo_sha256().end())));
  }
  int64_t pushed = 0;
  for (const v1::Change& c : batch) {
    if (c.seq() <= resp.applied_through_seq()) ++pushed;
  }
  {
    std::lock_guard report_lock(run_.report_mu);
    run_.report.changes_pushed += pushed - quarantined;
    run_.report.changes_quarantined += quarantined;
    run_.report.changes_rebased += rebased;
  }

  // A restore from backup: another epoch, or the same epoch holding less of this device than it
  // acknowledged before (a backup restored without a new epoch). The page answers a cursor of
  // another history: rewind to what the server holds and start over; the changes it lost,
  // refused ones included, are sent again from the outbox.
  QM_ASSIGN_OR_RETURN(uint64_t acknowledged, store.AppliedThrough());
  const bool new_epoch =
      !resp.server_epoch().empty() && !epoch.empty() && resp.server_epoch() != epoch;
  if (new_epoch || resp.applied_through_seq() < acknowledged) {
    const std::string next_epoch = resp.server_epoch().empty() ? epoch : resp.server_epoch();
    QM_RETURN_IF_ERROR(store.ResetForNewEpoch(next_epoch, resp.applied_through_seq()));
    epoch = next_epoch;
    reset = true;
    QM_ASSIGN_OR_RETURN(pending_, store.PendingChangeCount());
    std::lock_guard report_lock(run_.report_mu);
    run_.report.epoch_reset = true;
    return core::Status::Ok();
  }
  if (!resp.server_epoch().empty() && resp.server_epoch() != epoch) {
    QM_RETURN_IF_ERROR(store.SetServerEpoch(resp.server_epoch()));
    epoch = resp.server_epoch();
  }

  QM_RETURN_IF_ERROR(store.MarkAppliedThrough(resp.applied_through_seq()));
  PulledPage page{
      .next_cursor = resp.next_cursor(), .snapshot = resp.snapshot(), .scope = resp.scope()};
  page.changes.assign(resp.changes().begin(), resp.changes().end());
  page.removed_record_ids.assign(resp.removed_record_ids().begin(),
                                 resp.removed_record_ids().end());
  QM_RETURN_IF_ERROR(store.ApplyPulledPage(page));
  QM_ASSIGN_OR_RETURN(pending_, store.PendingChangeCount());
  std::lock_guard report_lock(run_.report_mu);
  run_.report.changes_pulled += static_cast<int64_t>(page.changes.size());
  return core::Status::Ok();
}

core::Status SyncEngine::RunState::Metadata() {
  SyncStore& store = run_.deps.store;
  std::string epoch;
  {
    std::lock_guard lock(run_.store_mu);
    QM_ASSIGN_OR_RETURN(epoch, store.ServerEpoch());
    QM_ASSIGN_OR_RETURN(pending_, store.PendingChangeCount());
  }
  size_t max_changes = run_.config.batch_max_changes;
  size_t max_bytes = run_.config.batch_max_bytes;
  int stalled = 0;
  int resets = 0;
  Emit(SyncProgress::Phase::kMetadata, "Sending changes");
  while (true) {
    QM_RETURN_IF_ERROR(run_.StopStatus());
    v1::SyncRequest req;
    std::vector<v1::Change> batch;
    {
      std::lock_guard lock(run_.store_mu);
      QM_ASSIGN_OR_RETURN(batch, store.NextOutboxBatch(max_changes, max_bytes));
      QM_ASSIGN_OR_RETURN(std::string cursor, store.PullCursor());
      QM_ASSIGN_OR_RETURN(core::HlcStamp hlc, store.CurrentHlc());
      QM_ASSIGN_OR_RETURN(uint64_t released, store.ReleasedThrough());
      req.set_cursor(cursor);
      req.set_device_hlc(hlc);
      req.set_released_through_seq(released);
    }
    for (const v1::Change& c : batch) *req.add_changes() = c;
    req.set_max_pull(run_.config.max_pull);
    req.set_device_time_ms(run_.deps.clock.NowMillis());
    req.set_server_epoch(epoch);
    // After a restore in this run, the server may lack photos this device had uploaded before.
    req.set_want_missing_photos(resets > 0);

    HttpRequest http{.method = "POST",
                     .url = run_.Url("/v1/sync"),
                     .headers = {{"Content-Type", "application/x-protobuf"},
                                 {"Accept", "application/x-protobuf"}},
                     .body = req.SerializeAsString(),
                     .gzip_body = run_.config.gzip};
    QM_ASSIGN_OR_RETURN(HttpResponse resp, run_.SendWithRetry(std::move(http), "Syncing changes"));
    if (resp.status == 413 && batch.size() > 1) {
      max_changes = std::max<size_t>(1, batch.size() / 2);
      max_bytes = std::max<size_t>(1024, max_bytes / 2);
      continue;
    }
    if (resp.status != 200) {
      return core::InvalidArgument("The county server refused the sync request (HTTP " +
                                   std::to_string(resp.status) + ": " + resp.body.substr(0, 300) +
                                   "). Nothing was lost; update the app or ask the county IT "
                                   "staff.");
    }
    v1::SyncResponse answer;
    if (!answer.ParseFromString(resp.body)) {
      // A proxy or a half-read body: the link, not the protocol. Retry like a cut.
      QM_RETURN_IF_ERROR(run_.WaitBeforeRetry(
          core::Unavailable("The county server's answer could not be read."), std::nullopt));
      continue;
    }
    bool reset = false;
    QM_RETURN_IF_ERROR(ApplyResponse(batch, answer, epoch, reset));
    if (reset) {
      if (++resets > 3) {
        return core::Unavailable("The county server keeps changing its epoch; try again later.");
      }
      continue;
    }
    Emit(SyncProgress::Phase::kMetadata, "Sending and receiving changes");
    if (!batch.empty() && answer.applied_through_seq() < batch.front().seq() &&
        answer.results_size() == 0) {
      // The server took nothing of the batch. Twice could be a restart; more is a server bug
      // that a person must look at, so stop instead of spinning.
      if (++stalled >= 3) {
        return core::Internal("The county server does not accept change " +
                              std::to_string(batch.front().seq()) +
                              " and gives no reason; ask the county IT staff.");
      }
    } else {
      stalled = 0;
    }
    if (!answer.more() && pending_ == 0) {
      std::lock_guard lock(run_.store_mu);
      QM_ASSIGN_OR_RETURN(int64_t over_cap,
                          store.KeepUntilBackedUp(answer.backed_up_through_seq()));
      std::lock_guard report_lock(run_.report_mu);
      run_.report.changes_released_unbacked += over_cap;
      return core::Status::Ok();
    }
  }
}

core::Status SyncEngine::RunState::Photos() {
  SyncStore& store = run_.deps.store;
  std::vector<PendingPhoto> photos;
  {
    std::lock_guard lock(run_.store_mu);
    QM_ASSIGN_OR_RETURN(photos, store.PendingPhotos());
  }
  if (photos.empty()) return core::Status::Ok();
  if (run_.config.photos_wifi_only && run_.link() != LinkKind::kUnmetered) {
    std::lock_guard lock(run_.report_mu);
    run_.report.photos_held_for_wifi = true;
    return core::Status::Ok();
  }
  for (const auto& p : photos) photo_bytes_total_ += p.size;
  internal::ChunkSizer sizer(run_.config);
  Emit(SyncProgress::Phase::kPhotos, "Sending photos");
  // One round trip says which photos the server already has (none of their bytes go out) and
  // whether it takes a new photo's first chunk with its creation.
  QM_ASSIGN_OR_RETURN(internal::ServerPhotos server, internal::AskServerPhotos(run_, photos));

  // A few uploads at once: on a long round trip one upload leaves the link idle while it waits
  // for each answer; parallel uploads fill those gaps. Worker i takes photos while i < wanted;
  // wanted grows (never shrinks) as the chunks' exchange times show idle gaps. The store is shared
  // under run_.store_mu.
  std::mutex mu;
  std::condition_variable cv;
  size_t next = 0;
  const int most = static_cast<int>(std::clamp<size_t>(
      static_cast<size_t>(
          std::max({1, run_.config.photo_parallelism, run_.config.photo_parallelism_max})),
      1, photos.size()));
  int wanted = std::max(1, std::min(run_.config.photo_parallelism, most));
  core::Status first_failure;  // a per-photo problem: the others still go
  core::Status stop;           // the link, the credentials or the user: everything stops
  auto grow = [&] {
    const int fill = sizer.UploadsToFillTheLink(run_.min_rtt_ms.load());
    std::lock_guard lock(mu);
    if (fill > wanted && wanted < most) {
      wanted = std::min(fill, most);
      cv.notify_all();
    }
  };
  auto worker = [&](int index) {
    while (true) {
      const PendingPhoto* photo;
      internal::ServerHas has;
      {
        std::unique_lock lock(mu);
        cv.wait(lock, [&] { return index < wanted || !stop.ok() || next >= photos.size(); });
        if (!stop.ok() || next >= photos.size()) {
          cv.notify_all();
          return;
        }
        has = server.has[next];
        photo = &photos[next++];
      }
      auto outcome = internal::UploadPhoto(run_, sizer, *photo, has, server.creation_with_upload,
                                           [&](int64_t bytes) {
                                             photo_bytes_done_ += bytes;
                                             throughput_ = sizer.BytesPerSecond();
                                             Emit(SyncProgress::Phase::kPhotos, "Sending photos");
                                             grow();
                                           });
      std::lock_guard lock(mu);
      if (!outcome.ok()) {
        const core::Code code = outcome.status().code();
        if (code == core::Code::kNotFound || code == core::Code::kCorruption ||
            code == core::Code::kInvalidArgument) {
          if (first_failure.ok()) first_failure = outcome.status();
        } else if (stop.ok()) {
          stop = outcome.status();
          cv.notify_all();
        }
        continue;
      }
      std::lock_guard report_lock(run_.report_mu);
      switch (*outcome) {
        case internal::PhotoOutcome::kUploaded:
          ++run_.report.photos_uploaded;
          break;
        case internal::PhotoOutcome::kAlreadyOnServer:
          ++run_.report.photos_already_on_server;
          photo_bytes_done_ += photo->size;
          break;
        case internal::PhotoOutcome::kHeldForWifi:
          run_.report.photos_held_for_wifi = true;
          next = photos.size();
          cv.notify_all();
          break;
      }
    }
  };
  std::vector<std::thread> helpers;
  for (int i = 1; i < most; ++i) helpers.emplace_back(worker, i);
  worker(0);
  for (auto& t : helpers) t.join();
  if (!stop.ok()) return stop;
  return first_failure;
}

SyncEngine::SyncEngine(SyncConfig config, SyncDeps deps) : config_(std::move(config)), deps_(deps) {
  while (!config_.server_url.empty() && config_.server_url.back() == '/') {
    config_.server_url.pop_back();
  }
}

SyncEngine::~SyncEngine() = default;

void SyncEngine::Cancel() {
  user_cancelled_ = true;
  cancel_.Cancel();
}

void SyncEngine::SetLink(LinkKind link) {
  link_ = link;
  if (link == LinkKind::kOffline) cancel_.Cancel();
}

void SyncEngine::SetProgressCallback(std::function<void(const SyncProgress&)> callback) {
  std::lock_guard lock(callback_mu_);
  progress_ = std::move(callback);
}

SyncReport SyncEngine::Run() {
  SyncReport report;
  auto stop_status = [this]() -> core::Status {
    if (link_.load() == LinkKind::kOffline) {
      return core::Unavailable(
          "Sync paused: the device is offline. It continues where it stopped when the link is "
          "back.");
    }
    return core::Cancelled("Sync was cancelled. Nothing was lost; sync again to finish.");
  };
  if (link_.load() == LinkKind::kOffline) {
    report.status = stop_status();
    return report;
  }
  user_cancelled_ = false;
  cancel_.Reset();
  auto progress = [this](const SyncProgress& p) {
    std::lock_guard lock(callback_mu_);
    if (progress_) progress_(p);
  };
  RunContext run(
      config_, deps_, cancel_, stop_status, [this] { return link_.load(); }, progress, report);
  RunState state(*this, run);
  report.status = state.Metadata();
  if (report.status.ok()) report.status = state.Photos();
  run.Progress({.phase = SyncProgress::Phase::kDone,
                .records_done = report.changes_pushed + report.changes_pulled,
                .records_total = report.changes_pushed + report.changes_pulled,
                .eta_ms = 0,
                .message = report.Summary()});
  return report;
}

}  // namespace qiaomen::sync
