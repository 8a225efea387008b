#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>

#include "forms_test_util.h"
#include "qiaomen/core/forms/compiled_template.h"

namespace qiaomen::core::forms {
namespace {

using ::testing::HasSubstr;

// A valid two-item template; tests replace "@ITEMS@" / "@EXTRA@" to break it one way at a time.
std::string Template(const std::string& items, const std::string& extra = "") {
  return R"j({"id": "t", "version": 1, "title": {"zh": "测试", "en": "Test"},
    "sections": [{"id": "s", "title": {"zh": "节", "en": "Section"}, "items": [)j" +
         items + "]}]" + extra + "}";
}

const char* kFuel =
    R"j({"id": "fuel", "kind": "SINGLE_CHOICE", "label": {"zh": "燃料", "en": "Fuel"},
   "choices": [{"code": "coal", "label": {"zh": "煤", "en": "Coal"}},
               {"code": "gas", "label": {"zh": "气", "en": "Gas"}}]})j";

std::string Yn(const std::string& id, const std::string& extra = "") {
  return R"j({"id": ")j" + id + R"j(", "kind": "YES_NO_NA", "label": {"zh": "问", "en": "Q"})j" +
         extra + "}";
}

std::string Refused(const std::string& json) {
  auto r = LoadTemplateJson(json);
  return r.ok() ? "accepted" : r.status().message();
}

TEST(FormsTemplateChecker, AcceptsAValidTemplate) {
  auto r = LoadTemplateJson(
      Template(std::string(kFuel) + "," + Yn("flue", R"j(, "relevant": "fuel == 'coal'")j")));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->key(), "t@1");
  EXPECT_EQ(r->item_count(), 2);
  ASSERT_NE(r->FindItem("flue"), nullptr);
  EXPECT_EQ(r->FindItem("nope"), nullptr);
}

TEST(FormsTemplateChecker, RefusesUnknownReferenceNamingItemFieldAndColumn) {
  EXPECT_THAT(
      Refused(Template(std::string(kFuel) + "," +
                       Yn("flue", R"j(, "relevant": "fuel == 'coal' and stove == 'yes'")j"))),
      HasSubstr("item 'flue', field 'relevant': column 20: unknown item 'stove'"));
}

TEST(FormsTemplateChecker, RefusesCyclesNamingThePath) {
  const std::string m = Refused(Template(Yn("a", R"j(, "relevant": "b == 'yes'")j") + "," +
                                         Yn("b", R"j(, "relevant": "a == 'yes'")j")));
  EXPECT_THAT(m, HasSubstr("field 'relevant': depends on itself through the cycle"));
  EXPECT_THAT(m, ::testing::AnyOf(HasSubstr("a -> b -> a"), HasSubstr("b -> a -> b")));
  // A self reference, and a cycle through a computed value and a section.
  EXPECT_THAT(Refused(Template(Yn("a", R"j(, "relevant": "is_answered(a)")j"))),
              HasSubstr("item 'a', field 'relevant': depends on itself through the cycle a -> a"));
  EXPECT_THAT(
      Refused(Template(
          Yn("a", R"j(, "relevant": "c")j"),
          R"j(, "computed": [{"id": "c", "label": {"zh": "c", "en": "c"}, "expression": "a == 'yes'"}])j")),
      HasSubstr("depends on itself through the cycle"));
  EXPECT_THAT(Refused(R"j({"id": "t", "version": 1, "title": {"zh": "测", "en": "T"},
    "sections": [{"id": "s", "title": {"zh": "节", "en": "S"}, "relevant": "a == 'yes'", "items": [)j" +
                      Yn("a") + "]}]}"),
              HasSubstr("depends on itself through the cycle"));
}

TEST(FormsTemplateChecker, RefusesBadExpressionsWithPosition) {
  EXPECT_THAT(Refused(Template(std::string(kFuel) + "," +
                               Yn("flue", R"j(, "relevant": "fuel = 'coal'")j"))),
              HasSubstr("item 'flue', field 'relevant': column 6: '=' is not an operator"));
  EXPECT_THAT(Refused(Template(std::string(kFuel) + "," + Yn("flue", R"j(, "required": "fuel")j"))),
              HasSubstr("item 'flue', field 'required': column 1: must be a condition"));
  EXPECT_THAT(
      Refused(Template(
          std::string(kFuel) + "," +
          Yn("flue",
             R"j(, "constraint": "fuel > 1", "constraintMessage": {"zh": "x", "en": "x"})j"))),
      HasSubstr("item 'flue', field 'constraint': column 6: only numbers and dates"));
}

TEST(FormsTemplateChecker, RefusesDuplicateIdsAndUndefinedCodes) {
  EXPECT_THAT(Refused(Template(Yn("a") + "," + Yn("a"))),
              HasSubstr("item 'a', field 'id': duplicate item id"));
  EXPECT_THAT(
      Refused(
          Template(std::string(kFuel) + "," + Yn("flue", R"j(, "relevant": "fuel == 'wood'")j"))),
      HasSubstr("item 'flue', field 'relevant': column 9: choice code 'wood' is not defined "
                "for item 'fuel'"));
  EXPECT_THAT(Refused(Template(std::string(kFuel) + "," +
                               Yn("flue", R"j(, "relevant": "selected(fuel, 'oil')")j"))),
              HasSubstr("choice code 'oil' is not defined"));
}

TEST(FormsTemplateChecker, RefusesHazardRulesWithoutCategoryOrSeverity) {
  const std::string rules = R"j(, "hazardRules": [{"id": "h", "when": "a == 'no'",
      "title": {"zh": "隐患", "en": "Hazard"}, "deadlineDays": 3}])j";
  const std::string m = Refused(Template(Yn("a"), rules));
  EXPECT_THAT(m, HasSubstr("hazard rule 'h', field 'category': is missing"));
  EXPECT_THAT(m, HasSubstr("hazard rule 'h', field 'severity': must be GENERAL or MAJOR"));
  EXPECT_THAT(m, HasSubstr("has 2 problems"));
  const std::string bad_when =
      R"j(, "hazardRules": [{"id": "h", "when": "b == 'no'", "category": "gas",
      "severity": "MAJOR", "title": {"zh": "隐患", "en": "Hazard"}}])j";
  EXPECT_THAT(Refused(Template(Yn("a"), bad_when)),
              HasSubstr("hazard rule 'h', field 'when': column 1: unknown item 'b'"));
}

