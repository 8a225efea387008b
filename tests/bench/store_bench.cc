// Device store benchmarks (DESIGN.md budgets): committing one finished visit on SQLCipher and on
// plain SQLite (for the encryption ratio), and the first page of the task list over 50,000
// subjects with a grid filter and a name search. Each reports median and p99 per operation as
// counters (microseconds). Run by `./run bench`, never by the tests.

#include <benchmark/benchmark.h>
#include <stdlib.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/store/store.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::store {
namespace {

using Clock = std::chrono::steady_clock;

// A fresh directory under $TMPDIR, removed afterwards: the shared testing TempDir.
using BenchDir = qiaomen::testing::TempDir;

void Check(const Status& status, const char* what) {
  if (!status.ok()) {
    std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
    std::abort();
  }
}

std::unique_ptr<Store> OpenStore(const std::string& path, bool encrypted) {
  sql::OpenOptions options;
  if (encrypted) {
    sql::RawKey key;
    SecureRandom().Fill(key.mutable_bytes().data(), sql::RawKey::kSize);  // a random raw key
    options.key = key;
  }
  auto db = sql::Database::Open(path, options);
  Check(db.status(), "open database");
  std::string device(16, '\0');
  SecureRandom().Fill(device.data(), device.size());
  auto store =
      Store::Open(std::move(*db), StoreDeps{&SystemClock(), &SecureRandom(), device, "w1"});
  Check(store.status(), "open store");
  return std::move(*store);
}

void Report(benchmark::State& state, std::vector<double>& micros) {
  if (micros.empty()) return;
  std::sort(micros.begin(), micros.end());
  state.counters["median_us"] = micros[micros.size() / 2];
  state.counters["p99_us"] = micros[std::min(micros.size() - 1, micros.size() * 99 / 100)];
}

// One finished visit as the app commits it: 40 answers, 3 photo references, 2 derived hazards
// (each with its FOUND event), the task closed, and the journal rows, in one transaction.
VisitInput MakeVisit(const v1::Subject& subject, const v1::Task& task) {
  VisitInput input;
  v1::Visit& visit = input.visit;
  const int64_t now = SystemClock().NowMillis();
  visit.set_subject_id(subject.id());
  visit.set_task_id(task.id());
  visit.set_template_id("household-winter");
  visit.set_template_version(3);
  visit.set_outcome(v1::CHECKED);
  visit.set_started_at_ms(now - 900000);
  visit.set_finished_at_ms(now);
  visit.mutable_location()->set_latitude(30.6571);
  visit.mutable_location()->set_longitude(104.0668);
  visit.mutable_location()->set_accuracy_m(7.5);
  for (int i = 0; i < 40; ++i) {
    auto* answer = visit.add_answers();
    answer->set_item_id("item_" + std::to_string(i));
    switch (i % 4) {
      case 0:
        answer->mutable_value()->set_yes_no(i % 8 == 0 ? v1::NO : v1::YES);
        break;
      case 1:
        answer->mutable_value()->set_choice("coal_stove");
        break;
      case 2:
        answer->mutable_value()->set_integer(i);
        break;
      default:
        answer->mutable_value()->set_text("烟道完好，已提醒通风");
    }
  }
  visit.add_education("leaflet");
  visit.add_education("family_message");
  for (int i = 0; i < 3; ++i) {
    auto* ref = visit.add_photos();
    ref->set_photo_id(Uuid::NewV7(SystemClock(), SecureRandom()).ToBytes());
    std::string sha(32, '\0');
    SecureRandom().Fill(sha.data(), sha.size());
    ref->set_sha256(sha);
  }
  visit.set_device_signature(std::string(64, 's'));
  for (const char* category : {"no_co_alarm", "ebike_indoors"}) {
    v1::Hazard hazard;
    hazard.set_category(category);
    hazard.set_severity(v1::GENERAL);
    hazard.set_deadline("2025-12-15");
    hazard.set_rule_id(std::string("r_") + category);
    hazard.set_legal_basis("《消防法》第十六条");
    hazard.set_description("Found during the winter knock-on-the-door check");
    input.derived_hazards.push_back(std::move(hazard));
  }
  return input;
}

struct VisitFixture {
  explicit VisitFixture(bool encrypted) : store(OpenStore(dir.Join("p.db"), encrypted)) {}
  void CommitOne() {
    v1::Subject subject;
    subject.set_kind(v1::HOUSEHOLD);
    subject.set_grid_id("G1");
    subject.set_name("王秀英");
    // Setup outside the timed part: a subject with an open task, as on the worker's list.
    auto created = store->CreateSubject(subject);
    Check(created.status(), "subject");
    v1::Task task;
    task.set_subject_id(created->id());
    task.set_template_id("household-winter");
    task.set_assignee("w1");
    auto made = store->CreateTask(task);
    Check(made.status(), "task");
    VisitInput input = MakeVisit(*created, *made);
    const auto start = Clock::now();
    auto recorded = store->RecordVisit(std::move(input));
    const auto end = Clock::now();
    Check(recorded.status(), "visit");
    micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  BenchDir dir;
  std::unique_ptr<Store> store;
  std::vector<double> micros;
};

void BM_CommitVisit(benchmark::State& state) {
  VisitFixture fixture(state.range(0) != 0);
  for (int i = 0; i < 20; ++i) fixture.CommitOne();  // warm the statement cache and the file
  fixture.micros.clear();
  // The timed part is RecordVisit alone (CommitOne times it); the counters are what to read.
  for (auto _ : state) fixture.CommitOne();
  Report(state, fixture.micros);
}
BENCHMARK(BM_CommitVisit)
    ->Arg(1)
    ->ArgName("sqlcipher")
    ->Iterations(400)
    ->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_CommitVisit)
    ->Arg(0)
    ->ArgName("plain_sqlite")
    ->Iterations(400)
    ->Unit(benchmark::kMicrosecond);

// Both stores side by side, alternating commits so machine load hits both alike: the ratio of
// medians is the encryption overhead.
void BM_CommitVisitEncryptionRatio(benchmark::State& state) {
  VisitFixture cipher(true);
  VisitFixture plain(false);
  for (int i = 0; i < 20; ++i) {
    cipher.CommitOne();
    plain.CommitOne();
  }
  cipher.micros.clear();
  plain.micros.clear();
  for (auto _ : state) {
    cipher.CommitOne();
    plain.CommitOne();
  }
  std::sort(cipher.micros.begin(), cipher.micros.end());
  std::sort(plain.micros.begin(), plain.micros.end());
  const double c = cipher.micros[cipher.micros.size() / 2];
  const double p = plain.micros[plain.micros.size() / 2];
  state.counters["sqlcipher_median_us"] = c;
  state.counters["plain_median_us"] = p;
  state.counters["ratio"] = c / p;
}
BENCHMARK(BM_CommitVisitEncryptionRatio)->Iterations(400)->Unit(benchmark::kMicrosecond);

// 50,000 subjects in 100 grids (500 each, a large grid), each with an open task.
class TaskListFixture {
 public:
  static TaskListFixture& Get() {
    static TaskListFixture* fixture = new TaskListFixture();
    return *fixture;
  }
  Store& store() { return *store_; }

