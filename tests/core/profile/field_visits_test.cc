// The device's visit flow (core/profile/field_visits.h) on a real SQLCipher profile: drafts kept
// as they are given, finishing in one transaction, refusals that keep the draft, the county's day.

#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>

#include "field_visits_fixture.h"
#include "qiaomen/testing/manual_clock.h"

namespace qiaomen::core::profile {
namespace {

using testing::FieldVisitsFixture;

int CountFiles(const std::string& dir, const std::string& suffix) {
  int n = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    const std::string name = entry.path().filename().string();
    if (name.size() >= suffix.size() && name.substr(name.size() - suffix.size()) == suffix) ++n;
  }
  return n;
}

int64_t Count(Profile& profile, const std::string& sql) {
  auto n = profile.database().QueryInt(sql);
  EXPECT_TRUE(n.ok()) << n.status().ToString();
  return n.ok() ? *n : -1;
}

class FieldVisitsTest : public FieldVisitsFixture {};

// An immediate hazard is due on the visit's day and keeps its urgency; a suspected-major rule's
// finding carries its SUSPECTED_MAJOR step; an emergency is returned to show, never recorded.
TEST_F(FieldVisitsTest, UrgencySuspicionAndEmergencyComeFromTheRules) {
  VisitStart start;
  start.task_id = task_id_;
  auto draft = profile_->visits().Start(start);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  v1::Visit visit = draft->visit;
  visit.set_outcome(v1::CHECKED);
  *visit.add_answers() = YesNo("stove_ok", v1::YES);
  *visit.add_answers() = YesNo("alarm_ok", v1::YES);
  *visit.add_answers() = YesNo("exit_clear", v1::NO);
  *visit.add_answers() = YesNo("gas_smell", v1::YES);
  ASSERT_TRUE(profile_->visits().Save(visit).ok());
  FinishOptions finish;
  finish.finished_at_ms = testing::kDec1At2330County;
  clock_.Set(finish.finished_at_ms);
  auto recorded = profile_->visits().Finish(*Uuid::FromBytes(visit.id()), finish);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  ASSERT_EQ(recorded->hazards.size(), 1u);  // the gas leak is no hazard
  const v1::Hazard& h = recorded->hazards[0];
  EXPECT_EQ(h.rule_id(), "blocked_exit");
  EXPECT_EQ(h.urgency(), v1::IMMEDIATE);
  EXPECT_EQ(h.deadline(), "2026-12-01");  // the county's day of the visit
  ASSERT_EQ(recorded->emergencies.size(), 1u);
  EXPECT_EQ(recorded->emergencies[0].rule_id, "gas_leak");
  ASSERT_EQ(recorded->emergencies[0].actions.size(), 2u);
  EXPECT_EQ(recorded->emergencies[0].actions[0].zh(), "关闭阀门");

  const Uuid hazard_id = *Uuid::FromBytes(h.id());
  auto events = profile_->store().ListHazardEvents(hazard_id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 3u);
  EXPECT_EQ((*events)[0].kind(), v1::FOUND);
  EXPECT_EQ((*events)[1].kind(), v1::SUSPECTED_MAJOR);
  EXPECT_EQ((*events)[2].kind(), v1::ORDERED);  // the worker orders it on the spot
  EXPECT_EQ((*events)[2].note(), "立即整改，整改期限 2026-12-01。");
  auto state = profile_->store().GetHazardState(hazard_id);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->major_review, domain::MajorReview::kSuspected);
  // The urgency is a register: it survives the store and reaches the county with the hazard.
  auto stored = profile_->store().GetHazard(hazard_id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->urgency(), v1::IMMEDIATE);
  EXPECT_FALSE(stored->suspected_major());  // the event log, not a field, holds the suspicion
}

