// Record messages survive the trip through register writes, the merge and back.

#include "qiaomen/core/merge/record_fields.h"

#include <gtest/gtest.h>

#include "qiaomen/core/merge/merge.h"
#include "tests/core/merge/change_builder.h"

namespace qiaomen::core::merge {
namespace {

v1::Change Creation(v1::Entity entity, const std::vector<v1::FieldSet>& sets) {
  v1::Change c = testing::Base(entity, 1, 1, 10);
  c.mutable_fields()->set_create(true);
  for (const v1::FieldSet& s : sets) *c.mutable_fields()->add_fields() = s;
  return c;
}

TEST(RecordFieldsTest, SubjectRoundTrips) {
  v1::Subject subject;
  subject.set_id(testing::Rec(1));
  subject.set_kind(v1::PREMISES);
  subject.set_name("老王饭店");
  subject.set_address("T01-V02 3号");
  subject.set_phone("13800000000");
  subject.set_members(4);
  subject.add_tags("bottled_gas");
  subject.add_tags("ebike");
  subject.set_note("n");
  subject.set_grid_id("T01-V02-G01");
  subject.set_external_id("X-9");
  subject.set_premises_type("restaurant");
  Result<std::vector<v1::FieldSet>> sets = SubjectToFieldSets(subject);
  ASSERT_TRUE(sets.ok());
  EXPECT_EQ(sets->size(), FieldsOf(v1::ENTITY_SUBJECT).size());
  Result<MergeResult> merged = ApplyChange(std::nullopt, Creation(v1::ENTITY_SUBJECT, *sets));
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  Result<v1::Subject> back = SubjectFromState(merged->state);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->SerializeAsString(), subject.SerializeAsString()) << back->DebugString();
  subject.set_kind(v1::SUBJECT_KIND_UNSPECIFIED);
  EXPECT_EQ(SubjectToFieldSets(subject).status().code(), Code::kInvalidArgument);
}

TEST(RecordFieldsTest, TaskRoundTrips) {
  v1::Task task;
  task.set_id(testing::Rec(1));
  task.set_campaign_id("winter-2026");
  task.set_subject_id(testing::Id16(7));
  task.set_template_id("household-winter");
  task.set_assignee("w-12");
  task.set_due_date("2026-12-20");
  Result<std::vector<v1::FieldSet>> sets = TaskToFieldSets(task);
  ASSERT_TRUE(sets.ok());
  Result<MergeResult> merged = ApplyChange(std::nullopt, Creation(v1::ENTITY_TASK, *sets));
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  Result<v1::Task> back = TaskFromState(merged->state);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->SerializeAsString(), task.SerializeAsString()) << back->DebugString();
  task.set_subject_id("short");
  EXPECT_EQ(TaskToFieldSets(task).status().code(), Code::kInvalidArgument);
}

TEST(RecordFieldsTest, HazardRoundTripsThroughItsCreationBody) {
  v1::Hazard hazard;
  hazard.set_id(testing::Rec(1));
  hazard.set_subject_id(testing::Id16(3));
  hazard.set_visit_id(testing::Id16(4));
  hazard.set_template_id("t");
  hazard.set_rule_id("r");
  hazard.set_category("gas");
  hazard.set_severity(v1::MAJOR);
  hazard.set_deadline("2026-12-01");
  hazard.set_responsible("户主");
  hazard.set_legal_basis("GB 50028");
  hazard.set_description("第 2 个气瓶：hose cracked");
  hazard.set_repeat_instance(2);  // issue 23: the second cylinder of a repeat group
  v1::Change c = testing::Base(v1::ENTITY_HAZARD, 1, 1, 10);
  *c.mutable_hazard() = hazard;
  Result<MergeResult> merged = ApplyChange(std::nullopt, c);
  ASSERT_TRUE(merged.ok()) << merged.status().ToString();
  Result<v1::Hazard> back = HazardFromState(merged->state);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->SerializeAsString(), hazard.SerializeAsString()) << back->DebugString();
}

TEST(RecordFieldsTest, ReadingRefusesTheWrongEntityAndBadStoredIds) {
  Result<MergeResult> task = ApplyChange(
      std::nullopt, testing::Fields(v1::ENTITY_TASK, 1, 1, 10, {{"assignee", testing::Text("w")}}));
  ASSERT_TRUE(task.ok());
  EXPECT_EQ(SubjectFromState(task->state).status().code(), Code::kInvalidArgument);
  RecordState damaged = task->state;  // as if a stored blob had been altered
  damaged.fields["subject_id"].value.set_text("nope");
  EXPECT_EQ(TaskFromState(damaged).status().code(), Code::kCorruption);
}

}  // namespace
}  // namespace qiaomen::core::merge
