#include "qiaomen/server/county_cli.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <sstream>

#include "qiaomen/base/message_format.h"
#include "qiaomen/testing/county_server.h"
#include "qiaomen/testing/temp_dir.h"
#include "server/src/cli/county_messages.h"

namespace qiaomen::server {
namespace {

TEST(CountyCliTest, HelpListsCommandsAndUnknownCommandIsAUsageError) {
  std::ostringstream out, err;
  EXPECT_EQ(RunCountyCli({"help", "--lang", "en"}, out, err), 0);
  EXPECT_NE(out.str().find("Usage: qiaomen-county"), std::string::npos);
  // Issue 18, item 2: Chinese without a locale, each command's summary from the catalogue.
  for (const char* name : {"LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"}) ::unsetenv(name);
  std::ostringstream zh, zh_err;
  EXPECT_EQ(RunCountyCli({"help"}, zh, zh_err), 0);
  EXPECT_NE(zh.str().find("用法：qiaomen-county"), std::string::npos) << zh.str();
  EXPECT_NE(zh.str().find("列出已注册的设备"), std::string::npos) << zh.str();
  EXPECT_NE(zh.str().find("  5  县服务器拒绝"), std::string::npos) << zh.str();
  EXPECT_EQ(zh.str().find("Usage:"), std::string::npos) << zh.str();
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCountyCli({"frobnicate"}, out2, err2), 2);
  EXPECT_NE(err2.str().find("unknown command 'frobnicate'"), std::string::npos);
}

// Issue 18, item 1: one catalogue per language, each with every message.
TEST(CountyCliTest, EveryMessageHasATextInBothCataloguesWithTheSameArguments) {
  using core::domain::Language;
  for (int i = 0; i < static_cast<int>(CountyMsg::kCount); ++i) {
    const auto id = static_cast<CountyMsg>(i);
    const auto zh = CountyMessageText(id, Language::kZh);
    const auto en = CountyMessageText(id, Language::kEn);
    EXPECT_FALSE(zh.empty()) << "message " << i << " has no Chinese text";
    EXPECT_FALSE(en.empty()) << "message " << i << " has no English text";
    EXPECT_EQ(base::MessageArgCount(zh), base::MessageArgCount(en)) << "message " << i;
  }
}

// Chinese by default, English with --lang en or an English locale; a bad --lang is a usage error.
TEST(CountyCliTest, SpeaksChineseByDefaultAndEnglishWhenAsked) {
  testing::TempDir dir;
  ::unsetenv("LANG");
  ::unsetenv("LC_ALL");
  ::unsetenv("LC_MESSAGES");
  ::unsetenv("LANGUAGE");
  auto zh = testing::RunCounty({"init", "--data", dir.Join("zh"), "--name", "Demo"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("已初始化"), std::string::npos) << zh.out;
  auto en = testing::RunCounty({"init", "--data", dir.Join("en"), "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_NE(en.out.find("Initialised"), std::string::npos) << en.out;
  ::setenv("LANG", "en_US.UTF-8", 1);
  auto locale = testing::RunCounty({"report", "--data", dir.Join("en")});
  ::unsetenv("LANG");
  ASSERT_EQ(locale.exit_code, 0) << locale.err;
  EXPECT_NE(locale.out.find("Coverage (visited / subjects)"), std::string::npos) << locale.out;
  auto json = testing::RunCounty({"report", "--data", dir.Join("en"), "--format", "json"});
  EXPECT_NE(json.out.find("\"visits\":"), std::string::npos) << json.out;
  auto bad = testing::RunCounty({"report", "--data", dir.Join("en"), "--lang", "fr"});
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.err.find("--lang must be zh"), std::string::npos) << bad.err;
}

// Issue 18, item 3: a database out of reach is said from the catalogue with what to do; the
// library's own text (libpq's) only with --verbose.
TEST(CountyCliTest, AnUnreachableDatabaseIsSaidInTheChosenLanguage) {
  testing::TempDir dir;
  for (const char* name : {"LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"}) ::unsetenv(name);
  const std::vector<std::string> init = {"init", "--data", dir.Join("county"), "--db",
                                         "postgresql://127.0.0.1:1/county"};
  auto zh = testing::RunCounty(init);
  EXPECT_EQ(zh.exit_code, 4) << zh.err;
  EXPECT_NE(zh.err.find("连不上数据库"), std::string::npos) << zh.err;
  EXPECT_EQ(zh.err.find("Connection refused"), std::string::npos) << zh.err;
  std::vector<std::string> verbose = init;
  verbose.push_back("--verbose");
  auto detail = testing::RunCounty(verbose);
  EXPECT_EQ(detail.exit_code, 4);
  EXPECT_NE(detail.err.find("详情：Cannot connect to PostgreSQL"), std::string::npos) << detail.err;
  std::vector<std::string> english = init;
  english.push_back("--lang=en");
  auto en = testing::RunCounty(english);
  EXPECT_NE(en.err.find("Cannot reach the database: check --db"), std::string::npos) << en.err;
}

// Issue 18, item 1: the listings, the staff commands, quarantine and bundle-key speak Chinese by
// default and English with --lang en (each line from the catalogues, nothing left in English).
TEST(CountyCliTest, ListingsStaffQuarantineAndBundleKeySpeakTheChosenLanguage) {
  testing::TempDir dir;
  for (const char* name : {"LANG", "LC_ALL", "LC_MESSAGES", "LANGUAGE"}) ::unsetenv(name);
  const std::string data = dir.Join("county");
  ASSERT_EQ(testing::RunCounty({"init", "--data", data, "--name", "Demo"}).exit_code, 0);
  auto worker = testing::RunCounty({"add-worker", "--data", data, "--id", "c-li", "--name", "李",
                                    "--role", "county", "--scope", "county"});
  ASSERT_EQ(worker.exit_code, 0) << worker.err;
  EXPECT_NE(worker.out.find("（县级管理员 county，county）"), std::string::npos) << worker.out;
  struct Case {
    std::vector<std::string> args;
    std::string input;
    std::string zh, en;
  };
  const std::vector<Case> cases = {
      {{"workers"}, "", "县级管理员", "county staff"},
      {{"workers"}, "", "姓名", "Name"},
      {{"devices"}, "", "还没有注册的设备", "No devices enrolled yet"},
      {{"campaigns"}, "", "还没有检查活动", "No campaigns yet"},
      {{"checklists"}, "", "还没有发布检查表", "No checklists published yet"},
      {{"quarantine"}, "", "没有被拒收的更改", "Nothing is quarantined"},
      {{"bundle-key"}, "", "公钥指纹", "Public key fingerprint"},
      {{"add-staff", "--id", "s-zhao", "--name", "赵", "--role", "county", "--scope", "county"},
       "",
       "管理账号 s-zhao",
       "Staff account s-zhao"},
      {{"set-password", "--id", "s-zhao"},
       "a-long-enough-password\n",
       "密码已设置",
       "is set; its open sessions have ended"},
  };
  for (const Case& c : cases) {
    std::vector<std::string> args = c.args;
    args.insert(args.begin() + 1, {"--data", data});
    auto zh = testing::RunCounty(args, c.input);
    ASSERT_EQ(zh.exit_code, 0) << c.args[0] << ": " << zh.err;
    EXPECT_NE(zh.out.find(c.zh), std::string::npos) << c.args[0] << ": " << zh.out;
    EXPECT_EQ(zh.out.find(c.en), std::string::npos) << c.args[0] << ": " << zh.out;
    args.push_back("--lang=en");
    auto en = testing::RunCounty(args, c.input);
    ASSERT_EQ(en.exit_code, 0) << c.args[0] << ": " << en.err;
    EXPECT_NE(en.out.find(c.en), std::string::npos) << c.args[0] << ": " << en.out;
    EXPECT_EQ(en.out.find(c.zh), std::string::npos) << c.args[0] << ": " << en.out;
  }
}

}  // namespace
}  // namespace qiaomen::server
