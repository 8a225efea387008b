// The admin commands as processes, on SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <fstream>

#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

class AdminTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto env = testing::CountyEnv::Create(GetParam());
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
  }
  std::unique_ptr<testing::CountyEnv> env_;
};

TEST_P(AdminTest, BadRowsRefuseTheWholeFileWithLineNumbers) {
  std::string csv =
      "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
      "H-001,household,T01,V01,G01,Wang Fang,1 Hill Rd,,3,\n"
      "H-002,castle,T01,V01,G01,Li Wei,2 Hill Rd,,1,\n"
      "H-003,household,T01,V01,G01,,3 Hill Rd,,x,\n"
      "H-001,household,T01,V01,G01,Dup,4 Hill Rd,,1,\n";
  auto r = env_->ImportCsv(csv);
  EXPECT_EQ(r.exit_code, 1);
  // Issue 17: every problem with its line, in the command's language (Chinese by default).
  EXPECT_NE(r.err.find("没有导入任何内容"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 3 行：kind “castle”不对"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 4 行：“name”是空的"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 4 行：members “x”应是整数"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("第 5 行：external_id “H-001”在文件里出现了两次"), std::string::npos)
      << r.err;
  EXPECT_EQ(r.err.find("line "), std::string::npos) << "no English in the Chinese: " << r.err;
  const std::string path = env_->dir().Join("bad-rows.csv");
  std::ofstream(path) << csv;
  auto en = env_->Run({"import-subjects", path, "--lang", "en"});
  EXPECT_EQ(en.exit_code, 1);
  EXPECT_NE(en.err.find("Nothing was imported"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("line 3: kind 'castle'"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("line 4: name is empty"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("line 4: members 'x'"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find("line 5: external_id H-001 appears twice"), std::string::npos) << en.err;
  auto report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"coverage\":[]"), std::string::npos)
      << "nothing imported: " << report.out;
}

// Issue 18: a subjects list as Chinese Excel saves it (GBK), or as "CSV UTF-8" (with a BOM), is
// imported with its Chinese names intact; a file in no text encoding (a workbook) is refused with
// what to do and imports nothing.
TEST_P(AdminTest, ACsvSavedByChineseExcelIsReadInItsEncoding) {
  const std::string header = "external_id,kind,town,village,grid,name,address,phone,members,tags\n";
  // "H-001,household,T01:青石镇,T01-V01,T01-V01-G01,王秀英,东岭村1组1号,,3," in GBK.
  const std::string gbk = header +
                          "H-001,household,T01:\xC7\xE0\xCA\xAF\xD5\xF2,T01-V01,T01-V01-G01,"
                          "\xCD\xF5\xD0\xE3\xD3\xA2,\xB6\xAB\xC1\xEB\xB4\xE5"
                          "1\xD7\xE9"
                          "1\xBA\xC5,,3,\n";
  auto imported = env_->ImportCsv(gbk);
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  EXPECT_NE(imported.out.find("按 GB18030 读取"), std::string::npos) << imported.out;
  EXPECT_EQ(imported.err.find("UTF-8"), std::string::npos) << "no protobuf noise: " << imported.err;
  auto report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"name\":\"青石镇\""), std::string::npos) << report.out;

  const std::string bom =
      "\xEF\xBB\xBF" + header + "H-002,household,T01,T01-V01,T01-V01-G01,李建国,2号,,4,\n";
  auto with_bom = env_->ImportCsv(bom);
  ASSERT_EQ(with_bom.exit_code, 0) << with_bom.err;
  EXPECT_NE(with_bom.out.find("已导入 1 行：新增 1"), std::string::npos) << with_bom.out;

  const std::string workbook = std::string("PK\x03\x04\x14\x00\x06\x00", 8) + "\xFF\xFE\x80";
  auto refused = env_->ImportCsv(workbook);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("CSV UTF-8"), std::string::npos) << refused.err;
  report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"subjects\":2"), std::string::npos) << report.out;
}

TEST_P(AdminTest, ImportIsIdempotentByExternalIdAndUpdatesChangedRows) {
  auto first = env_->ImportCsv(kCountyCsv);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_NE(first.out.find("已导入 6 行：新增 6，更新 0，未变 0"), std::string::npos) << first.out;
  auto second = env_->ImportCsv(kCountyCsv);
  ASSERT_EQ(second.exit_code, 0) << second.err;
  EXPECT_NE(second.out.find("新增 0，更新 0，未变 6；新建镇、村或网格 0 个"), std::string::npos)
      << second.out;
  std::string changed = kCountyCsv;
  changed.replace(changed.find("13800000001"), 11, "13900000009");
  auto third = env_->ImportCsv(changed);
  EXPECT_NE(third.out.find("新增 0，更新 1，未变 5"), std::string::npos) << third.out;
}

