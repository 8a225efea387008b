#pragma once
// Photo bytes on disk, addressed by their SHA-256: DATA/blobs/ab/cdef... (hex). Unfinished uploads
// live in DATA/uploads/<sha256>.part and survive a restart; a blob is committed only after its full
// SHA-256 was verified. Thread-safe; PATCHes of one upload are serialised with flock, so several
// server processes on one data directory are safe too.

#include <cstdint>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
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

  BlobStore(Storage& storage, core::Clock& clock) : storage_(storage), clock_(clock) {}

  // Finds or creates the upload for `sha256_hex` (64 lower-case hex digits). A blob already stored
  // answers complete. InvalidArgument when `length` contradicts an existing upload or blob, or is
  // out of range.
  core::Result<UploadState> Create(const std::string& sha256_hex, int64_t length,
                                   const std::string& device_id, const std::string& metadata);
  // NotFound for an unknown or expired upload.
  core::Result<UploadState> Get(const std::string& sha256_hex);

  // Appends `bytes` at `offset`. FailedPrecondition when offset is not the current offset (tus
  // 409); InvalidArgument when it would exceed the length; Corruption when the finished upload's
  // SHA-256 differs (the upload is reset to 0 so it can be sent again).
  core::Result<UploadState> Append(const std::string& sha256_hex, int64_t offset,
                                   const std::string& bytes);

  bool HasBlob(const std::string& sha256_hex);
  std::string BlobPath(const std::string& sha256_hex) const;
  // Removes expired unfinished uploads. Returns how many.
  core::Result<int> Expire();

 private:
  std::string PartPath(const std::string& sha256_hex) const;
  core::Status Commit(const std::string& sha256_hex, int64_t length);
  Storage& storage_;
  core::Clock& clock_;
};

}  // namespace qiaomen::server