// A MAJOR rule with the given legal basis (zh), checked alone.
std::string MajorWithBasis(const std::string& basis_zh) {
  return Refused(Template(Yn("a"), R"j(, "hazardRules": [{"id": "gas_major", "when": "a == 'no'",
      "category": "gas", "severity": "MAJOR", "title": {"zh": "隐患", "en": "Hazard"},
      "legalBasis": {"zh": ")j" + basis_zh +
                                       R"j(", "en": "Basis"}}])j"));
}

TEST(FormsTemplateChecker, RefusesAMajorRuleWithoutALegalBasis) {
  const std::string m = Refused(Template(Yn("a"), R"j(, "hazardRules": [{"id": "gas_major",
      "when": "a == 'no'", "category": "gas", "severity": "MAJOR",
      "title": {"zh": "隐患", "en": "Hazard"}}])j"));
  EXPECT_THAT(m, HasSubstr("hazard rule 'gas_major', field 'legalBasis': is MAJOR but its legal "
                           "basis (zh) is empty"));
  EXPECT_THAT(m, HasSubstr("cite it, or make the rule GENERAL"));
  EXPECT_THAT(m, HasSubstr("has 1 problem;"));
  EXPECT_THAT(MajorWithBasis("  "), HasSubstr("is MAJOR but its legal basis (zh) is empty"));
}

TEST(FormsTemplateChecker, RefusesAMajorRuleCitingNoRegisteredCriterion) {
  // A law, or the county notice, with an article is still no major-hazard criterion.
  for (const std::string basis : {"《中华人民共和国消防法》第二十八条",
                                  "安政发〔2025〕1号（四）：着力解决气、瓶、阀、管、灶等方面问题",
                                  "《城镇燃气管理条例》第二十八条"}) {
    EXPECT_THAT(MajorWithBasis(basis),
                HasSubstr("hazard rule 'gas_major', field 'legalBasis': is MAJOR but names no "
                          "published major-hazard criterion (registered: GB 35181-2025"))
        << basis;
  }
  // The undated or superseded fire criterion is refused with the edition to cite.
  for (const std::string basis : {"《重大火灾隐患判定方法》GB 35181 第6.2条",
                                  "GB 35181-2017《重大火灾隐患判定方法》6.2", "GB35181 6.10"}) {
    EXPECT_THAT(MajorWithBasis(basis),
                HasSubstr("field 'legalBasis': cites GB 35181 without the 2025 edition"))
        << basis;
  }
}

