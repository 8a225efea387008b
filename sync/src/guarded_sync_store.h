#pragma once
// A SyncStore that holds a mutex around every call to the store it wraps, so that a sync run on
// its own thread and another thread (the app's screens) take turns on one profile: the run holds
// the profile only while it reads or writes it, never while it waits on the network.
//
// Thread safety: as the wrapped store; the mutex is shared with the other users of the profile.

#include <mutex>

#include "qiaomen/sync/sync_store.h"

namespace qiaomen::sync {

class GuardedSyncStore final : public SyncStore {
  // Defined before its uses (its return type is deduced).
  template <typename Fn>
  auto Guarded(Fn fn) {
    std::lock_guard<std::mutex> lock(mu_);
    return fn();
  }

 public:
  // `inner` and `mu` must outlive this.
  GuardedSyncStore(SyncStore& inner, std::mutex& mu) : inner_(inner), mu_(mu) {}

  core::Result<std::vector<v1::Change>> NextOutboxBatch(size_t max_changes,
                                                        size_t max_bytes) override {
    return Guarded([&] { return inner_.NextOutboxBatch(max_changes, max_bytes); });
  }
  core::Result<int64_t> PendingChangeCount() override {
    return Guarded([&] { return inner_.PendingChangeCount(); });
  }
  core::Status MarkAppliedThrough(uint64_t seq) override {
    return Guarded([&] { return inner_.MarkAppliedThrough(seq); });
  }
  core::Result<uint64_t> AppliedThrough() override {
    return Guarded([&] { return inner_.AppliedThrough(); });
  }
  core::Status Quarantine(uint64_t seq, std::string_view code, std::string_view reason) override {
    return Guarded([&] { return inner_.Quarantine(seq, code, reason); });
  }
  core::Status RebaseOwnChange(uint64_t seq, core::HlcStamp applied_hlc) override {
    return Guarded([&] { return inner_.RebaseOwnChange(seq, applied_hlc); });
  }
  core::Result<std::string> PullCursor() override {
    return Guarded([&] { return inner_.PullCursor(); });
  }
  core::Status ApplyPulledPage(const PulledPage& page) override {
    return Guarded([&] { return inner_.ApplyPulledPage(page); });
  }
  core::Result<core::HlcStamp> CurrentHlc() override {
    return Guarded([&] { return inner_.CurrentHlc(); });
  }
  core::Status ObserveHlc(core::HlcStamp stamp) override {
    return Guarded([&] { return inner_.ObserveHlc(stamp); });
  }
  core::Status ObserveServerHlc(core::HlcStamp stamp) override {
    return Guarded([&] { return inner_.ObserveServerHlc(stamp); });
  }
  core::Result<std::string> ServerEpoch() override {
    return Guarded([&] { return inner_.ServerEpoch(); });
  }
  core::Status SetServerEpoch(std::string_view epoch) override {
    return Guarded([&] { return inner_.SetServerEpoch(epoch); });
  }
  core::Status ResetForNewEpoch(std::string_view epoch, uint64_t server_applied_through) override {
    return Guarded([&] { return inner_.ResetForNewEpoch(epoch, server_applied_through); });
  }
  core::Result<int64_t> KeepUntilBackedUp(uint64_t backed_up_through) override {
    return Guarded([&] { return inner_.KeepUntilBackedUp(backed_up_through); });
  }
  core::Result<uint64_t> ReleasedThrough() override {
    return Guarded([&] { return inner_.ReleasedThrough(); });
  }
  core::Result<std::vector<PendingPhoto>> PendingPhotos() override {
    return Guarded([&] { return inner_.PendingPhotos(); });
  }
  core::Result<std::string> ReadPhoto(const PendingPhoto& photo) override {
    return Guarded([&] { return inner_.ReadPhoto(photo); });
  }
  core::Status MarkPhotoUploaded(std::string_view photo_id) override {
    return Guarded([&] { return inner_.MarkPhotoUploaded(photo_id); });
  }
  core::Status MarkPhotosMissing(const std::vector<std::string>& sha256_hex) override {
    return Guarded([&] { return inner_.MarkPhotosMissing(sha256_hex); });
  }

 private:
  SyncStore& inner_;
  std::mutex& mu_;
};

}  // namespace qiaomen::sync
