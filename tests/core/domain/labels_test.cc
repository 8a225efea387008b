#include "qiaomen/core/domain/labels.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <string>

namespace qiaomen::core::domain {
namespace {

TEST(LabelsTest, OutcomesHaveCodesAndBothLanguages) {
  EXPECT_EQ(OutcomeLabel(v1::NOBODY_HOME).code, "nobody_home");
  EXPECT_EQ(OutcomeLabel(v1::NOBODY_HOME).zh, "无人在家");
  EXPECT_EQ(OutcomeLabel(v1::CHECKED).In(Language::kEn), "Checked");
  EXPECT_EQ(OutcomeLabel(v1::VISIT_OUTCOME_UNSPECIFIED).code, "unspecified");
  for (int n = 1; n <= 6; ++n) {  // 6: no_shelter, a village's record (issue 16)
    const auto outcome = static_cast<v1::VisitOutcome>(n);
    EXPECT_EQ(OutcomeFromCode(OutcomeLabel(outcome).code), outcome) << n;
  }
  EXPECT_FALSE(OutcomeFromCode("unspecified"));
  EXPECT_FALSE(OutcomeFromCode("Checked"));
}

TEST(LabelsTest, SubjectKindsParseFromCodeOrChinese) {
  EXPECT_EQ(SubjectKindLabel(v1::PREMISES).code, "premises");
  EXPECT_EQ(SubjectKindLabel(v1::PREMISES).zh, "场所");
  EXPECT_EQ(SubjectKindFromText("household"), v1::HOUSEHOLD);
  EXPECT_EQ(SubjectKindFromText("住户"), v1::HOUSEHOLD);
  EXPECT_EQ(SubjectKindFromText("设施"), v1::FACILITY);
  EXPECT_FALSE(SubjectKindFromText("house"));
  EXPECT_EQ(SubjectKindFromCode("facility"), v1::FACILITY);
  EXPECT_EQ(SubjectKindFromCode("village"), v1::VILLAGE);
  EXPECT_FALSE(SubjectKindFromCode("设施")) << "stored codes are never Chinese";
}

TEST(LabelsTest, SeveritiesAndStatuses) {
  EXPECT_EQ(SeverityLabel(v1::MAJOR).zh, "重大隐患");
  EXPECT_EQ(SeverityLabel(v1::GENERAL).code, "general");
  EXPECT_EQ(SeverityFromCode("major"), v1::MAJOR);
  EXPECT_FALSE(SeverityFromCode("2"));
  EXPECT_EQ(HazardStatusCode(HazardStatus::kReinspected), "reinspected");
  EXPECT_EQ(HazardStatusName(HazardStatus::kOrdered), "限期整改");
  EXPECT_EQ(HazardStatusName(HazardStatus::kClosed, Language::kEn), "Closed");
}

TEST(LabelsTest, EveryShippedCategoryHasLabelsAndUnknownOnesKeepTheirCode) {
  // Every "category" the shipped checklists name.
  std::set<std::string> seen;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(QIAOMEN_SOURCE_DIR) + "/checklists")) {
    if (entry.path().extension() != ".json") continue;  // checklists/xlsx/: the same as workbooks
    std::ifstream in(entry.path());
    const std::string json{std::istreambuf_iterator<char>(in), {}};
    const std::string key = "\"category\":";
    for (size_t at = json.find(key); at != std::string::npos; at = json.find(key, at + 1)) {
      const size_t open = json.find('"', at + key.size());
      const size_t close = json.find('"', open + 1);
      ASSERT_NE(close, std::string::npos) << entry.path();
      seen.insert(json.substr(open + 1, close - open - 1));
    }
  }
  EXPECT_GE(seen.size(), 10u);
  for (const std::string& code : seen) {
    const Label label = HazardCategoryLabel(code);
    EXPECT_EQ(label.code, code);
    EXPECT_NE(label.zh, code) << code << " needs a Chinese label in labels.cc";
    EXPECT_NE(label.en, code) << code << " needs an English label in labels.cc";
  }
  EXPECT_EQ(HazardCategoryLabel("gas").zh, "燃气");
  const Label unknown = HazardCategoryLabel("boats");
  EXPECT_EQ(unknown.zh, "boats");
  EXPECT_EQ(unknown.en, "boats");
}

// Every education code the shipped household checklist offers has a Chinese label here too, so
// a visit made with another checklist still reads in Chinese on the console.
TEST(LabelsTest, EducationCodesHaveChineseLabels) {
  for (const char* code : {"leaflet", "reminder", "family_message", "demo"}) {
    const Label label = EducationLabel(code);
    EXPECT_NE(label.zh, code) << code;
    EXPECT_NE(label.en, code) << code;
  }
  EXPECT_EQ(EducationLabel("reminder").zh, "入户提醒");
  EXPECT_EQ(EducationLabel("song").zh, "song");
}

}  // namespace
}  // namespace qiaomen::core::domain
