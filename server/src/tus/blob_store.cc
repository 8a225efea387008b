#include "qiaomen/server/blob_store.h"

#include <sodium.h>

#include <span>
#include <vector>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/file_system.h"
#include "qiaomen/base/hex.h"
#include "util/bytes.h"
#include "util/crash_points.h"

namespace qiaomen::server {

core::Result<std::string> BlobStore::HashOf(const std::string& path) {
  QM_ASSIGN_OR_RETURN(std::unique_ptr<base::SequentialFile> file, fs_.NewSequentialFile(path));
  crypto_hash_sha256_state h;
  crypto_hash_sha256_init(&h);
  std::vector<uint8_t> buf(65536);
  while (true) {
    QM_ASSIGN_OR_RETURN(size_t n, file->Read(buf));
    crypto_hash_sha256_update(&h, buf.data(), n);
    if (n < buf.size()) break;
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&h, digest);
  return base::HexEncode(std::string(reinterpret_cast<char*>(digest), sizeof digest));
}

bool BlobStore::HoldsBlob(const std::string& path, const std::string& hex, int64_t length) {
  auto size = fs_.FileSize(path);
  if (!size.ok() || static_cast<int64_t>(*size) != length) return false;
  auto digest = HashOf(path);
  return digest.ok() && *digest == hex;
}

std::string BlobStore::BlobPath(const std::string& hex) const {
  return storage_.data_dir() + "/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
}

std::string BlobStore::PartPath(const std::string& hex, const std::string& device_id) const {
  return storage_.data_dir() + "/uploads/" + hex + "." + base::HexEncode(device_id) + ".part";
}

std::string BlobStore::LockPath(const std::string& hex) const {
  return storage_.data_dir() + "/locks/upload." + hex.substr(0, 2);
}

core::Result<std::unique_ptr<base::FileLock>> BlobStore::LockUploads(const std::string& hex) {
  const std::string path = LockPath(hex);
  auto lock = fs_.LockFile(path, 0640);
  if (lock.ok() || lock.status().code() != core::Code::kNotFound) return lock;
  // A data directory from before the lock files: its locks/ folder is made on first use.
  QM_RETURN_IF_ERROR(fs_.CreateDir(base::DirName(path), 0750));
  return fs_.LockFile(path, 0640);
}

core::Result<std::string> BlobStore::ReadBlob(const std::string& hex) {
  if (!base::IsLowerHex(hex, 32)) return core::NotFound("There is no such photo.");
  return base::ReadWholeFile(fs_, BlobPath(hex));
}

bool BlobStore::HasBlob(const std::string& hex) {
  auto conn = storage_.pool().Acquire();
  auto rows = conn->Query("SELECT 1 FROM blobs WHERE sha256 = $1", {Text(hex)});
  if (!rows.ok() || rows->empty()) return false;
  auto held = base::FileExists(fs_, BlobPath(hex));
  return held.ok() && *held;
}

void BlobStore::SweepNow() {
  constexpr int64_t kSweepEveryMs = 60 * 1000;
  int64_t now = clock_.NowMillis();
  int64_t last = last_sweep_ms_.load();
  if (now - last < kSweepEveryMs || !last_sweep_ms_.compare_exchange_strong(last, now)) return;
  Expire().status().IgnoreError();  // a failed sweep is retried a minute later
}

core::Result<UploadState> BlobStore::Create(const std::string& hex, int64_t length,
                                            const std::string& device_id,
                                            const std::string& metadata) {
  if (!base::IsLowerHex(hex, 32)) return core::InvalidArgument("The sha256 must be 64 hex digits.");
  if (length <= 0 || length > kMaxBlobBytes) {
    return core::InvalidArgument("Upload-Length must be between 1 and " +
                                 std::to_string(kMaxBlobBytes) + " bytes.");
  }
  SweepNow();
  {
    auto conn = storage_.pool().Acquire();  // released before Get() takes its own
    QM_ASSIGN_OR_RETURN(auto blob,
                        conn->Query("SELECT size FROM blobs WHERE sha256 = $1", {Text(hex)}));
    if (!blob.empty()) {
      if (blob.front().Int(0) != length) {
        return core::InvalidArgument("A photo with this sha256 is stored with another length.");
      }
      return UploadState{hex, length, length, 0, true};
    }
    int64_t now = clock_.NowMillis();
    core::Status s = InTransaction(*conn, [&]() -> core::Status {
      QM_ASSIGN_OR_RETURN(auto mine,
                          conn->Query("SELECT length, expires_ms FROM device_uploads WHERE "
                                      "device_id = $1 AND sha256 = $2",
                                      {Blob(device_id), Text(hex)}));
      if (!mine.empty() && mine[0].Int(1) >= now) return core::Status::Ok();  // Get() checks
      if (!mine.empty()) {                                   // expired, not swept yet: starts over
        fs_.Remove(PartPath(hex, device_id)).IgnoreError();  // may never have been written
        QM_RETURN_IF_ERROR(
            conn->Exec("DELETE FROM device_uploads WHERE device_id = $1 AND sha256 = $2",
                       {Blob(device_id), Text(hex)}));
      }
      QM_ASSIGN_OR_RETURN(auto held,
                          conn->QueryOne("SELECT COALESCE(SUM(length), 0) FROM device_uploads "
                                         "WHERE device_id = $1 AND expires_ms >= $2",
                                         {Blob(device_id), Int(now)}));
      if (held.Int(0) + length > kDeviceQuotaBytes) {
        return core::ResourceExhausted(
            "This device holds " + std::to_string(held.Int(0)) +
            " bytes of unfinished photo uploads; the limit is " +
            std::to_string(kDeviceQuotaBytes) +
            ". Finish those uploads (or wait until they expire) before starting more.");
      }
      return conn->Exec(
          "INSERT INTO device_uploads (device_id, sha256, length, created_ms, expires_ms, "
          "metadata) VALUES ($1,$2,$3,$4,$5,$6) ON CONFLICT (device_id, sha256) DO NOTHING",
          {Blob(device_id), Text(hex), Int(length), Int(now), Int(now + kUploadLifetimeMs),
           Text(metadata)});
    });
    QM_RETURN_IF_ERROR(s);
  }
  QM_ASSIGN_OR_RETURN(auto state, Get(hex, device_id));
  if (state.complete) {
    // Another request of this device committed the photo while this one created its upload: no
    // upload of it stays open (it would count against the quota for a week).
    auto conn = storage_.pool().Acquire();
    QM_RETURN_IF_ERROR(conn->Exec("DELETE FROM device_uploads WHERE device_id = $1 AND sha256 = $2",
                                  {Blob(device_id), Text(hex)}));
  }
  if (state.length != length) {
    return core::InvalidArgument("This device's upload of this sha256 has Upload-Length " +
                                 std::to_string(state.length) + ".");
  }
  return Settle(hex, device_id, state);
}

core::Result<UploadState> BlobStore::Settle(const std::string& hex, const std::string& device_id,
                                            UploadState state) {
  if (state.complete) return state;
  if (state.offset < state.length) {
    // Its part gone (offset 0) and a file in blobs/: the finished upload was renamed into place
    // but not committed (the server stopped, or the folder sync failed, between the two).
    auto in_place = base::FileExists(fs_, BlobPath(hex));
    if (state.offset != 0 || !in_place.ok() || !*in_place) return state;
  }
  // An empty chunk at the end syncs, verifies and commits what is there.
  auto settled = Append(hex, device_id, state.length, "");
  if (settled.ok()) return settled;
  const core::Code code = settled.status().code();
  if (code == core::Code::kCorruption || code == core::Code::kFailedPrecondition) {
    return Get(hex, device_id);  // reset to 0, or moved on by another request meanwhile
  }
  return settled.status();
}

core::Result<UploadState> BlobStore::Get(const std::string& hex, const std::string& device_id) {
  if (!base::IsLowerHex(hex, 32)) return core::NotFound("There is no such upload.");
  auto conn = storage_.pool().Acquire();
  // The upload first, then the blob: Commit() adds the blob and drops the upload in one
  // transaction, so read in this order a commit landing between the two reads shows as the blob.
  // (Read the other way round, a device's upload that another of its requests was committing
  // looked gone: a 404 for a photo that had just arrived, seen on PostgreSQL.)
  auto row = conn->QueryOne(
      "SELECT length, expires_ms FROM device_uploads WHERE device_id = $1 AND sha256 = $2",
      {Blob(device_id), Text(hex)});
  QM_ASSIGN_OR_RETURN(auto blob,
                      conn->Query("SELECT size FROM blobs WHERE sha256 = $1", {Text(hex)}));
  if (!blob.empty()) return UploadState{hex, blob.front().Int(0), blob.front().Int(0), 0, true};
  if (!row.ok() || row->Int(1) < clock_.NowMillis()) {
    if (!row.ok() && row.status().code() != core::Code::kNotFound) return row.status();
    return core::NotFound("This device has no upload " + hex +
                          " (it may have expired): create it again.");
  }
  auto size = fs_.FileSize(PartPath(hex, device_id));
  if (!size.ok() && size.status().code() != core::Code::kNotFound) return size.status();
  const int64_t offset = size.ok() ? static_cast<int64_t>(*size) : 0;  // no bytes yet: no file
  return UploadState{hex, row->Int(0), offset, row->Int(1), false};
}

core::Result<UploadState> BlobStore::Lookup(const std::string& hex, const std::string& device_id,
                                            const Scope& scope) {
  QM_ASSIGN_OR_RETURN(auto state, Get(hex, device_id));
  if (!state.complete) return Settle(hex, device_id, state);  // the device's own upload
  auto conn = storage_.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto held, conn->Query("SELECT 1 FROM blob_holders WHERE sha256 = $1 AND "
                                             "device_id = $2",
                                             {Text(hex), Blob(device_id)}));
  if (!held.empty()) return state;
  std::vector<SqlValue> params{Text(hex)};
  std::string cond = scope.SqlCondition(params);
  QM_ASSIGN_OR_RETURN(
      auto referenced,
      conn->Query("SELECT 1 FROM photo_refs p JOIN records r ON r.entity = p.entity AND "
                  "r.record_id = p.record_id WHERE p.sha256 = $1 AND " +
                      cond + " LIMIT 1",
                  params));
  if (!referenced.empty()) return state;
  return core::NotFound("This device has no upload " + hex + ": create it.");
}

