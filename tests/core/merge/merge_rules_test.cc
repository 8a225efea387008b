// Table-driven tests of every merge rule. Each case is replayed in every order of its changes; the
// state and the conflict log must be the same in all of them.

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <numeric>

#include "qiaomen/core/merge/merge.h"
#include "tests/core/merge/change_builder.h"

namespace qiaomen::core::merge {
namespace {

using testing::Delete;
using testing::Dev;
using testing::Fields;
using testing::Int;
using testing::Replay;
using testing::Set;
using testing::Text;
using testing::Texts;

struct ExpectedConflict {
  std::string field;  // "" for update_beats_delete
  std::string rule;
  int winner_device;
  HlcStamp winner_hlc;
  int loser_device;
  HlcStamp loser_hlc;
};

struct RuleCase {
  std::string name;
  v1::Entity entity;
  std::vector<v1::Change> changes;
  std::map<std::string, v1::FieldValue> expected_fields = {};  // only the fields listed are checked
  bool deleted = false;
  bool flagged = false;
  std::vector<ExpectedConflict> conflicts = {};
};

constexpr v1::Entity S = v1::ENTITY_SUBJECT;
constexpr v1::Entity H = v1::ENTITY_HAZARD;

std::vector<RuleCase> Cases() {
  return {
      {"DifferentFieldsBothSurvive",
       S,
       {Fields(S, 1, 1, 10, {{"phone", Text("138")}}), Fields(S, 1, 2, 11, {{"name", Text("Li")}})},
       {{"phone", Text("138")}, {"name", Text("Li")}}},
      {"SameFieldLaterStampWinsAndTheLoserIsLogged",
       S,
       {Fields(S, 1, 1, 10, {{"phone", Text("138")}}),
        Fields(S, 1, 2, 20, {{"phone", Text("139")}})},
       {{"phone", Text("139")}},
       false,
       false,
       {{"phone", "lww", 2, 20, 1, 10}}},
      {"EqualStampsAreBrokenByDeviceId",
       S,
       {Fields(S, 1, 2, 10, {{"members", Int(3)}}), Fields(S, 1, 1, 10, {{"members", Int(4)}})},
       {{"members", Int(3)}},
       false,
       false,
       {{"members", "lww", 2, 10, 1, 10}}},
      {"CausalOverwriteIsNoConflict",
       S,
       {Fields(S, 1, 1, 10, {{"phone", Text("138")}}),
        Fields(S, 1, 2, 20, {{"phone", Text("139"), 10}})},
       {{"phone", Text("139")}}},
      {"ConcurrentEqualValuesAreNoConflict",
       S,
       {Fields(S, 1, 1, 10, {{"tags", Texts({"coal_heating"})}}),
        Fields(S, 1, 2, 20, {{"tags", Texts({"coal_heating"})}})},
       {{"tags", Texts({"coal_heating"})}}},
      {"ThreeConcurrentWritesLogEveryPair",
       S,
       {Fields(S, 1, 1, 10, {{"note", Text("a")}}), Fields(S, 1, 2, 20, {{"note", Text("b")}}),
        Fields(S, 1, 3, 30, {{"note", Text("c")}})},
       {{"note", Text("c")}},
       false,
       false,
       {{"note", "lww", 2, 20, 1, 10},
        {"note", "lww", 3, 30, 1, 10},
        {"note", "lww", 3, 30, 2, 20}}},
      {"OnlyTheUnseenWriteConflicts",
       S,
       // 2 saw 1; 3 saw neither: 3 conflicts with both 1 and 2, 1 and 2 do not conflict.
       {Fields(S, 1, 1, 10, {{"address", Text("a")}}),
        Fields(S, 1, 2, 20, {{"address", Text("b"), 10}}),
        Fields(S, 1, 3, 15, {{"address", Text("c")}})},
       {{"address", Text("b")}},
       false,
       false,
       {{"address", "lww", 3, 15, 1, 10}, {"address", "lww", 2, 20, 3, 15}}},
      {"ConcurrentSeverityKeepsMajorWhateverTheStamp",
       H,
       {Fields(H, 1, 1, 10, {{"severity", Text("major")}}, true),
        Fields(H, 1, 2, 20, {{"severity", Text("general")}})},
       {{"severity", Text("major")}},
       false,
       false,
       {{"severity", "severity_max", 1, 10, 2, 20}}},
      {"SeverityLoweredByAnEditorWhoSawMajor",
       H,
       {Fields(H, 1, 1, 10, {{"severity", Text("major")}}, true),
        Fields(H, 1, 2, 20, {{"severity", Text("general"), 10}})},
       {{"severity", Text("general")}}},
      {"SeverityMaxAmongWritesNoOneSaw",
       H,
       // Both 2 and 3 saw 1; they are concurrent with each other: major wins.
       {Fields(H, 1, 1, 5, {{"severity", Text("general")}}, true),
        Fields(H, 1, 2, 10, {{"severity", Text("major"), 5}}),
        Fields(H, 1, 3, 20, {{"severity", Text("general"), 5}})},
       {{"severity", Text("major")}},
       false,
       false,
       {{"severity", "severity_max", 2, 10, 3, 20}}},
      {"SeverityRuleLeavesOtherHazardFieldsToLww",
       H,
       {Fields(H, 1, 1, 10, {{"severity", Text("major")}, {"deadline", Text("2026-12-01")}}),
        Fields(H, 1, 2, 20, {{"severity", Text("general")}, {"deadline", Text("2026-12-15")}})},
       {{"severity", Text("major")}, {"deadline", Text("2026-12-15")}},
       false,
       false,
       {{"severity", "severity_max", 1, 10, 2, 20}, {"deadline", "lww", 2, 20, 1, 10}}},
      {"UpdateBeatsConcurrentDelete",
       S,
       {Fields(S, 1, 1, 10, {{"name", Text("Wang")}}, true), Delete(S, 1, 2, 20),
        Fields(S, 1, 1, 30, {{"phone", Text("137"), 0}})},
       {{"name", Text("Wang")}, {"phone", Text("137")}},
       false,
       true,
       {{"", "update_beats_delete", 1, 30, 2, 20}}},
      {"DeleteAfterSeenUpdateDeletes",
       S,
       {Fields(S, 1, 1, 10, {{"name", Text("Wang")}}, true),
        Fields(S, 1, 1, 20, {{"phone", Text("137")}}), Delete(S, 1, 2, 30)},
       {{"name", Text("Wang")}},
       true,
       false},
      {"DeleteBeforeCreateStillDeletes",
       S,
       {Delete(S, 1, 2, 30), Fields(S, 1, 1, 10, {{"name", Text("Wang")}}, true)},
       {{"name", Text("Wang")}},
       true,
       false},
      {"DuplicateChangeIsANoOp",
       S,
       {Fields(S, 1, 1, 10, {{"phone", Text("138")}}),
        Fields(S, 1, 1, 10, {{"phone", Text("138")}}),
        Fields(S, 1, 2, 20, {{"phone", Text("139")}}), Delete(S, 1, 3, 5), Delete(S, 1, 3, 5)},
       {{"phone", Text("139")}},
       false,
       true,
       {{"phone", "lww", 2, 20, 1, 10},
        {"", "update_beats_delete", 1, 10, 3, 5},
        {"", "update_beats_delete", 2, 20, 3, 5}}},
  };
}

std::string ExpectedDump(const RuleCase& c) {
  std::vector<ConflictEntry> entries;
  for (const ExpectedConflict& e : c.conflicts) {
    ConflictEntry entry;
    entry.entity = c.entity;
    entry.record_id = testing::Rec(1);
    entry.field = e.field;
    entry.rule = e.rule;
    entry.winner.hlc = e.winner_hlc;
    entry.winner.device_id = Dev(e.winner_device);
    entry.loser.hlc = e.loser_hlc;
    entry.loser.device_id = Dev(e.loser_device);
    entries.push_back(entry);
  }
  return CanonicalConflictDump(entries);
}

// The conflicts without values, in the same form as ExpectedDump.
std::string StampsOnly(std::vector<ConflictEntry> entries) {
  for (ConflictEntry& e : entries) {
    e.winner.value.Clear();
    e.loser.value.Clear();
    e.winner.base_hlc = e.loser.base_hlc = 0;
  }
  return CanonicalConflictDump(entries);
}

// gtest prints a case by its name, not its bytes.
void PrintTo(const RuleCase& c, std::ostream* os) { *os << c.name; }

class MergeRulesTest : public ::testing::TestWithParam<RuleCase> {};

TEST_P(MergeRulesTest, HoldsInEveryOrder) {
  const RuleCase& c = GetParam();
  std::vector<size_t> order(c.changes.size());
  std::iota(order.begin(), order.end(), 0);
  std::string first_dump;
  int orders = 0;
  do {
    std::vector<v1::Change> changes;
    std::string trace = "order:";
    for (size_t i : order) {
      changes.push_back(c.changes[i]);
      trace += " " + std::to_string(i);
    }
    SCOPED_TRACE(trace);
    Result<testing::Replayed> r = Replay(changes);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_TRUE(r->state.has_value());
    const RecordState& state = *r->state;
    for (const auto& [field, value] : c.expected_fields) {
      ASSERT_TRUE(state.fields.count(field)) << field;
      EXPECT_EQ(DescribeValue(state.fields.at(field).value), DescribeValue(value)) << field;
    }
    EXPECT_EQ(state.deleted, c.deleted);
    EXPECT_EQ(state.flagged, c.flagged);
    // Exactly once: no entry is reported twice, whatever the order.
    EXPECT_EQ(r->conflicts.size(), c.conflicts.size());
    EXPECT_EQ(StampsOnly(r->conflicts), ExpectedDump(c));
    for (const ConflictEntry& e : r->conflicts) {
      EXPECT_EQ(e.entity, c.entity);
      EXPECT_EQ(e.record_id, testing::Rec(1));
    }
    const std::string dump = CanonicalDump({state}) + CanonicalConflictDump(r->conflicts);
    if (orders == 0) first_dump = dump;
    EXPECT_EQ(dump, first_dump);
    ++orders;
  } while (std::next_permutation(order.begin(), order.end()));
  EXPECT_GE(orders, 1);
}

INSTANTIATE_TEST_SUITE_P(Rules, MergeRulesTest, ::testing::ValuesIn(Cases()),
                         [](const ::testing::TestParamInfo<RuleCase>& p) { return p.param.name; });

TEST(MergeTest, SecondApplicationReportsUnchanged) {
  const v1::Change change = Fields(S, 1, 1, 10, {{"phone", Text("138")}});
  Result<MergeResult> first = ApplyChange(std::nullopt, change);
  ASSERT_TRUE(first.ok());
  EXPECT_TRUE(first->changed);
  Result<MergeResult> second = ApplyChange(first->state, change);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->changed);
  EXPECT_TRUE(second->conflicts.empty());
  EXPECT_EQ(CanonicalDump({second->state}), CanonicalDump({first->state}));

