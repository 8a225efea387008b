#pragma once
// A real SQLCipher profile database in a TempDir, with a manual clock and seeded ids, for the store
// tests. Reopen() closes and opens the same file again, as a restart does.

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/store/store.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::store::testing {

inline sql::RawKey TestKey(uint64_t seed = 7) {
  sql::RawKey key;
  SeededRandom(seed).Fill(key.mutable_bytes().data(), sql::RawKey::kSize);
  return key;
}

inline std::string DeviceId(uint8_t fill) { return std::string(16, static_cast<char>(fill)); }

inline TaskQuery TasksIn(std::string grid, std::string search = "") {
  TaskQuery query;
  query.grid_id = std::move(grid);
  query.search = std::move(search);
  return query;
}

inline SubjectQuery SubjectsIn(std::string grid, std::string search = "") {
  SubjectQuery query;
  query.grid_id = std::move(grid);
  query.search = std::move(search);
  return query;
}

constexpr int64_t kT0 = 1764300000000;  // 2025-11-28, in the winter action

class StoreTest : public ::testing::Test {
 protected:
  void SetUp() override { Reopen(); }

  std::string path() const { return dir_.Join("profile.db"); }

  static Result<sql::Database> OpenDb(const std::string& path) {
    sql::OpenOptions options;
    options.key = TestKey();
    return sql::Database::Open(path, options);
  }

  void Reopen() {
    store_.reset();
    auto db = OpenDb(path());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    StoreDeps deps{&clock_, &random_, device_, "worker-7"};
    auto store = Store::Open(std::move(*db), deps);
    ASSERT_TRUE(store.ok()) << store.status().ToString();
    store_ = std::move(*store);
  }

  Store& store() { return *store_; }

  v1::Subject MakeSubject(const std::string& name, const std::string& grid = "T01-V01-G01") {
    v1::Subject subject;
    subject.set_kind(v1::HOUSEHOLD);
    subject.set_grid_id(grid);
    subject.set_name(name);
    subject.set_phone("13800000000");
    subject.set_members(3);
    subject.add_tags("coal_heating");
    return subject;
  }

  v1::Subject AddSubject(const std::string& name, const std::string& grid = "T01-V01-G01") {
    auto created = store().CreateSubject(MakeSubject(name, grid));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : v1::Subject();
  }

  v1::Task AddTask(const v1::Subject& subject, const std::string& assignee = "worker-7") {
    v1::Task task;
    task.set_subject_id(subject.id());
    task.set_campaign_id("winter-2025");
    task.set_template_id("household-winter");
    task.set_assignee(assignee);
    task.set_due_date("2025-12-20");
    auto created = store().CreateTask(task);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : v1::Task();
  }

  v1::Visit MakeVisit(const v1::Subject& subject, v1::VisitOutcome outcome) {
    v1::Visit visit;
    visit.set_subject_id(subject.id());
    visit.set_template_id("household-winter");
    visit.set_template_version(3);
    visit.set_outcome(outcome);
    visit.set_started_at_ms(clock_.NowMillis() - 600000);
    visit.set_finished_at_ms(clock_.NowMillis());
    visit.mutable_location()->set_latitude(30.12);
    visit.mutable_location()->set_longitude(104.5);
    visit.mutable_location()->set_accuracy_m(8);
    auto* answer = visit.add_answers();
    answer->set_item_id("co_alarm");
    answer->mutable_value()->set_yes_no(v1::NO);
    visit.add_education("leaflet");
    return visit;
  }

  v1::Hazard MakeHazard(const std::string& category = "no_co_alarm",
                        v1::Severity severity = v1::GENERAL) {
    v1::Hazard hazard;
    hazard.set_category(category);
    hazard.set_severity(severity);
    hazard.set_deadline("2025-12-05");
    hazard.set_rule_id("r-" + category);
    hazard.set_description("No CO alarm beside the coal stove");
    return hazard;
  }

  int64_t Count(const std::string& table) {
    auto n = store().database().QueryInt("SELECT count(*) FROM " + table + ";");
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }

  static Uuid Id(const std::string& bytes) { return *Uuid::FromBytes(bytes); }

  ::qiaomen::testing::TempDir dir_;
  qiaomen::testing::ManualClock clock_{kT0};
  SeededRandom random_{42};
  std::string device_ = DeviceId(0xd1);
  std::unique_ptr<Store> store_;
};

}  // namespace qiaomen::core::store::testing