core::Result<UploadState> BlobStore::Append(const std::string& hex, const std::string& device_id,
                                            int64_t offset, const std::string& bytes) {
  auto complete = [&](const UploadState& state) -> core::Result<UploadState> {
    if (offset == state.length && bytes.empty()) return state;
    return core::FailedPrecondition("The upload is complete; Upload-Offset is " +
                                    std::to_string(state.length) + ".");
  };
  QM_ASSIGN_OR_RETURN(auto state, Get(hex, device_id));
  if (state.complete) return complete(state);
  const std::string part = PartPath(hex, device_id);
  // PATCHes of one upload (from this or another server process) take turns; what the upload is
  // once this request holds the lock decides, not what it was before the wait: another request of
  // the device may have finished, reset or moved it on meanwhile.
  QM_ASSIGN_OR_RETURN(std::unique_ptr<base::FileLock> lock, LockUploads(hex));
  QM_ASSIGN_OR_RETURN(state, Get(hex, device_id));
  if (state.complete) return complete(state);
  // The finished upload's file in blobs/ without its row: another request of the device renamed
  // it there and is committing it now, or the server stopped between that rename and the commit.
  // Its bytes are checked again and it is committed (Commit is idempotent) instead of being sent
  // again.
  if (HoldsBlob(BlobPath(hex), hex, state.length)) {
    QM_RETURN_IF_ERROR(Commit(hex, device_id, state.length));
    fs_.Remove(part).IgnoreError();  // a leftover of this upload, if any
    state = UploadState{hex, state.length, state.length, 0, true};
    return complete(state);
  }
  if (offset != state.offset) {
    return core::FailedPrecondition("Upload-Offset " + std::to_string(offset) +
                                    " is not the current offset " + std::to_string(state.offset) +
                                    ".");
  }
  if (offset + static_cast<int64_t>(bytes.size()) > state.length) {
    return core::InvalidArgument("The chunk goes beyond Upload-Length.");
  }
  if (bytes.empty() && offset < state.length) return state;
  // Written, made durable, and only then answered: the offset a device is told survives a power
  // loss. An empty chunk at the end syncs what is there (Settle). A failed write is cut back to
  // `offset`, so the device sends the chunk again from the offset it knows.
  {
    if (!bytes.empty()) crash_points::Step("write");
    QM_ASSIGN_OR_RETURN(std::unique_ptr<base::WritableFile> file, fs_.OpenForAppend(part, 0640));
    core::Status written =
        file->Append(std::span(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()));
    crash_points::Step("fsync");
    if (written.ok()) written = file->Sync();
    if (written.ok()) written = file->Close();
    if (written.ok() && offset == 0) written = fs_.SyncDir(base::DirName(part));  // its creation
    if (!written.ok()) {
      core::Status rolled_back = fs_.Truncate(part, static_cast<uint64_t>(offset));
      if (!rolled_back.ok() && rolled_back.code() != core::Code::kNotFound) {
        return rolled_back.WithContext("undoing a failed write of the upload " + hex);
      }
      return written;
    }
  }
  state.offset = offset + static_cast<int64_t>(bytes.size());
  if (state.offset < state.length) return state;
  // Whole: verify before it becomes a blob.
  QM_ASSIGN_OR_RETURN(const std::string digest, HashOf(part));
  if (digest != hex) {
    QM_RETURN_IF_ERROR(fs_.Truncate(part, 0));
    return core::Corruption("The uploaded bytes do not have the sha256 " + hex +
                            "; the upload was reset, send it again from offset 0.");
  }
  // Every chunk was synced; the rename into blobs/ (and a new blobs/ab folder) must survive a
  // power loss too: the device may delete its copy once the server confirmed the hash.
  const std::string blobs = storage_.data_dir() + "/blobs";
  QM_RETURN_IF_ERROR(fs_.CreateDir(blobs + "/" + hex.substr(0, 2), 0750));
  QM_RETURN_IF_ERROR(fs_.SyncDir(blobs));
  crash_points::Step("rename");
  QM_RETURN_IF_ERROR(base::RenameDurably(fs_, part, BlobPath(hex)));
  QM_RETURN_IF_ERROR(Commit(hex, device_id, state.length));
  state.complete = true;
  state.expires_ms = 0;
  return state;
}

