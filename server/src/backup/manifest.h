#pragma once
// The backup directory's manifest and names, shared by backup, verify and restore.

#include <chrono>
#include <cstdint>
#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/server/backup.h"
#include "qiaomen/v1/backup.pb.h"

namespace qiaomen::server {

inline constexpr const char* kManifestName = "manifest.json";
inline constexpr int kManifestFormat = 1;

// "blobs/ab/cdef..." for a blob's SHA-256 hex, relative to a backup or data directory.
std::string BlobRelativePath(const std::string& sha256_hex);

// True for a part path a manifest may name: "database-<digits>.sqlite|.pgdump" or a blob path
// whose name is its 64-hex-digit SHA-256 (nothing outside the backup directory).
bool IsValidPartPath(const std::string& path);

// Writes PATH/manifest.json atomically and durably (protobuf's JSON mapping, indented).
core::Status WriteManifest(const std::string& dir, const v1::BackupManifest& manifest);

// Reads PATH/manifest.json. FailedPrecondition (exit 1), saying the backup is incomplete, when it
// is missing or unreadable.
core::Result<v1::BackupManifest> ReadManifest(const std::string& dir);

// Tells `kind` (a progress kind of BackupEvent) with N of M at most every two seconds, and always
// the last step.
class Progress {
 public:
  Progress(const BackupReporter& report, BackupEvent::Kind kind, int64_t total)
      : report_(report), kind_(kind), total_(total) {}
  void Step();

 private:
  const BackupReporter& report_;
  BackupEvent::Kind kind_;
  int64_t total_;
  int64_t done_ = 0;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace qiaomen::server
