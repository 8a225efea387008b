#include "qiaomen/sync/store_sync_adapter.h"

#include "qiaomen/base/hex.h"

namespace qiaomen::sync {
namespace {

core::Result<core::Uuid> PhotoUuid(std::string_view photo_id) {
  auto id = core::Uuid::FromBytes(photo_id);
  if (!id.ok()) {
    return core::InvalidArgument(
        "A photo id from the sync engine is not 16 bytes; this is a bug, please report it.");
  }
  return *id;
}

}  // namespace

core::Result<std::vector<v1::Change>> StoreSyncAdapter::NextOutboxBatch(size_t max_changes,
                                                                        size_t max_bytes) {
  if (max_changes == 0) return std::vector<v1::Change>{};
  QM_ASSIGN_OR_RETURN(core::store::SyncState state, store_.GetSyncState());
  return store_.PendingChanges(state.applied_through, max_changes, max_bytes);
}

core::Result<int64_t> StoreSyncAdapter::PendingChangeCount() { return store_.PendingChangeCount(); }

core::Status StoreSyncAdapter::MarkAppliedThrough(uint64_t seq) {
  return store_.MarkAppliedThrough(seq);
}

core::Result<uint64_t> StoreSyncAdapter::AppliedThrough() {
  QM_ASSIGN_OR_RETURN(core::store::SyncState state, store_.GetSyncState());
  return state.applied_through;
}

core::Status StoreSyncAdapter::Quarantine(uint64_t seq, std::string_view code,
                                          std::string_view reason) {
  return store_.Quarantine(seq, std::string(reason), std::string(code));
}

core::Status StoreSyncAdapter::RebaseOwnChange(uint64_t seq, core::HlcStamp applied_hlc) {
  return store_.RebaseOwnChange(seq, applied_hlc);
}

core::Result<std::string> StoreSyncAdapter::PullCursor() {
  QM_ASSIGN_OR_RETURN(core::store::SyncState state, store_.GetSyncState());
  return state.pull_cursor;
}

core::Status StoreSyncAdapter::ApplyPulledPage(const PulledPage& page) {
  return store_.ApplyPulledPage(page.changes, page.next_cursor, page.removed_record_ids,
                                page.snapshot);
}

core::Result<core::HlcStamp> StoreSyncAdapter::CurrentHlc() { return store_.LastHlc(); }

core::Status StoreSyncAdapter::ObserveHlc(core::HlcStamp stamp) { return store_.ObserveHlc(stamp); }

core::Status StoreSyncAdapter::ObserveServerHlc(core::HlcStamp stamp) {
  // No practical bound: the engine only calls this for a stamp the server's clock agrees with.
  constexpr int64_t kCentury = 100LL * 366 * 24 * 3600 * 1000;
  return store_.ObserveHlc(stamp, kCentury);
}

core::Result<std::string> StoreSyncAdapter::ServerEpoch() {
  QM_ASSIGN_OR_RETURN(core::store::SyncState state, store_.GetSyncState());
  return state.server_epoch;
}

core::Status StoreSyncAdapter::SetServerEpoch(std::string_view epoch) {
  return store_.SetServerEpoch(std::string(epoch));
}

core::Status StoreSyncAdapter::ResetForNewEpoch(std::string_view epoch,
                                                uint64_t server_applied_through) {
  return store_.ResetForNewEpoch(std::string(epoch), server_applied_through);
}

core::Result<int64_t> StoreSyncAdapter::KeepUntilBackedUp(uint64_t backed_up_through) {
  QM_RETURN_IF_ERROR(store_.SetBackedUpThrough(backed_up_through));
  QM_ASSIGN_OR_RETURN(core::store::JournalRelease release,
                      store_.ReleaseDelivered(journal_cap_bytes_));
  return release.over_cap;
}

core::Result<uint64_t> StoreSyncAdapter::ReleasedThrough() {
  QM_ASSIGN_OR_RETURN(core::store::SyncState state, store_.GetSyncState());
  return state.released_through;
}

core::Result<std::vector<PendingPhoto>> StoreSyncAdapter::PendingPhotos() {
  QM_ASSIGN_OR_RETURN(std::vector<v1::Photo> photos, store_.PhotosAwaitingUpload());
  std::vector<PendingPhoto> out;
  out.reserve(photos.size());
  for (const v1::Photo& p : photos) {
    out.push_back(
        {.photo_id = p.id(), .sha256_hex = base::HexEncode(p.sha256()), .size = p.size()});
  }
  return out;
}

core::Result<std::string> StoreSyncAdapter::ReadPhoto(const PendingPhoto& photo) {
  QM_ASSIGN_OR_RETURN(core::Uuid id, PhotoUuid(photo.photo_id));
  // The hash recorded with the photo row, not the caller's copy: the vault checks the plaintext
  // against what was committed when the photo was taken.
  QM_ASSIGN_OR_RETURN(v1::Photo meta, store_.GetPhoto(id));
  if (base::HexEncode(meta.sha256()) != photo.sha256_hex) {
    return core::FailedPrecondition(
        "A photo waiting to be sent no longer matches its recorded hash; sync again to refresh "
        "the list of photos.");
  }
  QM_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, vault_.Read(id, meta.sha256()));
  return std::string(bytes.begin(), bytes.end());
}

core::Status StoreSyncAdapter::MarkPhotoUploaded(std::string_view photo_id) {
  QM_ASSIGN_OR_RETURN(core::Uuid id, PhotoUuid(photo_id));
  return store_.MarkPhotoUploaded(id);
}

core::Status StoreSyncAdapter::MarkPhotosMissing(const std::vector<std::string>& sha256_hex) {
  std::vector<std::string> raw;
  for (const std::string& hex : sha256_hex) {
    // A malformed entry names no photo of ours; the rest still count.
    if (auto bytes = base::HexDecode(hex); bytes && bytes->size() == 32) {
      raw.push_back(*std::move(bytes));
    }
  }
  return store_.MarkPhotosMissingOnServer(raw);
}

}  // namespace qiaomen::sync
