// Repeat groups (template.proto Repeat): answers per instance, per-instance checks and hazards,
// aggregates, counts from an answer or added by the worker, and the incremental engine agreeing
// with a one-shot evaluation.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <random>
#include <string>

#include "forms_test_util.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/forms/form_session.h"

namespace qiaomen::core::forms {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

const EvalContext kToday{"2026-01-10"};

// Gas cylinders counted by an answer, e-bikes added by the worker (1..3), and a closing item
// shown when every valve is sound.
const char* kGas = R"json({
  "id": "gas", "version": 1, "title": {"zh": "燃气", "en": "Gas"},
  "sections": [
    {"id": "main", "title": {"zh": "概况", "en": "Overview"}, "items": [
      {"id": "cylinder_count", "kind": "INTEGER", "label": {"zh": "气瓶数", "en": "Cylinders"},
       "min": 0, "max": 10}
    ]},
    {"id": "cylinders", "title": {"zh": "气瓶", "en": "Cylinders"},
     "repeat": {"countItem": "cylinder_count", "max": 5,
                "instanceLabel": {"zh": "第 {n} 个气瓶", "en": "cylinder {n}"}},
     "items": [
      {"id": "valve", "kind": "YES_NO_NA", "label": {"zh": "阀门完好", "en": "Valve sound"},
       "required": "true"},
      {"id": "weight", "kind": "DECIMAL", "label": {"zh": "重量", "en": "Weight"}, "unit": "kg",
       "constraint": "weight <= 15 * instance()",
       "constraintMessage": {"zh": "重量过大", "en": "Too heavy"}},
      {"id": "valve_photo", "kind": "PHOTO", "label": {"zh": "阀门照片", "en": "Valve photo"},
       "relevant": "valve == 'no'"}
    ]},
    {"id": "ebikes", "title": {"zh": "电动车", "en": "E-bikes"},
     "repeat": {"min": 1, "max": 3},
     "items": [
      {"id": "charging", "kind": "SINGLE_CHOICE", "label": {"zh": "充电位置", "en": "Charging"},
       "required": "true",
       "choices": [{"code": "indoor", "label": {"zh": "室内", "en": "Indoor"}},
                   {"code": "outdoor", "label": {"zh": "室外", "en": "Outdoor"}}]}
    ]},
    {"id": "end", "title": {"zh": "结束", "en": "End"}, "items": [
      {"id": "all_sound", "kind": "YES_NO_NA", "label": {"zh": "确认", "en": "Confirm"},
       "relevant": "instances(cylinders) > 0 and all(valve == 'yes')"}
    ]}
  ],
  "computed": [
    {"id": "bad_valves", "label": {"zh": "坏阀", "en": "Bad valves"}, "expression": "count(valve == 'no')"},
    {"id": "total_weight", "label": {"zh": "总重", "en": "Total"}, "expression": "sum(weight)"}
  ],
  "hazardRules": [
    {"id": "valve_bad", "when": "valve == 'no'", "category": "gas", "severity": "GENERAL",
     "title": {"zh": "阀门损坏", "en": "Valve damaged"}, "deadlineDays": 3,
     "photoRequired": true, "photoItem": "valve_photo"},
    {"id": "indoor_charging", "when": "any(charging == 'indoor')", "category": "ebike",
     "severity": "GENERAL", "title": {"zh": "室内充电", "en": "Charging indoors"}, "deadlineDays": 1}
  ]
})json";

