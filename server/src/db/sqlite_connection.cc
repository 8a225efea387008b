// The SQLite backend: a plain (unkeyed) file opened through core's sql::Database, queried through
// SQLite's C API so rows come back with their dynamic types.
#include <sqlite3.h>

#include <string>

#include "qiaomen/core/sql/database.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {
namespace {

using core::Result;
using core::Status;

Status SqliteStatus(sqlite3* db, int rc) {
  std::string message = std::string("SQLite: ") + sqlite3_errmsg(db);
  switch (rc & 0xff) {
    case SQLITE_CONSTRAINT:
      return core::AlreadyExists(message);
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return core::Unavailable(message + " (the database is busy; try again)");
    case SQLITE_FULL:
      return core::ResourceExhausted(message + " (the disk is full)");
    case SQLITE_IOERR:
    case SQLITE_CANTOPEN:
      return core::IOError(message);
    default:
      return core::Internal(message);
  }
}

// `$12` -> `?12`: SQLite binds ?NNN by number, so the shared SQL keeps PostgreSQL's placeholders.
std::string ToSqlitePlaceholders(std::string_view sql) {
  std::string out(sql);
  for (char& c : out) {
    if (c == '$') c = '?';
  }
  return out;
}

class SqliteConnection final : public SqlConnection {
 public:
  explicit SqliteConnection(core::sql::Database db) : db_(std::move(db)) {}
  SqlDialect dialect() const override { return SqlDialect::kSqlite; }

  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override {
    sqlite3* h = db_.handle();
    std::string text = ToSqlitePlaceholders(sql);
    sqlite3_stmt* stmt = nullptr;
    int rc = sqlite3_prepare_v2(h, text.c_str(), static_cast<int>(text.size()), &stmt, nullptr);
    if (rc != SQLITE_OK) return SqliteStatus(h, rc);
    struct Finalizer {
      sqlite3_stmt* s;
      ~Finalizer() { sqlite3_finalize(s); }
    } finalizer{stmt};
    for (size_t i = 0; i < params.size(); ++i) {
      int index = static_cast<int>(i + 1);
      const SqlValue& p = params[i];
      if (std::holds_alternative<std::monostate>(p)) {
        rc = sqlite3_bind_null(stmt, index);
      } else if (const auto* n = std::get_if<int64_t>(&p)) {
        rc = sqlite3_bind_int64(stmt, index, *n);
      } else if (const auto* s = std::get_if<std::string>(&p)) {
        rc = sqlite3_bind_text(stmt, index, s->data(), static_cast<int>(s->size()),
                               SQLITE_TRANSIENT);
      } else {
        const auto& b = std::get<SqlBlob>(p).bytes;
        rc = sqlite3_bind_blob(stmt, index, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
      }
      if (rc != SQLITE_OK && rc != SQLITE_RANGE) return SqliteStatus(h, rc);
    }
    std::vector<SqlRow> rows;
    while (true) {
      rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) return SqliteStatus(h, rc);
      int n = sqlite3_column_count(stmt);
      std::vector<SqlValue> values;
      values.reserve(n);
      for (int c = 0; c < n; ++c) {
        switch (sqlite3_column_type(stmt, c)) {
          case SQLITE_NULL:
            values.emplace_back(std::monostate{});
            break;
          case SQLITE_INTEGER:
            values.emplace_back(static_cast<int64_t>(sqlite3_column_int64(stmt, c)));
            break;
          case SQLITE_BLOB: {
            const auto* data = static_cast<const char*>(sqlite3_column_blob(stmt, c));
            values.emplace_back(
                SqlBlob{std::string(data ? data : "", sqlite3_column_bytes(stmt, c))});
            break;
          }
          default: {
            const auto* data = reinterpret_cast<const char*>(sqlite3_column_text(stmt, c));
            values.emplace_back(std::string(data ? data : "", sqlite3_column_bytes(stmt, c)));
          }
        }
      }
      rows.emplace_back(std::move(values));
    }
    return rows;
  }

  Status ExecScript(std::string_view sql) override { return db_.Exec(sql); }
  Status Begin() override { return Run("BEGIN IMMEDIATE"); }
  Status Commit() override { return Run("COMMIT"); }
  void Rollback() override { Run("ROLLBACK").IgnoreError(); }

  Status CopyDatabaseTo(const std::string& path) override {
    sqlite3* dest = nullptr;
    int rc =
        sqlite3_open_v2(path.c_str(), &dest, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, nullptr);
    struct Closer {
      sqlite3* d;
      ~Closer() { sqlite3_close(d); }
    } closer{dest};
    if (rc != SQLITE_OK) {
      return core::IOError("Cannot create the database copy " + path + ": " + sqlite3_errmsg(dest) +
                           ".");
    }
    // One step copies every page inside the read transaction already open on this connection
    // (or a new one): the copy is one consistent state, whatever writers do meanwhile.
    sqlite3_backup* backup = sqlite3_backup_init(dest, "main", db_.handle(), "main");
    if (backup == nullptr) {
      return core::IOError("Cannot copy the database to " + path + ": " + sqlite3_errmsg(dest) +
                           ".");
    }
    rc = sqlite3_backup_step(backup, -1);
    int finish = sqlite3_backup_finish(backup);
    if (rc != SQLITE_DONE || finish != SQLITE_OK) {
      return core::IOError("Cannot copy the database to " + path + ": " + sqlite3_errmsg(dest) +
                           " (is the disk full?).");
    }
    return Status::Ok();
  }

 private:
  Status Run(const char* sql) {
    int rc = sqlite3_exec(db_.handle(), sql, nullptr, nullptr, nullptr);
    return rc == SQLITE_OK ? Status::Ok() : SqliteStatus(db_.handle(), rc);
  }
  core::sql::Database db_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqliteConnection(const std::string& path) {
  core::sql::OpenOptions options;
  options.wal = true;
  options.busy_timeout_ms = 10000;
  auto db = core::sql::Database::Open(path, options);
  if (!db.ok()) {
    return core::Unavailable("Cannot open the server database " + path + ": " +
                             db.status().message());
  }
  // The server's own durability: WAL + NORMAL loses at most the last transactions on power loss,
  // never corrupts; devices resend anything not acknowledged.
  QM_RETURN_IF_ERROR(db->Exec("PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"));
  return std::unique_ptr<SqlConnection>(new SqliteConnection(std::move(db).value()));
}

}  // namespace qiaomen::server
