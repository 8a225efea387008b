#pragma once
// The sync engine's SyncStore over the device store and photo vault of one profile: the outbox,
// cursor, epoch and HLC live in the store; photo bytes are decrypted from the vault.

#include "qiaomen/core/evidence/photo_vault.h"
#include "qiaomen/core/store/store.h"
#include "qiaomen/sync/sync_store.h"

namespace qiaomen::cli {

// Not thread-safe by itself: the engine serialises its calls. `store` and `vault` must outlive it.
class ProfileSyncStore final : public sync::SyncStore {
 public:
  ProfileSyncStore(core::store::Store& store, core::evidence::PhotoVault& vault)
      : store_(store), vault_(vault) {}

  core::Result<std::vector<v1::Change>> NextOutboxBatch(size_t max_changes,
                                                        size_t max_bytes) override;
  core::Result<int64_t> PendingChangeCount() override;
  core::Status MarkAppliedThrough(uint64_t seq) override;
  core::Status Quarantine(uint64_t seq, std::string_view code, std::string_view reason) override;
  core::Result<std::string> PullCursor() override;
  core::Status ApplyPulledPage(const sync::PulledPage& page) override;
  core::Result<core::HlcStamp> CurrentHlc() override;
  core::Status ObserveHlc(core::HlcStamp stamp) override;
  core::Result<std::string> ServerEpoch() override;
  core::Status SetServerEpoch(std::string_view epoch) override;
  core::Status ResetForNewEpoch(std::string_view epoch, uint64_t server_applied_through) override;
  core::Result<std::vector<sync::PendingPhoto>> PendingPhotos() override;
  core::Result<std::string> ReadPhoto(const sync::PendingPhoto& photo) override;
  core::Status MarkPhotoUploaded(std::string_view photo_id) override;

 private:
  core::store::Store& store_;
  core::evidence::PhotoVault& vault_;
};

}  // namespace qiaomen::cli