  const v1::Change del = Delete(S, 1, 2, 20);
  Result<MergeResult> deleted = ApplyChange(second->state, del);
  ASSERT_TRUE(deleted.ok());
  EXPECT_TRUE(deleted->changed);
  EXPECT_TRUE(deleted->state.deleted);
  Result<MergeResult> again = ApplyChange(deleted->state, del);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->changed);
}

TEST(MergeTest, ConflictEntryCarriesBothValues) {
  Result<testing::Replayed> r = Replay({Fields(S, 7, 1, 10, {{"phone", Text("138")}}),
                                        Fields(S, 7, 2, 20, {{"phone", Text("139")}})});
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r->conflicts.size(), 1u);
  const ConflictEntry& e = r->conflicts[0];
  EXPECT_EQ(e.entity, v1::ENTITY_SUBJECT);
  EXPECT_EQ(e.record_id, testing::Rec(7));
  EXPECT_EQ(e.field, "phone");
  EXPECT_EQ(e.rule, "lww");
  EXPECT_EQ(e.winner.value.text(), "139");
  EXPECT_EQ(e.winner.device_id, Dev(2));
  EXPECT_EQ(e.loser.value.text(), "138");
  EXPECT_EQ(e.loser.hlc, 10u);
  EXPECT_NE(ConflictKey(e), "");
}

