#include "backup/snapshot.h"

#include <sys/stat.h>

#include <cstdio>
#include <functional>

#include "backup/file_digest.h"
#include "backup/postgres_tools.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {
namespace {

// Reads what the manifest says about the database, inside the caller's read transaction.
core::Status ReadCounts(SqlConnection& conn, v1::BackupManifest& manifest) {
  auto meta = conn.Query(
      "SELECT key, value FROM meta WHERE key IN ('server_id', 'epoch', "
      "'county_name')");
  if (!meta.ok() || meta->empty()) {
    return core::FailedPrecondition(
        "The database is not an initialised county store, so there is nothing to back up. "
        "Check --data (and --db).");
  }
  for (const auto& row : *meta) {
    const std::string key = row.Text(0);
    if (key == "server_id") manifest.set_server_id(base::HexEncode(row.Bytes(1)));
    if (key == "epoch") manifest.set_epoch(base::HexEncode(row.Bytes(1)));
    if (key == "county_name") manifest.set_county_name(row.Bytes(1));
  }
  QM_ASSIGN_OR_RETURN(auto counts,
                      conn.QueryOne("SELECT (SELECT COUNT(*) FROM records), (SELECT COUNT(*) "
                                    "FROM changes), (SELECT COUNT(*) FROM blobs)"));
  manifest.set_records(counts.Int(0));
  manifest.set_changes(counts.Int(1));
  manifest.set_blob_rows(counts.Int(2));
  QM_ASSIGN_OR_RETURN(auto devices,
                      conn.Query("SELECT device_id, applied_seq FROM devices ORDER BY device_id"));
  for (const auto& row : devices) {
    auto* device = manifest.add_devices();
    device->set_device_id(base::HexEncode(row.Bytes(0)));
    device->set_applied_seq(row.Int(1));
  }
  return core::Status::Ok();
}

// Runs `copy` inside a read transaction that `begin` opens, after the counts were read in it.
core::Status InReadSnapshot(SqlConnection& conn, const std::string& begin,
                            v1::BackupManifest& manifest,
                            const std::function<core::Status()>& copy) {
  QM_RETURN_IF_ERROR(conn.ExecScript(begin));
  core::Status s = ReadCounts(conn, manifest);
  if (s.ok()) s = copy();
  conn.Rollback();  // read only: ending it is all that is left
  return s;
}

}  // namespace

core::Status SnapshotDatabase(const std::string& db_url, const std::string& dir,
                              v1::BackupManifest& manifest) {
  QM_ASSIGN_OR_RETURN(auto conn, OpenSqlConnection(db_url));
  const bool postgres = conn->dialect() == SqlDialect::kPostgres;
  manifest.set_backend(postgres ? "postgres" : "sqlite");
  const std::string name =
      "database-" + std::to_string(manifest.created_ms()) + (postgres ? ".pgdump" : ".sqlite");
  const std::string path = dir + "/" + name;
  const std::string tmp = path + ".tmp";
  std::remove(tmp.c_str());
  core::Status s;
  if (postgres) {
    QM_ASSIGN_OR_RETURN(std::string pg_dump, FindPostgresTool("pg_dump"));
    s = InReadSnapshot(
        *conn, "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY", manifest, [&]() -> core::Status {
          QM_ASSIGN_OR_RETURN(auto row, conn->QueryOne("SELECT pg_export_snapshot()"));
          core::Status dumped = RunTool({pg_dump, "--format=custom", "--snapshot=" + row.Text(0),
                                         "--file=" + tmp, "--dbname=" + db_url});
          if (dumped.ok()) return dumped;
          return core::Status(dumped.code(),
                              dumped.message() +
                                  " No backup was written. pg_dump must be at least the database "
                                  "server's version: install its client programs (Debian: apt "
                                  "install postgresql-client) or put their directory first on "
                                  "PATH, then run the backup again.");
        });
  } else {
    // A deferred BEGIN: the first read (the counts) fixes the snapshot the copy then reads.
    s = InReadSnapshot(*conn, "BEGIN", manifest, [&]() { return conn->CopyDatabaseTo(tmp); });
  }
  FileDigest digest;
  // The snapshot holds token hashes and device keys: readable by the service's group at most.
  if (s.ok() && chmod(tmp.c_str(), 0640) != 0) s = base::ErrnoStatus("protecting", tmp);
  if (s.ok()) s = FsyncFile(tmp);
  if (s.ok()) {
    auto measured = DigestFile(tmp);
    s = measured.status();
    if (s.ok()) digest = *measured;
  }
  if (s.ok()) s = base::RenameDurably(tmp, path);
  if (!s.ok()) {
    std::remove(tmp.c_str());
    return s;
  }
  auto* part = manifest.mutable_database();
  part->set_path(name);
  part->set_sha256(digest.sha256_hex);
  part->set_size(digest.size);
  return core::Status::Ok();
}

}  // namespace qiaomen::server
