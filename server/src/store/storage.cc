#include "qiaomen/server/storage.h"

#include "qiaomen/base/durable_file.h"
#include "qiaomen/server/bundle_keys.h"
#include "store/change_store.h"
#include "store/schema.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

core::Result<std::string> Meta(SqlConnection& conn, const std::string& key) {
  QM_ASSIGN_OR_RETURN(auto row,
                      conn.QueryOne("SELECT value FROM meta WHERE key = $1", {Text(key)}));
  return row.Bytes(0);
}

// Databases from before photo_refs existed: index the photos their visits and photos reference,
// once.
core::Status BackfillPhotoRefs(SqlConnection& conn) {
  return InTransaction(conn, [&]() -> core::Status {
    QM_ASSIGN_OR_RETURN(auto done, conn.Query("INSERT INTO meta (key, value) VALUES "
                                              "('photo_refs', $1) ON CONFLICT (key) DO NOTHING "
                                              "RETURNING key",
                                              {Blob("1")}));
    if (done.empty()) return core::Status::Ok();
    QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT snapshot FROM records WHERE entity IN "
                                              "($1, $2)",
                                              {Int(v1::ENTITY_VISIT), Int(v1::ENTITY_PHOTO)}));
    for (const auto& r : rows) {
      v1::Change change;
      if (!change.ParseFromString(r.Bytes(0))) continue;  // the report flags unreadable records
      QM_RETURN_IF_ERROR(AddPhotoRefs(conn, change));
    }
    return core::Status::Ok();
  });
}

// Databases from before snapshots carried each record's history: their mutable records' snapshots
// were flattened to one stamp (a device bootstrapped from one kept an old value for good). Made
// again from the stored merge state, which always held every write, once.
core::Status BackfillSnapshotHistories(SqlConnection& conn) {
  return InTransaction(conn, [&]() -> core::Status {
    QM_ASSIGN_OR_RETURN(auto done, conn.Query("INSERT INTO meta (key, value) VALUES "
                                              "('snapshot_histories', $1) ON CONFLICT (key) DO "
                                              "NOTHING RETURNING key",
                                              {Blob("1")}));
    if (done.empty()) return core::Status::Ok();
    QM_ASSIGN_OR_RETURN(
        auto rows,
        conn.Query("SELECT entity, record_id, state FROM records WHERE entity IN ($1, "
                   "$2, $3)",
                   {Int(v1::ENTITY_SUBJECT), Int(v1::ENTITY_TASK), Int(v1::ENTITY_HAZARD)}));
    for (const auto& r : rows) {
      auto state = core::merge::DecodeRecordState(r.Bytes(2));
      if (!state.ok()) continue;  // the report flags unreadable records
      QM_RETURN_IF_ERROR(conn.Exec(
          "UPDATE records SET snapshot = $1 WHERE entity = $2 AND record_id = $3",
          {Blob(SnapshotChange(*state).SerializeAsString()), Int(r.Int(0)), Blob(r.Bytes(1))}));
    }
    return core::Status::Ok();
  });
}

}  // namespace

std::string ResolveDbUrl(const StorageOptions& options) {
  if (!options.db_url.empty()) return options.db_url;
  auto saved = base::ReadFile(options.data_dir + "/database-url");
  if (saved.ok()) {
    std::string url = *saved;
    while (!url.empty() && (url.back() == '\n' || url.back() == ' ')) url.pop_back();
    if (!url.empty()) return url;
  }
  return options.data_dir + "/county.db";
}

core::Status Storage::Init(const StorageOptions& options, const std::string& county_name,
                           std::string_view county_time_zone) {
  if (options.data_dir.empty()) return core::InvalidArgument("--data DIR is required.");
  QM_RETURN_IF_ERROR(base::TimeZone::Load(county_time_zone).status());
  QM_RETURN_IF_ERROR(base::EnsureDir(options.data_dir + "/blobs", 0750));
  QM_RETURN_IF_ERROR(base::EnsureDir(options.data_dir + "/uploads", 0750));
  if (!options.db_url.empty()) {
    QM_RETURN_IF_ERROR(
        base::WriteFileAtomically(options.data_dir + "/database-url", options.db_url + "\n", 0640));
  }
  QM_ASSIGN_OR_RETURN(auto conn, OpenSqlConnection(ResolveDbUrl(options)));
  QM_RETURN_IF_ERROR(CreateSchema(*conn));
  return InTransaction(*conn, [&]() -> core::Status {
    auto existing = Meta(*conn, "server_id");
    if (existing.ok()) {
      return core::AlreadyExists("This county server is already initialised (" +
                                 ResolveDbUrl(options) + "); nothing was changed.");
    }
    const char* sql = "INSERT INTO meta (key, value) VALUES ($1, $2)";
    QM_RETURN_IF_ERROR(conn->Exec(sql, {Text("server_id"), Blob(RandomBytes(16))}));
    QM_RETURN_IF_ERROR(conn->Exec(sql, {Text("epoch"), Blob(RandomBytes(16))}));
    QM_RETURN_IF_ERROR(conn->Exec(sql, {Text("county_name"), Blob(county_name)}));
    QM_RETURN_IF_ERROR(conn->Exec(sql, {Text("time_zone"), Blob(std::string(county_time_zone))}));
    QM_RETURN_IF_ERROR(conn->Exec(sql, {Text("server_seq"), Blob("0")}));
    return EnsureBundlePublicKey(*conn, options.data_dir).status();
  });
}

