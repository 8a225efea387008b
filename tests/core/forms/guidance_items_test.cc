// Choice filters (cascading choices), default values, read-only notes and hint images.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

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
using testing::MakeAnswer;

const EvalContext kToday{"2026-01-10"};

std::string Tpl(const std::string& items, const std::string& media = "") {
  return R"j({"id": "t", "version": 1, "title": {"zh": "测试", "en": "Test"},
    "sections": [{"id": "s", "title": {"zh": "节", "en": "Section"}, "items": [)j" +
         items + "]}]" + media + "}";
}

const char* kFuelAndStove = R"j(
  {"id": "fuel", "kind": "SINGLE_CHOICE", "label": {"zh": "燃料", "en": "Fuel"},
   "choices": [{"code": "coal", "label": {"zh": "煤", "en": "Coal"}},
               {"code": "gas", "label": {"zh": "气", "en": "Gas"}}]},
  {"id": "tip", "kind": "NOTE", "label": {"zh": "请查看炉具铭牌。", "en": "Read the stove's plate."},
   "relevant": "fuel == 'coal'", "hintImage": "plate.jpg"},
  {"id": "stove", "kind": "SINGLE_CHOICE", "label": {"zh": "炉具", "en": "Stove"},
   "choiceFilter": "fuel", "required": "true",
   "choices": [{"code": "coal_stove", "label": {"zh": "煤炉", "en": "Coal stove"}, "filter": "coal"},
               {"code": "gas_stove", "label": {"zh": "燃气灶", "en": "Gas stove"}, "filter": "gas"},
               {"code": "other", "label": {"zh": "其他", "en": "Other"}}]},
  {"id": "checked_alarm", "kind": "YES_NO_NA", "label": {"zh": "报警器", "en": "Alarm"},
   "defaultValue": "yes"},
  {"id": "rooms", "kind": "INTEGER", "label": {"zh": "房间", "en": "Rooms"}, "defaultValue": "2",
   "max": 9})j";

const char* kMedia = R"j(, "media": [{"name": "plate.jpg"}])j";

CompiledTemplate Stove() {
  auto r = LoadTemplateJson(Tpl(kFuelAndStove, kMedia));
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return *r;
}

TEST(FormsGuidance, AChoiceFilterOffersTheChoicesOfTheEarlierAnswer) {
  const CompiledTemplate t = Stove();
  auto session = FormSession::Create(t, kToday);
  ASSERT_TRUE(session.ok());
  FormSession& s = **session;
  EXPECT_THAT(s.OfferedChoices("stove"), ElementsAre("other")) << "unanswered: unfiltered only";
  ASSERT_TRUE(s.SetAnswer(MakeAnswer(t, "fuel", "coal")).ok());
  EXPECT_THAT(s.OfferedChoices("stove"), ElementsAre("coal_stove", "other"));
  ASSERT_TRUE(s.SetAnswer(MakeAnswer(t, "stove", "coal_stove")).ok());
  EXPECT_THAT(s.Snapshot().constraint_failures, IsEmpty());
  // The fuel changes: the stove answer no longer fits and fails as a constraint would.
  ASSERT_TRUE(s.SetAnswer(MakeAnswer(t, "fuel", "gas")).ok());
  const Evaluation e = s.Snapshot();
  ASSERT_EQ(e.constraint_failures.size(), 1u);
  EXPECT_EQ(e.constraint_failures[0].item_id, "stove");
  EXPECT_EQ(e.constraint_failures[0].message.zh(), "所选选项不适用于前面的回答，请重新选择。");
}

TEST(FormsGuidance, NotesAreShownButNeverAnsweredOrCounted) {
  const CompiledTemplate t = Stove();
  auto e = Evaluate(t, {MakeAnswer(t, "fuel", "coal")}, kToday);
  ASSERT_TRUE(e.ok());
  EXPECT_THAT(e->visible_notes, ElementsAre("tip"));
  EXPECT_THAT(e->visible_items, ElementsAre("fuel", "stove", "checked_alarm", "rooms"));
  auto gas = Evaluate(t, {MakeAnswer(t, "fuel", "gas")}, kToday);
  ASSERT_TRUE(gas.ok());
  EXPECT_THAT(gas->visible_notes, IsEmpty()) << "a note follows its relevant";
  v1::Answer to_note;
  to_note.set_item_id("tip");
  to_note.mutable_value()->set_text("x");
  EXPECT_THAT(Evaluate(t, {to_note}, kToday).status().message(), HasSubstr("is a note"));
}

TEST(FormsGuidance, DefaultsFillANewVisitOnlyWhereTheWorkerHasNotAnswered) {
  const CompiledTemplate t = Stove();
  auto session = FormSession::Create(t, kToday);
  ASSERT_TRUE(session.ok());
  FormSession& s = **session;
  ASSERT_TRUE(s.ClearAnswer("rooms").ok());  // the worker cleared it: stays cleared
  s.ApplyDefaults();
  const auto answers = s.Answers();
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].item_id(), "checked_alarm");
  EXPECT_EQ(answers[0].value().yes_no(), v1::YES);
  // A stored visit is what was answered: Evaluate applies no default.
  auto e = Evaluate(t, {}, kToday);
  ASSERT_TRUE(e.ok());
  EXPECT_EQ(e->answered_visible, 0);
}

