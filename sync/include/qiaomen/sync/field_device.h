#pragma once
// A field device as every front end drives it: the unlocked profile (core/profile/profile.h: tasks,
// subjects, visits, hazards) plus what needs the county server: enrolment, the server settings, the
// sync run, the offline bundle and the device's status. The field CLI and the app only translate
// input and show results; all of this is here, once.
//
// Thread safety: not thread-safe, like the Profile it owns; the app runs it on its worker thread.
// Only CancelSync() may be called from another thread while Sync() runs, and, when the run was
// given a profile mutex (SyncOptions::profile_mutex), anything done while holding that mutex.

#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/keys/key_store.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/status.h"
#include "qiaomen/sync/client_config.h"
#include "qiaomen/sync/sync_engine.h"
#include "qiaomen/sync/transport.h"

namespace qiaomen::sync {

struct FieldDeviceDeps {
  core::Clock& clock;
  core::Random& random;  // SecureRandom() outside tests: keys, ids, nonces
  core::keys::KeyStore& key_store;
  // The profile's own files (key file, info, photos), the server settings, the enrolment mark and
  // exported bundles go through it; not the SQLite database. Must outlive the device.
  base::FileSystem* fs = &base::LocalFileSystem();
};

struct EnrollOptions {
  std::string server_url;  // https://county.example (a trailing / is dropped)
  std::string code;        // the one-time code from township staff
  std::string ca_cert;     // PEM of the county's own CA ("" = the system store)
  std::string pin_sha256;  // the server's public-key pin, "sha256//BASE64" or bare BASE64
  std::string device_name;
  core::keys::KeyOptions keys;  // Argon2id cost and PIN attempts (production defaults)
};

// What waits on the device, for the home screen and `qiaomen status`.
struct DeviceStatus {
  std::string device_id;  // 16 bytes
  std::string worker_id;
  std::string server_url;  // "" when the profile has no server settings
  std::string scope;
  std::string county_time_zone;  // the zone the device counts days in ("Asia/Shanghai")
  int64_t pending_changes = 0;
  int64_t pending_photos = 0;
  int64_t pending_photo_bytes = 0;
  int64_t last_sync_ms = 0;
  uint64_t applied_through = 0;
  uint64_t last_seq = 0;
  uint64_t backed_up_through = 0;  // own changes up to this seq are in the county's last backup
  // Own changes up to this seq are no longer kept here; those above backed_up_through went for the
  // journal cap before any backup held them (a county restore could not get them back).
  uint64_t released_through = 0;
  int64_t drafts = 0;  // visits started and not finished
  std::vector<core::store::QuarantinedChange> quarantined;
};

struct SyncOptions {
  int retries = 6;                  // transient failures retried with growing pauses
  int64_t chunk_initial_bytes = 0;  // 0: the engine's default
  bool photos_wifi_only = false;
  LinkKind link = LinkKind::kUnmetered;
  // How many bytes of delivered changes this device keeps beyond the county's last backup, so
  // that a restore can be healed from it (< 0: StoreSyncAdapter::kDefaultJournalCapBytes). Past
  // it the oldest go first, and DeviceSyncResult says which no backup holds.
  int64_t journal_cap_bytes = -1;
  // When set, the run uses the profile (and this FieldDevice's settings) only while it holds this
  // mutex, and lets it go while it waits on the network: another thread that holds it may then use
  // the profile and this device (not Sync() again, nor destroy it) while the run goes on elsewhere.
  // The app's screens keep answering during a long sync this way. Must outlive the run.
  std::mutex* profile_mutex = nullptr;
};

// One run's outcome: the engine's report and what the person must be told besides.
struct DeviceSyncResult {
  SyncReport report;
  std::vector<core::store::QuarantinedChange> refused;  // refused in this run, with reasons
  int64_t photo_payload_sent = 0;                       // photo bytes the server now holds
  int64_t photo_bytes_pending = 0;                      // still to send
  // The county's time zone when this device's tz database does not know it ("" normally): the
  // device keeps counting days in its previous zone (Profile::county_time_zone()), so the person
  // must be told that dates may differ from the county's.
  std::string unknown_county_time_zone;
  // After the run: own changes up to backed_up_through are in the county's last verified backup;
  // those up to released_through are no longer kept here. released_through > backed_up_through
  // means the cap let go of changes no backup holds yet (a restore would lose them): tell the
  // person, and the county to run a backup.
  uint64_t backed_up_through = 0;
  uint64_t released_through = 0;
  // Ok, or why the run stopped, worded as what to do (unreachable, TLS, token refused).
  core::Status status;
};

struct BundleExport {
  int64_t changes = 0;
  int64_t photos = 0;
  int64_t photo_bytes = 0;
  int64_t file_bytes = 0;
};

class FieldDevice {
 public:
  // Enrols a new device in `dir`: makes the profile (keys wrapped by `pin`, the store, the vault),
  // registers its signing key with the county using the one-time code, and saves the server
  // settings (encrypted under the data key). A refusal keeps nothing. When no answer came (the
  // county may have enrolled the device and the answer was lost) the profile stays without server
  // settings, and the next Enroll in `dir` with the same PIN and code finishes it as the same
  // device. `transport` is used for the request when given (tests), else one made from the
  // options. Errors: InvalidArgument for a bad URL, PIN or CA file; AlreadyExists when `dir` has
  // an enrolled profile; the profile's errors (a wrong PIN) when taking up an unfinished one;
  // Unauthenticated when the server refused the code; Unavailable (worded: nothing lost, try
  // again) when the server cannot be reached; PermissionDenied when it refused this device (403,
  // 409); FailedPrecondition for a TLS failure or an answer that is not a county server's.
  static core::Result<std::unique_ptr<FieldDevice>> Enroll(const std::string& dir,
                                                           std::string_view pin,
                                                           const EnrollOptions& options,
                                                           const FieldDeviceDeps& deps,
                                                           Transport* transport = nullptr);