CompiledTemplate Gas() {
  auto r = LoadTemplateJson(kGas);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

v1::Answer At(v1::Answer a, uint32_t instance) {
  a.set_instance(instance);
  return a;
}

std::vector<v1::Answer> TwoCylindersOneBad(const CompiledTemplate& t) {
  using testing::MakeAnswer;
  return {MakeAnswer(t, "cylinder_count", "2"),   At(MakeAnswer(t, "valve", "yes"), 1),
          At(MakeAnswer(t, "weight", "14.5"), 1), At(MakeAnswer(t, "valve", "no"), 2),
          At(MakeAnswer(t, "weight", "20"), 2),   At(MakeAnswer(t, "charging", "outdoor"), 1)};
}

TEST(FormsRepeat, AHazardRuleInARepeatDerivesOneHazardPerFailingInstanceNamingIt) {
  const CompiledTemplate t = Gas();
  auto e = Evaluate(t, TwoCylindersOneBad(t), kToday);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_EQ(e->hazards.size(), 1u);
  EXPECT_EQ(e->hazards[0].rule_id, "valve_bad");
  EXPECT_EQ(e->hazards[0].instance, 2u);
  EXPECT_EQ(e->hazards[0].title.zh(), "第 2 个气瓶：阀门损坏");
  EXPECT_EQ(e->hazards[0].title.en(), "cylinder 2: Valve damaged");
  // The proof belongs to the failing instance's own photo item.
  EXPECT_EQ(e->hazards[0].photo_item, "valve_photo[2]");
  EXPECT_TRUE(e->hazards[0].photo_missing);
  EXPECT_FALSE(e->complete());
  EXPECT_EQ(e->instances.at("cylinders"), 2);
  EXPECT_EQ(e->instances.at("ebikes"), 1);
  EXPECT_EQ(ToString(e->computed.at("bad_valves").get()), "1");
  EXPECT_EQ(ToString(e->computed.at("total_weight").get()), "34.5");
  // weight <= 15 * instance(): 14.5 <= 15 holds for the first, 20 <= 30 for the second.
  EXPECT_THAT(e->constraint_failures, IsEmpty());
  EXPECT_THAT(e->visible_items, ElementsAre("cylinder_count", "valve[1]", "weight[1]", "valve[2]",
                                            "weight[2]", "valve_photo[2]", "charging[1]"));

  auto answers = TwoCylindersOneBad(t);
  answers.push_back(At(testing::MakeAnswer(t, "valve", "no"), 1));
  answers.erase(answers.begin() + 1);  // cylinder 1's valve is now bad too
  auto both = Evaluate(t, answers, kToday);
  ASSERT_TRUE(both.ok());
  ASSERT_EQ(both->hazards.size(), 2u);
  EXPECT_EQ(both->hazards[0].instance, 1u);
  EXPECT_EQ(both->hazards[1].instance, 2u);
  EXPECT_EQ(both->hazards[0].title.zh(), "第 1 个气瓶：阀门损坏");
}

TEST(FormsRepeat, RequiredAndConstraintsHoldPerInstance) {
  const CompiledTemplate t = Gas();
  using testing::MakeAnswer;
  auto e = Evaluate(t,
                    {MakeAnswer(t, "cylinder_count", "3"), At(MakeAnswer(t, "valve", "yes"), 1),
                     At(MakeAnswer(t, "weight", "16"), 1), At(MakeAnswer(t, "valve", "yes"), 3)},
                    kToday);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_THAT(e->missing_required, ElementsAre("valve[2]", "charging[1]"));
  ASSERT_EQ(e->constraint_failures.size(), 1u);
  EXPECT_EQ(e->constraint_failures[0].item_id, "weight[1]");
  EXPECT_EQ(e->constraint_failures[0].message.zh(), "重量过大");
}

TEST(FormsRepeat, TheCountComesFromItsItemAndAnswersBeyondItAreHidden) {
  const CompiledTemplate t = Gas();
  auto session = FormSession::Create(t, kToday);
  ASSERT_TRUE(session.ok());
  FormSession& s = **session;
  EXPECT_EQ(s.InstanceCount("cylinders"), 0) << "unanswered count: no instances";
  for (const auto& a : TwoCylindersOneBad(t)) ASSERT_TRUE(s.SetAnswer(a).ok());
  EXPECT_EQ(s.Snapshot().hazards.size(), 1u);
  EXPECT_TRUE(s.IsVisible("valve", 2));
  EXPECT_FALSE(s.IsVisible("valve", 3));
  // Fewer cylinders: the second one's answers stay but are hidden, and its hazard goes.
  ASSERT_TRUE(s.SetAnswer(testing::MakeAnswer(t, "cylinder_count", "1")).ok());
  EXPECT_FALSE(s.IsVisible("valve", 2));
  Evaluation e = s.Snapshot();
  EXPECT_THAT(e.hazards, IsEmpty());
  EXPECT_EQ(ToString(e.computed.at("total_weight").get()), "14.5");
  EXPECT_TRUE(s.IsVisible("all_sound")) << "all(valve == 'yes') over the one cylinder left";
  // A count over max is capped at max.
  ASSERT_TRUE(s.SetAnswer(testing::MakeAnswer(t, "cylinder_count", "9")).ok());
  EXPECT_EQ(s.InstanceCount("cylinders"), 5);
}

TEST(FormsRepeat, TheWorkerAddsAndRemovesInstancesWithinMinAndMax) {
  const CompiledTemplate t = Gas();
  auto session = FormSession::Create(t, kToday);
  ASSERT_TRUE(session.ok());
  FormSession& s = **session;
  EXPECT_EQ(s.InstanceCount("ebikes"), 1) << "min 1";
  EXPECT_FALSE(s.RemoveInstance("ebikes", 1).ok()) << "not below min";
  ASSERT_TRUE(s.AddInstance("ebikes").ok());
  ASSERT_TRUE(s.AddInstance("ebikes").ok());
  EXPECT_EQ(s.InstanceCount("ebikes"), 3);
  EXPECT_FALSE(s.AddInstance("ebikes").ok()) << "not above max";
  EXPECT_FALSE(s.AddInstance("cylinders").ok()) << "counted by an item";
  ASSERT_TRUE(s.SetAnswer(At(testing::MakeAnswer(t, "charging", "outdoor"), 2)).ok());
  ASSERT_TRUE(s.SetAnswer(At(testing::MakeAnswer(t, "charging", "indoor"), 3)).ok());
  EXPECT_EQ(s.Snapshot().hazards.size(), 1u);
  // Removing the second renumbers the third as the second.
  ASSERT_TRUE(s.RemoveInstance("ebikes", 2).ok());
  EXPECT_EQ(s.InstanceCount("ebikes"), 2);
  const auto answers = s.Answers();
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].item_id(), "charging");
  EXPECT_EQ(answers[0].instance(), 2u);
  EXPECT_EQ(answers[0].value().choice(), "indoor");
  EXPECT_THAT(s.Snapshot().missing_required, ElementsAre("charging[1]"));
  // A stored visit has as many open-ended instances as its highest answered one.
  auto e = Evaluate(t, answers, kToday);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->instances.at("ebikes"), 2);
  EXPECT_EQ(e->hazards.size(), 1u);
}

