#pragma once
// Sends one photo's bytes over tus 1.0 (core, creation, creation-with-upload, checksum). First,
// once per run, POST /v1/photo-status asks what the server holds of every pending photo: a photo
// it has is marked sent without a byte going out; a photo it has nothing of is created with its
// first chunk in the creation request (one round trip, not two). Otherwise: create by sha256 (the
// server answers with the upload's URL and offset), HEAD for the offset when the answer has none,
// PATCH chunks with "Upload-Checksum: sha1 <base64>". The chunk size follows the measured
// throughput. After a cut the offset is asked again, so at most the chunk in flight is sent again;
// an upload that was making progress asks at once, without a backoff wait.

#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

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
  // How many uploads at once keep the link busy: each upload waits `rtt_ms` of every chunk's
  // exchange for the answer, so ceil(exchange / (exchange - rtt)) uploads leave no gap; two more
  // in reserve, because the sending part of an exchange includes waiting behind the other uploads.
  // 0 before the first chunk or when the round trip is not known.
  int UploadsToFillTheLink(int64_t rtt_ms);

 private:
  const SyncConfig& config_;
  std::mutex mu_;
  double bytes_per_ms_ = 0;
  double exchange_ms_ = 0;  // average time of a chunk's exchange
};

enum class PhotoOutcome { kUploaded, kAlreadyOnServer, kHeldForWifi };

// What the server said it holds of a photo before the run sent anything.
enum class ServerHas { kUnknown, kNothing, kPart, kWhole };

struct ServerPhotos {
  std::vector<ServerHas> has;         // one for each photo asked, in order
  bool creation_with_upload = false;  // the server takes the first chunk with the creation
};

// Asks the server (POST /v1/photo-status, a few hundred photos a request) what it holds of
// `photos`. A server without that endpoint gives all kUnknown and no creation-with-upload. Errors:
// the stop status, a credentials error, the last transient error after the retry budget.
core::Result<ServerPhotos> AskServerPhotos(RunContext& run,
                                           const std::vector<PendingPhoto>& photos);

// Uploads `photo` to completion. Errors: the stop status; a permanent error for this photo
// (NotFound/Corruption from the store, a 4xx the protocol does not expect); the last transient
// error after the retry budget. `on_bytes` is told of each chunk the server confirmed.
// `has` and `creation_with_upload` come from AskServerPhotos (kUnknown / false without it).
core::Result<PhotoOutcome> UploadPhoto(RunContext& run, ChunkSizer& sizer,
                                       const PendingPhoto& photo, ServerHas has,
                                       bool creation_with_upload,
                                       const std::function<void(int64_t)>& on_bytes);

}  // namespace qiaomen::sync::internal
