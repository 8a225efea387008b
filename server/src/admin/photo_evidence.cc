#include "admin/photo_evidence.h"

#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <iterator>

#include "qiaomen/base/hex.h"

namespace qiaomen::server {

core::Result<PhotoEvidence> CheckStoredPhoto(BlobStore& blobs, const std::string& sha256,
                                             std::string* bytes) {
  if (sha256.size() != crypto_hash_sha256_BYTES) return PhotoEvidence::kFailed;
  const std::string hex = base::HexEncode(sha256);
  // The file alone, not the blobs table: a blob is renamed into place only after its upload
  // verified, and the caller may hold the pool's only connection (SQLite) already.
  const std::string path = blobs.BlobPath(hex);
  std::error_code error;
  if (!std::filesystem::exists(path, error)) {
    if (error) return core::IOError("The stored photo " + hex + " cannot be checked.");
    return PhotoEvidence::kPending;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return core::IOError("The stored photo " + hex + " cannot be opened.");
  std::string content((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) return core::IOError("The stored photo " + hex + " cannot be read.");
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(content.data()),
                     content.size());
  if (sodium_memcmp(digest, sha256.data(), sizeof digest) != 0) return PhotoEvidence::kFailed;
  if (bytes) *bytes = std::move(content);
  return PhotoEvidence::kVerified;
}

}  // namespace qiaomen::server
