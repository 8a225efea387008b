#include <gtest/gtest.h>

#include "tests/core/store/store_fixture.h"

namespace qiaomen::core::store {
namespace {

using testing::StoreTest;

class VisitsTest : public StoreTest {};

std::string Sha(char fill) { return std::string(32, fill); }

TEST_F(VisitsTest, CheckedVisitClosesTaskAndDerivesHazardsInOneCommit) {
  v1::Subject subject = AddSubject("王秀英");
  v1::Task task = AddTask(subject);
  const int64_t before = Count("outbox");
  VisitInput input;
  input.visit = MakeVisit(subject, v1::CHECKED);
  input.visit.set_task_id(task.id());
  auto* ref = input.visit.add_photos();
  ref->set_photo_id(Uuid::NewV7(clock_, random_).ToBytes());
  ref->set_sha256(Sha('a'));
  input.derived_hazards.push_back(MakeHazard("no_co_alarm", v1::MAJOR));
  auto recorded = store().RecordVisit(input);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->visit.worker_id(), "worker-7");
  EXPECT_EQ(recorded->visit.device_id(), device_);
  ASSERT_EQ(recorded->hazards.size(), 1u);
  const v1::Hazard& hazard = recorded->hazards[0];
  EXPECT_EQ(hazard.visit_id(), recorded->visit.id());
  EXPECT_EQ(hazard.subject_id(), subject.id());

  // visit + hazard + FOUND event
  EXPECT_EQ(Count("outbox"), before + 3);
  auto visit = store().GetVisit(Id(recorded->visit.id()));
  ASSERT_TRUE(visit.ok());
  EXPECT_EQ(visit->answers_size(), 1);
  EXPECT_EQ(visit->location().accuracy_m(), 8);
  auto state = store().GetHazardState(Id(hazard.id()));
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(state->status, domain::HazardStatus::kFound);
  EXPECT_EQ(store().GetHazard(Id(hazard.id()))->severity(), v1::MAJOR);

