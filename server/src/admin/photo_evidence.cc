#include "admin/photo_evidence.h"

#include <sodium.h>

#include "qiaomen/base/hex.h"

namespace qiaomen::server {

core::Result<PhotoEvidence> CheckStoredPhoto(BlobStore& blobs, const std::string& sha256,
                                             std::string* bytes) {
  if (sha256.size() != crypto_hash_sha256_BYTES) return PhotoEvidence::kFailed;
  const std::string hex = base::HexEncode(sha256);
  // The file alone, not the blobs table: a blob is renamed into place only after its upload
  // verified, and the caller may hold the pool's only connection (SQLite) already.
  auto stored = blobs.ReadBlob(hex);
  if (!stored.ok()) {
    if (stored.status().code() == core::Code::kNotFound) return PhotoEvidence::kPending;
    return core::IOError("The stored photo " + hex + " cannot be read.");
  }
  std::string& content = *stored;
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  if (sodium_memcmp(digest, sha256.data(), sizeof digest) != 0) return PhotoEvidence::kFailed;
  if (bytes) *bytes = std::move(content);
  return PhotoEvidence::kVerified;
}

}  // namespace qiaomen::server
