#pragma once
// Photo bytes on disk, addressed by their SHA-256: DATA/blobs/ab/cdef... (hex). An unfinished
// upload belongs to the device that created it until it completes: each device has its own
// upload of a hash, DATA/uploads/<sha256>.<device hex>.part, which survives a restart; what
// another device sends never touches it. A blob is committed only after its full SHA-256 was
// verified. Unfinished uploads count against a quota per device and are swept once expired, also
// while serving. Thread-safe; PATCHes of one upload are serialised with a lock file
// (FileSystem::LockFile), so several server processes on one data directory are safe too. Every
// file goes through the FileSystem given (base::LocalFileSystem() unless a test injects one that
// loses power): what a PATCH answered is durable when it answers.

#include <atomic>
#include <cstdint>
#include <string>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/scope.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct UploadState {
  std::string sha256_hex;
  int64_t length = 0;
  int64_t offset = 0;
  int64_t expires_ms = 0;  // 0 once complete
  bool complete = false;
};

class BlobStore {
 public:
  static constexpr int64_t kUploadLifetimeMs = 7LL * 24 * 3600 * 1000;
  static constexpr int64_t kMaxBlobBytes = 64LL * 1024 * 1024;
  // Bytes of unfinished uploads (their Upload-Length) one device may hold at once.
  static constexpr int64_t kDeviceQuotaBytes = 512LL * 1024 * 1024;

  // `fs` holds DATA/blobs and DATA/uploads (both exist: Storage::Init makes them).
  BlobStore(Storage& storage, core::Clock& clock, base::FileSystem& fs = base::LocalFileSystem())
      : storage_(storage), clock_(clock), fs_(fs) {}

  // Finds or creates `device_id`'s upload of `sha256_hex` (64 lower-case hex digits). A blob
  // already stored answers complete. InvalidArgument when `length` contradicts the device's
  // upload or a stored blob, or is out of range; ResourceExhausted when the device's unfinished
  // uploads would exceed kDeviceQuotaBytes.
  core::Result<UploadState> Create(const std::string& sha256_hex, int64_t length,
                                   const std::string& device_id, const std::string& metadata);
  // `device_id`'s upload of the hash, or the stored blob (complete). NotFound for neither (or an
  // expired upload).
  core::Result<UploadState> Get(const std::string& sha256_hex, const std::string& device_id);
  // What `device_id` may learn of a hash: its own upload; a stored blob that it uploaded itself
  // or that a visit or photo inside `scope` references. NotFound otherwise (also when the blob
  // exists), so nobody learns what others hold.
  core::Result<UploadState> Lookup(const std::string& sha256_hex, const std::string& device_id,
                                   const Scope& scope);

  // Appends `bytes` at `offset` to `device_id`'s upload. NotFound when the device has no such
  // upload; FailedPrecondition when offset is not the current offset (tus 409); InvalidArgument
  // when it would exceed the length; Corruption when the finished upload's SHA-256 differs (the
  // upload is reset to 0 so it can be sent again).
  core::Result<UploadState> Append(const std::string& sha256_hex, const std::string& device_id,
                                   int64_t offset, const std::string& bytes);

  bool HasBlob(const std::string& sha256_hex);
  // The stored bytes of a blob, as on disk (the caller checks their hash when it matters).
  // NotFound when there is no such file.
  core::Result<std::string> ReadBlob(const std::string& sha256_hex);
  std::string BlobPath(const std::string& sha256_hex) const;
  // Removes expired unfinished uploads (and uploads left by versions before per-device uploads).
  // Returns how many.
  core::Result<int> Expire();

 private:
  std::string PartPath(const std::string& sha256_hex, const std::string& device_id) const;
  // The lock file PATCHes of uploads of this hash take turns on: DATA/locks/upload.<first byte
  // of the hash>, never removed.
  std::string LockPath(const std::string& sha256_hex) const;
  // Takes that lock (making DATA/locks/ when missing).
  core::Result<std::unique_ptr<base::FileLock>> LockUploads(const std::string& sha256_hex);
  // The SHA-256 (hex) of the file at `path`.
  core::Result<std::string> HashOf(const std::string& path);
  // Whether `path` holds exactly `length` bytes with the SHA-256 `hex`.
  bool HoldsBlob(const std::string& path, const std::string& hex, int64_t length);
  core::Status Commit(const std::string& sha256_hex, const std::string& device_id, int64_t length);
  // `state` itself, unless its bytes are all there but were never committed (the server stopped
  // between the last chunk's write and its commit, or between the rename into blobs/ and the
  // commit): then the upload is verified and committed now (or reset to offset 0 when its bytes
  // are wrong), since a client takes an offset equal to the length for a finished photo.
  core::Result<UploadState> Settle(const std::string& sha256_hex, const std::string& device_id,
                                   UploadState state);
  // Expire(), at most once a minute, from the request path.
  void SweepNow();
  Storage& storage_;
  core::Clock& clock_;
  base::FileSystem& fs_;
  std::atomic<int64_t> last_sweep_ms_{0};
};

}  // namespace qiaomen::server
