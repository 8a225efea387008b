#include "profile_sync_store.h"

namespace qiaomen::cli {
namespace {

std::string Hex(const std::string& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (unsigned char c : bytes) {
    out.push_back(kHex[c >> 4]);
    out.push_back(kHex[c & 15]);
  }
  return out;
}

}  // namespace

core::Result<std::vector<v1::Change>> ProfileSyncStore::NextOutboxBatch(size_t max_changes,
                                                                        size_t max_bytes) {
  QM_ASSIGN_OR_RETURN(auto state, store_.GetSyncState());
  return store_.PendingChanges(state.applied_through, max_changes, max_bytes);
}

core::Result<int64_t> ProfileSyncStore::PendingChangeCount() {
  QM_ASSIGN_OR_RETURN(auto state, store_.GetSyncState());
  QM_ASSIGN_OR_RETURN(auto pending,
                      store_.PendingChanges(state.applied_through, 10'000'000, SIZE_MAX / 2));
  return static_cast<int64_t>(pending.size());
}

core::Status ProfileSyncStore::MarkAppliedThrough(uint64_t seq) {
  return store_.MarkAppliedThrough(seq);
}

core::Status ProfileSyncStore::Quarantine(uint64_t seq, std::string_view code,
                                          std::string_view reason) {
  return store_.Quarantine(seq, std::string(reason), std::string(code));
}

core::Result<std::string> ProfileSyncStore::PullCursor() {
  QM_ASSIGN_OR_RETURN(auto state, store_.GetSyncState());
  return state.pull_cursor;
}

core::Status ProfileSyncStore::ApplyPulledPage(const sync::PulledPage& page) {
  // Removals first, the page with its cursor last: after a crash in between the page is pulled
  // again, and removing twice is harmless.
  if (!page.removed_record_ids.empty()) {
    QM_RETURN_IF_ERROR(store_.RemoveOutOfScope(page.removed_record_ids));
  }
  return store_.ApplyPulledPage(page.changes, page.next_cursor);
}

core::Result<core::HlcStamp> ProfileSyncStore::CurrentHlc() { return store_.LastHlc(); }

core::Status ProfileSyncStore::ObserveHlc(core::HlcStamp stamp) { return store_.ObserveHlc(stamp); }

core::Result<std::string> ProfileSyncStore::ServerEpoch() {
  QM_ASSIGN_OR_RETURN(auto state, store_.GetSyncState());
  return state.server_epoch;
}

core::Status ProfileSyncStore::SetServerEpoch(std::string_view epoch) {
  return store_.SetServerEpoch(std::string(epoch));
}

core::Status ProfileSyncStore::ResetForNewEpoch(std::string_view epoch,
                                                uint64_t server_applied_through) {
  QM_RETURN_IF_ERROR(store_.RewindAppliedThrough(server_applied_through));
  QM_RETURN_IF_ERROR(store_.SetPullCursor(""));
  return store_.SetServerEpoch(std::string(epoch));
}

core::Result<std::vector<sync::PendingPhoto>> ProfileSyncStore::PendingPhotos() {
  QM_ASSIGN_OR_RETURN(auto photos, store_.PhotosAwaitingUpload());
  std::vector<sync::PendingPhoto> out;
  out.reserve(photos.size());
  for (const auto& p : photos) out.push_back({p.id(), Hex(p.sha256()), p.size()});
  return out;
}

core::Result<std::string> ProfileSyncStore::ReadPhoto(const sync::PendingPhoto& photo) {
  QM_ASSIGN_OR_RETURN(auto id, core::Uuid::FromBytes(photo.photo_id));
  QM_ASSIGN_OR_RETURN(auto meta, store_.GetPhoto(id));
  QM_ASSIGN_OR_RETURN(auto bytes, vault_.Read(id, meta.sha256()));
  return std::string(bytes.begin(), bytes.end());
}

core::Status ProfileSyncStore::MarkPhotoUploaded(std::string_view photo_id) {
  QM_ASSIGN_OR_RETURN(auto id, core::Uuid::FromBytes(photo_id));
  return store_.MarkPhotoUploaded(id);
}

}  // namespace qiaomen::cli
