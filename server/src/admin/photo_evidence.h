#pragma once
// Whether a photo's bytes can stand as evidence: the county holds them and they still hash to the
// SHA-256 the device recorded (and, for a visit's photos, signed). The blob store verified the hash
// when the upload completed; this checks the file again whenever it is shown, so a file changed
// or damaged on disk since is never shown as evidence.

#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/server/blob_store.h"

namespace qiaomen::server {

enum class PhotoEvidence {
  kVerified,  // stored, and its bytes hash to the expected SHA-256
  kPending,   // the county has not received the bytes yet
  kFailed,    // the stored bytes do not hash to the expected SHA-256, or no valid hash is known
};

// Checks the stored bytes of the photo whose SHA-256 is `sha256` (32 raw bytes). Reads the whole
// file; when verified and `bytes` is given, it receives them. IOError when the file exists but
// cannot be read. Takes no database connection. Thread-safe.
core::Result<PhotoEvidence> CheckStoredPhoto(BlobStore& blobs, const std::string& sha256,
                                             std::string* bytes = nullptr);

}  // namespace qiaomen::server
