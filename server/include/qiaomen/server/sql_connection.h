#pragma once
// A small dialect-neutral SQL seam for the county server's storage. Both backends (SQLite in the
// data directory, PostgreSQL through libpq) implement SqlConnection, and all server SQL is written
// once in the common subset of the two dialects with `$1, $2, ...` placeholders. Blobs travel as
// bytes, integers as int64, so a query returns the same rows on either backend.

#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

// A bound parameter or a returned column value.
struct SqlBlob {
  std::string bytes;
};
using SqlValue = std::variant<std::monostate, int64_t, std::string, SqlBlob>;

inline SqlValue Blob(std::string_view bytes) { return SqlBlob{std::string(bytes)}; }
inline SqlValue Text(std::string_view text) { return std::string(text); }
inline SqlValue Int(int64_t value) { return value; }

// One result row. Accessors convert leniently (an integer column read as text gives its digits).
class SqlRow {
 public:
  explicit SqlRow(std::vector<SqlValue> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool IsNull(size_t i) const { return std::holds_alternative<std::monostate>(values_.at(i)); }
  int64_t Int(size_t i) const;
  std::string Text(size_t i) const;
  // Raw bytes of a blob (or text) column.
  std::string Bytes(size_t i) const;

 private:
  std::vector<SqlValue> values_;
};

enum class SqlDialect { kSqlite, kPostgres };

// One connection. Not thread-safe; a pool hands each one to one thread at a time.
class SqlConnection {
 public:
  virtual ~SqlConnection() = default;
  virtual SqlDialect dialect() const = 0;
  // Runs one statement with `$n` placeholders bound to params[n-1]. Returns every row.
  // Errors: AlreadyExists on a unique violation, Unavailable on lock timeouts or a lost
  // connection, Internal for SQL errors (a bug).
  virtual core::Result<std::vector<SqlRow>> Query(std::string_view sql,
                                                  const std::vector<SqlValue>& params = {}) = 0;
  // Runs a script of statements without parameters (schema creation).
  virtual core::Status ExecScript(std::string_view sql) = 0;
  // Transactions: BEGIN (SQLite: BEGIN IMMEDIATE, so writers queue instead of deadlocking).
  virtual core::Status Begin() = 0;
  virtual core::Status Commit() = 0;
  virtual void Rollback() = 0;
  // Copies the whole database into a new file `path` with SQLite's online backup API, as this
  // connection's open read transaction sees it (start one with ExecScript("BEGIN") and a read):
  // a consistent snapshot while writers go on. The file is not fsynced. IOError naming `path`;
  // Unimplemented on PostgreSQL (pg_dump does that job there).
  virtual core::Status CopyDatabaseTo(const std::string& path);

  // Convenience: runs and discards rows.
  core::Status Exec(std::string_view sql, const std::vector<SqlValue>& params = {});
  // The first row, or NotFound.
  core::Result<SqlRow> QueryOne(std::string_view sql, const std::vector<SqlValue>& params = {});
};

// True when `url` names a PostgreSQL database: "postgresql://...", "postgres://..." or a libpq
// "host=... dbname=..." string; anything else is a path to a SQLite file.
bool IsPostgresUrl(const std::string& url);

// Opens `url`: a PostgreSQL database when IsPostgresUrl, else a path to a SQLite file. Errors:
// Unavailable when the database cannot be reached, with libpq's or SQLite's reason.
core::Result<std::unique_ptr<SqlConnection>> OpenSqlConnection(const std::string& url);

// A fixed set of connections shared by request threads. Thread-safe.
class SqlPool {
 public:
  // Opens `size` connections to `url` (SQLite: always 1 writer connection; SQLite serialises
  // writers anyway and one connection avoids SQLITE_BUSY storms).
  static core::Result<std::unique_ptr<SqlPool>> Open(const std::string& url, int size);

  // A connection held until the lease dies. Blocks while all are in use.
  class Lease {
   public:
    Lease(SqlPool* pool, std::unique_ptr<SqlConnection> conn)
        : pool_(pool), conn_(std::move(conn)) {}
    Lease(Lease&&) = default;
    Lease& operator=(Lease&&) = delete;
    ~Lease();
    SqlConnection& operator*() { return *conn_; }
    SqlConnection* operator->() { return conn_.get(); }

   private:
    SqlPool* pool_;
    std::unique_ptr<SqlConnection> conn_;
  };
  Lease Acquire();
  SqlDialect dialect() const { return dialect_; }

 private:
  void Release(std::unique_ptr<SqlConnection> conn);
  std::mutex mu_;
  std::condition_variable cv_;
  std::vector<std::unique_ptr<SqlConnection>> free_;
  SqlDialect dialect_ = SqlDialect::kSqlite;
};

// Runs `body` inside BEGIN/COMMIT; rolls back when it returns an error. Retries up to 3 times on
// Aborted/Unavailable (PostgreSQL serialization failures, SQLite busy).
core::Status InTransaction(SqlConnection& conn, const std::function<core::Status()>& body);

}  // namespace qiaomen::server
