// Issue 18, item 4: the county lists its workers, devices (with the last sync in county time),
// campaigns and checklists; the device shows a checklist's items and writes a visit file skeleton
// that, once its placeholders are replaced, `visit record` accepts.
#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>

#include <map>

#include "cli_fixture.h"
#include "qiaomen/base/time_zone.h"

namespace qiaomen::cli::testing {
namespace {

using google::protobuf::Value;

class ListingTest : public CliFixture {};

TEST_F(ListingTest, TheCountyListsWorkersDevicesCampaignsAndChecklists) {
  Enroll("w-list", "grids:T01-V01-G01");
  WritePhoto("p1.jpg");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  ASSERT_EQ(Run({"visit", "record", WriteFile("v.json", CheckedVisitJson("H001", true))}).exit_code,
            0);
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  std::string device = Between(Run({"status", "--json"}).out, "device_id");
  ASSERT_GE(device.size(), 3u);
  device = device.substr(1, device.size() - 2);

  auto workers = County({"workers", "--lang=zh"});
  ASSERT_EQ(workers.exit_code, 0) << workers.err;
  EXPECT_TRUE(Contains(workers.out, "工号")) << workers.out;
  EXPECT_TRUE(Contains(workers.out, "w-list")) << workers.out;
  EXPECT_TRUE(Contains(workers.out, "网格员")) << workers.out;

  auto devices = County({"devices", "--lang=zh"});
  ASSERT_EQ(devices.exit_code, 0) << devices.err;
  EXPECT_TRUE(Contains(devices.out, device)) << device << "\n" << devices.out;
  EXPECT_TRUE(Contains(devices.out, "最后同步")) << devices.out;
  auto json = County({"devices", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const auto at = json.out.find(device);
  ASSERT_NE(at, std::string::npos) << json.out;
  const std::string last = Between(json.out.substr(at), "last_sync_at");
  // County time: the day the change arrived in Asia/Shanghai, as "YYYY-MM-DD HH:MM".
  EXPECT_EQ(last.size(), 18u) << json.out;
  EXPECT_EQ(last.substr(1, 10), base::CountyDate(time(nullptr) * 1000LL, base::TimeZone::Default()))
      << json.out;

  auto campaigns = County({"campaigns"});
  ASSERT_EQ(campaigns.exit_code, 0) << campaigns.err;
  EXPECT_TRUE(Contains(campaigns.out, "winter")) << campaigns.out;
  EXPECT_TRUE(Contains(campaigns.out, "2030-01-31")) << campaigns.out;
  auto checklists = County({"checklists", "--format", "json"});
  ASSERT_EQ(checklists.exit_code, 0) << checklists.err;
  EXPECT_TRUE(Contains(checklists.out, "\"id\":\"household_winter\",\"version\":4"))
      << checklists.out;
  EXPECT_TRUE(Contains(checklists.out, "\"subject_kind\":\"household\"")) << checklists.out;
}

TEST_F(ListingTest, ChecklistShowPrintsItemsAnswersAndConditions) {
  CliRun text = Run({"checklist", "show", "household_winter"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_TRUE(Contains(text.out, "heating_type  主要取暖方式  单选")) << text.out;
  EXPECT_TRUE(Contains(text.out, "coal_stove=燃煤炉具")) << text.out;
  EXPECT_TRUE(Contains(text.out, "范围: 0–20 辆  必填")) << text.out;
  // Version 3: the stove's items show for any coal or wood stove, main heating or other.
  EXPECT_TRUE(Contains(text.out, "显示条件: solid_fuel_stove")) << text.out;
  EXPECT_TRUE(Contains(text.out, "other_heating  其他取暖方式（可多选）  多选")) << text.out;
  // Each rule says how urgent it is; the gas leak is an emergency with what to do, no hazard.
  EXPECT_TRUE(Contains(text.out, "coal_stove_no_flue  燃煤炉具未安装烟囱  一般隐患  立即整改"))
      << text.out;
  EXPECT_TRUE(Contains(text.out, "gas_leak  ！紧急情况：闻到燃气味或检漏起泡（疑似燃气泄漏）。"))
      << text.out;
  CliRun nine = Run({"checklist", "show", "nine_small_premises_fire"});
  EXPECT_TRUE(Contains(nine.out, "疑似重大隐患（待消防救援大队或主管部门判定）")) << nine.out;
  CliRun json = Run({"checklist", "show", "household_winter", "--json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, "\"id\":\"ebike_count\",\"kind\":\"integer\"")) << json.out;
  CliRun missing = Run({"checklist", "show", "no_such_list"});
  EXPECT_EQ(missing.exit_code, 1);
}

// The skeleton is the visit file format: with its placeholders replaced by the answers of the
// fixture's checked visit (items not shown left out) it is recorded.
TEST_F(ListingTest, AVisitTemplateFilledInIsRecorded) {
  Enroll("w-template", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  const std::string path = dir_.Join("skeleton.json");
  CliRun made = Run({"visit", "template", "H002", "--out", path});
  ASSERT_EQ(made.exit_code, 0) << made.err;
  std::ifstream in(path);
  std::string skeleton((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_TRUE(Contains(skeleton, "\"heating_type\": \"<coal_stove|electric|")) << skeleton;
  EXPECT_TRUE(Contains(skeleton, "\"template\": \"household_winter\"")) << skeleton;
  CliRun unfilled = Run({"visit", "record", path});
  EXPECT_EQ(unfilled.exit_code, 1) << "placeholders are not answers";

  Value filled, answers;
  ASSERT_TRUE(google::protobuf::util::JsonStringToMessage(skeleton, &filled).ok());
  ASSERT_TRUE(
      google::protobuf::util::JsonStringToMessage(CheckedVisitJson("H002", false), &answers).ok());
  auto& fields = *filled.mutable_struct_value()->mutable_fields();
  const auto& given = answers.struct_value().fields().at("answers").struct_value().fields();
  auto& slots = *fields["answers"].mutable_struct_value()->mutable_fields();
  for (auto it = slots.begin(); it != slots.end();) {
    if (given.count(it->first) == 0) {
      it = slots.erase(it);  // not shown for an electric, gas-free household
    } else {
      it->second = given.at(it->first);
      ++it;
    }
  }
  EXPECT_EQ(slots.size(), given.size()) << "every answered item has a slot";
  fields["photos"].mutable_struct_value()->mutable_fields()->clear();
  std::string json;
  ASSERT_TRUE(google::protobuf::util::MessageToJsonString(filled, &json).ok());
  CliRun recorded = Run({"visit", "record", WriteFile("filled.json", json)});
  EXPECT_EQ(recorded.exit_code, 0) << recorded.err << "\n" << json;
}

}  // namespace
}  // namespace qiaomen::cli::testing