TEST(FormsTemplateChecker, RefusesAMajorRuleNamingACriterionWithoutAClause) {
  EXPECT_THAT(MajorWithBasis("建城规〔2023〕4号《城镇燃气经营安全重大隐患判定标准》"),
              HasSubstr("hazard rule 'gas_major', field 'legalBasis': is MAJOR and names "
                        "建城规〔2023〕4号《城镇燃气经营安全重大隐患判定标准》 but no clause of "
                        "it; write the article (第N条) or clause number"));
  // The clause must belong to the criterion's citation, not to another document's.
  EXPECT_THAT(
      MajorWithBasis("《中华人民共和国消防法》第十六条；GB 35181-2025《重大火灾隐患判定规则》"),
      HasSubstr("names GB 35181-2025《重大火灾隐患判定规则》 but no clause of it"));
  // A year in the criterion's code is not a clause; nor is 第N号 or 第N项 alone.
  EXPECT_THAT(MajorWithBasis("应急管理部令第10号《工贸企业重大事故隐患判定标准》第项"),
              HasSubstr("but no clause of it"));
}

TEST(FormsTemplateChecker, AcceptsAMajorRuleCitingACriterionAndClause) {
  for (const std::string basis :
       {"建城规〔2023〕4号《城镇燃气经营安全重大隐患判定标准》第三条",
        "《城镇燃气经营安全重大隐患判定标准》第12条", "GB 35181-2025《重大火灾隐患判定规则》5.1",
        "《中华人民共和国消防法》第二十八条；GB 35181-2025《重大火灾隐患判定规则》6.2.3",
        "应急管理部令第10号《工贸企业重大事故隐患判定标准》第十一条"}) {
    EXPECT_EQ(MajorWithBasis(basis), "accepted") << basis;
  }
  // A GENERAL rule needs no basis at all.
  EXPECT_EQ(Refused(Template(Yn("a"), R"j(, "hazardRules": [{"id": "h", "when": "a == 'no'",
      "category": "gas", "severity": "GENERAL", "title": {"zh": "隐患", "en": "Hazard"}}])j")),
            "accepted");
}

// One hazard rule on item "a" with the given fields after its id, when, category and title.
std::string Rule(const std::string& fields) {
  return Refused(Template(Yn("a"), R"j(, "hazardRules": [{"id": "r", "when": "a == 'no'",
      "category": "gas", "title": {"zh": "隐患", "en": "Hazard"})j" +
                                       fields + "}]"));
}

TEST(FormsTemplateChecker, AnUrgencyAgreesWithTheDeadline) {
  EXPECT_EQ(Rule(R"j(, "severity": "GENERAL", "urgency": "IMMEDIATE")j"), "accepted");
  EXPECT_EQ(Rule(R"j(, "severity": "GENERAL", "urgency": "SAME_DAY")j"), "accepted");
  EXPECT_EQ(Rule(R"j(, "severity": "GENERAL", "urgency": "BY_DEADLINE", "deadlineDays": 7)j"),
            "accepted");
  // A rule from before urgencies (version 2 checklists) still loads: old visits stay valid.
  EXPECT_EQ(Rule(R"j(, "severity": "GENERAL", "deadlineDays": 7)j"), "accepted");
  EXPECT_THAT(Rule(R"j(, "severity": "GENERAL", "urgency": "IMMEDIATE", "deadlineDays": 1)j"),
              HasSubstr("field 'deadlineDays': must be 0 for an IMMEDIATE or SAME_DAY rule"));
  EXPECT_THAT(Rule(R"j(, "severity": "GENERAL", "urgency": "SAME_DAY", "deadlineDays": 3)j"),
              HasSubstr("must be 0 for an IMMEDIATE or SAME_DAY rule"));
  EXPECT_THAT(Rule(R"j(, "severity": "GENERAL", "urgency": "BY_DEADLINE")j"),
              HasSubstr("field 'deadlineDays': must be at least 1 for a BY_DEADLINE rule"));
}

TEST(FormsTemplateChecker, OnlyAGeneralRuleIsSuspectedMajor) {
  EXPECT_EQ(Rule(R"j(, "severity": "GENERAL", "urgency": "SAME_DAY", "suspectedMajor": true)j"),
            "accepted");
  EXPECT_THAT(Rule(R"j(, "severity": "MAJOR", "suspectedMajor": true, "legalBasis":
      {"zh": "GB 35181-2025《重大火灾隐患判定规则》5.1", "en": "GB 35181-2025, 5.1"})j"),
              HasSubstr("field 'suspectedMajor': is set on a MAJOR rule"));
}

