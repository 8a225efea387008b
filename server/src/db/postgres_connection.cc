// The PostgreSQL backend through libpq. Parameters are sent as text, except blobs which go binary;
// results come back as text and bytea columns (type oid 17) are decoded from their hex form.
#include <libpq-fe.h>

#include <cstring>
#include <string>

#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {
namespace {

using core::Result;
using core::Status;

constexpr Oid kByteaOid = 17;
constexpr Oid kInt8Oid = 20;
constexpr Oid kInt4Oid = 23;
constexpr Oid kInt2Oid = 21;

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return 0;
}

std::string DecodeBytea(const char* text, size_t len) {
  std::string out;
  if (len >= 2 && text[0] == '\\' && text[1] == 'x') {
    out.reserve((len - 2) / 2);
    for (size_t i = 2; i + 1 < len; i += 2) {
      out.push_back(static_cast<char>(HexValue(text[i]) * 16 + HexValue(text[i + 1])));
    }
  } else {
    out.assign(text, len);
  }
  return out;
}

Status ResultStatus(PGresult* res, PGconn* conn) {
  const char* state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
  std::string message = std::string("PostgreSQL: ") + PQerrorMessage(conn);
  while (!message.empty() && (message.back() == '\n' || message.back() == ' ')) message.pop_back();
  std::string code = state ? state : "";
  if (code == "23505") return core::AlreadyExists(message);
  if (code == "40001" || code == "40P01") return core::Aborted(message + " (retry)");
  if (code.rfind("08", 0) == 0 || PQstatus(conn) != CONNECTION_OK) {
    return core::Unavailable(message + " (the database connection was lost; try again)");
  }
  return core::Internal(message);
}

class PostgresConnection final : public SqlConnection {
 public:
  explicit PostgresConnection(PGconn* conn) : conn_(conn) {}
  ~PostgresConnection() override { PQfinish(conn_); }
  SqlDialect dialect() const override { return SqlDialect::kPostgres; }

  Result<std::vector<SqlRow>> Query(std::string_view sql,
                                    const std::vector<SqlValue>& params) override {
    if (PQstatus(conn_) != CONNECTION_OK) PQreset(conn_);
    std::vector<std::string> storage(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    std::vector<int> lengths(params.size(), 0);
    std::vector<int> formats(params.size(), 0);
    for (size_t i = 0; i < params.size(); ++i) {
      const SqlValue& p = params[i];
      if (std::holds_alternative<std::monostate>(p)) continue;
      if (const auto* n = std::get_if<int64_t>(&p)) {
        storage[i] = std::to_string(*n);
      } else if (const auto* s = std::get_if<std::string>(&p)) {
        storage[i] = *s;
      } else {
        storage[i] = std::get<SqlBlob>(p).bytes;
        formats[i] = 1;
      }
      values[i] = storage[i].c_str();
      lengths[i] = static_cast<int>(storage[i].size());
    }
    std::string text(sql);
    PGresult* res = PQexecParams(conn_, text.c_str(), static_cast<int>(params.size()), nullptr,
                                 values.data(), lengths.data(), formats.data(), 0);
    struct Clear {
      PGresult* r;
      ~Clear() { PQclear(r); }
    } clear{res};
    ExecStatusType st = PQresultStatus(res);
    if (st != PGRES_TUPLES_OK && st != PGRES_COMMAND_OK) return ResultStatus(res, conn_);
    std::vector<SqlRow> rows;
    int nrows = PQntuples(res);
    int ncols = PQnfields(res);
    rows.reserve(nrows);
    for (int r = 0; r < nrows; ++r) {
      std::vector<SqlValue> row;
      row.reserve(ncols);
      for (int c = 0; c < ncols; ++c) {
        if (PQgetisnull(res, r, c)) {
          row.emplace_back(std::monostate{});
          continue;
        }
        const char* v = PQgetvalue(res, r, c);
        size_t len = static_cast<size_t>(PQgetlength(res, r, c));
        Oid type = PQftype(res, c);
        if (type == kByteaOid) {
          row.emplace_back(SqlBlob{DecodeBytea(v, len)});
        } else if (type == kInt8Oid || type == kInt4Oid || type == kInt2Oid) {
          row.emplace_back(static_cast<int64_t>(std::strtoll(v, nullptr, 10)));
        } else {
          row.emplace_back(std::string(v, len));
        }
      }
      rows.emplace_back(std::move(row));
    }
    return rows;
  }

  Status ExecScript(std::string_view sql) override {
    std::string text(sql);
    PGresult* res = PQexec(conn_, text.c_str());
    Status s = PQresultStatus(res) == PGRES_COMMAND_OK || PQresultStatus(res) == PGRES_TUPLES_OK
                   ? Status::Ok()
                   : ResultStatus(res, conn_);
    PQclear(res);
    return s;
  }
  Status Begin() override { return ExecScript("BEGIN"); }
  Status Commit() override { return ExecScript("COMMIT"); }
  void Rollback() override { ExecScript("ROLLBACK").IgnoreError(); }

 private:
  PGconn* conn_;
};

}  // namespace

Result<std::unique_ptr<SqlConnection>> OpenSqliteConnection(const std::string& path);

bool IsPostgresUrl(const std::string& url) {
  return url.rfind("postgresql://", 0) == 0 || url.rfind("postgres://", 0) == 0 ||
         url.find("dbname=") != std::string::npos;
}

Result<std::unique_ptr<SqlConnection>> OpenSqlConnection(const std::string& url) {
  if (!IsPostgresUrl(url)) return OpenSqliteConnection(url);
  PGconn* conn = PQconnectdb(url.c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    while (!message.empty() && message.back() == '\n') message.pop_back();
    return core::Unavailable("Cannot connect to PostgreSQL (" + message +
                             "). Check --db and that the database server is running.");
  }
  PGresult* res = PQexec(conn, "SET client_min_messages TO warning");
  PQclear(res);
  return std::unique_ptr<SqlConnection>(new PostgresConnection(conn));
}

}  // namespace qiaomen::server
