#include <gtest/gtest.h>

#include "tests/core/store/store_fixture.h"

namespace qiaomen::core::store {
namespace {

using testing::StoreTest;

class SubjectsTest : public StoreTest {};

TEST_F(SubjectsTest, CreateGetByIdAndExternalId) {
  v1::Subject subject = MakeSubject("王秀英");
  subject.set_external_id("H-001");
  auto created = store().CreateSubject(subject);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->id().size(), 16u);
  auto got = store().GetSubject(Id(created->id()));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->name(), "王秀英");
  EXPECT_EQ(got->members(), 3);
  ASSERT_EQ(got->tags_size(), 1);
  auto by_external = store().GetSubjectByExternalId("H-001");
  ASSERT_TRUE(by_external.ok());
  EXPECT_EQ(by_external->id(), created->id());
  // The create is one field-level change with create=true.
  auto pending = store().PendingChanges(0, 10, 1 << 20);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  const v1::Change& change = (*pending)[0];
  EXPECT_EQ(change.entity(), v1::ENTITY_SUBJECT);
  EXPECT_EQ(change.record_id(), created->id());
  EXPECT_TRUE(change.fields().create());
  EXPECT_EQ(change.device_id(), device_);
}

TEST_F(SubjectsTest, ClearErrorsForUnknownAndInvalid) {
  auto missing = store().GetSubject(Uuid::NewV7(clock_, random_));
  EXPECT_EQ(missing.status().code(), Code::kNotFound);
  EXPECT_NE(missing.status().message().find("is not in this profile"), std::string::npos);
  EXPECT_EQ(store().GetSubjectByExternalId("nope").status().code(), Code::kNotFound);

  v1::Subject nameless = MakeSubject("");
  EXPECT_EQ(store().CreateSubject(nameless).status().code(), Code::kInvalidArgument);
  v1::Subject kindless = MakeSubject("x");
  kindless.set_kind(v1::SUBJECT_KIND_UNSPECIFIED);
  auto bad = store().CreateSubject(kindless);
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("household, premises, facility or village"),
            std::string::npos);
  v1::Subject bad_id = MakeSubject("x");
  bad_id.set_id("short");
  EXPECT_EQ(store().CreateSubject(bad_id).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Count("outbox"), 0) << "refused input writes no journal row";

  v1::Subject a = MakeSubject("a");
  a.set_external_id("H-9");
  ASSERT_TRUE(store().CreateSubject(a).ok());
  auto dup = store().CreateSubject(a);  // same external id
  EXPECT_EQ(dup.status().code(), Code::kAlreadyExists);
  EXPECT_EQ(Count("outbox"), 1);

  v1::Subject unknown = MakeSubject("ghost");
  unknown.set_id(Uuid::NewV7(clock_, random_).ToBytes());
  EXPECT_EQ(store().UpdateSubject(unknown).status().code(), Code::kNotFound);
}

TEST_F(SubjectsTest, UpdateWritesOnlyChangedFieldsWithTheStampsTheEditorSaw) {
  v1::Subject subject = AddSubject("王秀英");
  auto stamps = store().GetFieldStamps(v1::ENTITY_SUBJECT, Id(subject.id()));
  ASSERT_TRUE(stamps.ok());
  const HlcStamp phone_stamp = stamps->at("phone");
  EXPECT_GT(phone_stamp, 0u);

  clock_.Advance(1000);
  v1::Subject edited = subject;
  edited.set_phone("13911112222");
  edited.add_tags("elderly_alone");
  auto changed = store().UpdateSubject(edited, &*stamps);
  ASSERT_TRUE(changed.ok()) << changed.status().ToString();
  EXPECT_EQ(*changed, (std::vector<std::string>{"phone", "tags"}));

  auto pending = store().PendingChanges(1, 10, 1 << 20);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  const v1::FieldChange& fields = (*pending)[0].fields();
  EXPECT_FALSE(fields.create());
  ASSERT_EQ(fields.fields_size(), 2);
  EXPECT_EQ(fields.fields(0).field(), "phone");
  EXPECT_EQ(fields.fields(0).value().text(), "13911112222");
  EXPECT_EQ(fields.fields(0).base_hlc(), phone_stamp);
  EXPECT_EQ(fields.fields(1).value().texts().values_size(), 2);

  auto got = store().GetSubject(Id(subject.id()));
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->phone(), "13911112222");
  auto after = store().GetFieldStamps(v1::ENTITY_SUBJECT, Id(subject.id()));
  EXPECT_EQ(after->at("phone"), (*pending)[0].hlc());
  EXPECT_EQ(after->at("name"), stamps->at("name"));

  // No difference: nothing written.
  auto none = store().UpdateSubject(*got);
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
  EXPECT_EQ(Count("outbox"), 2);

  // Identity cannot change.
  v1::Subject rekind = *got;
  rekind.set_kind(v1::PREMISES);
  EXPECT_EQ(store().UpdateSubject(rekind).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(Count("outbox"), 2);
}

