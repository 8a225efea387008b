// backup and backup verify.
#include "qiaomen/server/backup.h"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include "backup/file_digest.h"
#include "backup/manifest.h"
#include "backup/snapshot.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "store/schema.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

namespace fs = std::filesystem;

// The SHA-256 hex names of the blob files under `data_dir`/blobs, sorted. Files that are not
// blobs (a temporary name) are left out.
std::vector<std::string> ListBlobs(const std::string& data_dir) {
  std::vector<std::string> hexes;
  std::error_code ec;
  for (const auto& prefix : fs::directory_iterator(data_dir + "/blobs", ec)) {
    if (!prefix.is_directory()) continue;
    for (const auto& file : fs::directory_iterator(prefix.path(), ec)) {
      std::string hex = prefix.path().filename().string() + file.path().filename().string();
      if (file.is_regular_file() && base::IsLowerHex(hex, 32)) hexes.push_back(hex);
    }
  }
  std::sort(hexes.begin(), hexes.end());
  return hexes;
}

// Copies the blobs of `data_dir` that `to` lacks, each checked against its name, and lists them
// all in the manifest. A blob whose bytes no longer match its name is reported and left out.
core::Status CopyBlobs(const std::string& data_dir, const std::string& to,
                       v1::BackupManifest& manifest, const BackupReporter& report) {
  std::vector<std::string> hexes = ListBlobs(data_dir);
  Progress progress(report, BackupEvent::Kind::kPhotosCopiedSoFar,
                    static_cast<int64_t>(hexes.size()));
  int64_t copied = 0;
  for (const auto& hex : hexes) {
    const std::string relative = BlobRelativePath(hex);
    const std::string target = to + "/" + relative;
    std::error_code ec;
    int64_t size = static_cast<int64_t>(fs::file_size(target, ec));
    if (ec) {
      QM_RETURN_IF_ERROR(base::EnsureDir(base::DirName(target), 0750));
      auto digest = CopyVerified(data_dir + "/" + relative, target, hex);
      if (!digest.ok() && digest.status().code() == core::Code::kCorruption) {
        BackupEvent damaged;
        damaged.kind = BackupEvent::Kind::kPhotoDamaged;
        damaged.path = data_dir + "/" + relative;
        report(damaged);
        progress.Step();
        continue;
      }
      if (!digest.ok()) return digest.status();
      size = digest->size;
      ++copied;
    }
    auto* part = manifest.add_blobs();
    part->set_path(relative);
    part->set_sha256(hex);
    part->set_size(size);
    progress.Step();
  }
  manifest.set_blob_files(manifest.blobs_size());
  BackupEvent done;
  done.kind = BackupEvent::Kind::kPhotosCopied;
  done.done = copied;
  done.total = manifest.blobs_size();
  report(done);
  return core::Status::Ok();
}

// Database snapshots of earlier runs and temporary files left by interrupted ones.
void RemoveStaleFiles(const std::string& to, const std::string& keep) {
  std::error_code ec;
  for (const auto& file : fs::directory_iterator(to, ec)) {
    const std::string name = file.path().filename().string();
    bool old_database = name.rfind("database-", 0) == 0 && name != keep;
    bool temporary = name.size() > 4 && name.compare(name.size() - 4, 4, ".tmp") == 0;
    if (old_database || temporary) fs::remove(file.path(), ec);
  }
}

// Tells the live database the backup is whole (RecordBackup). The backup stands without it, so a
// failure is a warning: devices then learn of it with the next backup.
void NoteBackup(const std::string& db_url, const v1::BackupManifest& manifest,
                const std::string& to, const BackupReporter& report) {
  core::Status noted = [&]() -> core::Status {
    QM_ASSIGN_OR_RETURN(auto conn, OpenSqlConnection(db_url));
    QM_RETURN_IF_ERROR(CreateSchema(*conn));
    return RecordBackup(*conn, manifest, fs::absolute(to).string());
  }();
  if (!noted.ok()) {
    BackupEvent event;
    event.kind = BackupEvent::Kind::kNotNoted;
    event.detail = noted.message();
    report(event);
  }
}

}  // namespace

