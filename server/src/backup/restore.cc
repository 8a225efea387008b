// restore: a verified backup into a new (or, with --force, an existing) data directory/database.
#include <cstdio>
#include <filesystem>

#include "backup/file_digest.h"
#include "backup/manifest.h"
#include "backup/postgres_tools.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/server/backup.h"
#include "qiaomen/server/bundle_keys.h"
#include "qiaomen/server/sql_connection.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

namespace fs = std::filesystem;

bool IsNonEmptyDir(const std::string& dir) {
  std::error_code ec;
  return fs::is_directory(dir, ec) && !fs::is_empty(dir, ec);
}

// Refuses, before anything is written, a target this backup cannot or may not go into.
core::Status CheckTarget(const RestoreOptions& options, const v1::BackupManifest& manifest) {
  const bool postgres = manifest.backend() == "postgres";
  if (postgres && !IsPostgresUrl(options.db_url)) {
    return core::FailedPrecondition(
        "This backup holds a PostgreSQL database: give --db postgresql://... naming an empty "
        "database to restore it into.");
  }
  if (!postgres && !options.db_url.empty()) {
    return core::FailedPrecondition(
        "This backup holds a SQLite database, restored as DATA/county.db: leave out --db.");
  }
  std::error_code ec;
  if (fs::exists(options.data_dir, ec) && !fs::is_directory(options.data_dir, ec)) {
    return core::FailedPrecondition(options.data_dir +
                                    " is a file, not a directory: name a new directory with "
                                    "--data.");
  }
  if (!options.force && IsNonEmptyDir(options.data_dir)) {
    return core::FailedPrecondition(
        "The data directory " + options.data_dir +
        " is not empty, so nothing was restored. Restore into a new directory, or give --force "
        "to replace its database (its photos are kept and the backup's added).");
  }
  if (postgres) {
    QM_ASSIGN_OR_RETURN(auto conn, OpenSqlConnection(options.db_url));
    QM_ASSIGN_OR_RETURN(auto tables,
                        conn->QueryOne("SELECT COUNT(*) FROM information_schema.tables WHERE "
                                       "table_schema = current_schema()"));
    if (tables.Int(0) > 0 && !options.force) {
      return core::FailedPrecondition(
          "The database " + options.db_url +
          " is not empty, so nothing was restored. Create a new database (createdb) and name "
          "it with --db, or give --force to replace the tables the backup holds.");
    }
  }
  return core::Status::Ok();
}

core::Status RestoreBlobs(const RestoreOptions& options, const v1::BackupManifest& manifest,
                          const BackupReporter& report) {
  Progress progress(report, BackupEvent::Kind::kPhotosRestoredSoFar, manifest.blobs_size());
  for (const auto& blob : manifest.blobs()) {
    const std::string target = options.data_dir + "/" + blob.path();
    if (!FileExists(target)) {
      QM_RETURN_IF_ERROR(base::EnsureDir(base::DirName(target), 0750));
      QM_RETURN_IF_ERROR(
          CopyVerified(options.from + "/" + blob.path(), target, blob.sha256()).status());
    }
    progress.Step();
  }
  return core::Status::Ok();
}

core::Status RestoreSqlite(const RestoreOptions& options, const v1::BackupManifest& manifest) {
  const std::string db = options.data_dir + "/county.db";
  // A journal of the replaced database would be replayed into the restored one.
  for (const char* suffix : {"-wal", "-shm", "-journal"}) std::remove((db + suffix).c_str());
  std::remove((options.data_dir + "/database-url").c_str());
  return CopyVerified(options.from + "/" + manifest.database().path(), db,
                      manifest.database().sha256())
      .status();
}

core::Status RestorePostgres(const RestoreOptions& options, const v1::BackupManifest& manifest) {
  QM_ASSIGN_OR_RETURN(std::string pg_restore, FindPostgresTool("pg_restore"));
  std::vector<std::string> argv{pg_restore, "--no-owner", "--exit-on-error", "--single-transaction",
                                "--dbname=" + options.db_url};
  if (options.force) {
    argv.push_back("--clean");
    argv.push_back("--if-exists");
  }
  argv.push_back(options.from + "/" + manifest.database().path());
  QM_RETURN_IF_ERROR(RunTool(argv));
  return base::WriteFileAtomically(options.data_dir + "/database-url", options.db_url + "\n", 0640);
}

// A new epoch tells every device that this is not the server it synced with: each one resets and
// replays what the backup lacks. Unfinished uploads were not backed up, so their rows go.
core::Status NewEpoch(const std::string& url, std::string& epoch_hex) {
  QM_ASSIGN_OR_RETURN(auto conn, OpenSqlConnection(url));
  const std::string epoch = RandomBytes(16);
  epoch_hex = base::HexEncode(epoch);
  return InTransaction(*conn, [&]() -> core::Status {
    QM_RETURN_IF_ERROR(conn->Exec("DELETE FROM meta WHERE key = 'epoch'"));
    QM_RETURN_IF_ERROR(
        conn->Exec("INSERT INTO meta (key, value) VALUES ('epoch', $1)", {Blob(epoch)}));
    QM_RETURN_IF_ERROR(conn->Exec("DELETE FROM device_uploads"));
    return conn->Exec("DELETE FROM uploads");
  });
}

}  // namespace

core::Status RestoreBackup(const RestoreOptions& options, const BackupReporter& report) {
  if (options.from.empty()) return core::InvalidArgument("--from PATH is required.");
  if (options.data_dir.empty()) return core::InvalidArgument("--data DIR is required.");
  QM_ASSIGN_OR_RETURN(auto manifest, VerifyBackup(options.from, report));
  QM_RETURN_IF_ERROR(CheckTarget(options, manifest));
  QM_RETURN_IF_ERROR(base::EnsureDir(options.data_dir + "/blobs", 0750));
  QM_RETURN_IF_ERROR(base::EnsureDir(options.data_dir + "/uploads", 0750));
  QM_RETURN_IF_ERROR(RestoreBlobs(options, manifest, report));
  const bool postgres = manifest.backend() == "postgres";
  QM_RETURN_IF_ERROR(postgres ? RestorePostgres(options, manifest)
                              : RestoreSqlite(options, manifest));
  std::string epoch;
  QM_RETURN_IF_ERROR(NewEpoch(postgres ? options.db_url : options.data_dir + "/county.db", epoch));
  BackupEvent restored;
  restored.kind = BackupEvent::Kind::kRestored;
  restored.path = options.data_dir;
  restored.detail = epoch;
  restored.manifest = &manifest;
  report(restored);
  if (!FileExists(BundleSecretKeyPath(options.data_dir))) {
    BackupEvent key;
    key.kind = BackupEvent::Kind::kBundleKeyMissing;
    key.path = BundleSecretKeyPath(options.data_dir);
    report(key);
  }
  return core::Status::Ok();
}

}  // namespace qiaomen::server
