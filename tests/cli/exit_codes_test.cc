// Issue 18: one exit code per meaning (core/exit_code.h), shown in --help, and with --json the
// error in the JSON output too.
#include <gtest/gtest.h>

#include <fstream>

#include "cli_fixture.h"
#include "qiaomen/core/exit_code.h"

namespace qiaomen::cli::testing {
namespace {

class ExitCodesTest : public CliFixture {};

TEST_F(ExitCodesTest, HelpShowsTheTable) {
  CliRun help = Run({"--lang", "en", "help"});
  ASSERT_EQ(help.exit_code, 0);
  EXPECT_TRUE(Contains(help.out, "Exit codes")) << help.out;
  EXPECT_TRUE(Contains(help.out, "  5  refused by the county server")) << help.out;
  auto county = County({"help", "--lang=en"});
  EXPECT_EQ(county.exit_code, 0);
  EXPECT_TRUE(Contains(county.out, "  5  refused by the county server")) << county.out;
}

// Issue 18, item 2: --help is Chinese by default, summaries and the table included.
TEST_F(ExitCodesTest, HelpIsChineseByDefault) {
  CliRun help = Run({"help"});
  ASSERT_EQ(help.exit_code, 0);
  EXPECT_TRUE(Contains(help.out, "用法：qiaomen")) << help.out;
  EXPECT_TRUE(Contains(help.out, "从 JSON 文件记录一次完整的走访")) << help.out;
  EXPECT_TRUE(Contains(help.out, "  3  PIN 不对")) << help.out;
  EXPECT_FALSE(Contains(help.out, "Usage:")) << help.out;
  EXPECT_FALSE(Contains(help.out, "record a whole visit")) << help.out;
  CliRun after = Run({"help", "--lang", "en"});
  EXPECT_TRUE(Contains(after.out, "record a whole visit from a JSON file")) << after.out;
}

// Issue 18, item 5: the README's table is the --help table, row by row.
TEST(ExitCodeTableTest, TheReadmeTableIsTheHelpTable) {
  std::ifstream readme(std::string(QIAOMEN_SOURCE_DIR) + "/README.md");
  ASSERT_TRUE(readme.good());
  std::string line, rows;
  bool in_table = false;
  while (std::getline(readme, line)) {
    if (line.rfind("## ", 0) == 0) in_table = line == "## Exit codes";
    if (!in_table || line.rfind("| ", 0) != 0 || line.rfind("| code", 0) == 0 ||
        line.rfind("| ---", 0) == 0) {
      continue;
    }
    // "| 1 | meaning |" -> "  1  meaning"
    const size_t bar = line.find(" | ");
    rows += "  " + line.substr(2, bar - 2) + "  " +
            line.substr(bar + 3, line.size() - bar - 3 - 2) + "\n";
  }
  const std::string help = core::ExitCodeHelp(core::domain::Language::kEn);
  const size_t start = help.find('\n') + 1;
  const size_t end = help.find("With --json");
  EXPECT_EQ(rows, help.substr(start, end - start));
  EXPECT_NE(rows.find("  6  local failure"), std::string::npos) << rows;
}

TEST_F(ExitCodesTest, ABadServerAddressIsAUsageError) {
  CliRun r = Run({"enroll", "--server", "county.example.cn", "--code", "X"});
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_TRUE(Contains(r.err, "is not a server address")) << r.err;
}

TEST_F(ExitCodesTest, AUsedCodeIsARefusalNotAWrongPin) {
  auto code = county().AddWorkerWithCode("w-used", "grid_worker", "grids:T01-V01-G01");
  ASSERT_TRUE(code.ok());
  ASSERT_EQ(Run({"enroll", "--server", url(), "--code", *code}).exit_code, 0);
  profile_ = dir_.Join("second");
  CliRun r = Run({"enroll", "--server", url(), "--code", *code});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_TRUE(Contains(r.err, "县服务器不接受这个注册码")) << r.err;
  EXPECT_FALSE(Contains(r.err, "Nothing was imported")) << r.err;
}

TEST_F(ExitCodesTest, JsonErrorsAreInTheJsonOutput) {
  Enroll("w-json", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  const std::string file = WriteFile("bad.json", R"({"subject": "H001", "outcome": "checked",
    "template": "household_winter", "started_at": 1764291900000, "finished_at": 1764292200000,
    "answers": {"ebike_count": "two"}})");
  CliRun r = Run({"--json", "visit", "record", file});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.out, "\"error\":{\"code\":\"invalid_argument\",\"exit_code\":1,"))
      << r.out;
  EXPECT_TRUE(Contains(r.out, "ebike_count")) << r.out;
  // One document: the array of files, each failed one with its error (it used to print [] and
  // the problems on stderr only).
  EXPECT_EQ(r.out.rfind("[{\"file\":", 0), 0u) << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
  CliRun unknown = Run({"subject", "show", "H999", "--json"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_TRUE(Contains(unknown.out, "{\"error\":{\"code\":\"not_found\"")) << unknown.out;
}

// README and --help: a missing option is a usage error (2) in both programs, like an unknown one.
TEST_F(ExitCodesTest, AMissingOptionIsAUsageError) {
  CliRun no_code = Run({"enroll", "--server", url()});
  EXPECT_EQ(no_code.exit_code, 2) << no_code.err;
  EXPECT_TRUE(Contains(no_code.err, "--code is required")) << no_code.err;
  CliRun no_event = Run({"hazard", "update", "0190a5c2-0000-7000-8000-000000000000"});
  EXPECT_EQ(no_event.exit_code, 2) << no_event.err;
  EXPECT_EQ(Run({"enroll", "--help"}).exit_code, 0);
  auto no_worker = County({"enroll-code"});
  EXPECT_EQ(no_worker.exit_code, 2) << no_worker.err;
  auto no_name = County({"add-worker", "--id", "x"});
  EXPECT_EQ(no_name.exit_code, 2) << no_name.err;
  auto bare = qiaomen::testing::RunCounty({"devices"});
  EXPECT_EQ(bare.exit_code, 2) << bare.err;
  EXPECT_TRUE(Contains(bare.err, "--data is required")) << bare.err;
  auto json = qiaomen::testing::RunCounty({"devices", "--format", "json"});
  EXPECT_EQ(json.exit_code, 2);
  EXPECT_EQ(json.out.rfind("{\"error\":{\"code\":\"invalid_argument\",\"exit_code\":2,", 0), 0u)
      << json.out;
}

// A port another program holds is a local failure (6) that says the port is in use and what to
// do, not "the server could not be reached" (4): the suite's own server holds this one.
TEST_F(ExitCodesTest, ServeOnAPortInUseSaysSoAndWhatToDo) {
  const std::string port = url().substr(url().rfind(':') + 1);
  auto taken = County({"serve", "--listen", "127.0.0.1:" + port});
  EXPECT_EQ(taken.exit_code, 6) << taken.err;
  EXPECT_TRUE(Contains(taken.err, "端口 " + port + " 已被另一个程序占用")) << taken.err;
  EXPECT_TRUE(Contains(taken.err, "--listen")) << taken.err;
  auto english = County({"serve", "--listen", "127.0.0.1:" + port, "--lang", "en"});
  EXPECT_EQ(english.exit_code, 6) << english.err;
  EXPECT_TRUE(Contains(english.err, "port " + port + " on 127.0.0.1 is in use")) << english.err;
}

// A code issued for another device is refused with 403: refused by the server (5), not 1.
TEST_F(ExitCodesTest, ACodeForAnotherDeviceIsARefusal) {
  Enroll("w-other", "grids:T01-V01-G01");
  std::string device = Between(Run({"status", "--json"}).out, "device_id");
  ASSERT_GE(device.size(), 3u);
  auto code = County(
      {"enroll-code", "--worker", "w-other", "--device", device.substr(1, device.size() - 2)});
  ASSERT_EQ(code.exit_code, 0) << code.err;
  std::string text = code.out;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  profile_ = dir_.Join("second");
  CliRun r = Run({"enroll", "--server", url(), "--code", text});
  EXPECT_EQ(r.exit_code, 5) << r.err;
}

// sync --json: the error in the JSON with the shape of every command's (code, exit_code, message).
TEST_F(ExitCodesTest, SyncJsonPutsTheErrorInTheJson) {
  Enroll("w-sync-json", "grids:T01-V01-G01");
  std::string device = Between(Run({"status", "--json"}).out, "device_id");
  ASSERT_GE(device.size(), 3u);
  ASSERT_EQ(County({"revoke-device", device.substr(1, device.size() - 2)}).exit_code, 0);
  CliRun r = Run({"sync", "--json", "--retries", "0"});
  EXPECT_EQ(r.exit_code, 5) << r.err;
  EXPECT_TRUE(Contains(r.out,
                       "\"error\":{\"code\":\"permission_denied\",\"exit_code\":5,"
                       "\"message\":"))
      << r.out;
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << r.out;
}

// `devices` shows the last sync (a pull alone too) apart from the last change received.
TEST_F(ExitCodesTest, DevicesShowTheLastPullAndTheLastChange) {
  Enroll("w-pull", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  std::string device = Between(Run({"status", "--json"}).out, "device_id");
  ASSERT_GE(device.size(), 3u);
  auto json = County({"devices", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto at = json.out.find(device.substr(1, device.size() - 2));
  ASSERT_NE(at, std::string::npos) << json.out;
  EXPECT_EQ(Between(json.out.substr(at), "last_sync_at").size(), 18u) << json.out;
  EXPECT_EQ(Between(json.out.substr(at), "last_change_at"), "\"\"") << json.out;
  auto text = County({"devices", "--lang=zh"});
  EXPECT_TRUE(Contains(text.out, "最后收到更改")) << text.out;
}

}  // namespace
}  // namespace qiaomen::cli::testing
