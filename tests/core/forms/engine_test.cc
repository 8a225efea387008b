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
using testing::MakeAnswer;

const EvalContext kToday{"2026-01-10"};

// Heating: a fuel choice gates the flue questions; a decimal with a range and a constraint;
// a computed value; hazard rules, one needing a photo.
const char* kHeating = R"json({
  "id": "heating", "version": 1, "title": {"zh": "取暖", "en": "Heating"},
  "sections": [
    {"id": "main", "title": {"zh": "主要", "en": "Main"}, "items": [
      {"id": "fuel", "kind": "SINGLE_CHOICE", "label": {"zh": "燃料", "en": "Fuel"}, "required": "true",
       "choices": [{"code": "coal", "label": {"zh": "煤", "en": "Coal"}},
                   {"code": "electric", "label": {"zh": "电", "en": "Electric"}}]},
      {"id": "flue", "kind": "YES_NO_NA", "label": {"zh": "烟道", "en": "Flue"}, "required": "true",
       "relevant": "fuel == 'coal'"},
      {"id": "rooms", "kind": "INTEGER", "label": {"zh": "房间", "en": "Rooms"}, "min": 1, "max": 20,
       "constraint": "rooms <= 10 or fuel == 'electric'",
       "constraintMessage": {"zh": "燃煤户房间数不超过10", "en": "Coal households have at most 10 rooms"}},
      {"id": "photo", "kind": "PHOTO", "label": {"zh": "照片", "en": "Photo"}, "maxPhotos": 2},
      {"id": "expiry", "kind": "DATE", "label": {"zh": "有效期", "en": "Expiry"}}
    ]},
    {"id": "coal", "title": {"zh": "燃煤", "en": "Coal"}, "relevant": "fuel == 'coal'", "items": [
      {"id": "alarm", "kind": "YES_NO_NA", "label": {"zh": "报警器", "en": "Alarm"}, "required": "flue == 'yes'"}
    ]}
  ],
  "computed": [{"id": "days_left", "label": {"zh": "剩余", "en": "Left"}, "expression": "expiry - today()"}],
  "hazardRules": [
    {"id": "no_flue", "when": "flue == 'no'", "category": "heating_co", "severity": "MAJOR",
     "title": {"zh": "无烟道", "en": "No flue"}, "deadlineDays": 1,
     "legalBasis": {"zh": "GB 35181-2025《重大火灾隐患判定规则》5.1（测试用条款）", "en": "Test clause"}, "photoRequired": true, "photoItem": "photo"},
    {"id": "expired", "when": "days_left < 0", "category": "fire", "severity": "GENERAL",
     "title": {"zh": "过期", "en": "Expired"}, "deadlineDays": 30}
  ]
})json";

