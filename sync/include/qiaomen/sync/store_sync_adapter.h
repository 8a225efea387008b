#pragma once
// SyncStore on the device's Store and PhotoVault: what the engine learns goes straight into the
// profile's SQLCipher database (the outbox marks, the cursor, the epoch, the HLC), so a process
// killed at any point resumes from there. Photos are read back from the encrypted vault and
// checked against their recorded SHA-256 before they are sent.
//
// The page's `scope` and `snapshot` flags are not stored: the server derives the scope from the
// enrolment, and a snapshot page is applied like any other page (merge rules make it idempotent).

#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/core/store/store.h"
#include "qiaomen/sync/sync_store.h"

namespace qiaomen::sync {

// Not thread-safe (like Store): the engine serialises calls. `store` and `vault` (or `profile`)
// must outlive the adapter, and nothing else may use the Store while a sync call is running.
class StoreSyncAdapter final : public SyncStore {
 public:
  StoreSyncAdapter(core::store::Store& store, core::evidence::PhotoVault& vault)
      : store_(store), vault_(vault) {}
  // The profile owns both the Store and the vault indexed by it.
  explicit StoreSyncAdapter(core::profile::Profile& profile)
      : StoreSyncAdapter(profile.store(), profile.photos()) {}

  core::Result<std::vector<v1::Change>> NextOutboxBatch(size_t max_changes,
                                                        size_t max_bytes) override;
  core::Result<int64_t> PendingChangeCount() override;
  core::Status MarkAppliedThrough(uint64_t seq) override;
  core::Result<uint64_t> AppliedThrough() override;
  core::Status Quarantine(uint64_t seq, std::string_view code, std::string_view reason) override;
  core::Status RebaseOwnChange(uint64_t seq, core::HlcStamp applied_hlc) override;
  core::Result<std::string> PullCursor() override;
  core::Status ApplyPulledPage(const PulledPage& page) override;
  core::Result<core::HlcStamp> CurrentHlc() override;
  core::Status ObserveHlc(core::HlcStamp stamp) override;
  core::Status ObserveServerHlc(core::HlcStamp stamp) override;
  core::Result<std::string> ServerEpoch() override;
  core::Status SetServerEpoch(std::string_view epoch) override;
  core::Status ResetForNewEpoch(std::string_view epoch, uint64_t server_applied_through) override;
  core::Result<std::vector<PendingPhoto>> PendingPhotos() override;
  core::Result<std::string> ReadPhoto(const PendingPhoto& photo) override;
  core::Status MarkPhotoUploaded(std::string_view photo_id) override;
  core::Status MarkPhotosMissing(const std::vector<std::string>& sha256_hex) override;
  // Records the county's backup mark and lets go of delivered changes it holds, then of the
  // oldest others past the journal cap (Store::ReleaseDelivered).
  core::Result<int64_t> KeepUntilBackedUp(uint64_t backed_up_through) override;
  core::Result<uint64_t> ReleasedThrough() override;

  // The most bytes of delivered changes no backup is known to hold that the device keeps (about
  // two thousand photos' metadata and thumbnails: weeks of work without a county backup).
  static constexpr int64_t kDefaultJournalCapBytes = 64LL << 20;
  // Requires: `bytes` >= 0.
  void SetJournalCapBytes(int64_t bytes) { journal_cap_bytes_ = bytes; }

 private:
  core::store::Store& store_;
  core::evidence::PhotoVault& vault_;
  int64_t journal_cap_bytes_ = kDefaultJournalCapBytes;
};

}  // namespace qiaomen::sync
