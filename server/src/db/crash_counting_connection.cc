#include "db/crash_counting_connection.h"

#include "util/crash_points.h"

namespace qiaomen::server {
namespace {

class CrashCountingConnection final : public SqlConnection {
 public:
  explicit CrashCountingConnection(std::unique_ptr<SqlConnection> inner)
      : inner_(std::move(inner)) {}
  SqlDialect dialect() const override { return inner_->dialect(); }
  core::Result<std::vector<SqlRow>> Query(std::string_view sql,
                                          const std::vector<SqlValue>& params) override {
    crash_points::Step("sql");
    return inner_->Query(sql, params);
  }
  core::Status ExecScript(std::string_view sql) override {
    crash_points::Step("sql");
    return inner_->ExecScript(sql);
  }
  core::Status Begin() override {
    crash_points::Step("begin");
    return inner_->Begin();
  }
  core::Status Commit() override {
    crash_points::Step("commit");
    return inner_->Commit();
  }
  void Rollback() override { inner_->Rollback(); }
  core::Status CopyDatabaseTo(const std::string& path) override {
    return inner_->CopyDatabaseTo(path);
  }

 private:
  std::unique_ptr<SqlConnection> inner_;
};

}  // namespace

std::unique_ptr<SqlConnection> CountCrashPoints(std::unique_ptr<SqlConnection> inner) {
  return std::make_unique<CrashCountingConnection>(std::move(inner));
}

}  // namespace qiaomen::server