TEST(FormsRepeat, InstancesAreCheckedWhenAnswersAreSet) {
  const CompiledTemplate t = Gas();
  using testing::MakeAnswer;
  auto session = FormSession::Create(t, kToday);
  ASSERT_TRUE(session.ok());
  EXPECT_THAT((*session)->SetAnswer(MakeAnswer(t, "valve", "yes")).message(),
              HasSubstr("give its answer an instance from 1 to 5"));
  EXPECT_THAT((*session)->SetAnswer(At(MakeAnswer(t, "valve", "yes"), 6)).message(),
              HasSubstr("instance from 1 to 5"));
  EXPECT_THAT((*session)->SetAnswer(At(MakeAnswer(t, "cylinder_count", "1"), 1)).message(),
              HasSubstr("not in a repeat group"));
  EXPECT_THAT(
      Evaluate(t, {At(MakeAnswer(t, "valve", "yes"), 1), At(MakeAnswer(t, "valve", "no"), 1)},
               kToday)
          .status()
          .message(),
      HasSubstr("'valve[1]' is answered more than once"));
}

TEST(FormsRepeat, ValidateVisitNamesTheInstanceOfEveryProblem) {
  const CompiledTemplate t = Gas();
  using testing::MakeAnswer;
  v1::Visit visit;
  visit.set_template_id("gas");
  visit.set_template_version(1);
  visit.set_outcome(v1::CHECKED);
  visit.set_finished_at_ms(1767225600000);
  for (const auto& a : TwoCylindersOneBad(t)) *visit.add_answers() = a;
  *visit.add_answers() = At(MakeAnswer(t, "valve", "yes"), 9);
  *visit.add_answers() = MakeAnswer(t, "charging", "indoor");
  const Status st = ValidateVisit(t, visit);
  EXPECT_THAT(st.message(), HasSubstr("item 'valve[9]': is in a repeat group of at most 5"));
  EXPECT_THAT(st.message(), HasSubstr("item 'charging': is in a repeat group"));
  EXPECT_THAT(st.message(),
              HasSubstr("item 'valve_photo[2]': hazard rule 'valve_bad' needs a photo"));

  visit.mutable_answers()->RemoveLast();
  visit.mutable_answers()->RemoveLast();
  *visit.add_answers() = At(MakeAnswer(t, "valve_photo", "photos:1"), 2);
  EXPECT_TRUE(ValidateVisit(t, visit).ok()) << ValidateVisit(t, visit).ToString();
}

