#include "qiaomen/server/blob_store.h"

#include <fcntl.h>
#include <sodium.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "util/bytes.h"
#include "util/crash_points.h"

namespace qiaomen::server {
namespace {

// An fd with an exclusive flock, closed on destruction.
class LockedFile {
 public:
  explicit LockedFile(const std::string& path) {
    fd_ = open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0640);
    if (fd_ >= 0) flock(fd_, LOCK_EX);
  }
  ~LockedFile() {
    if (fd_ >= 0) close(fd_);
  }
  int fd() const { return fd_; }
  // Whether `path` still names the file this object locked: an upload committed (renamed into
  // blobs/) or removed while this request waited for the lock is not the upload any more.
  bool StillAt(const std::string& path) const {
    struct stat mine {
    }, now{};
    return fstat(fd_, &mine) == 0 && stat(path.c_str(), &now) == 0 && mine.st_ino == now.st_ino &&
           mine.st_dev == now.st_dev;
  }
  int64_t Size() const {
    struct stat st {};
    return fstat(fd_, &st) == 0 ? st.st_size : -1;
  }

 private:
  int fd_ = -1;
};

core::Status Errno(const std::string& what) {
  return core::IOError(what + ": " + std::strerror(errno) + ".");
}

// The SHA-256 (hex) of everything in `fd`, read from its start; "" when it cannot be read.
std::string HashFile(int fd) {
  crypto_hash_sha256_state h;
  crypto_hash_sha256_init(&h);
  char buf[65536];
  off_t pos = 0;
  while (true) {
    ssize_t n = pread(fd, buf, sizeof buf, pos);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return "";
    if (n == 0) break;
    crypto_hash_sha256_update(&h, reinterpret_cast<unsigned char*>(buf), static_cast<size_t>(n));
    pos += n;
  }
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&h, digest);
  return base::HexEncode(std::string(reinterpret_cast<char*>(digest), sizeof digest));
}

// Whether `path` holds exactly `length` bytes with the SHA-256 `hex`.
bool HoldsBlob(const std::string& path, const std::string& hex, int64_t length) {
  const int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  struct stat st {};
  const bool held = fstat(fd, &st) == 0 && st.st_size == length && HashFile(fd) == hex;
  close(fd);
  return held;
}

}  // namespace

std::string BlobStore::BlobPath(const std::string& hex) const {
  return storage_.data_dir() + "/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
}

std::string BlobStore::PartPath(const std::string& hex, const std::string& device_id) const {
  return storage_.data_dir() + "/uploads/" + hex + "." + base::HexEncode(device_id) + ".part";
}

bool BlobStore::HasBlob(const std::string& hex) {
  auto conn = storage_.pool().Acquire();
  auto rows = conn->Query("SELECT 1 FROM blobs WHERE sha256 = $1", {Text(hex)});
  return rows.ok() && !rows->empty() && FileExists(BlobPath(hex));
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
      if (!mine.empty()) {  // expired, not swept yet: starts over
        unlink(PartPath(hex, device_id).c_str());
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
  if (state.complete || state.offset < state.length) return state;
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
  struct stat st {};
  int64_t offset = stat(PartPath(hex, device_id).c_str(), &st) == 0 ? st.st_size : 0;
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
  LockedFile file(part);
  if (file.fd() < 0) return Errno("Cannot open the upload " + hex);
  // Another request of the device may have finished (or reset) this upload while this one waited
  // for the lock: what the upload is now decides, not what it was before the wait. A file this
  // request created after the upload was committed is not the upload: removed, not written.
  {
    auto now = Get(hex, device_id);
    if (!now.ok() || now->complete) {
      if (file.StillAt(part) && file.Size() == 0) unlink(part.c_str());
      if (!now.ok()) return now.status();
      return complete(*now);
    }
    if (!file.StillAt(part)) {
      return core::FailedPrecondition("The upload " + hex + " moved on meanwhile; ask its offset.");
    }
    state = *now;
  }
  // The finished upload's file in blobs/ without its row: another request of the device renamed
  // it there and is committing it now, or the server stopped between that rename and the commit.
  // Its bytes are checked again and it is committed (Commit is idempotent) instead of being sent
  // again; a file this request created meanwhile is not the upload.
  if (FileExists(BlobPath(hex)) && HoldsBlob(BlobPath(hex), hex, state.length)) {
    QM_RETURN_IF_ERROR(Commit(hex, device_id, state.length));
    if (file.StillAt(part) && file.Size() == 0) unlink(part.c_str());
    state = UploadState{hex, state.length, state.length, 0, true};
    return complete(state);
  }
  int64_t current = file.Size();
  if (offset != current) {
    return core::FailedPrecondition("Upload-Offset " + std::to_string(offset) +
                                    " is not the current offset " + std::to_string(current) + ".");
  }
  if (offset + static_cast<int64_t>(bytes.size()) > state.length) {
    return core::InvalidArgument("The chunk goes beyond Upload-Length.");
  }
  size_t done = 0;
  if (!bytes.empty()) crash_points::Step("write");
  while (done < bytes.size()) {
    ssize_t n = pwrite(file.fd(), bytes.data() + done, bytes.size() - done,
                       static_cast<off_t>(offset + static_cast<int64_t>(done)));
    if (n < 0) {
      if (errno == EINTR) continue;
      core::Status s = Errno("Cannot write the upload " + hex);
      if (ftruncate(file.fd(), offset) != 0) s = Errno("Cannot roll back the upload " + hex);
      return s;
    }
    done += static_cast<size_t>(n);
  }
  crash_points::Step("fsync");
  if (fdatasync(file.fd()) != 0) return Errno("Cannot flush the upload " + hex);
  state.offset = offset + static_cast<int64_t>(bytes.size());
  if (state.offset < state.length) return state;
  // Whole: verify before it becomes a blob.
  const std::string digest = HashFile(file.fd());
  if (digest.empty()) return Errno("Cannot read the upload " + hex);
  if (digest != hex) {
    if (ftruncate(file.fd(), 0) != 0) return Errno("Cannot reset the upload " + hex);
    return core::Corruption("The uploaded bytes do not have the sha256 " + hex +
                            "; the upload was reset, send it again from offset 0.");
  }
  QM_RETURN_IF_ERROR(base::EnsureDir(storage_.data_dir() + "/blobs/" + hex.substr(0, 2), 0750));
  // Every chunk was fdatasync'd; the rename into blobs/ must survive a crash too (the device may
  // delete its copy once the server confirmed the hash).
  crash_points::Step("rename");
  QM_RETURN_IF_ERROR(base::RenameDurably(part, BlobPath(hex)));
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
  for (const auto& r : rows) unlink(PartPath(r.Text(0), r.Bytes(1)).c_str());
  // Uploads of the versions before per-device uploads: their devices create them again.
  QM_ASSIGN_OR_RETURN(auto legacy, conn->Query("DELETE FROM uploads RETURNING id"));
  for (const auto& r : legacy) {
    unlink((storage_.data_dir() + "/uploads/" + r.Text(0) + ".part").c_str());
  }
  return static_cast<int>(rows.size() + legacy.size());
}

}  // namespace qiaomen::server
