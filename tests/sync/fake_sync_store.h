#pragma once
// An in-memory SyncStore for engine tests: an outbox of this device's changes, the applied-through
// mark, the quarantine, the pull cursor, the records pulled (last write per record id), and photos
// as byte strings. Thread-compatible (the engine serialises calls).

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "qiaomen/sync/sync_store.h"

namespace qiaomen::sync::testing {

class FakeSyncStore : public SyncStore {
 public:
  struct Photo {
    PendingPhoto meta;
    std::string bytes;
    bool uploaded = false;
  };
  struct Quarantined {
    std::string code;
    std::string reason;
  };

  // Appends a change made on this device with the next seq.
  v1::Change& AddChange(std::string device_id, std::string record_id, std::string payload = "") {
    v1::Change c;
    c.set_change_id("change-" + std::to_string(outbox.size() + 1));
    c.set_device_id(std::move(device_id));
    c.set_seq(outbox.size() + 1);
    c.set_hlc(++hlc);
    c.set_entity(v1::ENTITY_SUBJECT);
    c.set_record_id(std::move(record_id));
    auto* f = c.mutable_fields()->add_fields();
    f->set_field("name");
    f->mutable_value()->set_text(payload.empty() ? "v" + std::to_string(outbox.size() + 1)
                                                 : payload);
    outbox.push_back(c);
    return outbox.back();
  }

  core::Result<std::vector<v1::Change>> NextOutboxBatch(size_t max_changes,
                                                        size_t max_bytes) override {
    ++calls;
    std::vector<v1::Change> out;
    size_t bytes = 0;
    for (const auto& c : outbox) {
      if (c.seq() <= applied_through || quarantine.count(c.seq())) continue;
      size_t size = c.ByteSizeLong();
      if (!out.empty() && (out.size() >= max_changes || bytes + size > max_bytes)) break;
      bytes += size;
      out.push_back(c);
    }
    return out;
  }
  core::Result<int64_t> PendingChangeCount() override {
    int64_t n = 0;
    for (const auto& c : outbox) n += c.seq() > applied_through && !quarantine.count(c.seq());
    return n;
  }
  core::Status MarkAppliedThrough(uint64_t seq) override {
    applied_through = std::max(applied_through, seq);
    return {};
  }
  core::Result<uint64_t> AppliedThrough() override { return applied_through; }
  core::Status Quarantine(uint64_t seq, std::string_view code, std::string_view reason) override {
    quarantine[seq] = {std::string(code), std::string(reason)};
    return {};
  }
  core::Status RebaseOwnChange(uint64_t seq, core::HlcStamp applied_hlc) override {
    for (auto& c : outbox) {
      if (c.seq() == seq && applied_hlc != 0) c.set_hlc(applied_hlc);
    }
    rebased[seq] = applied_hlc;
    return {};
  }
  core::Result<std::string> PullCursor() override { return cursor; }
  core::Status ApplyPulledPage(const PulledPage& page) override {
    if (fail_next_apply) {
      fail_next_apply = false;
      return core::IOError("disk full (test)");
    }
    for (const auto& c : page.changes) {
      records[c.record_id()] =
          c.fields().fields_size() > 0 ? c.fields().fields(0).value().text() : "";
      ++pulled_applied;
    }
    for (const auto& id : page.removed_record_ids) {
      bool own_unsynced = std::any_of(outbox.begin(), outbox.end(), [&](const v1::Change& c) {
        return c.record_id() == id && c.seq() > applied_through;
      });
      if (!own_unsynced) records.erase(id);
    }
    cursor = page.next_cursor;
    scope = page.scope;
    ++pages;
    return {};
  }
  core::Result<core::HlcStamp> CurrentHlc() override { return hlc; }
  core::Status ObserveHlc(core::HlcStamp stamp) override {
    if (core::IsFarFuture(stamp, now_ms)) return core::FailedPrecondition("far future");
    hlc = std::max(hlc, stamp);
    return {};
  }
  core::Status ObserveServerHlc(core::HlcStamp stamp) override {
    ++server_observes;
    hlc = std::max(hlc, stamp);
    return {};
  }
  core::Result<std::string> ServerEpoch() override { return epoch; }
  core::Status SetServerEpoch(std::string_view e) override {
    epoch = std::string(e);
    return {};
  }
  core::Status ResetForNewEpoch(std::string_view e, uint64_t server_applied_through) override {
    epoch = std::string(e);
    cursor.clear();
    applied_through = server_applied_through;
    std::erase_if(quarantine, [&](const auto& q) { return q.first > server_applied_through; });
    ++epoch_resets;
    return {};
  }
  core::Result<std::vector<PendingPhoto>> PendingPhotos() override {
    std::vector<PendingPhoto> out;
    for (const auto& p : photos) {
      if (!p.uploaded) out.push_back(p.meta);
    }
    return out;
  }
  core::Result<std::string> ReadPhoto(const PendingPhoto& photo) override {
    for (const auto& p : photos) {
      if (p.meta.photo_id == photo.photo_id) return p.bytes;
    }
    return core::NotFound("no such photo");
  }
  core::Status MarkPhotoUploaded(std::string_view photo_id) override {
    for (auto& p : photos) {
      if (p.meta.photo_id == photo_id) p.uploaded = true;
    }
    return {};
  }

  core::Status MarkPhotosMissing(const std::vector<std::string>& sha256_hex) override {
    for (auto& p : photos) {
      if (std::find(sha256_hex.begin(), sha256_hex.end(), p.meta.sha256_hex) != sha256_hex.end()) {
        p.uploaded = false;
      }
    }
    return {};
  }

  std::vector<v1::Change> outbox;
  uint64_t applied_through = 0;
  std::map<uint64_t, Quarantined> quarantine;
  std::map<uint64_t, core::HlcStamp> rebased;  // RebaseOwnChange calls: seq -> stamp
  std::string cursor;
  std::string epoch;
  std::string scope;
  core::HlcStamp hlc = core::PackHlc(1'700'000'000'000, 0);
  int64_t now_ms = 1'700'000'000'000;
  std::map<std::string, std::string> records;  // record id -> last pulled name
  std::vector<Photo> photos;
  int pulled_applied = 0;
  int pages = 0;
  int epoch_resets = 0;
  int server_observes = 0;  // ObserveServerHlc calls
  int calls = 0;
  bool fail_next_apply = false;
};

}  // namespace qiaomen::sync::testing