// The incremental engine (one answer at a time, in any order, with clears) ends where a one-shot
// evaluation of the final answers does.
TEST(FormsRepeat, IncrementalEvaluationAgreesWithOneShot) {
  const CompiledTemplate t = Gas();
  using testing::MakeAnswer;
  std::mt19937 rng(23);
  const char* yn[] = {"yes", "no", "na"};
  for (int round = 0; round < 200; ++round) {
    auto session = FormSession::Create(t, kToday);
    ASSERT_TRUE(session.ok());
    for (int step = 0; step < 12; ++step) {
      const uint32_t k = 1 + rng() % 5;
      v1::Answer a;
      switch (rng() % 6) {
        case 0:
          a = MakeAnswer(t, "cylinder_count", std::to_string(rng() % 7));
          break;
        case 1:
          a = At(MakeAnswer(t, "valve", yn[rng() % 3]), k);
          break;
        case 2:
          a = At(MakeAnswer(t, "weight", std::to_string(rng() % 40)), k);
          break;
        case 3:
          a = At(MakeAnswer(t, "valve_photo", "photos:1"), k);
          break;
        case 4:
          a = At(MakeAnswer(t, "charging", rng() % 2 ? "indoor" : "outdoor"), 1 + rng() % 3);
          break;
        default:
          a.set_item_id("valve");
          a.set_instance(k);  // a clear
          break;
      }
      ASSERT_TRUE((*session)->SetAnswer(a).ok());
    }
    const Evaluation live = (*session)->Snapshot();
    auto once = Evaluate(t, (*session)->Answers(), kToday);
    ASSERT_TRUE(once.ok()) << once.status().ToString();
    EXPECT_EQ(live.visible_items, once->visible_items) << "round " << round;
    EXPECT_EQ(live.missing_required, once->missing_required) << "round " << round;
    EXPECT_EQ(live.instances, once->instances) << "round " << round;
    ASSERT_EQ(live.hazards.size(), once->hazards.size()) << "round " << round;
    for (size_t h = 0; h < live.hazards.size(); ++h) {
      EXPECT_EQ(live.hazards[h].instance, once->hazards[h].instance);
      EXPECT_EQ(live.hazards[h].photo_missing, once->hazards[h].photo_missing);
    }
    EXPECT_EQ(ToString(live.computed.at("total_weight").get()),
              ToString(once->computed.at("total_weight").get()));
  }
}

TEST(FormsRepeat, ItemKeysRoundTrip) {
  std::string id;
  uint32_t instance = 7;
  EXPECT_EQ(ItemKey("valve", 0), "valve");
  EXPECT_EQ(ItemKey("valve", 12), "valve[12]");
  ASSERT_TRUE(ParseItemKey("valve[12]", &id, &instance));
  EXPECT_EQ(id, "valve");
  EXPECT_EQ(instance, 12u);
  ASSERT_TRUE(ParseItemKey("stove", &id, &instance));
  EXPECT_EQ(instance, 0u);
  for (const char* bad : {"", "valve[0]", "valve[]", "[2]", "valve[2", "valve[x]", "valve]"}) {
    EXPECT_FALSE(ParseItemKey(bad, &id, &instance)) << bad;
  }
}

}  // namespace
}  // namespace qiaomen::core::forms
