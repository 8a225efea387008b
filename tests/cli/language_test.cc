// Issue 18, item 1: the field client speaks Chinese by default and English with --lang en or an
// English locale, from one catalogue per language; times are the county's; a visit time without
// an offset is refused.
#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "cli_fixture.h"
#include "qiaomen/base/message_format.h"
#include "qiaomen/cli/messages.h"

namespace qiaomen::cli::testing {
namespace {

using core::domain::Language;

class LanguageTest : public CliFixture {};

TEST(MessagesTest, EveryMessageHasATextInBothCataloguesWithTheSameArguments) {
  for (int i = 0; i < static_cast<int>(Msg::kCount); ++i) {
    const auto id = static_cast<Msg>(i);
    const auto zh = MessageText(id, Language::kZh);
    const auto en = MessageText(id, Language::kEn);
    EXPECT_FALSE(zh.empty()) << "message " << i << " has no Chinese text";
    EXPECT_FALSE(en.empty()) << "message " << i << " has no English text";
    EXPECT_EQ(base::MessageArgCount(zh), base::MessageArgCount(en)) << "message " << i;
  }
}

TEST_F(LanguageTest, ChineseIsTheDefaultAndLangEnGivesEnglish) {
  Enroll("w-lang", "grids:T01-V01-G01");
  CliRun zh = Run({"status"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_TRUE(Contains(zh.out, "待发送更改")) << zh.out;
  EXPECT_FALSE(Contains(zh.out, "pending changes")) << zh.out;
  CliRun en = Run({"--lang", "en", "status"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_TRUE(Contains(en.out, "pending changes")) << en.out;
  CliRun after = Run({"status", "--lang=en"});
  EXPECT_TRUE(Contains(after.out, "pending changes")) << after.out;
  CliRun bad = Run({"--lang", "fr", "status"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_TRUE(Contains(bad.err, "--lang must be zh")) << bad.err;
  // --json keys stay English whatever the language.
  CliRun json = Run({"status", "--json"});
  EXPECT_TRUE(Contains(json.out, "\"pending_changes\":")) << json.out;
}

TEST_F(LanguageTest, AnEnglishLocaleGivesEnglish) {
  Enroll("w-locale", "grids:T01-V01-G01");
  ::setenv("LANG", "en_US.UTF-8", 1);
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::unsetenv("LANGUAGE");
  ::setenv("QIAOMEN_PIN", pins_.current.c_str(), 1);
  std::ostringstream out, err;
  const int code = RunFieldCli({"--data", profile_, "status"}, out, err);
  ::unsetenv("LANG");
  ::unsetenv("QIAOMEN_PIN");
  ASSERT_EQ(code, 0) << err.str();
  EXPECT_TRUE(Contains(out.str(), "pending changes")) << out.str();
}

std::string VisitAt(const std::string& started, const std::string& finished) {
  return R"({"subject": "H001", "template": "household_winter", "outcome": "nobody_home",
    "started_at": ")" +
         started + R"(", "finished_at": ")" + finished + R"("})";
}

TEST_F(LanguageTest, AVisitTimeIsShownInCountyTime) {
  Enroll("w-time", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  CliRun r =
      Run({"visit", "record",
           WriteFile("v.json", VisitAt("2026-11-28T09:30:00+08:00", "2026-11-28T09:32:00+08:00"))});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "无人在家")) << r.out;
  CliRun show = Run({"subject", "show", "H001"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, "2026-11-28 09:32")) << show.out;
  EXPECT_FALSE(Contains(show.out, "01:32")) << show.out;
  EXPECT_TRUE(Contains(show.out, "Asia/Shanghai")) << show.out;
}

TEST_F(LanguageTest, AVisitTimeWithoutAnOffsetIsRefused) {
  Enroll("w-nooffset", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  CliRun r = Run({"visit", "record",
                  WriteFile("v.json", VisitAt("2026-11-28T09:30:00", "2026-11-28T09:32:00"))});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(Contains(r.err, "没有时区偏移")) << r.err;
  EXPECT_TRUE(Contains(r.err, "2026-11-28T09:30:00+08:00")) << r.err;
  CliRun en = Run({"visit", "record", "--lang", "en",
                   WriteFile("v2.json", VisitAt("2026-11-28T09:30:00", "2026-11-28T09:32:00"))});
  EXPECT_EQ(en.exit_code, 1) << en.out;
  EXPECT_TRUE(Contains(en.err, "no time zone offset")) << en.err;
  EXPECT_TRUE(Contains(en.err, "+08:00")) << en.err;
  CliRun status = Run({"status", "--json"});
  EXPECT_EQ(Between(status.out, "pending_changes"), "0") << status.out;
}

}  // namespace
}  // namespace qiaomen::cli::testing
