#include "qiaomen/core/store/schema.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>

#include "qiaomen/base/hex.h"
#include "qiaomen/testing/manual_clock.h"
#include "tests/core/store/store_fixture.h"

namespace qiaomen::core::store {
namespace {

using testing::DeviceId;
using testing::kT0;
using testing::TestKey;

std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    files[entry.path().filename().string()] = std::string(std::istreambuf_iterator<char>(in), {});
  }
  return files;
}

Result<sql::Database> OpenDb(const std::string& path) {
  sql::OpenOptions options;
  options.key = TestKey();
  return sql::Database::Open(path, options);
}

std::string Blob(const std::string& bytes) { return "x'" + base::HexEncode(bytes) + "'"; }

TEST(SchemaTest, MigrationsAreNumberedContiguouslyFromOne) {
  int expected = 1;
  for (const Migration& migration : Migrations()) {
    EXPECT_EQ(migration.version, expected++);
    EXPECT_FALSE(migration.sql.empty());
  }
  EXPECT_EQ(LatestSchemaVersion(), expected - 1);
  EXPECT_GE(LatestSchemaVersion(), 3);
}

TEST(SchemaTest, EachStepStopsAtItsVersion) {
  ::qiaomen::testing::TempDir dir;
  auto db = OpenDb(dir.Join("a.db"));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(*SchemaVersion(*db), 0);
  for (int version = 1; version <= LatestSchemaVersion(); ++version) {
    ASSERT_TRUE(Migrate(*db, version).ok());
    EXPECT_EQ(*SchemaVersion(*db), version);
  }
  EXPECT_EQ(Migrate(*db, 1).code(), Code::kFailedPrecondition);
  EXPECT_EQ(Migrate(*db, LatestSchemaVersion() + 1).code(), Code::kInvalidArgument);
}

// Builds a database at every earlier version with data written the way that version wrote it, then
// lets the Store migrate it: nothing is lost and the journal continues where it was.
TEST(SchemaTest, MigratesFromEveryEarlierVersion) {
  for (int from = 0; from < LatestSchemaVersion(); ++from) {
    SCOPED_TRACE("from schema " + std::to_string(from));
    ::qiaomen::testing::TempDir dir;
    const std::string path = dir.Join("profile.db");
    qiaomen::testing::ManualClock clock(kT0);
    SeededRandom random(from + 1);
    v1::Subject old_subject;
    old_subject.set_id(Uuid::NewV7(clock, random).ToBytes());
    old_subject.set_kind(v1::HOUSEHOLD);
    old_subject.set_grid_id("G1");
    old_subject.set_name("王秀英");
    const HlcStamp old_stamp = PackHlc(kT0 + 5000, 3);
    {
      auto db = OpenDb(path);
      ASSERT_TRUE(db.ok()) << db.status().ToString();
      ASSERT_TRUE(Migrate(*db, from).ok());
      if (from >= 1) {
        ASSERT_TRUE(db->Exec("INSERT INTO subjects (id, external_id, kind, grid_id, name, record) "
                             "VALUES (" +
                             Blob(old_subject.id()) + ", '', 1, 'G1', '王秀英', " +
                             Blob(old_subject.SerializeAsString()) + ");")
                        .ok());
      }
      if (from >= 2) {
        v1::Change change;
        change.set_device_id(DeviceId(0xd1));
        change.set_seq(1);
        change.set_hlc(old_stamp);
        change.set_entity(v1::ENTITY_CAMPAIGN);
        change.set_record_id("c1");
        change.mutable_campaign()->set_id("c1");
        ASSERT_TRUE(db->Exec("INSERT INTO outbox (seq, change_id, hlc, entity, record_id, "
                             "created_at_ms, payload) VALUES (1, x'00', " +
                             std::to_string(old_stamp) + ", 7, 'c1', 0, " +
                             Blob(change.SerializeAsString()) + ");")
                        .ok());
        ASSERT_TRUE(db->Exec("INSERT INTO meta (key, value) VALUES ('hlc_last', " +
                             std::to_string(old_stamp) + ");")
                        .ok());
      }
    }
    auto db = OpenDb(path);
    ASSERT_TRUE(db.ok());
    auto store = Store::Open(std::move(*db), StoreDeps{&clock, &random, DeviceId(0xd1), "w"});
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    EXPECT_EQ(*SchemaVersion((*store)->database()), LatestSchemaVersion());
    if (from >= 1) {
      auto subject = (*store)->GetSubject(*Uuid::FromBytes(old_subject.id()));
      ASSERT_TRUE(subject.ok()) << subject.status().ToString();
      EXPECT_EQ(subject->name(), "王秀英");
      auto page = (*store)->ListSubjects(testing::SubjectsIn("G1", "秀"));
      ASSERT_TRUE(page.ok()) << page.status().ToString();
      EXPECT_EQ(page->items.size(), 1u);
    }
    // The journal goes on: the next seq follows the old rows and its stamp is above the old one.
    ASSERT_TRUE((*store)
                    ->PutCampaign([] {
                      v1::Campaign c;
                      c.set_id("c2");
                      c.set_title("岁末年初隐患排查");
                      return c;
                    }())
                    .ok());
    auto pending = (*store)->PendingChanges(0, 10, 1 << 20);
    ASSERT_TRUE(pending.ok());
    const size_t old_rows = from >= 2 ? 1 : 0;
    ASSERT_EQ(pending->size(), old_rows + 1);
    EXPECT_EQ(pending->back().seq(), old_rows + 1);
    if (from >= 2) {
      EXPECT_GT(pending->back().hlc(), old_stamp);
    }
  }
}

