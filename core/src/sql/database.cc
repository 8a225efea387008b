#include "qiaomen/core/sql/database.h"

#include <sodium.h>
#include <sqlite3.h>

#include <cstring>

namespace qiaomen::core::sql {
namespace {

Status SqliteError(sqlite3* db, int rc, std::string_view what) {
  std::string message(what);
  message += ": ";
  message += db != nullptr ? sqlite3_errmsg(db) : sqlite3_errstr(rc);
  switch (rc & 0xff) {
    case SQLITE_NOTADB:
      return Unauthenticated(message);
    case SQLITE_CORRUPT:
      return Corruption(message);
    case SQLITE_FULL:
      return ResourceExhausted(message + " (the disk is full: free some space and try again)");
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return Unavailable(message);
    case SQLITE_CONSTRAINT:
      return AlreadyExists(message);
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_READONLY:
      return IOError(message);
    default:
      return Internal(message);
  }
}

std::string KeyPragma(const RawKey& key) {
  // x'<64 hex>' makes SQLCipher use the bytes as the key itself: no PBKDF2 on every open.
  char hex[RawKey::kSize * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, key.bytes().data(), RawKey::kSize);
  std::string pragma = "PRAGMA key = \"x'";
  pragma += hex;
  pragma += "'\";";
  sodium_memzero(hex, sizeof hex);
  return pragma;
}

}  // namespace

RawKey::RawKey(std::span<const uint8_t, kSize> bytes) { std::memcpy(bytes_, bytes.data(), kSize); }
RawKey::~RawKey() { sodium_memzero(bytes_, kSize); }

Result<Database> Database::Open(const std::string& path, const OpenOptions& options) {
  int flags = SQLITE_OPEN_NOMUTEX;
  if (options.read_only) {
    flags |= SQLITE_OPEN_READONLY;
  } else {
    flags |= SQLITE_OPEN_READWRITE;
    if (options.create_if_missing) flags |= SQLITE_OPEN_CREATE;
  }
  sqlite3* raw = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &raw, flags, nullptr);
  Database db(raw);
  if (rc != SQLITE_OK) {
    if ((rc & 0xff) == SQLITE_CANTOPEN && !options.create_if_missing) {
      return NotFound("There is no database at " + path + ".");
    }
    return SqliteError(raw, rc, "opening " + path);
  }
  sqlite3_extended_result_codes(raw, 1);
  sqlite3_busy_timeout(raw, options.busy_timeout_ms);
  if (options.key) {
    std::string pragma = KeyPragma(*options.key);
    const int key_rc = sqlite3_exec(raw, pragma.c_str(), nullptr, nullptr, nullptr);
    sodium_memzero(pragma.data(), pragma.size());
    if (key_rc != SQLITE_OK) return SqliteError(raw, key_rc, "keying " + path);
  }
  // Reading the schema is the first access that decrypts a page: a wrong key fails here.
  auto probe = db.QueryInt("SELECT count(*) FROM sqlite_master;");
  if (!probe.ok()) {
    if (probe.status().code() == Code::kUnauthenticated) {
      return Unauthenticated(
          "The database " + path +
          " cannot be opened with this key: it is encrypted with another key, or "
          "it is not a database.");
    }
    return probe.status();
  }
  if (!options.read_only) {
    QM_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON;"));
    if (options.wal) {
      QM_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;"));
    } else {
      QM_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = FULL;"));
    }
  }
  return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), observer_(std::move(other.observer_)) {}
Database& Database::operator=(Database&& other) noexcept {
  if (this != &other) {
    if (db_ != nullptr) sqlite3_close_v2(db_);
    db_ = std::exchange(other.db_, nullptr);
    observer_ = std::move(other.observer_);
  }
  return *this;
}
Database::~Database() {
  if (db_ != nullptr) sqlite3_close_v2(db_);
}

void Database::SetStatementObserver(std::function<void(std::string_view sql)> observer) {
  if (!observer) {
    sqlite3_trace_v2(db_, 0, nullptr, nullptr);
    observer_.reset();
    return;
  }
  observer_ = std::make_unique<std::function<void(std::string_view)>>(std::move(observer));
  sqlite3_trace_v2(
      db_, SQLITE_TRACE_STMT,
      [](unsigned, void* context, void*, void* x) -> int {
        const char* sql = static_cast<const char*>(x);
        (*static_cast<std::function<void(std::string_view)>*>(context))(sql != nullptr ? sql : "");
        return 0;
      },
      observer_.get());
}

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  char* error = nullptr;
  const int rc = sqlite3_exec(db_, text.c_str(), nullptr, nullptr, &error);
  if (rc != SQLITE_OK) {
    std::string message = error != nullptr ? error : sqlite3_errstr(rc);
    sqlite3_free(error);
    return SqliteError(nullptr, rc, message).WithContext("running SQL");
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  sqlite3_stmt* stmt = nullptr;
  const int rc = sqlite3_prepare_v2(db_, sql.data(), static_cast<int>(sql.size()), &stmt, nullptr);
  if (rc != SQLITE_OK) return SqliteError(db_, rc, "preparing SQL");
  return Statement(db_, stmt);
}