TEST_F(SubjectsTest, DeleteHidesTheSubject) {
  v1::Subject subject = AddSubject("李建国");
  ASSERT_TRUE(store().DeleteSubject(Id(subject.id())).ok());
  EXPECT_EQ(store().GetSubject(Id(subject.id())).status().code(), Code::kNotFound);
  EXPECT_EQ(store().DeleteSubject(Id(subject.id())).code(), Code::kNotFound);
  auto pending = store().PendingChanges(0, 10, 1 << 20);
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_TRUE((*pending)[1].deleted());
  auto page = store().ListSubjects(testing::SubjectsIn("T01-V01-G01"));
  EXPECT_TRUE(page->items.empty());
}

TEST_F(SubjectsTest, ListPagesByNameWithSearch) {
  for (int i = 0; i < 120; ++i) {
    char name[32];
    std::snprintf(name, sizeof name, "户主%03d", i);
    AddSubject(name, i % 2 == 0 ? "G-A" : "G-B");
  }
  SubjectQuery query = testing::SubjectsIn("G-A");
  std::vector<std::string> names;
  for (;;) {
    auto page = store().ListSubjects(query);
    ASSERT_TRUE(page.ok()) << page.status().ToString();
    for (const auto& s : page->items) names.push_back(s.name());
    if (page->next_page.empty()) break;
    EXPECT_EQ(page->items.size(), 50u);
    query.page = page->next_page;
  }
  ASSERT_EQ(names.size(), 60u);
  EXPECT_TRUE(std::is_sorted(names.begin(), names.end()));
  EXPECT_EQ(names.front(), "户主000");

  auto found = store().ListSubjects(testing::SubjectsIn("G-A", "01"));
  ASSERT_TRUE(found.ok());
  // Even numbers (grid G-A) whose name contains "01": 010, 012, 014, 016, 018 (001 and 101 are
  // odd).
  for (const auto& s : found->items) EXPECT_NE(s.name().find("01"), std::string::npos);
  EXPECT_EQ(found->items.size(), 5u);
  auto percent = store().ListSubjects(testing::SubjectsIn("G-A", "%"));
  EXPECT_TRUE(percent->items.empty()) << "LIKE wildcards in the search are literal";
  EXPECT_EQ(store().ListSubjects(SubjectQuery()).status().code(), Code::kInvalidArgument);
}

TEST_F(SubjectsTest, AdminUnitsAndCampaigns) {
  v1::AdminUnit town;
  town.set_id("T01");
  town.set_level("town");
  town.set_name("城关镇");
  ASSERT_TRUE(store().PutAdminUnit(town).ok());
  v1::AdminUnit grid;
  grid.set_id("T01-V01-G01");
  grid.set_parent_id("T01-V01");
  grid.set_level("grid");
  grid.set_name("一网格");
  ASSERT_TRUE(store().PutAdminUnit(grid).ok());
  v1::AdminUnit bad = grid;
  bad.set_level("county");
  EXPECT_EQ(store().PutAdminUnit(bad).code(), Code::kInvalidArgument);
  auto towns = store().ListAdminUnits("");
  ASSERT_EQ(towns->size(), 1u);
  EXPECT_EQ((*towns)[0].name(), "城关镇");
  EXPECT_EQ(store().GetAdminUnit("T01-V01-G01")->name(), "一网格");
  EXPECT_EQ(store().GetAdminUnit("T09").status().code(), Code::kNotFound);
  auto grids = store().ListAdminUnitsAtLevel("grid");
  ASSERT_TRUE(grids.ok());
  ASSERT_EQ(grids->size(), 1u) << "a grid is found without its village on the device";
  EXPECT_EQ((*grids)[0].id(), "T01-V01-G01");
  EXPECT_TRUE(store().ListAdminUnitsAtLevel("village")->empty());
  v1::Campaign campaign;
  campaign.set_id("winter");
  campaign.set_title("冬季安全敲门行动");
  ASSERT_TRUE(store().PutCampaign(campaign).ok());
  EXPECT_EQ(store().GetCampaign("winter")->title(), "冬季安全敲门行动");
  EXPECT_EQ(Count("outbox"), 3);
}

}  // namespace
}  // namespace qiaomen::core::store
