// Door-knocking through the device's visit flow (issue 16) on a real SQLCipher profile: a refused
// visit keeps its task open with its reason, a delivered notice carries its proof, a hazard fixed
// on the spot is closed by one event in the visit's transaction, and a village's record takes
// "no shelter" while a household does not.

#include <gtest/gtest.h>

#include "field_visits_fixture.h"
#include "qiaomen/testing/manual_clock.h"

namespace qiaomen::core::profile {
namespace {

using testing::FieldVisitsFixture;

class DoorKnockingVisitsTest : public FieldVisitsFixture {
 protected:
  int64_t Count(const std::string& sql) {
    auto n = profile_->database().QueryInt(sql);
    EXPECT_TRUE(n.ok()) << n.status().ToString();
    return n.ok() ? *n : -1;
  }
  v1::Visit Started(const std::string& subject_id = "") {
    VisitStart start;
    if (subject_id.empty()) {
      start.task_id = task_id_;
    } else {
      start.subject_id = subject_id;
      start.template_id = "field_check";
    }
    auto draft = profile_->visits().Start(start);
    EXPECT_TRUE(draft.ok()) << draft.status().ToString();
    return draft.ok() ? draft->visit : v1::Visit();
  }
  Result<store::RecordedVisit> Finish(const v1::Visit& visit, FinishOptions finish = {}) {
    EXPECT_TRUE(profile_->visits().Save(visit).ok());
    finish.finished_at_ms = clock_.NowMillis();
    return profile_->visits().Finish(*Uuid::FromBytes(visit.id()), finish);
  }
};

// (a) Without its reason a refusal is not recorded (the draft stays); with it, the task stays open
// for the return visit and the visit keeps the reason and the escalation.
TEST_F(DoorKnockingVisitsTest, ARefusedVisitNeedsItsReasonAndKeepsItsTaskOpen) {
  v1::Visit visit = Started();
  visit.set_outcome(v1::REFUSED);
  auto no_reason = Finish(visit);
  ASSERT_EQ(no_reason.status().code(), Code::kInvalidArgument);
  EXPECT_NE(no_reason.status().message().find("reason"), std::string::npos);
  EXPECT_EQ(Count("SELECT count(*) FROM visits;"), 0);
  EXPECT_EQ(Count("SELECT count(*) FROM visit_drafts;"), 1) << "the draft stays";

  visit.mutable_refusal()->set_reason(v1::REFUSED_ENTRY);
  visit.mutable_refusal()->set_escalated_to_village(true);
  auto recorded = Finish(visit);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(Count("SELECT count(*) FROM tasks WHERE done_visit_id IS NULL;"), 1);
  auto stored = profile_->store().GetVisit(*Uuid::FromBytes(visit.id()));
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->refusal().reason(), v1::REFUSED_ENTRY);
  EXPECT_TRUE(stored->refusal().escalated_to_village());
  EXPECT_FALSE(stored->device_signature().empty()) << "the reason is signed with the visit";
}

// (c) A delivered notice without proof is refused; with its photo (taken in the visit) it is kept.
TEST_F(DoorKnockingVisitsTest, ADeliveredNoticeIsKeptWithItsPhoto) {
  v1::Visit visit = Started();
  visit.set_outcome(v1::NOBODY_HOME);
  visit.mutable_notice()->set_delivered(true);
  EXPECT_EQ(Finish(visit).status().code(), Code::kInvalidArgument);
  PhotoCapture capture;  // a general photo: the notice on the door
  const auto notice = Jpeg(3000, 9);
  auto photo = profile_->visits().AddPhoto(*Uuid::FromBytes(visit.id()), notice, capture);
  ASSERT_TRUE(photo.ok()) << photo.status().ToString();
  visit.mutable_notice()->set_photo_id(photo->id());
  auto recorded = Finish(visit);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_TRUE(recorded->visit.notice().delivered());
  EXPECT_EQ(recorded->visit.notice().photo_id(), photo->id());
}

// (e) A hazard fixed on the spot: FOUND and FIXED_ON_SITE (with the after-photo), closed, in the
// visit's transaction; the other hazard of the visit is ordered as before.
TEST_F(DoorKnockingVisitsTest, AHazardFixedOnTheSpotIsClosedByOneEvent) {
  v1::Visit visit = Started();
  visit.set_outcome(v1::CHECKED);
  *visit.add_answers() = YesNo("stove_ok", v1::NO);
  *visit.add_answers() = YesNo("alarm_ok", v1::YES);
  ASSERT_TRUE(profile_->visits().Save(visit).ok());
  PhotoCapture capture;
  const auto after_jpeg = Jpeg(4000, 3);
  auto after = profile_->visits().AddPhoto(*Uuid::FromBytes(visit.id()), after_jpeg, capture);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  const int64_t outbox_before = Count("SELECT count(*) FROM outbox;");

  FinishOptions unknown_rule;
  unknown_rule.fixed_on_site["no_such_rule"] = after->id();
  EXPECT_EQ(Finish(visit, unknown_rule).status().code(), Code::kInvalidArgument);
  FinishOptions no_photo;
  no_photo.fixed_on_site["stove"] = std::string(16, '\x05');
  EXPECT_EQ(Finish(visit, no_photo).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Count("SELECT count(*) FROM outbox;"), outbox_before) << "nothing written";

  FinishOptions fixed;
  fixed.fixed_on_site["stove"] = after->id();
  auto recorded = Finish(visit, fixed);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  ASSERT_EQ(recorded->hazards.size(), 1u);
  const Uuid hazard_id = *Uuid::FromBytes(recorded->hazards[0].id());
  auto events = profile_->store().ListHazardEvents(hazard_id);
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->size(), 2u);
  EXPECT_EQ((*events)[0].kind(), v1::FOUND);
  EXPECT_EQ((*events)[1].kind(), v1::FIXED_ON_SITE);
  ASSERT_EQ((*events)[1].photo_ids_size(), 1);
  EXPECT_EQ((*events)[1].photo_ids(0), after->id());
  auto state = profile_->store().GetHazardState(hazard_id);
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->status, domain::HazardStatus::kClosed);
  EXPECT_TRUE(state->fixed_on_site);
  // visit + photo + hazard + FOUND + FIXED_ON_SITE: one event after the finding, not four.
  EXPECT_EQ(Count("SELECT count(*) FROM outbox;") - outbox_before, 5);
}

// (5) A village's record takes "no shelter" (with a facility checklist); a household does not.
TEST_F(DoorKnockingVisitsTest, NoShelterIsAVillageRecordsOutcome) {
  v1::Subject village;
  village.set_kind(v1::VILLAGE);
  village.set_grid_id("T01-V01-G01");
  village.set_name("上村");
  auto created = profile_->store().CreateSubject(village);
  ASSERT_TRUE(created.ok()) << created.status().ToString();

  v1::Visit household = Started();
  household.set_outcome(v1::NO_SHELTER);
  EXPECT_EQ(Finish(household).status().code(), Code::kInvalidArgument);

  v1::Visit none;
  none.set_id(Uuid::NewV7(clock_, SecureRandom()).ToBytes());
  none.set_subject_id(created->id());
  none.set_outcome(v1::NO_SHELTER);
  none.set_started_at_ms(clock_.NowMillis() - 60'000);
  none.set_finished_at_ms(clock_.NowMillis());
  store::VisitInput input;
  input.visit = none;
  auto recorded = profile_->RecordSignedVisit(std::move(input));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  EXPECT_EQ(recorded->visit.outcome(), v1::NO_SHELTER);
}

}  // namespace
}  // namespace qiaomen::core::profile
