// Door-knocking rules (domain/door_knocking.h) and the one-step fix on the spot in the hazard
// state machine (issue 16): refusal reasons and escalation, the notice and its proof, a village's
// no-shelter record, which visits are return visits, and FIXED_ON_SITE.

#include "qiaomen/core/domain/door_knocking.h"

#include <gtest/gtest.h>

#include <algorithm>

#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::core::domain {
namespace {

v1::Visit Visit(v1::VisitOutcome outcome) {
  v1::Visit visit;
  visit.set_outcome(outcome);
  return visit;
}

std::string Message(const Status& status) { return status.message(); }

// (a) A refused visit names its reason from the short list; "other" says what in its note.
TEST(DoorKnockingTest, ARefusalNeedsItsReasonOnTheDeviceAndOnlyOnARefusedVisit) {
  v1::Visit refused = Visit(v1::REFUSED);
  Status no_reason = CheckDoorKnocking(refused, v1::HOUSEHOLD, /*require_reason=*/true);
  EXPECT_EQ(no_reason.code(), Code::kInvalidArgument);
  EXPECT_NE(Message(no_reason).find("refused_entry"), std::string::npos) << Message(no_reason);
  // The county takes a refused visit of a device older than the reasons.
  EXPECT_TRUE(CheckDoorKnocking(refused, v1::HOUSEHOLD, /*require_reason=*/false).ok());

  refused.mutable_refusal()->set_reason(v1::OTHER_REASON);
  EXPECT_EQ(CheckDoorKnocking(refused, v1::HOUSEHOLD, false).code(), Code::kInvalidArgument)
      << "other needs its note";
  refused.mutable_refusal()->set_note("家中有病人");
  refused.mutable_refusal()->set_escalated_to_village(true);
  EXPECT_TRUE(CheckDoorKnocking(refused, v1::HOUSEHOLD, true).ok());
  refused.mutable_refusal()->set_note(std::string(kMaxRefusalNoteBytes + 1, 'x'));
  EXPECT_EQ(CheckDoorKnocking(refused, v1::HOUSEHOLD, true).code(), Code::kInvalidArgument);

  v1::Visit unknown = Visit(v1::REFUSED);
  unknown.mutable_refusal()->set_reason(static_cast<v1::RefusalReason>(42));
  EXPECT_EQ(CheckDoorKnocking(unknown, v1::HOUSEHOLD, false).code(), Code::kInvalidArgument);

  v1::Visit checked = Visit(v1::CHECKED);
  checked.mutable_refusal()->set_reason(v1::REFUSED_ENTRY);
  EXPECT_EQ(CheckDoorKnocking(checked, v1::HOUSEHOLD, false).code(), Code::kInvalidArgument);

  EXPECT_EQ(RefusalReasonLabel(v1::ASKED_TO_RESCHEDULE).zh, "要求改期");
  EXPECT_EQ(RefusalReasonFromText("无人应答后拒绝"), v1::REFUSED_AFTER_NO_ANSWER);
  EXPECT_EQ(RefusalReasonFromText("refused_entry"), v1::REFUSED_ENTRY);
  EXPECT_FALSE(RefusalReasonFromText("unspecified").has_value());
}

// (c) A delivered notice is proved by its photo (one of the visit's) or the resident's signature.
TEST(DoorKnockingTest, ADeliveredNoticeNeedsItsPhotoOrTheSignature) {
  v1::Visit visit = Visit(v1::CHECKED);
  visit.mutable_notice()->set_delivered(true);
  EXPECT_EQ(CheckDoorKnocking(visit, v1::HOUSEHOLD, true).code(), Code::kInvalidArgument);
  visit.mutable_notice()->set_photo_id("p1");
  EXPECT_EQ(CheckDoorKnocking(visit, v1::HOUSEHOLD, true).code(), Code::kInvalidArgument)
      << "the photo must be one of the visit's, covered by its signature";
  visit.add_photos()->set_photo_id("p1");
  EXPECT_TRUE(CheckDoorKnocking(visit, v1::HOUSEHOLD, true).ok());

  v1::Visit signed_for = Visit(v1::CHECKED);
  signed_for.mutable_notice()->set_delivered(true);
  signed_for.set_signature_photo_id("s1");
  EXPECT_TRUE(CheckDoorKnocking(signed_for, v1::HOUSEHOLD, true).ok());

  v1::Visit not_left = Visit(v1::NOBODY_HOME);
  not_left.mutable_notice()->set_delivered(false);
  EXPECT_TRUE(CheckDoorKnocking(not_left, v1::HOUSEHOLD, true).ok());
}

// (5) "No shelter" is the village's own record; a village's record is checked or no_shelter.
TEST(DoorKnockingTest, NoShelterIsRecordedOnAVillageOnly) {
  EXPECT_TRUE(CheckDoorKnocking(Visit(v1::NO_SHELTER), v1::VILLAGE, true).ok());
  EXPECT_TRUE(CheckDoorKnocking(Visit(v1::CHECKED), v1::VILLAGE, true).ok());
  EXPECT_EQ(CheckDoorKnocking(Visit(v1::NO_SHELTER), v1::HOUSEHOLD, true).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(CheckDoorKnocking(Visit(v1::NO_SHELTER), v1::FACILITY, true).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(CheckDoorKnocking(Visit(v1::NOBODY_HOME), v1::VILLAGE, true).code(),
            Code::kInvalidArgument);
  EXPECT_TRUE(ChecklistFitsSubject(v1::FACILITY, v1::VILLAGE));
  EXPECT_FALSE(ChecklistFitsSubject(v1::HOUSEHOLD, v1::VILLAGE));
  EXPECT_FALSE(ChecklistFitsSubject(v1::VILLAGE, v1::HOUSEHOLD));
  EXPECT_EQ(OutcomeLabel(v1::NO_SHELTER).zh, "无应急避难场所");
  EXPECT_EQ(SubjectKindFromText("村/社区"), v1::VILLAGE);
}

// (b) A visit after nobody-home or a refusal on the same task is a return visit, whatever order
// the visits arrive in; an unplanned visit never is.
TEST(DoorKnockingTest, ReturnVisitsFollowNobodyHomeOrARefusalOnTheSameTask) {
  std::vector<TaskVisit> visits = {
      {"v3", "t1", 300, v1::CHECKED}, {"v1", "t1", 100, v1::NOBODY_HOME},
      {"v2", "t1", 200, v1::REFUSED}, {"v4", "t2", 100, v1::CHECKED},
      {"v5", "t2", 200, v1::CHECKED}, {"v6", "", 300, v1::CHECKED},
      {"v7", "t3", 100, v1::REFUSED},
  };
  EXPECT_EQ(ReturnVisitIds(visits), (std::set<std::string>{"v2", "v3"}));
  std::reverse(visits.begin(), visits.end());
  EXPECT_EQ(ReturnVisitIds(visits), (std::set<std::string>{"v2", "v3"}));
}

// (e) 当场整改: one event, with its after-photo, closes a hazard just found or under order.
TEST(DoorKnockingTest, FixedOnTheSpotClosesAHazardInOneStepWithItsAfterPhoto) {
  v1::HazardEvent found;
  found.set_id("e1");
  found.set_kind(v1::FOUND);
  found.set_at_ms(100);
  auto state = Transition(HazardState{}, found);
  ASSERT_TRUE(state.ok());
  v1::HazardEvent fixed;
  fixed.set_id("e2");
  fixed.set_kind(v1::FIXED_ON_SITE);
  fixed.set_at_ms(200);
  auto without_photo = Transition(*state, fixed);
  EXPECT_EQ(without_photo.status().code(), Code::kInvalidArgument);
  EXPECT_NE(without_photo.status().message().find("after-photo"), std::string::npos);
  fixed.add_photo_ids("p1");
  auto closed = Transition(*state, fixed);
  ASSERT_TRUE(closed.ok()) << closed.status().ToString();
  EXPECT_EQ(closed->status, HazardStatus::kClosed);
  EXPECT_TRUE(closed->fixed_on_site);
  EXPECT_EQ(closed->closed_at_ms, 200);
  EXPECT_EQ(closed->event_count, 2);
  // Nothing follows closed; a rectified hazard goes through its reinspection instead.
  EXPECT_EQ(Transition(*closed, fixed).status().code(), Code::kFailedPrecondition);
  HazardState rectified = *state;
  rectified.status = HazardStatus::kRectified;
  EXPECT_EQ(Transition(rectified, fixed).status().code(), Code::kFailedPrecondition);
  HazardState ordered = *state;
  ordered.status = HazardStatus::kOrdered;
  EXPECT_TRUE(Transition(ordered, fixed).ok());
  EXPECT_EQ(HazardEventLabel(v1::FIXED_ON_SITE, false).zh, "当场整改");
  // The derived state of the log says the same, whatever order the events came in.
  auto derived = DeriveHazardState({{.hlc = 2, .event = fixed}, {.hlc = 1, .event = found}});
  ASSERT_TRUE(derived.ok());
  EXPECT_EQ(derived->status, HazardStatus::kClosed);
  EXPECT_TRUE(derived->ignored.empty());
}

}  // namespace
}  // namespace qiaomen::core::domain