TEST(FormsGuidance, TheCheckerRefusesBadFiltersDefaultsNotesAndHintImages) {
  auto refused = [](const std::string& json) {
    auto r = LoadTemplateJson(json);
    return r.ok() ? std::string("accepted") : r.status().message();
  };
  EXPECT_EQ(refused(Tpl(kFuelAndStove, kMedia)), "accepted");
  EXPECT_THAT(refused(Tpl(kFuelAndStove)),
              HasSubstr("item 'tip', field 'hintImage': names 'plate.jpg', which is not in the "
                        "template's media"));
  EXPECT_THAT(
      refused(Tpl(kFuelAndStove, R"j(, "media": [{"name": "plate.jpg"}, {"name": "plate.jpg"}])j")),
      HasSubstr("duplicate media name"));
  const std::string base = std::string(kFuelAndStove) + ",";
  EXPECT_THAT(refused(Tpl(base + R"j({"id": "a", "kind": "INTEGER", "label": {"zh": "a", "en": "a"},
                                      "defaultValue": "two"})j",
                          kMedia)),
              HasSubstr("item 'a', field 'defaultValue': 'two' is not a whole number"));
  EXPECT_THAT(refused(Tpl(base + R"j({"id": "a", "kind": "INTEGER", "label": {"zh": "a", "en": "a"},
                                      "defaultValue": "12", "max": 9})j",
                          kMedia)),
              HasSubstr("the default is not a valid answer: The value must be at most 9"));
  EXPECT_THAT(
      refused(Tpl(base + R"j({"id": "a", "kind": "YES_NO_NA", "label": {"zh": "a", "en": "a"},
                                      "defaultValue": "maybe"})j",
                  kMedia)),
      HasSubstr("a yes_no_na default is yes, no or na"));
  EXPECT_THAT(refused(Tpl(base + R"j({"id": "a", "kind": "NOTE", "label": {"zh": "a", "en": "a"},
                                      "required": "true"})j",
                          kMedia)),
              HasSubstr("item 'a', field 'kind': is NOTE, which is read-only guidance text"));
  EXPECT_THAT(refused(Tpl(base + R"j({"id": "a", "kind": "TEXT", "label": {"zh": "a", "en": "a"},
                                      "choiceFilter": "fuel"})j",
                          kMedia)),
              HasSubstr("only single_choice and multi_choice items filter"));
  EXPECT_THAT(
      refused(Tpl(base + R"j({"id": "a", "kind": "SINGLE_CHOICE", "label": {"zh": "a", "en": "a"},
                                      "choiceFilter": "rooms",
                                      "choices": [{"code": "x", "label": {"zh": "x", "en": "x"}}]})j",
                  kMedia)),
      HasSubstr("item 'a', field 'choiceFilter': column 1: must be text"));
  EXPECT_THAT(
      refused(Tpl(base + R"j({"id": "a", "kind": "YES_NO_NA", "label": {"zh": "a", "en": "a"},
                                      "relevant": "tip == 'x'"})j",
                  kMedia)),
      HasSubstr("unknown item 'tip'"));
}

}  // namespace
}  // namespace qiaomen::core::forms