TEST(FormsTemplateChecker, AnEmergencyRuleSaysWhatToDoAndIsNoHazard) {
  const std::string actions =
      R"j(, "emergency": true, "actions": [{"zh": "关阀", "en": "Close the valve"},
      {"zh": "开窗", "en": "Open the windows"}])j";
  EXPECT_EQ(Rule(actions), "accepted");
  EXPECT_THAT(Rule(R"j(, "emergency": true)j"),
              HasSubstr("field 'actions': is empty; an emergency rule says what to do now"));
  EXPECT_THAT(Rule(R"j(, "emergency": true, "actions": [{"zh": "关阀"}])j"),
              HasSubstr("action 1: needs text in both Chinese (zh) and English (en)"));
  for (const std::string& extra :
       {std::string(R"j(, "severity": "GENERAL")j"), std::string(R"j(, "deadlineDays": 1)j"),
        std::string(R"j(, "urgency": "IMMEDIATE")j"), std::string(R"j(, "suspectedMajor": true)j"),
        std::string(R"j(, "legalBasis": {"zh": "条", "en": "Art."})j")}) {
    EXPECT_THAT(Rule(actions + extra), HasSubstr("is an emergency rule; it takes no severity"))
        << extra;
  }
  EXPECT_THAT(Rule(R"j(, "severity": "GENERAL", "urgency": "IMMEDIATE",
      "actions": [{"zh": "关阀", "en": "Close the valve"}])j"),
              HasSubstr("field 'actions': is only for emergency rules"));
}

TEST(FormsTemplateChecker, RefusesStructuralMistakes) {
  EXPECT_THAT(Refused(Template(
                  R"j({"id": "x", "kind": "SINGLE_CHOICE", "label": {"zh": "问", "en": "Q"}})j")),
              HasSubstr("item 'x', field 'choices': a choice item needs choices"));
  EXPECT_THAT(
      Refused(Template(R"j({"id": "x", "kind": "YES_NO_NA", "label": {"zh": "问"}})j")),
      HasSubstr("item 'x', field 'label': needs text in both Chinese (zh) and English (en)"));
  EXPECT_THAT(Refused(Template(
                  R"j({"id": "Bad-Id", "kind": "YES_NO_NA", "label": {"zh": "问", "en": "Q"}})j")),
              HasSubstr("item 'Bad-Id', field 'id'"));
  EXPECT_THAT(
      Refused(Template(
          R"j({"id": "n", "kind": "DECIMAL", "min": 5, "max": 1, "label": {"zh": "问", "en": "Q"}})j")),
      HasSubstr("item 'n', field 'min': is greater than max"));
  EXPECT_THAT(
      Refused(Template(
          R"j({"id": "p", "kind": "TEXT", "pattern": "([a-z", "label": {"zh": "问", "en": "Q"}})j")),
      HasSubstr("item 'p', field 'pattern': is not a valid regular expression"));
  EXPECT_THAT(
      Refused(Template(
          R"j({"id": "p", "kind": "TEXT", "pattern": "((((a{9}){9}){9}){9})", "label": {"zh": "问", "en": "Q"}})j")),
      HasSubstr("item 'p', field 'pattern': must be at most 200 characters"));
  EXPECT_THAT(Refused(Template(R"j({"id": "x", "label": {"zh": "问", "en": "Q"}})j")),
              HasSubstr("item 'x', field 'kind': is missing"));
  EXPECT_THAT(Refused(Template(Yn("a", R"j(, "constraint": "a == 'yes'")j"))),
              HasSubstr("item 'a', field 'constraintMessage'"));
}

TEST(FormsTemplateChecker, RefusesConditionsThatAreNeverTrue) {
  // A required item whose relevance reads nothing and is false can never be shown.
  EXPECT_THAT(Refused(Template(Yn("a", R"j(, "required": "true", "relevant": "false")j"))),
              HasSubstr("item 'a', field 'relevant': is never true (it reads no answer), so "
                        "required item 'a' is never shown or answered"));
  EXPECT_THAT(Refused(Template(Yn("a", R"j(, "required": "true", "relevant": "1 > 2")j"))),
              HasSubstr("item 'a', field 'relevant': is never true"));
  // Null (division by zero) is never true either; 'not' of a null stays null.
  EXPECT_THAT(
      Refused(Template(Yn("a", R"j(, "required": "true", "relevant": "not (1 / 0 > 1)")j"))),
      HasSubstr("item 'a', field 'relevant': is never true"));
  // A section that is never shown hides its required items.
  EXPECT_THAT(Refused(R"j({"id": "t", "version": 1, "title": {"zh": "测", "en": "T"},
    "sections": [{"id": "s", "title": {"zh": "节", "en": "S"}, "relevant": "2 < 1", "items": [)j" +
                      Yn("a", R"j(, "required": "true")j") + "]}]}"),
              HasSubstr("section 's', field 'relevant': is never true (it reads no answer), so "
                        "the required items in it are never shown or answered"));
  // A hazard rule whose condition is constant false is never raised.
  const std::string never = R"j(, "hazardRules": [{"id": "h", "when": "1 + 1 == 3",
      "category": "gas", "severity": "MAJOR", "title": {"zh": "隐患", "en": "Hazard"}}])j";
  EXPECT_THAT(Refused(Template(Yn("a"), never)),
              HasSubstr("hazard rule 'h', field 'when': is never true (it reads no answer), so "
                        "this hazard is never raised"));
  // Conditions that read an answer or today(), constant true ones, and a constant false one on an
  // item that is not required are all accepted.
  const std::string ok_rules = R"j(, "hazardRules": [
      {"id": "h1", "when": "a == 'no' and 1 > 2", "category": "gas", "severity": "GENERAL",
       "title": {"zh": "隐患", "en": "Hazard"}},
      {"id": "h2", "when": "today() - today() > 1", "category": "gas", "severity": "GENERAL",
       "title": {"zh": "隐患", "en": "Hazard"}},
      {"id": "h3", "when": "2 > 1", "category": "gas", "severity": "GENERAL",
       "title": {"zh": "隐患", "en": "Hazard"}}])j";
  EXPECT_EQ(Refused(Template(Yn("a", R"j(, "required": "true", "relevant": "1 < 2")j") + "," +
                                 Yn("b", R"j(, "relevant": "false")j") + "," +
                                 Yn("c", R"j(, "required": "true", "relevant": "a == 'yes'")j"),
                             ok_rules)),
            "accepted");
}