TEST_P(AdminTest, ReportCountsSubjectsByTownVillageAndGrid) {
  ASSERT_EQ(env_->ImportCsv(kCountyCsv).exit_code, 0);
  auto json = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("{\"id\":\"T01\",\"level\":\"town\",\"name\":\"Qingshi\",\"subjects\":4,"
                          "\"visited\":0"),
            std::string::npos)
      << json.out;
  EXPECT_NE(json.out.find("{\"id\":\"T01-V01-G01\",\"level\":\"grid\",\"name\":\"G01\","
                          "\"subjects\":2"),
            std::string::npos)
      << json.out;
  auto town = env_->Run({"report", "--town", "T02", "--format", "csv"});
  ASSERT_EQ(town.exit_code, 0) << town.err;
  // For spreadsheets: a byte-order mark, the header in Chinese (the default), a name column.
  EXPECT_EQ(town.out.rfind("\xEF\xBB\xBF分类,代码,名称,对象数,已走访,数值\n", 0), 0u) << town.out;
  EXPECT_NE(town.out.find("coverage_town,T02,Baishui,2,0,"), std::string::npos) << town.out;
  auto town_en = env_->Run({"report", "--town", "T02", "--format", "csv", "--lang", "en"});
  EXPECT_EQ(town_en.out.rfind("\xEF\xBB\xBFsection,key,name,subjects,visited,value\n", 0), 0u)
      << town_en.out;
  EXPECT_EQ(town.out.find("T01"), std::string::npos) << town.out;
  auto text = env_->Run({"report"});
  EXPECT_NE(text.out.find("覆盖（已走访 / 对象数）"), std::string::npos);
  EXPECT_EQ(env_->Run({"report", "--format", "xml"}).exit_code, 2);
  EXPECT_EQ(env_->Run({"report", "--town", "T99"}).exit_code, 1);
}

TEST_P(AdminTest, WorkersNeedKnownRolesAndScopes) {
  ASSERT_EQ(env_->ImportCsv(kCountyCsv).exit_code, 0);
  auto bad_role =
      env_->Run({"add-worker", "--id", "w", "--name", "W", "--role", "boss", "--scope", "county"});
  EXPECT_EQ(bad_role.exit_code, 1);
  EXPECT_NE(bad_role.err.find("grid_worker, inspector, township or county"), std::string::npos);
  auto bad_scope = env_->Run({"add-worker", "--id", "w", "--name", "W", "--role", "grid_worker",
                              "--scope", "grids:T09-V01-G01"});
  EXPECT_EQ(bad_scope.exit_code, 1);
  EXPECT_NE(bad_scope.err.find("does not exist"), std::string::npos) << bad_scope.err;
  auto no_worker = env_->Run({"enroll-code", "--worker", "nobody"});
  EXPECT_EQ(no_worker.exit_code, 1);
  EXPECT_NE(no_worker.err.find("no worker 'nobody'"), std::string::npos) << no_worker.err;
  auto ok = env_->Run(
      {"add-worker", "--id", "w", "--name", "W", "--role", "township", "--scope", "town:T01"});
  EXPECT_EQ(ok.exit_code, 0) << ok.err;
}