  // The task left the open list.
  auto open = store().ListTasks(testing::TasksIn(subject.grid_id()));
  ASSERT_TRUE(open.ok());
  EXPECT_TRUE(open->items.empty());
  auto all = store().ListTasks([&] {
    auto q = testing::TasksIn(subject.grid_id());
    q.include_done = true;
    return q;
  }());
  ASSERT_EQ(all->items.size(), 1u);
  EXPECT_TRUE(all->items[0].done);
}

// Issue 16: a refusal is no visit done either; the task stays open until the household is checked.
TEST_F(VisitsTest, NobodyHomeAndRefusedKeepTheTaskOpenForAReturnVisit) {
  v1::Subject subject = AddSubject("李建国");
  v1::Task task = AddTask(subject);
  // Records a visit of the task a day after the last, and returns how many tasks are still open.
  auto visit_and_count_open = [&](v1::VisitOutcome outcome) -> size_t {
    clock_.Advance(86400000);
    VisitInput input;
    input.visit = MakeVisit(subject, outcome);
    input.visit.set_task_id(task.id());
    if (outcome == v1::NOBODY_HOME) input.visit.clear_answers();
    if (outcome == v1::REFUSED) input.visit.mutable_refusal()->set_reason(v1::REFUSED_ENTRY);
    EXPECT_TRUE(store().RecordVisit(input).ok());
    auto open = store().ListTasks(testing::TasksIn(subject.grid_id()));
    EXPECT_TRUE(open.ok());
    for (const auto& item : open->items) EXPECT_FALSE(item.done);
    return open->items.size();
  };
  EXPECT_EQ(visit_and_count_open(v1::NOBODY_HOME), 1u);
  EXPECT_EQ(visit_and_count_open(v1::REFUSED), 1u);
  EXPECT_EQ(visit_and_count_open(v1::CHECKED), 0u);
  auto visits = store().ListVisits(Id(subject.id()));
  ASSERT_EQ(visits->size(), 3u);
  EXPECT_EQ((*visits)[0].outcome(), v1::CHECKED) << "newest first";
  EXPECT_EQ((*visits)[1].outcome(), v1::REFUSED);
}

TEST_F(VisitsTest, InvalidVisitsAreRefusedAndWriteNothing) {
  v1::Subject subject = AddSubject("张三");
  v1::Subject other = AddSubject("李四");
  v1::Task other_task = AddTask(other);
  const int64_t journal = Count("outbox");
  auto expect_refused = [&](VisitInput input, Code code, const std::string& words) {
    auto result = store().RecordVisit(std::move(input));
    ASSERT_FALSE(result.ok());
    EXPECT_EQ(result.status().code(), code) << result.status().ToString();
    EXPECT_NE(result.status().message().find(words), std::string::npos)
        << result.status().ToString();
  };
  VisitInput unknown_subject;
  unknown_subject.visit = MakeVisit(subject, v1::CHECKED);
  unknown_subject.visit.set_subject_id(Uuid::NewV7(clock_, random_).ToBytes());
  expect_refused(unknown_subject, Code::kNotFound, "is not in this profile");

  VisitInput no_outcome;
  no_outcome.visit = MakeVisit(subject, v1::VISIT_OUTCOME_UNSPECIFIED);
  expect_refused(no_outcome, Code::kInvalidArgument, "outcome");

  VisitInput backwards;
  backwards.visit = MakeVisit(subject, v1::CHECKED);
  backwards.visit.set_finished_at_ms(backwards.visit.started_at_ms() - 1);
  expect_refused(backwards, Code::kInvalidArgument, "finishes before it starts");

  VisitInput bad_gps;
  bad_gps.visit = MakeVisit(subject, v1::CHECKED);
  bad_gps.visit.mutable_location()->set_latitude(123);
  expect_refused(bad_gps, Code::kInvalidArgument, "GPS");

  VisitInput no_template;
  no_template.visit = MakeVisit(subject, v1::CHECKED);
  no_template.visit.set_template_version(0);
  expect_refused(no_template, Code::kInvalidArgument, "id@version");

  VisitInput wrong_task;
  wrong_task.visit = MakeVisit(subject, v1::CHECKED);
  wrong_task.visit.set_task_id(other_task.id());
  expect_refused(wrong_task, Code::kInvalidArgument, "another subject");

  // A bad derived hazard fails the whole visit: the visit row and journal row roll back.
  VisitInput bad_hazard;
  bad_hazard.visit = MakeVisit(subject, v1::CHECKED);
  bad_hazard.derived_hazards.push_back(MakeHazard("ok"));
  bad_hazard.derived_hazards.push_back(MakeHazard("", v1::GENERAL));
  expect_refused(bad_hazard, Code::kInvalidArgument, "category");

  EXPECT_EQ(Count("outbox"), journal);
  EXPECT_EQ(Count("visits"), 0);
  EXPECT_EQ(Count("hazards"), 0);
  EXPECT_EQ(Count("hazard_events"), 0);

  VisitInput ok;
  ok.visit = MakeVisit(subject, v1::VACANT);
  auto first = store().RecordVisit(ok);
  ASSERT_TRUE(first.ok());
  VisitInput twice;
  twice.visit = first->visit;
  expect_refused(twice, Code::kAlreadyExists, "already recorded");
  EXPECT_EQ(Count("outbox"), journal + 1);
}

TEST_F(VisitsTest, RecordPhotoWritesRowAndJournalTogether) {
  v1::Subject subject = AddSubject("王秀英");
  VisitInput input;
  input.visit = MakeVisit(subject, v1::CHECKED);
  auto visit = store().RecordVisit(input);
  ASSERT_TRUE(visit.ok());
  evidence::PhotoIndex& index = store();
  v1::Photo photo;
  const Uuid id = Uuid::NewV7(clock_, random_);
  photo.set_id(id.ToBytes());
  photo.set_sha256(Sha('b'));
  photo.set_size(102400);
  photo.set_taken_at_ms(clock_.NowMillis());
  photo.set_visit_id(visit->visit.id());
  photo.set_item_id("stove_photo");
  EXPECT_FALSE(*index.HasPhoto(id));
  ASSERT_TRUE(index.RecordPhoto(photo).ok());
  EXPECT_TRUE(*index.HasPhoto(id));
  EXPECT_EQ(index.RecordPhoto(photo).code(), Code::kAlreadyExists);
  auto pending = store().PendingChanges(0, 100, 1 << 20);
  ASSERT_TRUE(pending.ok());
  EXPECT_EQ(pending->back().entity(), v1::ENTITY_PHOTO);
  EXPECT_EQ(pending->back().photo().sha256(), Sha('b'));
  auto listed = store().ListPhotos(Id(visit->visit.id()));
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].item_id(), "stove_photo");

  v1::Photo bad = photo;
  bad.set_id(Uuid::NewV7(clock_, random_).ToBytes());
  bad.set_sha256("short");
  EXPECT_EQ(index.RecordPhoto(bad).code(), Code::kInvalidArgument);
  EXPECT_FALSE(*index.HasPhoto(*Uuid::FromBytes(bad.id())));
}