TEST(SchemaTest, NewerProfileIsRefusedAndLeftByteForByteUntouched) {
  ::qiaomen::testing::TempDir dir;
  const std::string path = dir.Join("profile.db");
  qiaomen::testing::ManualClock clock(kT0);
  SeededRandom random(1);
  const int newer = LatestSchemaVersion() + 4;
  {
    auto db = OpenDb(path);
    ASSERT_TRUE(db.ok());
    auto store = Store::Open(std::move(*db), StoreDeps{&clock, &random, DeviceId(1), "w"});
    ASSERT_TRUE(store.ok());
    v1::Subject subject;
    subject.set_kind(v1::HOUSEHOLD);
    subject.set_grid_id("G1");
    subject.set_name("李建国");
    ASSERT_TRUE((*store)->CreateSubject(subject).ok());
    // What a newer app would leave behind.
    ASSERT_TRUE((*store)->database().Exec("PRAGMA user_version = " + std::to_string(newer)).ok());
  }
  const auto before = Snapshot(dir.path());
  {
    auto db = OpenDb(path);
    ASSERT_TRUE(db.ok());
    auto store = Store::Open(std::move(*db), StoreDeps{&clock, &random, DeviceId(1), "w"});
    ASSERT_FALSE(store.ok());
    EXPECT_EQ(store.status().code(), Code::kFailedPrecondition);
    EXPECT_EQ(store.status().message(), "This profile was written by a newer Qiaomen (schema " +
                                            std::to_string(newer) + "; this app knows " +
                                            std::to_string(LatestSchemaVersion()) +
                                            "). Update the app; nothing was changed.");
  }
  EXPECT_EQ(Snapshot(dir.path()), before);
}

TEST(SchemaTest, AFailedStepLeavesTheLastWholeVersion) {
  ::qiaomen::testing::TempDir dir;
  auto db = OpenDb(dir.Join("a.db"));
  ASSERT_TRUE(db.ok());
  ASSERT_TRUE(Migrate(*db, 1).ok());
  // Make step 2 fail halfway: its first table is created, then a clash with a table already there.
  ASSERT_TRUE(db->Exec("CREATE TABLE registers (x INTEGER);").ok());
  Status status = Migrate(*db);
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("migration 2"), std::string::npos) << status.ToString();
  EXPECT_EQ(*SchemaVersion(*db), 1);
  auto meta = db->QueryInt("SELECT count(*) FROM sqlite_master WHERE name = 'meta';");
  ASSERT_TRUE(meta.ok());
  EXPECT_EQ(*meta, 0) << "step 2 must roll back whole";
}

}  // namespace
}  // namespace qiaomen::core::store
