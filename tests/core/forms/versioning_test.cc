// Versioning and the server's visit check: a visit keeps the id@version it was made with, and
// publishing a newer version never invalidates it.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "forms_test_util.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/forms/template_registry.h"

namespace qiaomen::core::forms {
namespace {

using ::testing::HasSubstr;
using testing::MakeAnswer;

// v3 asks for a flue; v4 adds a required CO alarm question and drops the 'wood' fuel code.
std::string Version(int v) {
  std::string fuels = R"j([{"code": "coal", "label": {"zh": "煤", "en": "Coal"}},
      {"code": "electric", "label": {"zh": "电", "en": "Electric"}})j";
  if (v == 3) fuels += R"j(, {"code": "wood", "label": {"zh": "柴", "en": "Wood"}})j";
  std::string items =
      R"j({"id": "fuel", "kind": "SINGLE_CHOICE", "label": {"zh": "燃料", "en": "Fuel"},
      "required": "true", "choices": )j" +
      fuels + R"j(]},
      {"id": "flue", "kind": "YES_NO_NA", "label": {"zh": "烟道", "en": "Flue"}, "required": "true"})j";
  if (v >= 4) {
    items +=
        R"j(, {"id": "co_alarm", "kind": "YES_NO_NA", "label": {"zh": "报警器", "en": "CO alarm"},
      "required": "true"})j";
  }
  return R"j({"id": "winter", "version": )j" + std::to_string(v) +
         R"j(, "title": {"zh": "冬季", "en": "Winter"}, "sections": [{"id": "s",
      "title": {"zh": "节", "en": "S"}, "items": [)j" +
         items + "]}]}";
}

v1::Visit VisitWith(const CompiledTemplate& t, uint32_t version,
                    std::vector<std::pair<std::string, std::string>> answers) {
  v1::Visit visit;
  visit.set_template_id("winter");
  visit.set_template_version(version);
  visit.set_outcome(v1::CHECKED);
  visit.set_started_at_ms(1768003200000);  // 2026-01-10T00:00:00Z
  visit.set_finished_at_ms(1768006800000);
  for (const auto& [item, value] : answers) *visit.add_answers() = MakeAnswer(t, item, value);
  return visit;
}

TEST(FormsVersioning, OlderVisitStaysValidAfterNewerVersionIsPublished) {
  TemplateRegistry registry;
  auto v3 = registry.AddJson(Version(3));
  ASSERT_TRUE(v3.ok()) << v3.status().ToString();
  const v1::Visit visit = VisitWith(*v3, 3, {{"fuel", "wood"}, {"flue", "yes"}});
  ASSERT_TRUE(registry.ValidateVisit(visit).ok());

  auto v4 = registry.AddJson(Version(4));
  ASSERT_TRUE(v4.ok()) << v4.status().ToString();
  EXPECT_THAT(registry.Versions("winter"), ::testing::ElementsAre(3u, 4u));
  EXPECT_EQ(registry.Latest("winter")->version(), 4u);

  // The v3 visit is still judged by v3 and stays valid.
  EXPECT_TRUE(registry.ValidateVisit(visit).ok()) << registry.ValidateVisit(visit).ToString();
  // The same answers under v4 are not: the new question is missing and 'wood' is gone.
  v1::Visit as_v4 = visit;
  as_v4.set_template_version(4);
  const Status st = registry.ValidateVisit(as_v4);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("item 'co_alarm': is required but not answered"));
  EXPECT_THAT(st.message(),
              HasSubstr("item 'fuel': Choice 'wood' is not one of this item's choices"));
}

