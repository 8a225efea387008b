#pragma once
// Backups of a county server that may be running: a consistent snapshot of the database (SQLite's
// online backup API, or pg_dump --format=custom in one exported snapshot for PostgreSQL), the photo
// blobs (content addressed, so a backup into the same directory copies only new ones) and a
// manifest written last with the SHA-256 of every part. Layout of a backup directory PATH:
//   PATH/manifest.json                  written last; without it the backup is incomplete
//   PATH/database-<ms>.sqlite|.pgdump   the database snapshot the manifest names
//   PATH/blobs/ab/cdef...               photos, named by their SHA-256 like DATA/blobs
// Every file is written to a temporary name, fsynced and renamed. A rerun keeps the previous backup
// valid until its new manifest replaces the old one. The county bundle secret key is not part of a
// backup (docs/operations.md). Functions tell their progress and findings to a BackupReporter,
// as structured events a front end says in its own words; not thread-safe towards one PATH.

#include <cstdint>
#include <functional>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/server/storage.h"
#include "qiaomen/v1/backup.pb.h"

namespace qiaomen::server {

// What a backup, a check of one or a restore tells as it goes (qiaomen-county says each from its
// catalogue). Members a kind does not name are empty or 0.
struct BackupEvent {
  enum class Kind {
    kPhotosCopiedSoFar,    // `done` of `total` photos of the store gone through (backup)
    kPartsCheckedSoFar,    // `done` of `total` parts checked (verify, restore)
    kPhotosRestoredSoFar,  // `done` of `total` photos restored
    kSnapshot,             // the database snapshot is written: `manifest` says what it holds
    kPhotoDamaged,         // `path`: a photo of the store no longer matches its SHA-256; left out
    kPhotosCopied,         // `done` new photos copied, `total` photos in the backup
    kNotNoted,             // the backup is whole, the live database could not note it: `detail`
    kComplete,             // `path`: the backup is written, its manifest last
    kPartDamaged,          // `path` (a part) and its `problem`; kWrongSize: `done` of `total` bytes
    kWhole,                // `path`: every part matches `manifest`
    kRestored,             // into `path` (the data directory), `manifest`, new epoch `detail`
    kBundleKeyMissing,     // `path`: where the saved county-bundle.key belongs
  };
  enum class Problem { kNone, kNotAPartName, kMissing, kUnreadable, kWrongSize, kAltered };
  Kind kind = Kind::kComplete;
  int64_t done = 0;
  int64_t total = 0;
  std::string path;
  Problem problem = Problem::kNone;
  std::string detail;  // kUnreadable, kNotNoted: the reason (English); kRestored: the epoch (hex)
  const v1::BackupManifest* manifest = nullptr;  // valid during the call only
};

// Called on the calling thread, in order. Progress kinds come at most every two seconds, and
// always for the last step.
using BackupReporter = std::function<void(const BackupEvent&)>;

// Backs up the store `storage` names into the directory `to` (created if missing) and returns the
// manifest written. On error the manifest already in `to` (if any) still describes a whole backup.
// FailedPrecondition when the store is not initialised or pg_dump is missing (with what to do);
// IOError / ResourceExhausted for the disk.
core::Result<v1::BackupManifest> TakeBackup(const StorageOptions& storage, const std::string& to,
                                            core::Clock& clock, const BackupReporter& report);

// Checks every part of the backup in `path` against its manifest, telling each problem. Returns
// the manifest when all is well; DataLoss (saying what is wrong and what to do) for a missing
// manifest or a missing, truncated or altered part; NotFound when `path` does not exist.
core::Result<v1::BackupManifest> VerifyBackup(const std::string& path,
                                              const BackupReporter& report);

// Notes a finished backup in the live database: its time and counts (`backups`), and per device
// the highest seq it holds (`device_backups`, never moved back by an older backup). One
// transaction. Corruption for a manifest device id that is not hex.
core::Status RecordBackup(SqlConnection& conn, const v1::BackupManifest& manifest,
                          const std::string& path);
// When the last backup recorded was taken (Unix ms; 0 when there is none).
core::Result<int64_t> LastBackupMs(SqlConnection& conn);
// The highest seq of `device_id` (raw bytes) the last backups hold (0 when none).
core::Result<int64_t> BackedUpThroughSeq(SqlConnection& conn, const std::string& device_id);

struct RestoreOptions {
  std::string from;      // a backup directory
  std::string data_dir;  // the data directory to restore into
  std::string db_url;    // PostgreSQL: the database to restore into (required for such backups)
  bool force = false;    // overwrite a non-empty data directory or database
};

// Verifies the backup, then restores its database and blobs into the target and gives the restored
// server a new epoch (devices then replay what the backup lacks). Before anything is written:
// DataLoss for a damaged backup, FailedPrecondition for a non-empty target without `force` or a
// backend that does not match the backup, each saying what to do.
core::Status RestoreBackup(const RestoreOptions& options, const BackupReporter& report);

}  // namespace qiaomen::server