CompiledTemplate Heating() {
  auto r = LoadTemplateJson(kHeating);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

std::vector<std::string> HazardIds(const Evaluation& e) {
  std::vector<std::string> ids;
  for (const auto& h : e.hazards) ids.push_back(h.rule_id);
  return ids;
}

TEST(FormsEngine, VisibilityRequiredAndCompleteness) {
  const CompiledTemplate t = Heating();
  auto e = Evaluate(t, {}, kToday);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  EXPECT_THAT(e->visible_items, ElementsAre("fuel", "rooms", "photo", "expiry"));
  EXPECT_THAT(e->missing_required, ElementsAre("fuel"));
  EXPECT_FALSE(e->complete());
  EXPECT_DOUBLE_EQ(e->completeness, 0.0);

  e = Evaluate(t, {MakeAnswer(t, "fuel", "coal")}, kToday);
  ASSERT_TRUE(e.ok());
  EXPECT_THAT(e->visible_items, ElementsAre("fuel", "flue", "rooms", "photo", "expiry", "alarm"));
  EXPECT_THAT(e->missing_required, ElementsAre("flue"));  // alarm is required only with a flue
  EXPECT_DOUBLE_EQ(e->completeness, 1.0 / 6.0);

  e = Evaluate(t, {MakeAnswer(t, "fuel", "coal"), MakeAnswer(t, "flue", "yes")}, kToday);
  ASSERT_TRUE(e.ok());
  EXPECT_THAT(e->missing_required, ElementsAre("alarm"));

  // Switching to electric hides the coal section and the flue answer with it.
  e = Evaluate(t, {MakeAnswer(t, "fuel", "electric"), MakeAnswer(t, "flue", "no")}, kToday);
  ASSERT_TRUE(e.ok());
  EXPECT_THAT(e->visible_items, ElementsAre("fuel", "rooms", "photo", "expiry"));
  EXPECT_TRUE(e->hazards.empty());
  EXPECT_TRUE(e->complete());
}

TEST(FormsEngine, ConstraintFailuresAreLocalized) {
  const CompiledTemplate t = Heating();
  auto e = Evaluate(t, {MakeAnswer(t, "fuel", "coal"), MakeAnswer(t, "rooms", "12")}, kToday);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->constraint_failures.size(), 1u);
  EXPECT_EQ(e->constraint_failures[0].item_id, "rooms");
  EXPECT_EQ(e->constraint_failures[0].message.zh(), "燃煤户房间数不超过10");
  EXPECT_EQ(e->constraint_failures[0].message.en(), "Coal households have at most 10 rooms");

  e = Evaluate(t,
               {MakeAnswer(t, "rooms", "25"), MakeAnswer(t, "photo", "photos:3"),
                MakeAnswer(t, "expiry", "2026-02-30")},
               kToday);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->constraint_failures.size(), 3u);
  EXPECT_EQ(e->constraint_failures[0].message.zh(), "数值不能大于 20。");
  EXPECT_EQ(e->constraint_failures[0].message.en(), "The value must be at most 20.");
  EXPECT_EQ(e->constraint_failures[1].message.en(), "Keep at most 2 photos.");
  EXPECT_EQ(e->constraint_failures[2].message.en(),
            "Enter the date as YYYY-MM-DD, e.g. 2026-01-31.");
}

// Patterns that make a backtracking matcher take exponential time or recurse once per character
// run in bounded time on texts up to the limit.
TEST(FormsEngine, TextPatternsRunInBoundedTime) {
  auto t = LoadTemplateJson(R"json({"id": "p", "version": 1, "title": {"zh": "测", "en": "T"},
    "sections": [{"id": "s", "title": {"zh": "节", "en": "S"}, "items": [
      {"id": "evil", "kind": "TEXT", "pattern": "(a|a)*b", "label": {"zh": "问", "en": "Q"}},
      {"id": "deep", "kind": "TEXT", "pattern": "(a|b)*", "label": {"zh": "问", "en": "Q"}},
      {"id": "phone", "kind": "TEXT", "pattern": "1[3-9][0-9]{9}", "label": {"zh": "问", "en": "Q"}}
    ]}]})json");
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  v1::Answer evil, deep, phone;
  evil.set_item_id("evil");
  evil.mutable_value()->set_text(std::string(kDefaultTextLimit, 'a'));  // backtracking: 2^2000
  deep.set_item_id("deep");
  deep.mutable_value()->set_text(std::string(kDefaultTextLimit, 'b'));  // recursion: 2000 deep
  phone.set_item_id("phone");
  phone.mutable_value()->set_text("13912345678");
  auto e = Evaluate(*t, {evil, deep, phone}, kToday);
  ASSERT_TRUE(e.ok()) << e.status().ToString();
  ASSERT_EQ(e->constraint_failures.size(), 1u);
  EXPECT_EQ(e->constraint_failures[0].item_id, "evil");
  EXPECT_EQ(e->constraint_failures[0].message.en(), "The text is not in the expected format.");
  // Over the limit the text is refused for its length, before any matching.
  deep.mutable_value()->set_text(std::string(kDefaultTextLimit + 1, 'b'));
  e = Evaluate(*t, {deep}, kToday);
  ASSERT_TRUE(e.ok());
  ASSERT_EQ(e->constraint_failures.size(), 1u);
  EXPECT_EQ(e->constraint_failures[0].message.en(), "The text must be at most 2000 characters.");
}

