// Malformed changes are refused with a sentence, and the schema, dump and encoding behave.

#include <gtest/gtest.h>

#include <functional>

#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/merge/merge.h"
#include "tests/core/merge/change_builder.h"

namespace qiaomen::core::merge {
namespace {

using testing::Delete;
using testing::Fields;
using testing::Int;
using testing::Set;
using testing::Text;
using testing::Texts;

struct BadCase {
  std::string name;
  std::function<v1::Change()> make;
  std::string message_part;
};

std::vector<BadCase> BadCases() {
  const v1::Entity S = v1::ENTITY_SUBJECT;
  return {
      {"UnknownField",
       [=] {
         return Fields(S, 1, 1, 10, {{"colour", Text("red")}});
       },
       "no field \"colour\""},
      {"WrongKind",
       [=] {
         return Fields(S, 1, 1, 10, {{"members", Text("three")}});
       },
       "holds an integer"},
      {"TextsAsText",
       [=] {
         return Fields(S, 1, 1, 10, {{"tags", Text("ebike")}});
       },
       "list of texts"},
      {"UnknownSeverity",
       [] {
         return Fields(v1::ENTITY_HAZARD, 1, 1, 10, {{"severity", Text("critical")}});
       },
       "\"general\" or \"major\""},
      {"UnknownSubjectKind",
       [=] {
         return Fields(S, 1, 1, 10, {{"kind", Text("castle")}});
       },
       "household"},
      {"IdNotUuidText",
       [] {
         return Fields(v1::ENTITY_TASK, 1, 1, 10, {{"subject_id", Text("H-001")}});
       },
       "8-4-4-4-12"},
      {"TaskFieldOnSubject",
       [=] {
         return Fields(S, 1, 1, 10, {{"assignee", Text("w1")}});
       },
       "no field"},
      {"EmptyRecordId",
       [=] {
         v1::Change c = Fields(S, 1, 1, 10, {{"name", Text("a")}});
         c.clear_record_id();
         return c;
       },
       "names no record"},
      {"ShortDeviceId",
       [=] {
         v1::Change c = Fields(S, 1, 1, 10, {{"name", Text("a")}});
         c.set_device_id("abc");
         return c;
       },
       "16 bytes"},
      {"NoTimestamp",
       [=] {
         return Fields(S, 1, 1, 0, {{"name", Text("a")}});
       },
       "timestamp"},
      {"AppendOnlyEntity",
       [] {
         v1::Change c = testing::Base(v1::ENTITY_VISIT, 1, 1, 10);
         c.mutable_visit()->set_id(testing::Rec(1));
         return c;
       },
       "stored once by id"},
      {"NoBody", [=] { return testing::Base(S, 1, 1, 10); }, "neither field values nor a delete"},
      {"DeleteFalse",
       [=] {
         v1::Change c = testing::Base(S, 1, 1, 10);
         c.set_deleted(false);
         return c;
       },
       "restore"},
      {"NoFields", [=] { return Fields(S, 1, 1, 10, {}); }, "sets no field"},
      {"FieldTwice",
       [=] {
         return Fields(S, 1, 1, 10, {{"name", Text("a")}, {"name", Text("b")}});
       },
       "twice"},
      {"HazardBodyOnSubject",
       [=] {
         v1::Change c = testing::Base(S, 1, 1, 10);
         c.mutable_hazard()->set_severity(v1::MAJOR);
         return c;
       },
       "send it as a hazard"},
      {"HazardBodyIdMismatch",
       [] {
         v1::Change c = testing::Base(v1::ENTITY_HAZARD, 1, 1, 10);
         c.mutable_hazard()->set_id(testing::Rec(2));
         c.mutable_hazard()->set_severity(v1::MAJOR);
         return c;
       },
       "differs"},
      {"HazardWithoutSeverity",
       [] {
         v1::Change c = testing::Base(v1::ENTITY_HAZARD, 1, 1, 10);
         c.mutable_hazard()->set_category("gas");
         return c;
       },
       "needs a severity"},
      {"HazardShortSubjectId",
       [] {
         v1::Change c = testing::Base(v1::ENTITY_HAZARD, 1, 1, 10);
         c.mutable_hazard()->set_severity(v1::MAJOR);
         c.mutable_hazard()->set_subject_id("xyz");
         return c;
       },
       "16 bytes"},
  };
}

void PrintTo(const BadCase& c, std::ostream* os) { *os << c.name; }

class MalformedChangeTest : public ::testing::TestWithParam<BadCase> {};

TEST_P(MalformedChangeTest, IsRefusedWithASentence) {
  Result<MergeResult> r = ApplyChange(std::nullopt, GetParam().make());
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
  EXPECT_NE(r.status().message().find(GetParam().message_part), std::string::npos)
      << r.status().message();
  EXPECT_EQ(r.status().message().back(), '.') << r.status().message();
}

INSTANTIATE_TEST_SUITE_P(Merge, MalformedChangeTest, ::testing::ValuesIn(BadCases()),
                         [](const ::testing::TestParamInfo<BadCase>& p) { return p.param.name; });

TEST(MergeValidationTest, ChangeForAnotherRecordIsRefusedAndStateKept) {
  Result<MergeResult> a =
      ApplyChange(std::nullopt, Fields(v1::ENTITY_SUBJECT, 1, 1, 10, {{"name", Text("a")}}));
  ASSERT_TRUE(a.ok());
  const std::string before = CanonicalDump({a->state});
  Result<MergeResult> other =
      ApplyChange(a->state, Fields(v1::ENTITY_SUBJECT, 2, 1, 11, {{"name", Text("b")}}));
  EXPECT_EQ(other.status().code(), Code::kInvalidArgument);
  Result<MergeResult> task = ApplyChange(a->state, Delete(v1::ENTITY_TASK, 1, 1, 12));
  EXPECT_EQ(task.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(CanonicalDump({a->state}), before);
}

TEST(FieldSchemaTest, ListsTheRegistersOfEachMutableEntity) {
  auto names = [](v1::Entity e) {
    std::string out;
    for (const FieldSpec& f : FieldsOf(e)) out += std::string(f.name) + ",";
    return out;
  };
  EXPECT_EQ(names(v1::ENTITY_SUBJECT),
            "name,address,phone,members,tags,note,grid_id,kind,external_id,premises_type,");
  EXPECT_EQ(names(v1::ENTITY_TASK), "assignee,due_date,campaign_id,subject_id,template_id,");
  EXPECT_EQ(names(v1::ENTITY_HAZARD),
            "severity,deadline,responsible,category,description,legal_basis,subject_id,visit_id,"
            "rule_id,template_id,urgency,repeat_instance,");
  // Issue 16: the urgency is a code or empty (a hazard from before urgencies).
  v1::FieldValue urgency;
  for (const char* ok : {"", "immediate", "same_day", "by_deadline"}) {
    urgency.set_text(ok);
    EXPECT_TRUE(ValidateFieldValue(v1::ENTITY_HAZARD, "urgency", urgency).ok()) << ok;
  }
  urgency.set_text("soon");
  EXPECT_EQ(ValidateFieldValue(v1::ENTITY_HAZARD, "urgency", urgency).code(),
            Code::kInvalidArgument);
  EXPECT_EQ(names(v1::ENTITY_VISIT), "");
  ASSERT_NE(FindField(v1::ENTITY_SUBJECT, "members"), nullptr);
  EXPECT_EQ(FindField(v1::ENTITY_SUBJECT, "members")->kind, ValueKind::kInteger);
  EXPECT_EQ(FindField(v1::ENTITY_SUBJECT, "tags")->kind, ValueKind::kTexts);
  EXPECT_EQ(FindField(v1::ENTITY_HAZARD, "phone"), nullptr);
  EXPECT_TRUE(ValidateFieldValue(v1::ENTITY_SUBJECT, "members", Int(3)).ok());
  EXPECT_TRUE(ValidateFieldValue(v1::ENTITY_SUBJECT, "tags", Texts({"ebike"})).ok());
  EXPECT_TRUE(ValidateFieldValue(v1::ENTITY_SUBJECT, "kind", Text("premises")).ok());
  EXPECT_TRUE(ValidateFieldValue(v1::ENTITY_HAZARD, "severity", Text("major")).ok());
  EXPECT_FALSE(ValidateFieldValue(v1::ENTITY_HAZARD, "severity", Text("MAJOR")).ok());
}

TEST(FieldSchemaTest, AppendOnlyAndMergedEntities) {
  for (v1::Entity e : {v1::ENTITY_VISIT, v1::ENTITY_PHOTO, v1::ENTITY_HAZARD_EVENT}) {
    EXPECT_TRUE(IsAppendOnly(e)) << e;
    EXPECT_FALSE(IsFieldMerged(e)) << e;
  }
  for (v1::Entity e : {v1::ENTITY_SUBJECT, v1::ENTITY_TASK, v1::ENTITY_HAZARD}) {
    EXPECT_FALSE(IsAppendOnly(e)) << e;
    EXPECT_TRUE(IsFieldMerged(e)) << e;
  }
  EXPECT_FALSE(IsAppendOnly(v1::ENTITY_CAMPAIGN));
  EXPECT_FALSE(IsFieldMerged(v1::ENTITY_ADMIN_UNIT));
  EXPECT_EQ(SeverityRank("major"), 2);
  EXPECT_EQ(SeverityRank("general"), 1);
  EXPECT_EQ(SeverityRank(""), 0);
  EXPECT_EQ(*SeverityText(v1::MAJOR), "major");
  EXPECT_FALSE(SeverityText(v1::SEVERITY_UNSPECIFIED).ok());
}

TEST(RecordStateTest, EncodeDecodeRoundTripsAndKeepsMerging) {
  Result<testing::Replayed> r =
      testing::Replay({Fields(v1::ENTITY_HAZARD, 1, 1, 10,
                              {{"severity", Text("major")}, {"deadline", Text("d1")}}, true),
                       Fields(v1::ENTITY_HAZARD, 1, 2, 20, {{"severity", Text("general")}}),
                       Delete(v1::ENTITY_HAZARD, 1, 3, 15)});
  ASSERT_TRUE(r.ok());
  const std::string bytes = EncodeRecordState(*r->state);
  EXPECT_EQ(EncodeRecordState(*r->state), bytes);  // deterministic
  Result<RecordState> decoded = DecodeRecordState(bytes);
  ASSERT_TRUE(decoded.ok());
  EXPECT_EQ(CanonicalDump({*decoded}), CanonicalDump({*r->state}));
  EXPECT_TRUE(decoded->flagged);
  EXPECT_EQ(decoded->fields.at("severity").value.text(), "major");

  const v1::Change next = Fields(v1::ENTITY_HAZARD, 1, 4, 30, {{"severity", Text("general"), 10}});
  Result<MergeResult> from_original = ApplyChange(*r->state, next);
  Result<MergeResult> from_decoded = ApplyChange(*decoded, next);
  ASSERT_TRUE(from_original.ok() && from_decoded.ok());
  EXPECT_EQ(CanonicalDump({from_decoded->state}), CanonicalDump({from_original->state}));
  EXPECT_EQ(CanonicalConflictDump(from_decoded->conflicts),
            CanonicalConflictDump(from_original->conflicts));
}

TEST(RecordStateTest, DecodeRefusesGarbage) {
  Result<RecordState> r = DecodeRecordState(std::string("\xff\xff\xff\xff", 4));
  EXPECT_EQ(r.status().code(), Code::kCorruption);
}

TEST(RecordStateTest, CanonicalDumpIsSortedAndEscapes) {
  Result<testing::Replayed> a =
      testing::Replay({Fields(v1::ENTITY_SUBJECT, 2, 1, 10, {{"note", Text("line\n\"q\"")}})});
  Result<testing::Replayed> b =
      testing::Replay({Fields(v1::ENTITY_SUBJECT, 1, 1, 10, {{"name", Text("x")}})});
  ASSERT_TRUE(a.ok() && b.ok());
  const std::string ab = CanonicalDump({*a->state, *b->state});
  EXPECT_EQ(ab, CanonicalDump({*b->state, *a->state}));
  EXPECT_LT(ab.find("name"), ab.find("note"));
  EXPECT_NE(ab.find("text:\"line\\x0a\\\"q\\\"\""), std::string::npos) << ab;
}

}  // namespace
}  // namespace qiaomen::core::merge
