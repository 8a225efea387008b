#pragma once
// Reading and copying backup parts with their SHA-256 computed on the way, so that every byte
// copied is the byte checked.

#include <cstdint>
#include <string>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

struct FileDigest {
  std::string sha256_hex;  // 64 lower-case hex digits
  int64_t size = 0;
};

// The SHA-256 and size of the file `path`. NotFound when missing; IOError otherwise.
core::Result<FileDigest> DigestFile(const std::string& path);

// Copies `from` to `to` durably: writes `to`.tmp while hashing, fsyncs it, and, when the bytes'
// SHA-256 is `expect_hex` (or `expect_hex` is empty), renames it over `to` and fsyncs the
// directory. Corruption, with nothing left at `to`, when the hash differs; NotFound when `from` is
// missing; IOError / ResourceExhausted (disk full) otherwise. Returns what was copied.
core::Result<FileDigest> CopyVerified(const std::string& from, const std::string& to,
                                      const std::string& expect_hex);

// fsyncs the file `path` (one written by another library, e.g. SQLite or pg_dump).
core::Status FsyncFile(const std::string& path);

}  // namespace qiaomen::server
