#pragma once
// The sync engine: a protocol state machine over a Transport and a SyncStore. It owns no socket,
// file or database: every byte goes through the Transport, every fact through the SyncStore (which
// persists it before the engine moves on), every wait through a Sleeper.
//
// A run: (1) metadata. POST /v1/sync carries the next outbox batch, the pull cursor and the
// device's HLC; the answer carries per-change results, the applied-through seq, a page of server
// changes and the next cursor; repeat while the outbox has changes or the server says `more`.
// (2) photos, after the metadata: each pending photo over tus 1.0 (create by sha256, HEAD for
// the offset, PATCH chunks with an Upload-Checksum), unless held for Wi-Fi.

#include <atomic>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/status.h"
#include "qiaomen/sync/backoff.h"
#include "qiaomen/sync/sleeper.h"
#include "qiaomen/sync/sync_store.h"
#include "qiaomen/sync/transport.h"

namespace qiaomen::sync {

struct SyncConfig {
  std::string server_url{};  // "https://county.example" or "http://127.0.0.1:8080", no trailing /
  std::string token{};       // bearer token from enrolment
  size_t batch_max_changes = 500;
  size_t batch_max_bytes = 256 * 1024;  // serialized changes per POST (before gzip)
  uint32_t max_pull = 500;
  bool gzip = true;
  // Photos only on an unmetered link (the app's "photos on Wi-Fi only" setting).
  bool photos_wifi_only = false;
  // Photo chunk size follows the measured throughput: about `chunk_target_ms` of transfer each,
  // within [min, max]. The first chunk of a run is `chunk_initial_bytes`.
  // The uploads in flight together hold about this much of the link's time, and a cut loses
  // about that much: 1.2 s keeps a 300 ms link busy without losing seconds to every cut.
  int64_t chunk_target_ms = 1200;
  int64_t chunk_min_bytes = 16 * 1024;
  int64_t chunk_max_bytes = 4 * 1024 * 1024;
  int64_t chunk_initial_bytes = 64 * 1024;
  // Photos uploaded at once (a long round trip leaves the link idle between one upload's chunks).
  // The run starts with `photo_parallelism` and adds uploads, up to `photo_parallelism_max`, while
  // the measured round trip leaves the link idle between chunks.
  int photo_parallelism = 3;
  int photo_parallelism_max = 8;
  BackoffPolicy backoff{.base_ms = 1000, .cap_ms = 5 * 60'000, .max_attempts = 10};
};

// What the app knows about the link. kOffline pauses sync; photos wait for kUnmetered when
// photos_wifi_only is set.
enum class LinkKind { kOffline, kMetered, kUnmetered };

struct SyncProgress {
  enum class Phase { kMetadata, kPhotos, kWaiting, kDone };
  Phase phase = Phase::kMetadata;
  int64_t records_done = 0;   // changes pushed + pulled so far in this run
  int64_t records_total = 0;  // pushed + pulled so far + still pending (grows as pages arrive)
  int64_t bytes_done = 0;     // photo bytes confirmed by the server in this run
  int64_t bytes_total = 0;    // photo bytes this run has to send
  int64_t eta_ms = -1;        // -1: not known yet
  std::string message{};      // what is happening, in words
};

struct SyncReport {
  // Ok when everything was delivered; otherwise why the run stopped, as a sentence to show.
  core::Status status{};
  bool needs_reenrolment = false;     // the server refused the token (401)
  bool photos_held_for_wifi = false;  // photos are waiting for an unmetered link
  bool epoch_reset = false;           // the server was restored; the outbox was replayed
  int64_t changes_pushed = 0;         // acknowledged by the server in this run
  int64_t changes_pulled = 0;
  int64_t changes_quarantined = 0;
  int64_t changes_rebased = 0;  // applied by the server with its own stamp (this clock is fast)
  int64_t photos_uploaded = 0;  // sent in full in this run
  int64_t photos_already_on_server = 0;
  int64_t photo_bytes_sent = 0;  // PATCH body bytes, including chunks sent again after a cut
  int64_t chunks_resent = 0;     // PATCH bodies the server did not keep
  int64_t wire_bytes_sent = 0;
  int64_t wire_bytes_received = 0;
  int64_t round_trips = 0;  // HTTP exchanges attempted (including failed ones)
  int64_t retries = 0;      // waits after a transient failure
  // The device clock minus the server's, at the last answer (0: not known). Days off: tell the
  // user to set the phone's clock (stamps far ahead are re-based by the server, and a slow clock
  // is ratcheted forward, but the audit trail keeps the device time).
  int64_t device_clock_skew_ms = 0;
  // The county's time zone as the last answer named it ("" when no answer named one): the device
  // keeps it for its county day (core::profile::Profile::SetCountyTimeZone).
  std::string county_time_zone{};
  // The county's bundle public key from the last answer that carried one ("" when none did): the
  // caller keeps it in the device's settings for sealing bundles.
  std::string county_bundle_key;
  // The highest seq of this device the county's last backup holds, from the last answer (0: none
  // yet): what lies above it would be sent again after a restore, so the device keeps it.
  uint64_t backed_up_through_seq = 0;
  // Delivered changes this device let go of before any county backup held them (its journal cap):
  // a restore of the county could not get them back from here.
  int64_t changes_released_unbacked = 0;
  // One line for the app and the CLI: "Sent 12 changes and 3 photos; received 40 changes.", plus
  // what the user must know (refused changes, photos waiting for Wi-Fi, a clock more than ten
  // minutes off the server's, why the run stopped).
  std::string Summary() const;
};

struct SyncDeps {
  Transport& transport;
  SyncStore& store;
  core::Clock& clock;    // for ETA and device_time_ms
  core::Random& random;  // backoff jitter
  Sleeper& sleeper;      // backoff waits
};

// One engine per profile. Run() is called from one thread at a time; Cancel(), SetLink() and
// SetProgressCallback() may be called from any thread. `deps` must outlive the engine.
class SyncEngine {
 public:
  SyncEngine(SyncConfig config, SyncDeps deps);
  ~SyncEngine();

  // Runs until everything is delivered, a permanent error, cancel, offline, or the retry budget is
  // spent. Never throws. Safe to call again after any outcome: it continues where it stopped.
  SyncReport Run();

  // Stops a run in flight at the next safe point (the request in flight is aborted; nothing
  // committed is undone). The run returns kCancelled. Cleared when the next Run() starts.
  void Cancel();

  // The app's link hint. kOffline stops a run in flight (kUnavailable, "paused: offline") and makes
  // Run() return at once until the link is back.
  void SetLink(LinkKind link);
  LinkKind link() const { return link_.load(); }

  // Called from the thread running Run() or from its photo workers, one call at a time, in order.
  void SetProgressCallback(std::function<void(const SyncProgress&)> callback);

 private:
  class RunState;
  friend class RunState;
  SyncConfig config_;
  SyncDeps deps_;
  CancelFlag cancel_;
  std::atomic<bool> user_cancelled_{false};
  std::atomic<LinkKind> link_{LinkKind::kUnmetered};
  std::mutex callback_mu_;
  std::function<void(const SyncProgress&)> progress_;
};

}  // namespace qiaomen::sync
