// The publish-time checker on repeat groups: misuse is refused with a message that names the
// item and field and says what to write instead.

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>

#include "qiaomen/core/forms/compiled_template.h"

namespace qiaomen::core::forms {
namespace {

using ::testing::HasSubstr;

// A count item, a repeat of two items, and `extra` items after it; `repeat` is the repeat's JSON.
std::string Tpl(const std::string& repeat, const std::string& extra_items = "",
                const std::string& rules = "", const std::string& in_repeat = "") {
  return R"j({"id": "t", "version": 1, "title": {"zh": "测试", "en": "Test"},
    "sections": [
      {"id": "main", "title": {"zh": "概况", "en": "Main"}, "items": [
        {"id": "n", "kind": "INTEGER", "label": {"zh": "数", "en": "N"}},
        {"id": "name", "kind": "TEXT", "label": {"zh": "名", "en": "Name"}}]},
      {"id": "cyl", "title": {"zh": "气瓶", "en": "Cylinder"}, "repeat": )j" +
         repeat + R"j(, "items": [
        {"id": "valve", "kind": "YES_NO_NA", "label": {"zh": "阀", "en": "Valve"})j" +
         in_repeat +
         R"j(},
        {"id": "photo", "kind": "PHOTO", "label": {"zh": "照片", "en": "Photo"}}]},
      {"id": "bikes", "title": {"zh": "车", "en": "Bikes"}, "repeat": {"max": 3}, "items": [
        {"id": "indoor", "kind": "YES_NO_NA", "label": {"zh": "室内", "en": "Indoor"}}]},
      {"id": "end", "title": {"zh": "尾", "en": "End"}, "items": [
        {"id": "ok", "kind": "YES_NO_NA", "label": {"zh": "好", "en": "OK"})j" +
         extra_items +
         R"j(}]}]
    )j" + (rules.empty() ? "" : R"j(, "hazardRules": [)j" + rules + "]") +
         "}";
}

std::string Rule(const std::string& when, const std::string& extra = "") {
  return R"j({"id": "r", "when": ")j" + when +
         R"j(", "category": "gas", "severity": "GENERAL", "deadlineDays": 3,
     "title": {"zh": "坏", "en": "Bad"})j" +
         extra + "}";
}

std::string Refused(const std::string& json) {
  auto r = LoadTemplateJson(json);
  return r.ok() ? "accepted" : r.status().message();
}

const char* kByN = R"j({"countItem": "n", "max": 5})j";

TEST(FormsRepeatChecker, AcceptsTheThreeWaysToCount) {
  EXPECT_EQ(Refused(Tpl(kByN)), "accepted");
  EXPECT_EQ(Refused(Tpl(R"j({"count": 2})j")), "accepted");
  EXPECT_EQ(Refused(Tpl(R"j({"min": 1, "max": 4})j")), "accepted");
  EXPECT_EQ(
      Refused(Tpl(kByN, R"j(, "relevant": "any(valve == 'no') and count(indoor == 'yes') > 0")j",
                  Rule("valve == 'no' and instance() > 1", R"j(, "photoItem": "photo")j"),
                  R"j(, "constraint": "valve == 'yes' or instances(cyl) > 1",
                            "constraintMessage": {"zh": "不", "en": "No"})j")),
      "accepted");
}

TEST(FormsRepeatChecker, RefusesAReadOfARepeatItemFromOutsideWithoutAnAggregate) {
  EXPECT_THAT(
      Refused(Tpl(kByN, R"j(, "relevant": "valve == 'no'")j")),
      HasSubstr("item 'ok', field 'relevant': column 1: item 'valve' is in repeat 'cyl' and "
                "has one answer per instance; read it through any(), all(), count() or "
                "sum()"));
  EXPECT_THAT(
      Refused(Tpl(kByN, "", "", R"j(, "relevant": "indoor == 'yes'")j")),
      HasSubstr("item 'indoor' is in repeat 'bikes' and this expression is in repeat 'cyl'"));
  EXPECT_THAT(Refused(Tpl(kByN, R"j(, "relevant": "any(valve == 'no' or indoor == 'yes')")j")),
              HasSubstr("an aggregate reads the items of one repeat group"));
  EXPECT_THAT(Refused(Tpl(kByN, R"j(, "relevant": "any(name == 'x')")j")),
              HasSubstr("any() goes over the instances of a repeat group"));
  EXPECT_THAT(Refused(Tpl(kByN, R"j(, "relevant": "any(any(valve == 'no'))")j")),
              HasSubstr("cannot be used inside another aggregate"));
  EXPECT_THAT(Refused(Tpl(kByN, R"j(, "relevant": "sum(valve == 'no') > 1")j")),
              HasSubstr("the argument of sum() must be number"));
  EXPECT_THAT(Refused(Tpl(kByN, R"j(, "relevant": "instance() > 1")j")),
              HasSubstr("instance() is the number of the current instance"));
  EXPECT_THAT(Refused(Tpl(kByN, R"j(, "relevant": "instances(main) > 1")j")),
              HasSubstr("'main' is not a repeat section"));
  EXPECT_THAT(Refused(Tpl(kByN, "", Rule("instance() > 1"))),
              HasSubstr("hazard rule 'r', field 'when': column 1: instance() is the number"));
  EXPECT_THAT(
      Refused(Tpl(kByN, "", Rule("valve == 'no' and indoor == 'yes'"))),
      HasSubstr("item 'indoor' is in repeat 'bikes' and this expression is in repeat 'cyl'"));
}

TEST(FormsRepeatChecker, RefusesBadCountsAndPhotoItems) {
  EXPECT_THAT(Refused(Tpl(R"j({"countItem": "name"})j")),
              HasSubstr("section 'cyl', field 'repeat', countItem: item 'name' is not an integer "
                        "item"));
  EXPECT_THAT(Refused(Tpl(R"j({"countItem": "nope"})j")), HasSubstr("unknown item 'nope'"));
  EXPECT_THAT(Refused(Tpl(R"j({"countItem": "valve"})j")), HasSubstr("is not an integer item"));
  EXPECT_THAT(Refused(Tpl(R"j({"count": 2, "countItem": "n"})j")),
              HasSubstr("has both count and countItem"));
  EXPECT_THAT(Refused(Tpl(R"j({"count": 9, "max": 5})j")), HasSubstr("count is greater than max"));
  EXPECT_THAT(Refused(Tpl(R"j({"max": 51})j")), HasSubstr("max is over 50 instances"));
  EXPECT_THAT(Refused(Tpl(R"j({"min": 4, "max": 3})j")), HasSubstr("min is greater than max"));
  EXPECT_THAT(Refused(Tpl(R"j({"min": 1, "count": 3})j")),
              HasSubstr("min is only for an open-ended repeat"));
  EXPECT_THAT(Refused(Tpl(R"j({"count": 2, "instanceLabel": {"zh": "气瓶", "en": "cylinder"}})j")),
              HasSubstr("must hold {n}"));
  EXPECT_THAT(Refused(Tpl(kByN, "", Rule("ok == 'no'", R"j(, "photoItem": "photo")j"))),
              HasSubstr("hazard rule 'r', field 'photoItem': item 'photo' is in a repeat group"));
}

}  // namespace
}  // namespace qiaomen::core::forms
