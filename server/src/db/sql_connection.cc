#include "qiaomen/server/sql_connection.h"

#include <charconv>

#include "db/crash_counting_connection.h"
#include "util/crash_points.h"

namespace qiaomen::server {

using core::Result;
using core::Status;

int64_t SqlRow::Int(size_t i) const {
  const SqlValue& v = values_.at(i);
  if (const auto* n = std::get_if<int64_t>(&v)) return *n;
  if (const auto* s = std::get_if<std::string>(&v)) {
    int64_t out = 0;
    std::from_chars(s->data(), s->data() + s->size(), out);
    return out;
  }
  return 0;
}

std::string SqlRow::Text(size_t i) const {
  const SqlValue& v = values_.at(i);
  if (const auto* s = std::get_if<std::string>(&v)) return *s;
  if (const auto* n = std::get_if<int64_t>(&v)) return std::to_string(*n);
  if (const auto* b = std::get_if<SqlBlob>(&v)) return b->bytes;
  return {};
}

std::string SqlRow::Bytes(size_t i) const { return Text(i); }

Status SqlConnection::Exec(std::string_view sql, const std::vector<SqlValue>& params) {
  return Query(sql, params).status();
}

Status SqlConnection::CopyDatabaseTo(const std::string&) {
  return core::FailedPrecondition("Only a SQLite database is copied by its connection.");
}

Result<SqlRow> SqlConnection::QueryOne(std::string_view sql, const std::vector<SqlValue>& params) {
  QM_ASSIGN_OR_RETURN(auto rows, Query(sql, params));
  if (rows.empty()) return core::NotFound("No row matched.");
  return std::move(rows.front());
}

SqlPool::Lease::~Lease() {
  if (pool_ != nullptr && conn_ != nullptr) pool_->Release(std::move(conn_));
}

Result<std::unique_ptr<SqlPool>> SqlPool::Open(const std::string& url, int size) {
  auto pool = std::make_unique<SqlPool>();
  QM_ASSIGN_OR_RETURN(auto first, OpenSqlConnection(url));
  pool->dialect_ = first->dialect();
  pool->free_.push_back(std::move(first));
  if (pool->dialect_ == SqlDialect::kPostgres) {
    for (int i = 1; i < size; ++i) {
      QM_ASSIGN_OR_RETURN(auto conn, OpenSqlConnection(url));
      pool->free_.push_back(std::move(conn));
    }
  }
  // The crash-point test hook counts every statement of the server's write paths.
  if (crash_points::Armed()) {
    for (auto& conn : pool->free_) conn = CountCrashPoints(std::move(conn));
  }
  return pool;
}

SqlPool::Lease SqlPool::Acquire() {
  std::unique_lock lock(mu_);
  cv_.wait(lock, [&] { return !free_.empty(); });
  auto conn = std::move(free_.back());
  free_.pop_back();
  return Lease(this, std::move(conn));
}

void SqlPool::Release(std::unique_ptr<SqlConnection> conn) {
  {
    std::lock_guard lock(mu_);
    free_.push_back(std::move(conn));
  }
  cv_.notify_one();
}

Status InTransaction(SqlConnection& conn, const std::function<Status()>& body) {
  Status last;
  for (int attempt = 0; attempt < 3; ++attempt) {
    last = conn.Begin();
    if (!last.ok()) return last;
    last = body();
    if (last.ok()) last = conn.Commit();
    if (last.ok()) return last;
    conn.Rollback();
    if (last.code() != core::Code::kAborted && last.code() != core::Code::kUnavailable) return last;
  }
  return last;
}

}  // namespace qiaomen::server