core::Result<v1::BackupManifest> TakeBackup(const StorageOptions& storage, const std::string& to,
                                            core::Clock& clock, const BackupReporter& report) {
  if (storage.data_dir.empty()) return core::InvalidArgument("--data DIR is required.");
  if (to.empty()) return core::InvalidArgument("--to PATH is required.");
  if (!FileExists(storage.data_dir + "/blobs")) {
    return core::FailedPrecondition("The data directory " + storage.data_dir +
                                    " is not a county store (no blobs/ in it). Check --data.");
  }
  QM_RETURN_IF_ERROR(base::EnsureDir(to, 0750));
  v1::BackupManifest manifest;
  manifest.set_format(kManifestFormat);
  manifest.set_created_ms(clock.NowMillis());
  // The database first: every photo it references was stored before its row, so the blobs listed
  // afterwards include them all.
  QM_RETURN_IF_ERROR(SnapshotDatabase(ResolveDbUrl(storage), to, manifest));
  BackupEvent snapshot;
  snapshot.kind = BackupEvent::Kind::kSnapshot;
  snapshot.manifest = &manifest;
  report(snapshot);
  QM_RETURN_IF_ERROR(CopyBlobs(storage.data_dir, to, manifest, report));
  QM_RETURN_IF_ERROR(WriteManifest(to, manifest));
  RemoveStaleFiles(to, manifest.database().path());
  NoteBackup(ResolveDbUrl(storage), manifest, to, report);
  BackupEvent complete;
  complete.kind = BackupEvent::Kind::kComplete;
  complete.path = to;
  complete.manifest = &manifest;
  report(complete);
  return manifest;
}

core::Result<v1::BackupManifest> VerifyBackup(const std::string& path,
                                              const BackupReporter& report) {
  if (!FileExists(path)) {
    return core::NotFound("There is no backup at " + path +
                          ": check the path (it is the directory given to `backup --to`).");
  }
  QM_ASSIGN_OR_RETURN(auto manifest, ReadManifest(path));
  std::vector<const v1::BackupPart*> parts{&manifest.database()};
  for (const auto& blob : manifest.blobs()) parts.push_back(&blob);
  Progress progress(report, BackupEvent::Kind::kPartsCheckedSoFar,
                    static_cast<int64_t>(parts.size()));
  int bad = 0;
  for (const v1::BackupPart* part : parts) {
    BackupEvent damaged;
    damaged.kind = BackupEvent::Kind::kPartDamaged;
    damaged.path = part->path();
    bool is_blob = part != &manifest.database();
    if (!IsValidPartPath(part->path()) ||
        (is_blob && BlobRelativePath(part->sha256()) != part->path())) {
      damaged.problem = BackupEvent::Problem::kNotAPartName;
    } else if (auto digest = DigestFile(path + "/" + part->path()); !digest.ok()) {
      const bool missing = digest.status().code() == core::Code::kNotFound;
      damaged.problem =
          missing ? BackupEvent::Problem::kMissing : BackupEvent::Problem::kUnreadable;
      if (!missing) damaged.detail = digest.status().message();
    } else if (digest->size != part->size()) {
      damaged.problem = BackupEvent::Problem::kWrongSize;
      damaged.done = digest->size;
      damaged.total = part->size();
    } else if (digest->sha256_hex != part->sha256()) {
      damaged.problem = BackupEvent::Problem::kAltered;
    }
    if (damaged.problem != BackupEvent::Problem::kNone) {
      report(damaged);
      ++bad;
    }
    progress.Step();
  }
  if (bad > 0) {
    return core::FailedPrecondition(
        std::to_string(bad) + " of " + std::to_string(parts.size()) + " parts of the backup in " +
        path +
        " are missing or damaged: it cannot be restored. Restore an older "
        "backup, or take a new one with `qiaomen-county backup`.");
  }
  BackupEvent whole;
  whole.kind = BackupEvent::Kind::kWhole;
  whole.path = path;
  whole.total = static_cast<int64_t>(parts.size());
  whole.manifest = &manifest;
  report(whole);
  return manifest;
}

}  // namespace qiaomen::server