core::Status BlobStore::Commit(const std::string& hex, const std::string& device_id,
                               int64_t length) {
  auto conn = storage_.pool().Acquire();
  return InTransaction(*conn, [&]() -> core::Status {
    QM_RETURN_IF_ERROR(conn->Exec(
        "INSERT INTO blobs (sha256, size, stored_ms) VALUES ($1,$2,$3) ON CONFLICT (sha256) DO "
        "NOTHING",
        {Text(hex), Int(length), Int(clock_.NowMillis())}));
    QM_RETURN_IF_ERROR(conn->Exec(
        "INSERT INTO blob_holders (sha256, device_id) VALUES ($1,$2) ON CONFLICT DO NOTHING",
        {Text(hex), Blob(device_id)}));
    return conn->Exec("DELETE FROM device_uploads WHERE device_id = $1 AND sha256 = $2",
                      {Blob(device_id), Text(hex)});
  });
}

core::Result<int> BlobStore::Expire() {
  auto conn = storage_.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("DELETE FROM device_uploads WHERE expires_ms < $1 "
                                             "RETURNING sha256, device_id",
                                             {Int(clock_.NowMillis())}));
  for (const auto& r : rows) fs_.Remove(PartPath(r.Text(0), r.Bytes(1))).IgnoreError();
  // Uploads of the versions before per-device uploads: their devices create them again.
  QM_ASSIGN_OR_RETURN(auto legacy, conn->Query("DELETE FROM uploads RETURNING id"));
  for (const auto& r : legacy) {
    fs_.Remove(storage_.data_dir() + "/uploads/" + r.Text(0) + ".part").IgnoreError();
  }
  return static_cast<int>(rows.size() + legacy.size());
}

}  // namespace qiaomen::server