TEST_F(FieldVisitsTest, FinishRecordsTheVisitItsPhotosHazardsAndOrdersTogether) {
  const int64_t journal_before = Count(*profile_, "SELECT count(*) FROM outbox;");
  const std::string id = PrepareDraft(*profile_, 3, 100'000);
  ASSERT_FALSE(id.empty());
  // A draft writes no journal row: it is the device's own until finished.
  EXPECT_EQ(Count(*profile_, "SELECT count(*) FROM outbox;"), journal_before);
  FinishOptions finish;
  finish.finished_at_ms = testing::kDec1At2330County;
  clock_.Set(finish.finished_at_ms);
  auto recorded = profile_->visits().Finish(*Uuid::FromBytes(id), finish);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->visit.id(), id);
  EXPECT_EQ(recorded->visit.photos_size(), 3);
  EXPECT_EQ(recorded->photos.size(), 3u);
  ASSERT_EQ(recorded->hazards.size(), 2u);
  EXPECT_TRUE(evidence::VerifyVisit(recorded->visit, profile_->device_key().public_key()).ok());
  // Deadlines count in the county's days from 1 December.
  EXPECT_EQ(recorded->hazards[0].deadline(), "2026-12-04");
  EXPECT_EQ(recorded->hazards[1].deadline(), "2026-12-08");
  // 3 photos + visit + 2 hazards + 2 FOUND + 2 ORDERED.
  EXPECT_EQ(Count(*profile_, "SELECT count(*) FROM outbox;") - journal_before, 10);
  for (const auto& h : recorded->hazards) {
    auto events = profile_->store().ListHazardEvents(*Uuid::FromBytes(h.id()));
    ASSERT_TRUE(events.ok());
    ASSERT_EQ(events->size(), 2u);
    EXPECT_EQ((*events)[0].kind(), v1::FOUND);
    EXPECT_EQ((*events)[1].kind(), v1::ORDERED);
    EXPECT_EQ((*events)[1].actor(), "w-001");
  }
  EXPECT_EQ(Count(*profile_, "SELECT count(*) FROM visit_drafts;"), 0);
  EXPECT_EQ(Count(*profile_, "SELECT count(*) FROM draft_photos;"), 0);
  EXPECT_EQ(Count(*profile_, "SELECT count(*) FROM photos;"), 3);
  store::TaskQuery query;
  query.grid_id = "T01-V01-G01";
  query.include_done = true;
  auto task = profile_->store().ListTasks(query);
  ASSERT_TRUE(task.ok());
  ASSERT_EQ(task->items.size(), 1u);
  EXPECT_TRUE(task->items[0].done);
  for (const auto& p : recorded->photos) {
    auto bytes = profile_->photos().Read(*Uuid::FromBytes(p.id()), p.sha256());
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  }
}

TEST_F(FieldVisitsTest, AnIncompleteVisitIsRefusedByItemAndTheDraftStaysWhole) {
  VisitStart start;
  start.task_id = task_id_;
  auto draft = profile_->visits().Start(start);
  ASSERT_TRUE(draft.ok());
  v1::Visit visit = draft->visit;
  visit.set_outcome(v1::CHECKED);
  *visit.add_answers() = YesNo("alarm_ok", v1::NO);  // stove_ok missing, alarm needs a photo
  ASSERT_TRUE(profile_->visits().Save(visit).ok());
  const int64_t journal_before = Count(*profile_, "SELECT count(*) FROM outbox;");
  std::vector<ItemError> problems;
  auto refused = profile_->visits().Finish(*Uuid::FromBytes(visit.id()), {}, &problems);
  ASSERT_EQ(refused.status().code(), Code::kInvalidArgument);
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].item_id, "stove_ok");
  EXPECT_EQ(problems[1].item_id, "evidence");
  EXPECT_NE(refused.status().message().find("nothing was saved"), std::string::npos);
  EXPECT_EQ(Count(*profile_, "SELECT count(*) FROM outbox;"), journal_before);
  EXPECT_EQ(Count(*profile_, "SELECT count(*) FROM visits;"), 0);
  auto kept = profile_->visits().Draft(*Uuid::FromBytes(visit.id()));
  ASSERT_TRUE(kept.ok());
  EXPECT_EQ(kept->visit.answers_size(), 1);
}

