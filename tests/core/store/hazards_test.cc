#include <gtest/gtest.h>

#include "tests/core/store/store_fixture.h"

namespace qiaomen::core::store {
namespace {

using testing::StoreTest;

class HazardsTest : public StoreTest {
 protected:
  v1::Hazard Found() {
    subject_ = AddSubject("王秀英");
    v1::Hazard hazard = MakeHazard();
    hazard.set_subject_id(subject_.id());
    auto created = store().CreateHazard(hazard);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return *created;
  }
  Status Add(const v1::Hazard& hazard, v1::HazardEventKind kind, bool passed = false) {
    clock_.Advance(60000);
    v1::HazardEvent event;
    event.set_hazard_id(hazard.id());
    event.set_kind(kind);
    event.set_passed(passed);
    return store().AddHazardEvent(event).status();
  }
  v1::Subject subject_;
};

TEST_F(HazardsTest, FollowsTheLifeToClosed) {
  v1::Hazard hazard = Found();
  ASSERT_TRUE(Add(hazard, v1::ORDERED).ok());
  ASSERT_TRUE(Add(hazard, v1::RECTIFIED).ok());
  ASSERT_TRUE(Add(hazard, v1::REINSPECTED, /*passed=*/true).ok());
  ASSERT_TRUE(Add(hazard, v1::CLOSED).ok());
  auto state = store().GetHazardState(Id(hazard.id()));
  ASSERT_TRUE(state.ok());
  EXPECT_EQ(state->status, domain::HazardStatus::kClosed);
  auto events = store().ListHazardEvents(Id(hazard.id()));
  ASSERT_EQ(events->size(), 5u);
  EXPECT_EQ((*events)[0].kind(), v1::FOUND);
  EXPECT_EQ((*events)[4].kind(), v1::CLOSED);
  EXPECT_EQ((*events)[4].actor(), "worker-7");
}

TEST_F(HazardsTest, RefusesImpossibleTransitionsWithAClearErrorAndNoJournalRow) {
  v1::Hazard hazard = Found();
  const int64_t journal = Count("outbox");
  Status closed_early = Add(hazard, v1::CLOSED);
  EXPECT_EQ(closed_early.code(), Code::kFailedPrecondition);
  EXPECT_FALSE(closed_early.message().empty());
  Status rectified_early = Add(hazard, v1::RECTIFIED);
  EXPECT_EQ(rectified_early.code(), Code::kFailedPrecondition);
  EXPECT_EQ(Add(hazard, v1::HAZARD_EVENT_KIND_UNSPECIFIED).code(), Code::kInvalidArgument);
  EXPECT_EQ(Count("outbox"), journal);
  EXPECT_EQ(Count("hazard_events"), 1);

  v1::HazardEvent orphan;
  orphan.set_hazard_id(Uuid::NewV7(clock_, random_).ToBytes());
  orphan.set_kind(v1::ORDERED);
  EXPECT_EQ(store().AddHazardEvent(orphan).status().code(), Code::kNotFound);
}

TEST_F(HazardsTest, UpdateRegistersDeadlineSeverityResponsible) {
  v1::Hazard hazard = Found();
  v1::Hazard edited = hazard;
  edited.set_severity(v1::MAJOR);
  edited.set_deadline("2025-12-01");
  edited.set_responsible("户主 王秀英");
  auto changed = store().UpdateHazard(edited);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(changed->size(), 3u);
  auto got = store().GetHazard(Id(hazard.id()));
  EXPECT_EQ(got->severity(), v1::MAJOR);
  EXPECT_EQ(got->responsible(), "户主 王秀英");
  auto pending = store().PendingChanges(0, 100, 1 << 20);
  const v1::Change& last = pending->back();
  EXPECT_EQ(last.entity(), v1::ENTITY_HAZARD);
  ASSERT_EQ(last.fields().fields_size(), 3);
  EXPECT_EQ(last.fields().fields(0).field(), "severity");
  EXPECT_EQ(last.fields().fields(0).value().text(), "major");

  v1::Hazard moved = *got;
  moved.set_subject_id(Uuid::NewV7(clock_, random_).ToBytes());
  EXPECT_EQ(store().UpdateHazard(moved).status().code(), Code::kInvalidArgument);
  v1::Hazard no_severity = *got;
  no_severity.set_severity(v1::SEVERITY_UNSPECIFIED);
  EXPECT_EQ(store().UpdateHazard(no_severity).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace qiaomen::core::store
