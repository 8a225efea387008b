// Numbered crash points of a schema migration (issue 19): a profile written by the first version
// of the app is migrated to the latest schema by a child process that is SIGKILLed at each of the
// migration's SQL statements in turn. After every kill the database opens, stands at one whole
// version (its schema is exactly that version's, never half of a step), and the next open migrates
// it on to the latest schema with the data the old version wrote.

#include <gtest/gtest.h>

#include <cstdio>
#include <optional>
#include <string>
#include <vector>

#include "qiaomen/core/store/schema.h"
#include "qiaomen/testing/crash_loop.h"
#include "tests/core/store/store_fixture.h"

namespace qiaomen::core::store {
namespace {

using testing::TestKey;

Result<sql::Database> OpenDb(const std::string& path) {
  sql::OpenOptions options;
  options.key = TestKey();
  return sql::Database::Open(path, options);
}

// The schema as SQLite keeps it: every table, index and trigger with its SQL, in name order.
std::string SchemaText(sql::Database& db) {
  auto text = db.QueryText(
      "SELECT group_concat(type || ' ' || name || ': ' || ifnull(sql, ''), char(10)) FROM "
      "(SELECT type, name, sql FROM sqlite_master ORDER BY name);");
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

class MigrationCrashPointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // The schema of each version, made without any kill, to compare a killed run against.
    for (int version = 0; version <= LatestSchemaVersion(); ++version) {
      ::qiaomen::testing::TempDir dir;
      auto db = OpenDb(dir.Join("v.db"));
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      ASSERT_TRUE(Migrate(*db, version).ok());
      schemas_.push_back(SchemaText(*db));
    }
  }

  // A database written by schema 1: one household.
  void WriteVersionOne(const std::string& path) {
    auto db = OpenDb(path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    ASSERT_TRUE(Migrate(*db, 1).ok());
    ASSERT_TRUE(db->Exec("INSERT INTO subjects (id, external_id, kind, grid_id, name, record) "
                         "VALUES (x'0102', '', 1, 'G1', '王秀英', x'');")
                    .ok());
  }

  std::vector<std::string> schemas_;
  ::qiaomen::testing::CrashCounter counter_;
};

TEST_F(MigrationCrashPointsTest, AKillAtEveryStepLeavesOneWholeVersionThatMigratesOn) {
  const int latest = LatestSchemaVersion();
  int64_t total_steps = -1;
  for (int64_t n = 1; total_steps < 0; ++n) {
    SCOPED_TRACE("kill at step " + std::to_string(n));
    ASSERT_LT(n, 1000) << "the migration never finished";
    ::qiaomen::testing::TempDir dir;
    const std::string path = dir.Join("profile.db");
    WriteVersionOne(path);
    std::optional<sql::Database> child_db;
    const auto run = ::qiaomen::testing::RunKilledAt(
        n, counter_,
        [&] {
          auto db = OpenDb(path);
          if (!db.ok()) return false;
          child_db.emplace(std::move(*db));
          child_db->SetStatementObserver(counter_.Observer());
          return true;
        },
        [&] { return Migrate(*child_db).ok(); });
    if (!run.killed) {
      ASSERT_GT(run.steps, 0);
      total_steps = run.steps;
    }
    auto db = OpenDb(path);
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    auto version = SchemaVersion(*db);
    ASSERT_TRUE(version.ok());
    ASSERT_GE(*version, 1);
    ASSERT_LE(*version, latest);
    EXPECT_EQ(SchemaText(*db), schemas_[*version])
        << "schema " << *version << " is not whole after the kill";
    ASSERT_TRUE(Migrate(*db).ok());
    EXPECT_EQ(*SchemaVersion(*db), latest);
    EXPECT_EQ(SchemaText(*db), schemas_[latest]);
    EXPECT_EQ(*db->QueryText("SELECT name FROM subjects;"), "王秀英");
  }
  // Five migrations of several statements each: a change of this number is a change of the
  // crash points, to be looked at.
  EXPECT_GE(total_steps, 5 * 4);
  std::printf("schema 1 -> %d: %lld crash points, each killed and recovered\n", latest,
              static_cast<long long>(total_steps));
}

}  // namespace
}  // namespace qiaomen::core::store