TEST_F(FieldVisitsTest, DiscardingADraftDeletesItsPhotoFiles) {
  const std::string id = PrepareDraft(*profile_, 2, 10'000);
  EXPECT_EQ(CountFiles(profile_->photos().dir(), ".photo"), 2);
  ASSERT_TRUE(profile_->visits().Discard(*Uuid::FromBytes(id)).ok());
  EXPECT_EQ(CountFiles(profile_->photos().dir(), ".photo"), 0);
  EXPECT_EQ(profile_->visits().Draft(*Uuid::FromBytes(id)).status().code(), Code::kNotFound);
  EXPECT_EQ(profile_->visits().Finish(*Uuid::FromBytes(id), {}).status().code(), Code::kNotFound);
}

// Evidence must be a photo: a PNG's or a text's bytes are refused with what they look like, and
// nothing is sealed or attached.
TEST_F(FieldVisitsTest, BytesThatAreNotAJpegAreNotAttached) {
  const std::string id = PrepareDraft(*profile_, 0, 0);
  PhotoCapture capture;
  capture.item_id = "evidence";
  const std::vector<uint8_t> png = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n', 0, 0};
  auto refused = profile_->visits().AddPhoto(*Uuid::FromBytes(id), png, capture);
  ASSERT_EQ(refused.status().code(), Code::kInvalidArgument);
  EXPECT_NE(refused.status().message().find("a PNG image, not a JPEG photo"), std::string::npos)
      << refused.status().ToString();
  const std::string text_path = tmp_.Join("notes.jpg");
  std::ofstream(text_path) << "not a photo\n";
  auto text = profile_->visits().AddPhotoFile(*Uuid::FromBytes(id), text_path, capture);
  ASSERT_EQ(text.status().code(), Code::kInvalidArgument);
  EXPECT_NE(text.status().message().find("notes.jpg is text"), std::string::npos)
      << text.status().ToString();
  EXPECT_EQ(CountFiles(profile_->photos().dir(), ".photo"), 0);
  auto draft = profile_->visits().Draft(*Uuid::FromBytes(id));
  ASSERT_TRUE(draft.ok());
  EXPECT_TRUE(draft->photos.empty());
}

TEST_F(FieldVisitsTest, DraftPhotosAreNotCollectedAsOrphansWhenTheProfileOpens) {
  const std::string id = PrepareDraft(*profile_, 2, 10'000);
  profile_.reset();
  auto reopened = Reopen(deps_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->photos().collected_at_open().orphan_files, 0);
  auto draft = (*reopened)->visits().Draft(*Uuid::FromBytes(id));
  ASSERT_TRUE(draft.ok());
  EXPECT_EQ(draft->photos.size(), 2u);
}

// The acceptance test of issue 12: a draft with answers and two photos survives a SIGKILL of the
// process that made it, and resumes with both.
TEST_F(FieldVisitsTest, ADraftWithAnswersAndTwoPhotosSurvivesSigkillAndResumes) {
  profile_.reset();
  int ready[2];
  ASSERT_EQ(::pipe(ready), 0);
  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) {
    ::close(ready[0]);
    qiaomen::testing::ManualClock clock(testing::kDec1At2330County - 600'000);
    ProfileDeps deps{clock, SecureRandom(), key_store_};
    auto profile = Reopen(deps);
    if (!profile.ok()) _exit(2);
    const std::string id = PrepareDraft(**profile, 2, 200'000);
    if (id.empty()) _exit(3);
    if (::write(ready[1], id.data(), id.size()) != static_cast<ssize_t>(id.size())) _exit(4);
    for (;;) ::pause();  // killed here, mid-visit, with the profile still open
  }
  ::close(ready[1]);
  char id_bytes[16];
  ASSERT_EQ(::read(ready[0], id_bytes, sizeof id_bytes), 16);
  ::close(ready[0]);
  ASSERT_EQ(::kill(child, SIGKILL), 0);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFSIGNALED(status));

  auto reopened = Reopen(deps_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  Profile& profile = **reopened;
  auto drafts = profile.visits().Drafts();
  ASSERT_TRUE(drafts.ok());
  ASSERT_EQ(drafts->size(), 1u);
  const store::VisitDraft& draft = (*drafts)[0];
  EXPECT_EQ(draft.visit.id(), std::string(id_bytes, 16));
  EXPECT_EQ(draft.visit.task_id(), task_id_);
  EXPECT_EQ(draft.visit.answers_size(), 2);
  ASSERT_EQ(draft.photos.size(), 2u);
  for (const auto& photo : draft.photos) {
    auto bytes = profile.photos().Read(*Uuid::FromBytes(photo.id()), photo.sha256());
    ASSERT_TRUE(bytes.ok()) << bytes.status().ToString();
    EXPECT_EQ(bytes->size(), 200'000u);
  }
  FinishOptions finish;
  finish.finished_at_ms = testing::kDec1At2330County;
  clock_.Set(finish.finished_at_ms);
  auto recorded = profile.visits().Finish(*Uuid::FromBytes(draft.visit.id()), finish);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->visit.photos_size(), 2);
  EXPECT_EQ(recorded->hazards.size(), 2u);
}

// Issue 12: finishes a visit at `finished_at_ms` whose service date is `today`, and expects the
// forms' today() to agree (the serviced_today rule fires) and the stove hazard's deadline to be 3
// county days later.
void ExpectCountyDay(Profile& profile, qiaomen::testing::ManualClock& clock, const std::string& id,
                     int64_t finished_at_ms, const std::string& today,
                     const std::string& stove_deadline) {
  SCOPED_TRACE(today);
  EXPECT_EQ(profile.CountyDate(finished_at_ms), today);
  auto draft = profile.visits().Draft(*Uuid::FromBytes(id));
  ASSERT_TRUE(draft.ok());
  v1::Answer serviced;
  serviced.set_item_id("service_date");
  serviced.mutable_value()->set_date(today);
  v1::Visit visit = draft->visit;
  *visit.add_answers() = serviced;
  ASSERT_TRUE(profile.visits().Save(visit).ok());
  FinishOptions finish;
  finish.finished_at_ms = finished_at_ms;
  clock.Set(finished_at_ms);
  auto recorded = profile.visits().Finish(*Uuid::FromBytes(id), finish);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  ASSERT_EQ(recorded->hazards.size(), 3u) << "service_date == today() did not hold";
  EXPECT_EQ(recorded->hazards[0].deadline(), stove_deadline);
  EXPECT_EQ(recorded->hazards[2].rule_id(), "serviced_today");
}

// Issue 12: a visit finished at 23:30 county time on 1 December counts on 1 December in the
// forms' today() and in its hazard deadlines; and one finished at 00:30 on 2 December (still 1
// December in UTC) counts on 2 December.
TEST_F(FieldVisitsTest, TodayAndDeadlinesAreTheCountysDay) {
  ExpectCountyDay(*profile_, clock_, PrepareDraft(*profile_, 1, 1000), testing::kDec1At2330County,
                  "2026-12-01", "2026-12-04");
  ExpectCountyDay(*profile_, clock_, PrepareDraft(*profile_, 1, 1000),
                  testing::kDec1At2330County + 3'600'000, "2026-12-02", "2026-12-05");
}

// The zone the server names is kept in the store and used from then on: in Asia/Urumqi (UTC+6)
// 00:30 on 2 December in Shanghai is still 1 December. A zone this machine does not know is
// refused and changes nothing.
TEST_F(FieldVisitsTest, TheCountysZoneIsKeptAndCountsTheDays) {
  EXPECT_EQ(profile_->county_time_zone().name(), "Asia/Shanghai") << "the default";
  ASSERT_TRUE(profile_->SetCountyTimeZone("Asia/Urumqi").ok());
  const Status unknown = profile_->SetCountyTimeZone("Asia/Beijing");
  EXPECT_EQ(unknown.code(), Code::kInvalidArgument) << unknown.ToString();
  EXPECT_EQ(profile_->county_time_zone().name(), "Asia/Urumqi");
  ExpectCountyDay(*profile_, clock_, PrepareDraft(*profile_, 1, 1000),
                  testing::kDec1At2330County + 3'600'000, "2026-12-01", "2026-12-04");

  profile_.reset();
  auto reopened = Reopen(deps_);
  ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
  EXPECT_EQ((*reopened)->county_time_zone().name(), "Asia/Urumqi") << "kept in the store";
  EXPECT_EQ((*reopened)->CountyDate(testing::kDec1At2330County + 3'600'000), "2026-12-01");
}

// Issue 18: a visit dated in the future beyond kFutureToleranceMs (by the device's clock) is
// refused with what to check, and the draft stays; within the tolerance it is recorded.
TEST_F(FieldVisitsTest, AVisitFinishedInTheFutureIsRefused) {
  const std::string id = PrepareDraft(*profile_, 1, 1000);
  FinishOptions finish;
  finish.finished_at_ms = clock_.NowMillis() + kFutureToleranceMs + 60'000;
  auto refused = profile_->visits().Finish(*Uuid::FromBytes(id), finish);
  ASSERT_EQ(refused.status().code(), Code::kInvalidArgument) << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("clock"), std::string::npos)
      << refused.status().message();
  EXPECT_TRUE(profile_->visits().Draft(*Uuid::FromBytes(id)).ok()) << "the draft stays";
  finish.finished_at_ms = clock_.NowMillis() + kFutureToleranceMs - 60'000;
  auto recorded = profile_->visits().Finish(*Uuid::FromBytes(id), finish);
  EXPECT_TRUE(recorded.ok()) << recorded.status().ToString();
}

TEST_F(FieldVisitsTest, AVisitStartedInTheFutureIsRefused) {
  VisitStart start;
  start.task_id = task_id_;
  start.started_at_ms = clock_.NowMillis() + 365LL * 24 * 3'600'000;
  auto refused = profile_->visits().Start(start);
  EXPECT_EQ(refused.status().code(), Code::kInvalidArgument) << refused.status().ToString();
  EXPECT_TRUE(profile_->visits().Drafts()->empty()) << "nothing is kept";
}

// Issue 18: field_check is a household checklist; a visit to premises with it is refused at the
// start, naming both kinds.
TEST_F(FieldVisitsTest, AChecklistOfAnotherSubjectKindIsRefused) {
  v1::Subject shop;
  shop.set_kind(v1::PREMISES);
  shop.set_grid_id("T01-V01-G01");
  shop.set_name("小卖部");
  auto created = profile_->store().CreateSubject(shop);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  VisitStart start;
  start.subject_id = created->id();
  start.template_id = "field_check";
  auto refused = profile_->visits().Start(start);
  ASSERT_EQ(refused.status().code(), Code::kInvalidArgument) << refused.status().ToString();
  EXPECT_NE(refused.status().message().find("premises"), std::string::npos)
      << refused.status().message();
  EXPECT_TRUE(profile_->visits().Drafts()->empty());
  // A draft switched to that subject afterwards is refused when it is finished.
  const std::string id = PrepareDraft(*profile_, 0, 0);
  auto draft = profile_->visits().Draft(*Uuid::FromBytes(id));
  ASSERT_TRUE(draft.ok());
  v1::Visit visit = draft->visit;
  visit.clear_task_id();
  visit.set_subject_id(created->id());
  ASSERT_TRUE(profile_->visits().Save(visit).ok());
  auto finished = profile_->visits().Finish(*Uuid::FromBytes(id), {});
  EXPECT_EQ(finished.status().code(), Code::kInvalidArgument) << finished.status().ToString();
}

}  // namespace
}  // namespace qiaomen::core::profile

