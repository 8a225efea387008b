#pragma once
// What the sync engine needs from the device's store: the outbox, the pull cursor and epoch, the
// HLC, and the photos waiting to go. Everything the engine learns is written back through here
// before the engine goes on, so a process killed at any moment resumes from the store alone.
// StoreSyncAdapter implements it on core::store::Store; tests use an in-memory fake.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/hlc.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::sync {

// One page from the server, to be committed with its cursor in ONE transaction.
struct PulledPage {
  std::vector<v1::Change> changes{};
  std::string next_cursor{};
  bool snapshot = false;                          // part of a bootstrap / scope-change snapshot
  std::vector<std::string> removed_record_ids{};  // left the device's scope
  std::string scope{};                            // the device's scope now ("grids:G1,G2")
};

// A photo whose bytes the server does not hold yet.
struct PendingPhoto {
  std::string photo_id{};    // 16 raw bytes
  std::string sha256_hex{};  // of the plaintext, lower-case hex (64 characters)
  int64_t size = 0;          // plaintext bytes
};

// Implementations serialise their own calls (the engine may call from photo worker threads, but
// never two calls at once: it holds a lock around every call).
class SyncStore {
 public:
  virtual ~SyncStore() = default;

  // --- outbox ---
  // This device's changes not yet acknowledged and not quarantined, ascending seq, starting after
  // the applied-through mark: at most `max_changes`, and stopping before `max_bytes` of serialized
  // changes are exceeded (but always at least one change when any is pending). Empty when done.
  virtual core::Result<std::vector<v1::Change>> NextOutboxBatch(size_t max_changes,
                                                                size_t max_bytes) = 0;
  // How many changes NextOutboxBatch would still return in total (for progress).
  virtual core::Result<int64_t> PendingChangeCount() = 0;
  // The server holds every change of this device through `seq`: they leave the outbox. A seq at
  // or below the current mark is a no-op (never moves backwards here).
  virtual core::Status MarkAppliedThrough(uint64_t seq) = 0;
  // The applied-through mark: the highest seq the server is known to hold contiguously (0 before
  // the first acknowledgement). A server answering with a lower mark lost changes in a restore.
  virtual core::Result<uint64_t> AppliedThrough() = 0;
  // The server rejected change `seq` for good: keep it for a person to see with `code` and
  // `reason`, and never send it again. Idempotent.
  virtual core::Status Quarantine(uint64_t seq, std::string_view code, std::string_view reason) = 0;
  // The server applied change `seq` with stamp `applied_hlc`, not the device's (it re-based a
  // stamp far ahead of its clock): re-stamp the device's own copy of what that change wrote, so
  // later edits from others win here as they win everywhere else. Called before MarkAppliedThrough
  // of the same answer; idempotent; a no-op for an unknown seq.
  virtual core::Status RebaseOwnChange(uint64_t seq, core::HlcStamp applied_hlc) = 0;

  // --- pull ---
  // The cursor saved with the last committed page ("" before the first).
  virtual core::Result<std::string> PullCursor() = 0;
  // Applies the page's changes (merge rules; the device's own changes echoed back are no-ops),
  // removes `removed_record_ids` except records with this device's unacknowledged changes, and
  // saves `next_cursor`: all in one transaction, so after a crash either all of it is there or
  // none.
  virtual core::Status ApplyPulledPage(const PulledPage& page) = 0;

  // --- clocks and epochs ---
  // The highest HLC stamp this device has issued or seen.
  virtual core::Result<core::HlcStamp> CurrentHlc() = 0;
  // Ratchets the device's HLC past `stamp` (persisted). FailedPrecondition and no change when the
  // stamp is far in the future of the device clock.
  virtual core::Status ObserveHlc(core::HlcStamp stamp) = 0;
  // Ratchets past a server stamp the server vouched for (it agrees with the server's own wall
  // clock), however far ahead of the device clock: then the device clock is the one that is wrong
  // (a phone a year slow), and without this its edits would be stamped before everything it has
  // seen and lose to them. The default keeps the bounded ObserveHlc.
  virtual core::Status ObserveServerHlc(core::HlcStamp stamp) { return ObserveHlc(stamp); }
  // The server epoch last seen ("" before the first sync).
  virtual core::Result<std::string> ServerEpoch() = 0;
  virtual core::Status SetServerEpoch(std::string_view epoch) = 0;
  // The server was restored from a backup (it answers with another `epoch`, or with the same one
  // and an applied-through mark below this device's): in one transaction, forget the pull cursor
  // (the next pull is a snapshot), move the applied-through mark to `server_applied_through` (down
  // if the server lost changes, so they are sent again: quarantined ones too, since the server
  // forgot refusing them and its seq line needs them) and save `epoch`.
  virtual core::Status ResetForNewEpoch(std::string_view epoch,
                                        uint64_t server_applied_through) = 0;
  // The end of a run's metadata: the county's last verified backup holds this device's changes up
  // to `backed_up_through` (0: none known). Delivered changes the backup holds need not be kept
  // any more, nor the oldest others past the store's cap. Returns how many went for the cap
  // (delivered changes that a restore of the county would no longer get back from here).
  virtual core::Result<int64_t> KeepUntilBackedUp(uint64_t backed_up_through) {
    (void)backed_up_through;
    return int64_t{0};
  }
  // The highest own seq this device no longer holds (0: none). Sent with every request so a county
  // restored from an older backup does not wait for changes nobody can send again.
  virtual core::Result<uint64_t> ReleasedThrough() { return uint64_t{0}; }

  // --- photos ---
  // Photos recorded on this device whose bytes the server has not confirmed, oldest first.
  virtual core::Result<std::vector<PendingPhoto>> PendingPhotos() = 0;
  // The plaintext bytes of a pending photo (decrypted from the vault). NotFound when the file is
  // gone; Corruption when it fails its integrity check.
  virtual core::Result<std::string> ReadPhoto(const PendingPhoto& photo) = 0;
  // The server confirmed it holds the photo with this hash (complete and verified).
  virtual core::Status MarkPhotoUploaded(std::string_view photo_id) = 0;
  // The server lists these photos (lower-case hex SHA-256) as referenced by changes it holds but
  // not uploaded: this device's own photos among them wait for upload again, even if they were
  // confirmed before (a restored server may have lost them). Unknown hashes are ignored.
  virtual core::Status MarkPhotosMissing(const std::vector<std::string>& sha256_hex) = 0;
};

}  // namespace qiaomen::sync