core::Result<std::unique_ptr<Storage>> Storage::Open(const StorageOptions& options) {
  if (options.data_dir.empty()) return core::InvalidArgument("--data DIR is required.");
  if (!FileExists(options.data_dir + "/blobs")) {
    return core::FailedPrecondition("The data directory " + options.data_dir +
                                    " is not initialised. Run `qiaomen-county init --data " +
                                    options.data_dir + "` first.");
  }
  std::unique_ptr<Storage> storage(new Storage());
  storage->data_dir_ = options.data_dir;
  QM_ASSIGN_OR_RETURN(storage->pool_, SqlPool::Open(ResolveDbUrl(options), options.pool_size));
  auto conn = storage->pool_->Acquire();
  QM_RETURN_IF_ERROR(CreateSchema(*conn));
  auto id = Meta(*conn, "server_id");
  if (!id.ok()) {
    return core::FailedPrecondition("The database " + ResolveDbUrl(options) +
                                    " is not initialised. Run `qiaomen-county init` first.");
  }
  storage->identity_.server_id = *id;
  QM_ASSIGN_OR_RETURN(storage->identity_.epoch, Meta(*conn, "epoch"));
  QM_ASSIGN_OR_RETURN(storage->identity_.county_name, Meta(*conn, "county_name"));
  // Made on first open (databases initialised before cursors were authenticated get one too);
  // every server process on one database reads the same key.
  QM_RETURN_IF_ERROR(conn->Exec(
      "INSERT INTO meta (key, value) VALUES ('cursor_key', $1) ON CONFLICT (key) DO NOTHING",
      {Blob(RandomBytes(32))}));
  QM_ASSIGN_OR_RETURN(storage->identity_.cursor_key, Meta(*conn, "cursor_key"));
  // Stores initialised before bundles were sealed to the county get their key pair here, so an
  // upgraded server gives devices a key without an extra step (docs/operations.md).
  QM_ASSIGN_OR_RETURN(storage->identity_.bundle_public_key,
                      EnsureBundlePublicKey(*conn, options.data_dir));
  QM_RETURN_IF_ERROR(BackfillPhotoRefs(*conn));
  QM_RETURN_IF_ERROR(BackfillSnapshotHistories(*conn));
  // Stores made before the setting existed have no row: they get the default.
  auto zone_name = Meta(*conn, "time_zone");
  if (!zone_name.ok() && zone_name.status().code() != core::Code::kNotFound) {
    return zone_name.status();
  }
  storage->identity_.county_time_zone =
      zone_name.ok() ? *zone_name : std::string(base::kDefaultCountyTimeZone);
  auto zone = base::TimeZone::Load(storage->identity_.county_time_zone);
  if (!zone.ok()) {
    return core::FailedPrecondition(
        "The county's time zone cannot be used: " + zone.status().message() +
        " Set another with `qiaomen-county set-time-zone`.");
  }
  storage->time_zone_ = *zone;
  return storage;
}

core::Status Storage::SetTimeZone(const StorageOptions& options,
                                  std::string_view county_time_zone) {
  QM_RETURN_IF_ERROR(base::TimeZone::Load(county_time_zone).status());
  if (options.data_dir.empty()) return core::InvalidArgument("--data DIR is required.");
  if (!FileExists(options.data_dir + "/blobs")) {
    return core::FailedPrecondition("The data directory " + options.data_dir +
                                    " is not initialised. Run `qiaomen-county init --data " +
                                    options.data_dir + "` first.");
  }
  QM_ASSIGN_OR_RETURN(auto conn, OpenSqlConnection(ResolveDbUrl(options)));
  QM_RETURN_IF_ERROR(CreateSchema(*conn));
  return InTransaction(*conn, [&]() -> core::Status {
    if (!Meta(*conn, "server_id").ok()) {
      return core::FailedPrecondition("The database " + ResolveDbUrl(options) +
                                      " is not initialised. Run `qiaomen-county init` first.");
    }
    QM_RETURN_IF_ERROR(conn->Exec("DELETE FROM meta WHERE key = $1", {Text("time_zone")}));
    return conn->Exec("INSERT INTO meta (key, value) VALUES ($1, $2)",
                      {Text("time_zone"), Blob(std::string(county_time_zone))});
  });
}

}  // namespace qiaomen::server
