#include "qiaomen/cli/visit_file.h"

#include <gtest/gtest.h>

namespace qiaomen::cli {
namespace {

TEST(VisitFileTest, ParsesAWholeVisit) {
  auto visit = ParseVisitFile(R"({"subject": "H001", "template": "household_winter@2",
    "outcome": "nobody_home", "started_at": "2026-11-28T09:05:00+08:00",
    "finished_at": 1795828200000, "location": {"lat": 40.5, "lon": 116.25, "accuracy_m": 7},
    "answers": {"a": "yes", "b": 3}, "photos": {"p": ["x.jpg", "/abs/y.jpg"]},
    "education": ["leaflet"], "note": "n"})",
                              "/base");
  ASSERT_TRUE(visit.ok()) << visit.status().message();
  EXPECT_EQ(visit->subject, "H001");
  EXPECT_EQ(visit->template_id, "household_winter");
  EXPECT_EQ(visit->template_version, 2u);
  EXPECT_EQ(visit->outcome, v1::NOBODY_HOME);
  EXPECT_EQ(visit->started_at_ms, 1795827900000);  // 01:05 UTC
  EXPECT_EQ(visit->finished_at_ms, 1795828200000);
  EXPECT_TRUE(visit->has_location);
  EXPECT_DOUBLE_EQ(visit->location.latitude(), 40.5);
  ASSERT_EQ(visit->answers.size(), 2u);
  EXPECT_EQ(visit->photos.at("p")[0], "/base/x.jpg");
  EXPECT_EQ(visit->photos.at("p")[1], "/abs/y.jpg");
  EXPECT_EQ(visit->education, std::vector<std::string>{"leaflet"});
}

TEST(VisitFileTest, ListsEveryProblemByField) {
  auto visit = ParseVisitFile(R"({"outcome": "gone", "started_at": "yesterday",
    "colour": "blue"})",
                              "");
  ASSERT_FALSE(visit.ok());
  EXPECT_EQ(visit.status().code(), core::Code::kInvalidArgument);
  const std::string m = visit.status().message();
  EXPECT_NE(m.find("field 'outcome'"), std::string::npos) << m;
  EXPECT_NE(m.find("field 'started_at'"), std::string::npos) << m;
  EXPECT_NE(m.find("field 'colour': is not a visit field"), std::string::npos) << m;
  EXPECT_NE(m.find("field 'subject': is required"), std::string::npos) << m;
  EXPECT_NE(m.find("field 'finished_at': is required"), std::string::npos) << m;
}

TEST(VisitFileTest, RejectsWhatIsNotJson) {
  auto visit = ParseVisitFile("{not json", "");
  ASSERT_FALSE(visit.ok());
  EXPECT_NE(visit.status().message().find("not valid JSON"), std::string::npos);
}

TEST(VisitFileTest, TimestampsInSeveralForms) {
  EXPECT_EQ(*ParseTimestamp("1970-01-01T00:00:01Z"), 1000);
  EXPECT_EQ(*ParseTimestamp("1970-01-01T08:00:00+08:00"), 0);
  EXPECT_EQ(*ParseTimestamp("1970-01-01 08:01+08:00"), 60000);
  EXPECT_EQ(*ParseTimestamp("1234"), 1234);
  EXPECT_FALSE(ParseTimestamp("1970-13-01T00:00:00Z").ok());
  EXPECT_FALSE(ParseTimestamp("noon").ok());
}

// A wall-clock time without its offset could be the phone's zone, the county's or UTC: eight
// hours apart in the county. It is refused with the fix, not guessed.
TEST(VisitFileTest, ATimeWithoutAnOffsetIsRefused) {
  for (const char* text : {"2026-11-28T09:32:00", "2026-11-28 09:32", "2026-11-28T09:32"}) {
    auto t = ParseTimestamp(text);
    ASSERT_FALSE(t.ok()) << text;
    EXPECT_NE(t.status().message().find("+08:00"), std::string::npos) << t.status().message();
    EXPECT_NE(t.status().message().find("offset"), std::string::npos) << t.status().message();
  }
}

// Issue 18: each problem is a catalogue message where it is found, so the command says it in the
// chosen language; the status keeps the English text of the same messages.
TEST(VisitFileTest, ProblemsAreSaidInEitherLanguage) {
  std::vector<FileProblem> problems;
  auto visit = ParseVisitFile(R"({"subject": "H001", "outcome": "checked", "template": "x",
    "started_at": "2026-11-28 09:30", "finished_at": true})",
                              "", &problems);
  ASSERT_FALSE(visit.ok());
  ASSERT_EQ(problems.size(), 2u);
  const std::string zh = VisitFileProblemsText(problems, core::domain::Language::kZh);
  EXPECT_NE(zh.find("走访文件有 2 处问题"), std::string::npos) << zh;
  EXPECT_NE(zh.find("字段 started_at：“2026-11-28 09:30”没有时区偏移"), std::string::npos) << zh;
  EXPECT_NE(zh.find("2026-11-28T09:30:00+08:00"), std::string::npos) << zh;
  EXPECT_NE(zh.find("字段 finished_at：时间必须是字符串"), std::string::npos) << zh;
  const std::string en = VisitFileProblemsText(problems, core::domain::Language::kEn);
  EXPECT_EQ(en, visit.status().message());
  EXPECT_NE(en.find("field 'finished_at': a time must be a string"), std::string::npos) << en;
  FileProblem when;
  EXPECT_FALSE(ParseTimestamp("2026-13-01T00:00:00Z", &when).ok());
  EXPECT_EQ(ProblemText(when, core::domain::Language::kZh),
            "“2026-13-01T00:00:00Z”不是有效的时间，应写成 2026-11-28T09:05:00+08:00 这样");
}

}  // namespace
}  // namespace qiaomen::cli