 private:
  TaskListFixture() : store_(OpenStore(dir_.Join("p.db"), true)) {
    // Filling is not what is measured: skip the per-commit fsync while filling.
    Check(store_->database().Exec("PRAGMA synchronous = OFF;"), "sync off");
    static const char* kSurnames[] = {"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴",
                                      "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗"};
    static const char* kGiven[] = {"秀英", "建国", "桂兰", "志强", "玉兰", "德明", "淑珍",
                                   "国华", "春梅", "海涛", "金凤", "永福", "丽华", "文斌"};
    SeededRandom random(2025);
    for (int i = 0; i < 50000; ++i) {
      v1::Subject subject;
      subject.set_kind(v1::HOUSEHOLD);
      char grid[16];
      std::snprintf(grid, sizeof grid, "G%03d", i % 100);
      subject.set_grid_id(grid);
      subject.set_name(std::string(kSurnames[random.Uniform(20)]) + kGiven[random.Uniform(14)] +
                       std::to_string(i));
      subject.set_address("三组" + std::to_string(i % 97) + "号");
      subject.set_phone("138" + std::to_string(10000000 + i));
      auto created = store_->CreateSubject(subject);
      Check(created.status(), "subject");
      v1::Task task;
      task.set_subject_id(created->id());
      task.set_template_id("household-winter");
      task.set_assignee("w1");
      task.set_campaign_id("winter");
      Check(store_->CreateTask(task).status(), "task");
    }
    Check(store_->database().Exec("PRAGMA synchronous = FULL; PRAGMA wal_checkpoint(TRUNCATE);"),
          "sync full");
    Check(store_->database().Exec("ANALYZE;"), "analyze");
  }
  BenchDir dir_;
  std::unique_ptr<Store> store_;
};

void BM_TaskListFirstPage(benchmark::State& state) {
  Store& store = TaskListFixture::Get().store();
  // 0: a common surname (about 1 in 20 of the grid's 500 match, so the whole grid is read);
  // 1: a rare string (at most one match: the whole grid is read); 2: no search (50 rows read).
  const char* searches[] = {"王", "12345", ""};
  const std::string search = searches[state.range(0)];
  std::vector<double> micros;
  size_t rows = 0;
  int grid = 0;
  for (auto _ : state) {
    TaskQuery query;
    char id[16];
    std::snprintf(id, sizeof id, "G%03d", grid++ % 100);
    query.grid_id = id;
    query.search = search;
    const auto start = Clock::now();
    auto page = store.ListTasks(query);
    const auto end = Clock::now();
    Check(page.status(), "list");
    rows += page->items.size();
    micros.push_back(std::chrono::duration<double, std::micro>(end - start).count());
  }
  state.counters["rows_per_page"] = static_cast<double>(rows) / static_cast<double>(micros.size());
  Report(state, micros);
}
BENCHMARK(BM_TaskListFirstPage)
    ->Arg(0)
    ->Arg(1)
    ->Arg(2)
    ->ArgName("search")
    ->Iterations(1000)
    ->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace qiaomen::core::store

BENCHMARK_MAIN();