TEST_P(AdminTest, CampaignMakesATaskForEverySubjectInScope) {
  ASSERT_EQ(env_->ImportCsv(kCountyCsv).exit_code, 0);
  auto unpublished =
      env_->Run({"campaign", "create", "--id", "c1", "--title", "Winter", "--template",
                 "household_winter", "--scope", "town:T01", "--due", "+28"});
  EXPECT_EQ(unpublished.exit_code, 1);
  EXPECT_NE(unpublished.err.find("not published"), std::string::npos) << unpublished.err;
  ASSERT_TRUE(env_->PublishTemplate("household_winter").ok());
  auto created = env_->Run({"campaign", "create", "--id", "c1", "--title", "Winter", "--template",
                            "household_winter", "--scope", "town:T01", "--due", "+28"});
  ASSERT_EQ(created.exit_code, 0) << created.err;
  // T01 holds three households and one premises: the household checklist skips the premises.
  EXPECT_NE(created.out.find("共 3 项任务"), std::string::npos) << created.out;
  auto again = env_->Run({"campaign", "create", "--id", "c1", "--title", "Winter", "--template",
                          "household_winter", "--scope", "town:T01", "--due", "+28"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("exists already"), std::string::npos);
  // Issue 18: the same checklist named twice would make two tasks per household.
  auto twice =
      env_->Run({"campaign", "create", "--id", "c2", "--title", "Winter", "--template",
                 "household_winter,household_winter", "--scope", "town:T01", "--due", "+28"});
  EXPECT_EQ(twice.exit_code, 1);
  EXPECT_NE(twice.err.find("twice"), std::string::npos) << twice.err;
}

// Issue 16: the subjects CSV may give a premises_type (code or Chinese name), and a campaign can
// target premises types and tags: a restaurant campaign assigns only restaurants.
TEST_P(AdminTest, ARestaurantCampaignAssignsOnlyRestaurants) {
  const std::string header =
      "external_id,kind,town,village,grid,name,address,phone,members,tags,premises_type\n";
  auto bad = env_->ImportCsv(header +
                             "P-1,premises,T01,V01,G01,老李饭店,1 Main St,,0,,noodle_bar\n"
                             "H-1,household,T01,V01,G01,王芳,2 Main St,,3,,restaurant\n");
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("第 2 行：premises_type “noodle_bar”不对：应为 shop, restaurant"),
            std::string::npos)
      << bad.err;
  EXPECT_NE(bad.err.find("第 3 行：premises_type “restaurant”只用于场所和设施"), std::string::npos)
      << bad.err;
  auto imported = env_->ImportCsv(header +
                                  "P-1,premises,T01,V01,G01,老李饭店,1 Main St,,0,,restaurant\n"
                                  "P-2,premises,T01,V01,G01,王记面馆,2 Main St,,0,,餐饮场所\n"
                                  "P-3,premises,T01,V01,G01,便民超市,3 Main St,,0,,shop\n"
                                  "P-4,premises,T01,V01,G01,无类型,4 Main St,,0,,\n"
                                  "H-1,household,T01,V01,G01,王芳,5 Main St,,1,elderly_alone,\n"
                                  "H-2,household,T01,V01,G01,李伟,6 Main St,,4,,\n");
  ASSERT_EQ(imported.exit_code, 0) << imported.err;
  // The shipped checklist for premises (the test fixture's PublishTemplate is for households).
  auto published = env_->Run({"publish-template", std::string(QIAOMEN_SOURCE_DIR) +
                                                      "/checklists/nine_small_premises_fire.json"});
  ASSERT_EQ(published.exit_code, 0) << published.err;
  ASSERT_TRUE(env_->PublishTemplate("household_winter").ok());
  auto create = [&](const std::string& id, const std::string& tpl,
                    const std::vector<std::string>& extra) {
    std::vector<std::string> args{"campaign",   "create", "--id",    id,       "--title", "冬季",
                                  "--template", tpl,      "--scope", "county", "--due",   "+28"};
    args.insert(args.end(), extra.begin(), extra.end());
    return env_->Run(args);
  };
  auto restaurants =
      create("restaurants", "nine_small_premises_fire", {"--premises-type", "restaurant"});
  ASSERT_EQ(restaurants.exit_code, 0) << restaurants.err;
  EXPECT_NE(restaurants.out.find("共 2 项任务"), std::string::npos) << restaurants.out;
  auto two_types =
      create("food-and-shops", "nine_small_premises_fire", {"--premises-type", "餐饮场所,shop"});
  ASSERT_EQ(two_types.exit_code, 0) << two_types.err;
  EXPECT_NE(two_types.out.find("共 3 项任务"), std::string::npos) << two_types.out;
  auto alone = create("alone", "household_winter", {"--tag", "elderly_alone"});
  ASSERT_EQ(alone.exit_code, 0) << alone.err;
  EXPECT_NE(alone.out.find("共 1 项任务"), std::string::npos) << alone.out;
  auto unknown = create("bad", "nine_small_premises_fire", {"--premises-type", "castle"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("--premises-type 'castle' must be one of"), std::string::npos)
      << unknown.err;
  // A file without the column leaves the types imported before as they are.
  ASSERT_EQ(env_->ImportCsv("external_id,kind,town,village,grid,name,address,phone,members,tags\n"
                            "P-1,premises,T01,V01,G01,老李饭店,1 Main St,,0,\n")
                .exit_code,
            0);
  auto still =
      create("restaurants-again", "nine_small_premises_fire", {"--premises-type", "restaurant"});
  ASSERT_EQ(still.exit_code, 0) << still.err;
  EXPECT_NE(still.out.find("共 2 项任务"), std::string::npos) << still.out;

  // The report by premises type, and a campaign's own denominators: its subjects only.
  auto all = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(all.exit_code, 0) << all.err;
  EXPECT_NE(all.out.find("\"by_premises_type\":{\"restaurant\":{\"subjects\":2,"
                         "\"subjects_checked\":0,\"hazards_found\":0,\"hazards_open\":0,"
                         "\"major_found\":0,\"major_open\":0},\"shop\":{\"subjects\":1,"),
            std::string::npos)
      << all.out;
  EXPECT_NE(all.out.find("\"subjects\":6,"), std::string::npos) << all.out;
  auto campaign = env_->Run({"report", "--campaign", "restaurants", "--format", "json"});
  ASSERT_EQ(campaign.exit_code, 0) << campaign.err;
  EXPECT_NE(campaign.out.find("\"campaign\":\"restaurants\""), std::string::npos) << campaign.out;
  EXPECT_NE(campaign.out.find("\"subjects\":2,"), std::string::npos) << campaign.out;
  EXPECT_EQ(campaign.out.find("\"shop\""), std::string::npos) << campaign.out;
  auto text = env_->Run({"report", "--campaign", "food-and-shops"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("专项行动：food-and-shops（只计本行动的对象）"), std::string::npos)
      << text.out;
  EXPECT_NE(
      text.out.find("  餐饮场所：对象 2，已检查 0；隐患 0（未销号 0）；重大隐患 0（未销号 0）"),
      std::string::npos)
      << text.out;
  EXPECT_NE(text.out.find("入户检查率 0.0%（0 / 3）"), std::string::npos) << text.out;
  auto csv = env_->Run({"report", "--format", "csv"});
  EXPECT_NE(csv.out.find("\npremises_type,restaurant,餐饮场所,2,0,0\n"), std::string::npos)
      << csv.out;
  auto unknown_campaign = env_->Run({"report", "--campaign", "nope"});
  EXPECT_EQ(unknown_campaign.exit_code, 1);
  EXPECT_NE(unknown_campaign.err.find("There is no campaign 'nope'"), std::string::npos)
      << unknown_campaign.err;
}

TEST_P(AdminTest, InitRefusesAnInitialisedStoreAndCommandsNeedInit) {
  auto again = env_->Run({"init"});
  EXPECT_EQ(again.exit_code, 1);
  EXPECT_NE(again.err.find("already initialised"), std::string::npos) << again.err;
  testing::TempDir empty;
  auto r = testing::RunCounty({"report", "--data", empty.Join("nothing")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("Run `qiaomen-county init"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, AdminTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

TEST(CountyCommandsTest, EveryCommandHasHelp) {
  for (const char* command : {"init",        "serve",         "import-subjects",  "add-worker",
                              "enroll-code", "revoke-device", "publish-template", "campaign",
                              "report",      "conflicts",     "quarantine",       "revoked-work",
                              "backup",      "restore",       "import-bundle",    "bundle-key",
                              "hazard",      "workers",       "devices",          "campaigns",
                              "checklists",  "set-time-zone", "add-staff",        "set-password"}) {
    auto r = testing::RunCounty({command, "--help", "--lang", "en"});
    EXPECT_EQ(r.exit_code, 0) << command;
    EXPECT_NE(r.out.find("Usage: qiaomen-county " + std::string(command)), std::string::npos)
        << command << ": " << r.out;
    // Issue 18: from the catalogue, in Chinese unless English is asked for.
    auto zh = testing::RunCounty({command, "--help", "--lang", "zh"});
    EXPECT_EQ(zh.exit_code, 0) << command;
    EXPECT_EQ(zh.out.rfind("用法：qiaomen-county " + std::string(command), 0), 0u)
        << command << ": " << zh.out;
    EXPECT_EQ(zh.out.find("Usage"), std::string::npos) << command << ": " << zh.out;
  }
  auto unknown = testing::RunCounty({"add-worker", "--frobnicate"});
  EXPECT_EQ(unknown.exit_code, 2);
  // Issue 18: --format json puts the error in the JSON output too.
  auto json =
      testing::RunCounty({"quarantine", "--data", "/nonexistent/county", "--format", "json"});
  EXPECT_NE(json.exit_code, 0);
  EXPECT_EQ(json.out.rfind("{\"error\":{\"code\":", 0), 0u) << json.out;
  EXPECT_NE(unknown.err.find("frobnicate"), std::string::npos);
}

}  // namespace
}  // namespace qiaomen::server