TEST(FormsEngine, ComputedValuesAndHazards) {
  const CompiledTemplate t = Heating();
  auto e = Evaluate(t,
                    {MakeAnswer(t, "fuel", "coal"), MakeAnswer(t, "flue", "no"),
                     MakeAnswer(t, "expiry", "2026-01-05")},
                    kToday);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(ToString(e->computed.at("days_left").get()), "-5");
  EXPECT_THAT(HazardIds(*e), ElementsAre("no_flue", "expired"));
  const DerivedHazard& h = e->hazards[0];
  EXPECT_EQ(h.category, "heating_co");
  EXPECT_EQ(h.severity, v1::MAJOR);
  EXPECT_EQ(h.deadline_days, 1u);
  EXPECT_EQ(h.legal_basis.zh(), "GB 35181-2025《重大火灾隐患判定规则》5.1（测试用条款）");
  EXPECT_TRUE(h.photo_required);
  EXPECT_TRUE(h.photo_missing);
  EXPECT_FALSE(e->complete());
  EXPECT_EQ(e->hazards[1].severity, v1::GENERAL);

  // today() is what the context says, never the system clock.
  e = Evaluate(t, {MakeAnswer(t, "expiry", "2026-01-05")}, EvalContext{"2026-01-01"});
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(ToString(e->computed.at("days_left").get()), "4");
  EXPECT_TRUE(e->hazards.empty());
}

TEST(FormsEngine, RefusesBadAnswersNamingTheItem) {
  const CompiledTemplate t = Heating();
  v1::Answer wrong;
  wrong.set_item_id("rooms");
  wrong.mutable_value()->set_text("three");
  auto e = Evaluate(t, {wrong}, kToday);
  ASSERT_FALSE(e.ok());
  EXPECT_THAT(e.status().message(), HasSubstr("Item 'rooms' is a integer item"));
  v1::Answer unknown = MakeAnswer(t, "fuel", "coal");
  unknown.set_item_id("stove");
  EXPECT_THAT(Evaluate(t, {unknown}, kToday).status().message(),
              HasSubstr("Item 'stove' is not in"));
  EXPECT_THAT(Evaluate(t, {MakeAnswer(t, "fuel", "coal"), MakeAnswer(t, "fuel", "coal")}, kToday)
                  .status()
                  .message(),
              HasSubstr("answered more than once"));
  EXPECT_THAT(Evaluate(t, {}, EvalContext{"10/01/2026"}).status().message(),
              HasSubstr("pass today as YYYY-MM-DD"));

  auto session = FormSession::Create(t, kToday);
  ASSERT_TRUE(session.ok());
  ASSERT_TRUE((*session)->SetAnswer(MakeAnswer(t, "rooms", "3")).ok());
  EXPECT_FALSE((*session)->SetAnswer(wrong).ok());
  EXPECT_EQ((*session)->Snapshot().answered_visible, 1);  // the bad answer changed nothing
}

TEST(FormsEngine, IncrementalReevaluationTouchesOnlyDependents) {
  const CompiledTemplate t = Heating();
  auto created = FormSession::Create(t, kToday);
  ASSERT_TRUE(created.ok());
  FormSession& s = **created;
  s.ResetNodeEvaluations();
  // rooms is read only by its own checks.
  ASSERT_TRUE(s.SetAnswer(MakeAnswer(t, "rooms", "3")).ok());
  EXPECT_EQ(s.node_evaluations(), 1u);
  // fuel: its checks, the coal section, flue's visibility and rooms' checks (its constraint reads
  // fuel) = 4; the section wakes alarm's visibility, the visible flue wakes its checks and the
  // no_flue rule = 7; the visible alarm wakes its checks = 8.
  s.ResetNodeEvaluations();
  ASSERT_TRUE(s.SetAnswer(MakeAnswer(t, "fuel", "coal")).ok());
  EXPECT_EQ(s.node_evaluations(), 8u);
  EXPECT_TRUE(s.IsVisible("alarm"));
  // The same answer again: the gates re-run but nothing they guard changes, so it stops there.
  s.ResetNodeEvaluations();
  ASSERT_TRUE(s.SetAnswer(MakeAnswer(t, "fuel", "coal")).ok());
  EXPECT_EQ(s.node_evaluations(), 4u);
  // expiry feeds the computed value, which feeds one hazard rule.
  s.ResetNodeEvaluations();
  ASSERT_TRUE(s.SetAnswer(MakeAnswer(t, "expiry", "2025-01-01")).ok());
  EXPECT_EQ(s.node_evaluations(), 3u);
  EXPECT_THAT(HazardIds(s.Snapshot()), ElementsAre("expired"));
}

