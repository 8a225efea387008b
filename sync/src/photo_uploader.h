#pragma once
// Sends one photo's bytes over tus 1.0 (core, creation, checksum): create by sha256 (the server
// answers with the upload's URL, and for a blob it already holds, an offset equal to the length),
// HEAD for the offset, PATCH chunks with "Upload-Checksum: sha1 <base64>". The chunk size follows
// the measured throughput. After a cut the offset is asked again, so at most the chunk in flight is
// sent again.

#include <cstdint>
#include <mutex>
#include <string>

#include "qiaomen/sync/sync_store.h"
#include "run_context.h"

namespace qiaomen::sync::internal {

// Shared by the photo workers of one run. Thread-safe.
class ChunkSizer {
 public:
  explicit ChunkSizer(const SyncConfig& config) : config_(config) {}
  int64_t NextChunkBytes();
  // A chunk of `bytes` took `elapsed_ms` from the first byte sent to the answer.
  void Observe(int64_t bytes, int64_t elapsed_ms);
  // Bytes per second measured so far (0 before the first chunk).
  int64_t BytesPerSecond();

 private:
  const SyncConfig& config_;
  std::mutex mu_;
  double bytes_per_ms_ = 0;
};

enum class PhotoOutcome { kUploaded, kAlreadyOnServer, kHeldForWifi };

// Uploads `photo` to completion. Errors: the stop status; a permanent error for this photo
// (NotFound/Corruption from the store, a 4xx the protocol does not expect); the last transient
// error after the retry budget. `on_bytes` is told of each chunk the server confirmed.
core::Result<PhotoOutcome> UploadPhoto(RunContext& run, ChunkSizer& sizer,
                                       const PendingPhoto& photo,
                                       const std::function<void(int64_t)>& on_bytes);

}  // namespace qiaomen::sync::internal