TEST(FormsVersioning, APublishedVersionNeverChanges) {
  TemplateRegistry registry;
  ASSERT_TRUE(registry.AddJson(Version(3)).ok());
  EXPECT_TRUE(registry.AddJson(Version(3)).ok());  // the same content again is a no-op
  std::string changed = Version(3);
  changed.replace(changed.find("冬季"), std::string("冬季").size(), "冬天");
  auto r = registry.AddJson(changed);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), Code::kAlreadyExists);
  EXPECT_THAT(r.status().message(), HasSubstr("publish the change as version 4"));
  EXPECT_EQ(registry.Get("winter", 3)->proto().title().zh(), "冬季");
  EXPECT_EQ(registry.Get("winter", 9).status().code(), Code::kNotFound);
  EXPECT_EQ(registry.Latest("summer").status().code(), Code::kNotFound);
}

TEST(FormsValidateVisit, ListsEveryProblemByItem) {
  auto t = LoadTemplateJson(Version(4));
  ASSERT_TRUE(t.ok());
  v1::Visit visit = VisitWith(*t, 4, {{"fuel", "coal"}});
  v1::Answer unknown = MakeAnswer(*t, "flue", "yes");
  unknown.set_item_id("chimney");
  *visit.add_answers() = unknown;
  v1::Answer wrong_kind;
  wrong_kind.set_item_id("flue");
  wrong_kind.mutable_value()->set_integer(1);
  *visit.add_answers() = wrong_kind;
  const Status st = ValidateVisit(*t, visit);
  EXPECT_EQ(st.code(), Code::kInvalidArgument);
  EXPECT_THAT(st.message(), HasSubstr("item 'chimney': is not in this checklist"));
  EXPECT_THAT(st.message(), HasSubstr("item 'flue': the answer has the wrong kind"));
  EXPECT_THAT(st.message(), HasSubstr("item 'co_alarm': is required but not answered"));

  // Nobody home: nothing is required, but what was answered must still be well formed.
  v1::Visit nobody = VisitWith(*t, 4, {});
  nobody.set_outcome(v1::NOBODY_HOME);
  EXPECT_TRUE(ValidateVisit(*t, nobody).ok());
  *nobody.add_answers() = unknown;
  EXPECT_FALSE(ValidateVisit(*t, nobody).ok());

  // The visit must name the template it is checked against, and carry its time.
  v1::Visit other = VisitWith(*t, 3, {{"fuel", "coal"}, {"flue", "no"}, {"co_alarm", "yes"}});
  EXPECT_THAT(ValidateVisit(*t, other).message(), HasSubstr("made with checklist winter@3"));
  other.set_template_version(4);
  EXPECT_TRUE(ValidateVisit(*t, other).ok());
  other.set_started_at_ms(0);
  other.set_finished_at_ms(0);
  EXPECT_THAT(ValidateVisit(*t, other).message(), HasSubstr("no start or finish time"));
}

TEST(FormsValidateVisit, TodayComesFromTheVisitTime) {
  const std::string json = R"j({"id": "d", "version": 1, "title": {"zh": "日", "en": "D"},
    "sections": [{"id": "s", "title": {"zh": "节", "en": "S"}, "items": [
      {"id": "when", "kind": "DATE", "label": {"zh": "日期", "en": "Date"}, "required": "true",
       "constraint": "when <= today()", "constraintMessage": {"zh": "不能晚于今天", "en": "Not after today"}}]}]})j";
  auto t = LoadTemplateJson(json);
  ASSERT_TRUE(t.ok()) << t.status().ToString();
  v1::Visit visit;
  visit.set_template_id("d");
  visit.set_template_version(1);
  visit.set_outcome(v1::CHECKED);
  visit.set_finished_at_ms(1768003200000);  // 2026-01-10
  *visit.add_answers() = MakeAnswer(*t, "when", "2026-01-10");
  EXPECT_TRUE(ValidateVisit(*t, visit).ok());
  visit.mutable_answers(0)->mutable_value()->set_date("2026-01-11");
  EXPECT_THAT(ValidateVisit(*t, visit).message(), HasSubstr("item 'when': Not after today"));
  EXPECT_TRUE(ValidateVisit(*t, visit, EvalContext{"2026-01-11"}).ok());
}

}  // namespace
}  // namespace qiaomen::core::forms