// Random answer sequences on the shipped household checklist (repeat instances included): the
// incremental session must always agree with a fresh evaluation of the same answers.
TEST(FormsEngine, IncrementalAgreesWithFullEvaluation) {
  auto loaded =
      LoadTemplateJson(testing::ReadFile(testing::ChecklistPath("household_winter.json")));
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  const CompiledTemplate& t = *loaded;
  std::mt19937 rng(7);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  for (int round = 0; round < 20; ++round) {
    auto session = FormSession::Create(t, kToday);
    ASSERT_TRUE(session.ok());
    std::map<std::string, v1::Answer> current;
    for (int step = 0; step < 60; ++step) {
      const auto& sec = t.proto().sections(pick(t.proto().sections_size()));
      const v1::Item& item = sec.items(pick(sec.items_size()));
      std::string text;
      switch (item.kind()) {
        case v1::YES_NO_NA:
          text = std::vector<std::string>{"yes", "no", "na"}[static_cast<size_t>(pick(3))];
          break;
        case v1::SINGLE_CHOICE:
          text = item.choices(pick(item.choices_size())).code();
          break;
        case v1::MULTI_CHOICE:
          text = item.choices(pick(item.choices_size())).code() + "," +
                 item.choices(pick(item.choices_size())).code();
          break;
        case v1::INTEGER:
          text = std::to_string(pick(4));
          break;
        case v1::DECIMAL:
          text = std::to_string(pick(5)) + ".5";
          break;
        case v1::DATE:
          text = pick(2) ? "2025-12-01" : "2027-03-01";
          break;
        case v1::PHOTO:
        case v1::SIGNATURE:
          text = "photos:" + std::to_string(pick(3));
          break;
        case v1::LOCATION:
          text = "36.1,112.2";
          break;
        default:
          text = pick(2) ? "13812345678" : "x";
          break;
      }
      v1::Answer a = MakeAnswer(t, item.id(), text);
      // The cylinders and e-bikes repeat (version 4): answer one of the first three instances.
      if (sec.has_repeat()) a.set_instance(static_cast<uint32_t>(1 + pick(3)));
      if (pick(8) == 0) a.clear_value();
      ASSERT_TRUE((*session)->SetAnswer(a).ok());
      current[ItemKey(item.id(), a.instance())] = a;
      std::vector<v1::Answer> all;
      for (const auto& [id, ans] : current) all.push_back(ans);
      auto full = Evaluate(t, all, kToday);
      ASSERT_TRUE(full.ok());
      const Evaluation inc = (*session)->Snapshot();
      ASSERT_EQ(inc.visible_items, full->visible_items) << "round " << round << " step " << step;
      ASSERT_EQ(inc.missing_required, full->missing_required);
      ASSERT_EQ(inc.constraint_failures.size(), full->constraint_failures.size());
      ASSERT_EQ(HazardIds(inc), HazardIds(*full));
      ASSERT_EQ(inc.instances, full->instances);
      for (size_t h = 0; h < inc.hazards.size(); ++h) {
        ASSERT_EQ(inc.hazards[h].instance, full->hazards[h].instance);
      }
      ASSERT_EQ(inc.computed.size(), full->computed.size());
      for (const auto& [id, v] : inc.computed)
        ASSERT_EQ(v.get(), full->computed.at(id).get()) << id;
    }
  }
}

}  // namespace
}  // namespace qiaomen::core::forms