TEST_F(VisitsTest, TaskListPagesAndFilters) {
  for (int i = 0; i < 70; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "住户%02d", i);
    v1::Subject subject = AddSubject(name, "G1");
    AddTask(subject, i % 10 == 0 ? "worker-9" : "worker-7");
  }
  AddTask(AddSubject("住户别的网格", "G2"));
  auto first = store().ListTasks(testing::TasksIn("G1"));
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->items.size(), 50u);
  EXPECT_EQ(first->items[0].subject.name(), "住户00");
  ASSERT_FALSE(first->next_page.empty());
  auto second = store().ListTasks([&] {
    auto q = testing::TasksIn("G1");
    q.page = first->next_page;
    return q;
  }());
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->items.size(), 20u);
  EXPECT_EQ(second->items[0].subject.name(), "住户50");
  EXPECT_TRUE(second->next_page.empty());
  auto search = store().ListTasks(testing::TasksIn("G1", "住户6"));
  EXPECT_EQ(search->items.size(), 10u);
  auto mine = store().ListTasks([&] {
    auto q = testing::TasksIn("G1");
    q.assignee = "worker-9";
    return q;
  }());
  EXPECT_EQ(mine->items.size(), 7u);
  EXPECT_EQ(store()
                .ListTasks([&] {
                  auto q = testing::TasksIn("G1");
                  q.limit = 0;
                  return q;
                }())
                .status()
                .code(),
            Code::kInvalidArgument);
  v1::Task orphan;
  orphan.set_subject_id(Uuid::NewV7(clock_, random_).ToBytes());
  orphan.set_template_id("t");
  orphan.set_assignee("w");
  EXPECT_EQ(store().CreateTask(orphan).status().code(), Code::kNotFound);
}

// Issue 18: a refused visit is sent again with its hazard and the hazard's event, parent first,
// each under a new seq and change id; the refused rows keep their seqs (the line stays
// contiguous for a replay after a server restore) and the task is closed again.
TEST_F(VisitsTest, ARefusedVisitIsResentWithWhatDependsOnItParentFirst) {
  v1::Subject subject = AddSubject("刘明");
  v1::Task task = AddTask(subject);
  VisitInput input;
  input.visit = MakeVisit(subject, v1::CHECKED);
  input.visit.set_task_id(task.id());
  input.derived_hazards.push_back(MakeHazard("no_co_alarm", v1::MAJOR));
  auto recorded = store().RecordVisit(input);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  auto journal = store().PendingChanges(0, 100, 1 << 20);
  ASSERT_TRUE(journal.ok());
  ASSERT_GE(journal->size(), 3u);
  const std::vector<v1::Change> refused(journal->end() - 3, journal->end());
  ASSERT_EQ(refused[0].entity(), v1::ENTITY_VISIT);
  // The server refuses them in reverse order of dependence to show the order is the store's.
  for (auto it = refused.rbegin(); it != refused.rend(); ++it) {
    ASSERT_TRUE(store().Quarantine(it->seq(), "out of scope", "permission_denied").ok());
  }
  ASSERT_TRUE(store().MarkAppliedThrough(refused.back().seq()).ok());
  auto reopened = store().ListTasks(testing::TasksIn(subject.grid_id()));
  ASSERT_EQ(reopened->items.size(), 1u) << "a refused visit does not close its task";

  EXPECT_EQ(store().Resend(refused[1].seq() + 100).status().code(), Code::kNotFound);
  auto seqs = store().Resend(refused[0].seq());
  ASSERT_TRUE(seqs.ok()) << seqs.status().ToString();
  const uint64_t last = refused.back().seq();
  EXPECT_EQ(*seqs, (std::vector<uint64_t>{last + 1, last + 2, last + 3}));
  EXPECT_TRUE(store().ListQuarantined()->empty());
  auto pending = store().PendingChanges(last, 100, 1 << 20);
  ASSERT_EQ(pending->size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_EQ((*pending)[i].seq(), last + 1 + i);
    EXPECT_EQ((*pending)[i].record_id(), refused[i].record_id()) << "parent first";
    EXPECT_NE((*pending)[i].change_id(), refused[i].change_id());
  }
  EXPECT_TRUE(store().ListTasks(testing::TasksIn(subject.grid_id()))->items.empty())
      << "the resent visit closes its task again";
  EXPECT_EQ(store().GetSyncState()->last_seq, last + 3);

  // A server restored to before them gets the refused rows again at their own seqs, then the
  // resent ones: no hole in the line.
  ASSERT_TRUE(store().ResetForNewEpoch("epoch-restored", refused[0].seq() - 1).ok());
  auto replay = store().PendingChanges(0, 100, 1 << 20);
  ASSERT_EQ(replay->size(), 6u);
  for (size_t i = 0; i < replay->size(); ++i) EXPECT_EQ((*replay)[i].seq(), refused[0].seq() + i);
}

}  // namespace
}  // namespace qiaomen::core::store