namespace qiaomen::core::profile {
namespace {

using testing::FieldVisitsFixture;
class TaskListTest : public FieldVisitsFixture {};

TEST_F(TaskListTest, SearchFindsTheHouseholdByNameAddressOrPhone) {
  auto subject = profile_->store().GetSubject(*Uuid::FromBytes(subject_id_));
  ASSERT_TRUE(subject.ok());
  v1::Subject edited = *subject;
  edited.set_address("东关村三组12号");
  edited.set_phone("13800138000");
  ASSERT_TRUE(profile_->store().UpdateSubject(edited).ok());
  for (const std::string search : {"桂兰", "三组12", "138001", ""}) {
    SCOPED_TRACE(search);
    store::TaskQuery query;
    query.grid_id = "T01-V01-G01";
    query.search = search;
    auto page = profile_->store().ListTasks(query);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    EXPECT_EQ(page->items.size(), 1u);
    store::SubjectQuery subjects;
    subjects.grid_id = "T01-V01-G01";
    subjects.search = search;
    auto found = profile_->store().ListSubjects(subjects);
    ASSERT_TRUE(found.ok());
    EXPECT_EQ(found->items.size(), 1u);
  }
  store::TaskQuery none;
  none.grid_id = "T01-V01-G01";
  none.search = "13900";
  auto page = profile_->store().ListTasks(none);
  ASSERT_TRUE(page.ok());
  EXPECT_TRUE(page->items.empty());
}

TEST_F(TaskListTest, CountsSayVisitedRemainingAndReturnVisitsDue) {
  auto counts = profile_->store().CountTasks("T01-V01-G01", "");
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->total, 1);
  EXPECT_EQ(counts->remaining, 1);
  EXPECT_EQ(counts->return_visits, 0);
  // Nobody home: the task stays open and a return visit is due.
  VisitStart start;
  start.task_id = task_id_;
  auto draft = profile_->visits().Start(start);
  ASSERT_TRUE(draft.ok());
  v1::Visit visit = draft->visit;
  visit.set_outcome(v1::NOBODY_HOME);
  ASSERT_TRUE(profile_->visits().Save(visit).ok());
  ASSERT_TRUE(profile_->visits().Finish(*Uuid::FromBytes(visit.id()), {}).ok());
  counts = profile_->store().CountTasks("", "w-001");
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->visited, 0);
  EXPECT_EQ(counts->remaining, 1);
  EXPECT_EQ(counts->return_visits, 1);
  // The return visit finds them in.
  const std::string id = PrepareDraft(*profile_, 1, 1000);
  ASSERT_TRUE(profile_->visits().Finish(*Uuid::FromBytes(id), {}).ok());
  counts = profile_->store().CountTasks("T01-V01-G01", "");
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->visited, 1);
  EXPECT_EQ(counts->remaining, 0);
  EXPECT_EQ(counts->return_visits, 0);
  EXPECT_EQ(profile_->store().CountTasks("T01-V01-G02", "")->total, 0);
}

}  // namespace
}  // namespace qiaomen::core::profile