  // Unlocks the profile in `dir`. NotFound (enrol first), Unauthenticated with the attempts left,
  // DataLoss once the keys were destroyed (re-enrol), each worded with what to do; the Profile's
  // errors otherwise. A profile without server settings opens (config() is then empty).
  static core::Result<std::unique_ptr<FieldDevice>> Open(const std::string& dir,
                                                         std::string_view pin,
                                                         const FieldDeviceDeps& deps);

  FieldDevice(const FieldDevice&) = delete;
  FieldDevice& operator=(const FieldDevice&) = delete;
  ~FieldDevice();

  core::profile::Profile& profile() { return *profile_; }
  // The server settings (empty server_url when the profile has none).
  const ClientConfig& config() const { return config_; }
  bool enrolled() const { return !config_.server_url.empty(); }

  // Pending work, refused changes, last sync. The Store's errors.
  core::Result<DeviceStatus> Status();

  // Registers this (opened) profile with the county again under a new one-time code: its device
  // id and signing key, and its current token when it has one. For a phone whose token was revoked
  // or lost: township staff issue the code for this device (`enroll-code --device`). The new
  // server settings replace the old; the unsent work stays and goes at the next sync. Errors as
  // Enroll (InvalidArgument, Unauthenticated for a code refused, Unavailable, FailedPrecondition)
  // and PermissionDenied when the server refuses this device; on error nothing changes.
  core::Status Reenroll(const EnrollOptions& options, Transport* transport = nullptr);

  // Sends the refused change `seq` again once its cause is put right, with the refused changes
  // that depend on it (a visit's photos and hazards), at the next sync (Store::Resend). Returns the
  // new seqs. NotFound, worded with what to do, when `seq` is not a refused change.
  core::Result<std::vector<uint64_t>> ResendRefused(uint64_t seq);

  // One sync run (see SyncEngine::Run): push, pull, photos. `progress` is called from the
  // running thread or its photo workers, one call at a time. Records the time of a successful
  // run, and keeps the county's bundle public key in the settings when the server sent a new one.
  // FailedPrecondition when the profile has no server settings.
  DeviceSyncResult Sync(const SyncOptions& options,
                        std::function<void(const SyncProgress&)> progress = {});
  // Stops a Sync() in flight at its next safe point; callable from any thread.
  void CancelSync();

  // Leaves this phone: checks `pin` against the key file (a wrong one is a counted attempt:
  // Unauthenticated with the attempts left, and nothing changes; UnlockKeyFile's other errors
  // likewise), then closes the profile, destroys its keys (first: nothing left can be read even if
  // deleting is interrupted) and deletes the profile folder with its photos and server settings.
  // The unsent work on the phone is lost. After Ok this object may only be destroyed. The app's
  // 退出本机 and any front end call this; no other thread may be using the device.
  core::Status Leave(std::string_view pin);

  // Writes every unsent change and photo to a bundle file at `path` (durably), sealed to the
  // county's bundle public key and signed with the device key (core/bundle/bundle_file.h).
  // FailedPrecondition without server settings, or while the device has no county bundle key
  // (enrolled with an older server and not synced since: the message says to sync or re-enrol;
  // nothing is written); IOError on storage errors.
  core::Result<BundleExport> ExportBundle(const std::string& path);

 private:
  FieldDevice(std::unique_ptr<core::profile::Profile> profile, ClientConfig config,
              const FieldDeviceDeps& deps);

  std::unique_ptr<core::profile::Profile> profile_;
  ClientConfig config_;
  FieldDeviceDeps deps_;
  std::mutex running_mu_;
  SyncEngine* running_ = nullptr;  // the engine of the Sync() in flight, under running_mu_
};

}  // namespace qiaomen::sync