TEST(FormsTemplateChecker, BoundsTextPatterns) {
  // Back-references need a backtracking matcher, which the engine does not run.
  EXPECT_THAT(
      Refused(Template(
          R"j({"id": "p", "kind": "TEXT", "pattern": "(a)\\1", "label": {"zh": "问", "en": "Q"}})j")),
      HasSubstr("item 'p', field 'pattern': is not a valid regular expression (back-references"));
  // A patterned text is never longer than the default limit.
  EXPECT_THAT(
      Refused(Template(
          R"j({"id": "p", "kind": "TEXT", "pattern": "[0-9]*", "maxLength": 100000, "label": {"zh": "问", "en": "Q"}})j")),
      HasSubstr("item 'p', field 'maxLength': a text item with a pattern may allow at most 2000 "
                "characters"));
  std::string long_pattern(201, 'a');
  EXPECT_THAT(Refused(Template(R"j({"id": "p", "kind": "TEXT", "pattern": ")j" + long_pattern +
                               R"j(", "label": {"zh": "问", "en": "Q"}})j")),
              HasSubstr("item 'p', field 'pattern': must be at most 200 characters"));
}

// The fuzzer's seed templates (the shipped checklists and a small one with hostile patterns) stay
// valid, so fuzzing starts from templates that get past the checker.
TEST(FormsTemplateChecker, FuzzSeedTemplatesLoadClean) {
  int seeds = 0;
  for (const auto& entry : std::filesystem::directory_iterator(
           std::string(QIAOMEN_SOURCE_DIR) + "/tests/fuzz/corpus/template_checker")) {
    auto r = LoadTemplateJson(testing::ReadFile(entry.path().string()));
    EXPECT_TRUE(r.ok()) << entry.path() << ": " << r.status().ToString();
    ++seeds;
  }
  EXPECT_GE(seeds, 5);
}

TEST(FormsTemplateChecker, RefusesMalformedJsonAndUnknownFields) {
  EXPECT_THAT(Refused("{"), HasSubstr("not valid checklist JSON"));
  EXPECT_THAT(Refused(Template(Yn("a", R"j(, "relevent": "true")j"))),
              HasSubstr("not valid checklist JSON"));
  EXPECT_THAT(Refused(R"j({"id": "t", "version": 1, "title": {"zh": "测", "en": "T"}})j"),
              HasSubstr("has no items"));
}

}  // namespace
}  // namespace qiaomen::core::forms