TEST(MergeTest, BaseAtOrAfterTheChangeIsClampedBelowIt) {
  Result<testing::Replayed> r = Replay({Fields(S, 1, 1, 10, {{"phone", Text("a"), 99}})});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->state->fields.at("phone").base_hlc, 9u);
}

TEST(MergeTest, HazardCreationBodyMergesLikeFieldWrites) {
  v1::Change create = testing::Base(H, 1, 1, 10);
  v1::Hazard* h = create.mutable_hazard();
  h->set_id(testing::Rec(1));
  h->set_severity(v1::MAJOR);
  h->set_category("gas");
  h->set_deadline("2026-12-01");
  h->set_subject_id(testing::Id16(9));
  const v1::Change lower =
      Fields(H, 1, 2, 20, {{"severity", Text("general")}, {"category", Text("coal")}});
  for (bool create_first : {true, false}) {
    Result<testing::Replayed> r = create_first ? Replay({create, lower}) : Replay({lower, create});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    const RecordState& s = *r->state;
    EXPECT_EQ(s.fields.at("severity").value.text(), "major");
    EXPECT_EQ(s.fields.at("category").value.text(), "coal");
    EXPECT_EQ(s.fields.at("deadline").value.text(), "2026-12-01");
    EXPECT_EQ(s.fields.at("subject_id").value.text(), "01010101-0101-0101-0101-010101010109");
    EXPECT_EQ(s.fields.count("visit_id"), 0u);  // empty ids are not written
    EXPECT_EQ(r->conflicts.size(), 2u);
  }
}

TEST(MergeTest, HazardToFieldSetsCoversEveryHazardField) {
  v1::Hazard h;
  h.set_severity(v1::GENERAL);
  h.set_subject_id(testing::Id16(1));
  h.set_visit_id(testing::Id16(2));
  Result<std::vector<v1::FieldSet>> sets = HazardToFieldSets(h);
  ASSERT_TRUE(sets.ok());
  std::vector<std::string> names;
  for (const v1::FieldSet& s : *sets) {
    names.push_back(s.field());
    EXPECT_TRUE(ValidateFieldValue(v1::ENTITY_HAZARD, s.field(), s.value()).ok()) << s.field();
    EXPECT_EQ(s.base_hlc(), 0u);
  }
  std::sort(names.begin(), names.end());
  std::vector<std::string> all;
  for (const FieldSpec& spec : FieldsOf(v1::ENTITY_HAZARD)) all.emplace_back(spec.name);
  std::sort(all.begin(), all.end());
  EXPECT_EQ(names, all);
  h.set_severity(v1::SEVERITY_UNSPECIFIED);
  EXPECT_EQ(HazardToFieldSets(h).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace qiaomen::core::merge
