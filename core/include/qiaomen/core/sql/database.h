#pragma once
// A thin RAII layer over SQLCipher (which is a complete SQLite): connections, prepared statements
// and transactions that report errors as Status. Used by core's store and by the county server's
// SQLite backend; nothing outside core and server sees SQL.

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace qiaomen::core::sql {

// A 256-bit SQLCipher raw key. Zeroed on destruction.
class RawKey {
 public:
  static constexpr size_t kSize = 32;
  RawKey() = default;
  explicit RawKey(std::span<const uint8_t, kSize> bytes);
  RawKey(const RawKey&) = default;
  RawKey& operator=(const RawKey&) = default;
  ~RawKey();
  std::span<const uint8_t, kSize> bytes() const { return std::span<const uint8_t, kSize>(bytes_); }
  std::span<uint8_t, kSize> mutable_bytes() { return std::span<uint8_t, kSize>(bytes_); }

 private:
  uint8_t bytes_[kSize] = {};
};

struct OpenOptions {
  // The raw data key. Without one the file is plain SQLite (the county server's default store and
  // the encryption-ratio benchmark); device profiles always pass one.
  std::optional<RawKey> key;
  bool create_if_missing = true;
  bool read_only = false;
  // WAL journal, synchronous=FULL for the device (a battery pull loses nothing committed).
  bool wal = true;
  int busy_timeout_ms = 5000;
};

class Statement;

// One connection. Not thread-safe: use one per thread. Movable, not copyable.
class Database {
 public:
  // Opens (or creates) `path` and proves the key is right by reading the schema.
  // Errors: Unauthenticated when the key does not open the file (wrong key, or not a database),
  // NotFound when the file is missing and create_if_missing is false, IOError otherwise.
  static Result<Database> Open(const std::string& path, const OpenOptions& options);

  Database(Database&& other) noexcept;
  Database& operator=(Database&& other) noexcept;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  ~Database();

  // Runs one or more statements that return no rows we need.
  Status Exec(std::string_view sql);
  // Compiles one statement. The Statement must not outlive this Database.
  Result<Statement> Prepare(std::string_view sql);
  // The first column of the first row as text; NotFound when there is no row.
  Result<std::string> QueryText(std::string_view sql);
  Result<int64_t> QueryInt(std::string_view sql);

  int64_t LastInsertRowId() const;
  int Changes() const;
  sqlite3* handle() const { return db_; }

  // Calls `observer` with each statement's SQL as it starts to run (SQLite's statement trace),
  // on the thread running it; an empty function removes it. The step counter of the crash tests
  // (numbered crash points) is the one user; nothing in production sets it.
  void SetStatementObserver(std::function<void(std::string_view sql)> observer);

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
  std::unique_ptr<std::function<void(std::string_view)>> observer_;
};

// A compiled statement with 1-based bind indexes and 0-based column indexes, as SQLite has them.
class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view text);
  Statement& BindBlob(int index, std::span<const uint8_t> blob);
  Statement& BindNull(int index);

  // Advances: true when a row is ready, false when done. Errors carry SQLite's message.
  Result<bool> Step();
  // Steps to completion, for statements that return no rows.
  Status Run();
  // Clears bindings and rewinds so the statement can run again.
  void Reset();

  bool IsNull(int column) const;
  int64_t ColumnInt(int column) const;
  double ColumnDouble(int column) const;
  std::string ColumnText(int column) const;
  std::vector<uint8_t> ColumnBlob(int column) const;

 private:
  friend class Database;
  Statement(sqlite3* db, sqlite3_stmt* stmt) : db_(db), stmt_(stmt) {}
  sqlite3* db_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  Status bind_error_;
};

// BEGIN IMMEDIATE on construction; ROLLBACK on destruction unless Commit() succeeded.
class Transaction {
 public:
  static Result<Transaction> Begin(Database& db);
  Transaction(Transaction&& other) noexcept;
  Transaction& operator=(Transaction&&) = delete;
  Transaction(const Transaction&) = delete;
  ~Transaction();
  Status Commit();

 private:
  explicit Transaction(Database* db) : db_(db) {}
  Database* db_;
};

}  // namespace qiaomen::core::sql