Result<std::string> Database::QueryText(std::string_view sql) {
  QM_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  QM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return NotFound("The query returned no row.");
  return stmt.ColumnText(0);
}

Result<int64_t> Database::QueryInt(std::string_view sql) {
  QM_ASSIGN_OR_RETURN(Statement stmt, Prepare(sql));
  QM_ASSIGN_OR_RETURN(bool has_row, stmt.Step());
  if (!has_row) return NotFound("The query returned no row.");
  return stmt.ColumnInt(0);
}

int64_t Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }
int Database::Changes() const { return sqlite3_changes(db_); }

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_), stmt_(std::exchange(other.stmt_, nullptr)), bind_error_(other.bind_error_) {}
Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    if (stmt_ != nullptr) sqlite3_finalize(stmt_);
    db_ = other.db_;
    stmt_ = std::exchange(other.stmt_, nullptr);
    bind_error_ = other.bind_error_;
  }
  return *this;
}
Statement::~Statement() {
  if (stmt_ != nullptr) sqlite3_finalize(stmt_);
}

namespace {
Status BindResult(sqlite3* db, int rc) {
  return rc == SQLITE_OK ? Status::Ok() : SqliteError(db, rc, "binding a parameter");
}
}  // namespace

Statement& Statement::Bind(int index, int64_t value) {
  if (bind_error_.ok()) bind_error_ = BindResult(db_, sqlite3_bind_int64(stmt_, index, value));
  return *this;
}
Statement& Statement::Bind(int index, double value) {
  if (bind_error_.ok()) bind_error_ = BindResult(db_, sqlite3_bind_double(stmt_, index, value));
  return *this;
}
Statement& Statement::Bind(int index, std::string_view text) {
  if (bind_error_.ok()) {
    bind_error_ = BindResult(db_, sqlite3_bind_text64(stmt_, index, text.data(), text.size(),
                                                      SQLITE_TRANSIENT, SQLITE_UTF8));
  }
  return *this;
}
Statement& Statement::BindBlob(int index, std::span<const uint8_t> blob) {
  if (bind_error_.ok()) {
    // A zero-length blob must still bind as a blob, not NULL.
    static const uint8_t kEmpty = 0;
    const void* data = blob.empty() ? &kEmpty : blob.data();
    bind_error_ =
        BindResult(db_, sqlite3_bind_blob64(stmt_, index, data, blob.size(), SQLITE_TRANSIENT));
  }
  return *this;
}
Statement& Statement::BindNull(int index) {
  if (bind_error_.ok()) bind_error_ = BindResult(db_, sqlite3_bind_null(stmt_, index));
  return *this;
}

Result<bool> Statement::Step() {
  if (!bind_error_.ok()) return bind_error_;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) return true;
  if (rc == SQLITE_DONE) return false;
  return SqliteError(db_, rc, "running a statement");
}

Status Statement::Run() {
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  bind_error_ = Status::Ok();
}

bool Statement::IsNull(int column) const {
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}
int64_t Statement::ColumnInt(int column) const { return sqlite3_column_int64(stmt_, column); }
double Statement::ColumnDouble(int column) const { return sqlite3_column_double(stmt_, column); }
std::string Statement::ColumnText(int column) const {
  const auto* text = sqlite3_column_text(stmt_, column);
  if (text == nullptr) return {};
  return std::string(reinterpret_cast<const char*>(text),
                     static_cast<size_t>(sqlite3_column_bytes(stmt_, column)));
}
std::vector<uint8_t> Statement::ColumnBlob(int column) const {
  const auto* data = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, column));
  const auto size = static_cast<size_t>(sqlite3_column_bytes(stmt_, column));
  if (data == nullptr) return {};
  return std::vector<uint8_t>(data, data + size);
}

Result<Transaction> Transaction::Begin(Database& db) {
  QM_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE;"));
  return Transaction(&db);
}
Transaction::Transaction(Transaction&& other) noexcept : db_(std::exchange(other.db_, nullptr)) {}
Transaction::~Transaction() {
  if (db_ != nullptr) db_->Exec("ROLLBACK;").IgnoreError();
}
Status Transaction::Commit() {
  if (db_ == nullptr) return Internal("Commit() on a finished transaction.");
  Status status = db_->Exec("COMMIT;");
  if (status.ok()) db_ = nullptr;
  return status;
}

}  // namespace qiaomen::core::sql
