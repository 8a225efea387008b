// The field client's commands against a real county server process, with real profiles.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "cli_fixture.h"
#include "qiaomen/sync/client_config.h"

namespace qiaomen::cli::testing {
namespace {

class CommandsTest : public CliFixture {};

TEST_F(CommandsTest, EnrolSyncListTasksAndShowASubject) {
  Enroll("w-tasks", "grids:T01-V01-G01");
  CliRun sync = Run({"sync", "--json"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err << sync.out;
  EXPECT_NE(Between(sync.out, "pulled"), "0") << sync.out;
  CliRun tasks = Run({"tasks", "--json"});
  ASSERT_EQ(tasks.exit_code, 0) << tasks.err;
  EXPECT_TRUE(Contains(tasks.out, "\"external_id\":\"H001\"")) << tasks.out;
  EXPECT_TRUE(Contains(tasks.out, "\"external_id\":\"H003\""));
  EXPECT_FALSE(Contains(tasks.out, "H004")) << "H004 is in another grid";
  CliRun show = Run({"subject", "show", "H002", "--json"});
  ASSERT_EQ(show.exit_code, 0) << show.err;
  EXPECT_TRUE(Contains(show.out, "\"name\":\"李建国\"")) << show.out;
}

TEST_F(CommandsTest, WrongPinSaysHowManyAttemptsRemain) {
  Enroll("w-pin", "grids:T01-V01-G01");
  pins_.current = "9999";
  CliRun r = Run({"status"});
  EXPECT_EQ(r.exit_code, 3);
  // Issue 18, item 3: the catalogue's sentence with the count, the English detail with --verbose.
  EXPECT_TRUE(Contains(r.err, "PIN 不对。还可以再试 9 次")) << r.err;
  EXPECT_TRUE(Contains(r.err, "QIAOMEN_PIN")) << r.err;
  EXPECT_FALSE(Contains(r.err, "attempts remain")) << r.err;
  CliRun en = Run({"--lang", "en", "status"});
  EXPECT_EQ(en.exit_code, 3);
  EXPECT_TRUE(Contains(en.err, "The PIN is wrong. 8 more attempt(s)")) << en.err;
  CliRun verbose = Run({"--verbose", "status"});
  EXPECT_TRUE(Contains(verbose.err, "详情：The PIN is wrong. 7 attempts remain")) << verbose.err;
  pins_.current = "1357";
  EXPECT_EQ(Run({"status"}).exit_code, 0);
}

TEST_F(CommandsTest, AnUnknownSubjectIsNamedWithWhatToDo) {
  Enroll("w-unknown", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  CliRun r = Run({"subject", "show", "H999"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "There is no subject 'H999'")) << r.err;
  CliRun u = Run({"subject", "update", "H999", "--phone", "1"});
  EXPECT_EQ(u.exit_code, 1);
}

TEST_F(CommandsTest, AnInvalidVisitFileListsEveryItemAndSavesNothing) {
  Enroll("w-invalid", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  std::string file = WriteFile("bad.json", R"({"subject": "H001", "template": "household_winter",
    "outcome": "checked", "started_at": 1764291900000, "finished_at": 1764292200000,
    "answers": {"heating_type": "electric", "ebike_count": "two", "no_such_item": "yes"}})");
  CliRun r = Run({"visit", "record", file, "--lang", "en"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_TRUE(Contains(r.err, "item 'ebike_count': needs a whole number")) << r.err;
  EXPECT_TRUE(Contains(r.err, "item 'no_such_item': is not an item")) << r.err;
  EXPECT_TRUE(Contains(r.err, "item 'gas_type': is required")) << "in the same pass: " << r.err;
  EXPECT_FALSE(Contains(r.err, "item 'ebike_count': is required"))
      << "an item named for its type is not named again: " << r.err;
  EXPECT_TRUE(Contains(r.err, "nothing was saved")) << r.err;
  // Issue 18: the same problems in Chinese by default, from the catalogue.
  CliRun zh = Run({"visit", "record", file});
  EXPECT_EQ(zh.exit_code, 1);
  EXPECT_TRUE(Contains(zh.err, "检查项 ebike_count：需要填整数，不是 \"two\"")) << zh.err;
  EXPECT_TRUE(Contains(zh.err, "检查项 no_such_item：不是检查表 household_winter")) << zh.err;
  EXPECT_TRUE(Contains(zh.err, "检查项 gas_type：必答，但没有回答")) << zh.err;
  EXPECT_TRUE(Contains(zh.err, "什么都没有保存")) << zh.err;
  EXPECT_FALSE(Contains(zh.err, "item '")) << zh.err;
  // Fix the types: the engine still lists the required items unanswered.
  std::string file2 = WriteFile("bad2.json", R"({"subject": "H001", "template": "household_winter",
    "outcome": "checked", "started_at": 1764291900000, "finished_at": 1764292200000,
    "answers": {"heating_type": "electric"}})");
  CliRun r2 = Run({"visit", "record", file2, "--lang", "en"});
  EXPECT_EQ(r2.exit_code, 1);
  EXPECT_TRUE(Contains(r2.err, "item 'gas_type': is required")) << r2.err;
  // A file that is no visit file at all, and one that is not there.
  CliRun field = Run({"visit", "record", WriteFile("bad3.json", R"({"subject": "H001",
    "outcome": "gone", "started_at": "2026-11-28T09:30:00", "colour": "blue"})")});
  EXPECT_EQ(field.exit_code, 1);
  EXPECT_TRUE(Contains(field.err, "走访文件有 4 处问题")) << field.err;
  EXPECT_TRUE(Contains(field.err, "字段 outcome：结果“gone”无法识别")) << field.err;
  EXPECT_TRUE(Contains(field.err, "字段 started_at：“2026-11-28T09:30:00”没有时区偏移"))
      << field.err;
  EXPECT_TRUE(Contains(field.err, "字段 colour：不是走访文件的字段")) << field.err;
  EXPECT_TRUE(Contains(field.err, "字段 finished_at：必须填写")) << field.err;
  CliRun not_json = Run({"visit", "record", WriteFile("bad4.json", "{\"subject\": ")});
  EXPECT_EQ(not_json.exit_code, 1);
  EXPECT_TRUE(Contains(not_json.err, "走访文件第 1 行第 13 列不是有效的 JSON")) << not_json.err;
  EXPECT_FALSE(Contains(not_json.err, "protobuf")) << not_json.err;
  CliRun missing = Run({"visit", "record", dir_.Join("nowhere.json")});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_TRUE(Contains(missing.err, "没有走访文件")) << missing.err;
  CliRun status = Run({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0);
  EXPECT_EQ(Between(status.out, "pending_changes"), "0") << status.out;
}

TEST_F(CommandsTest, AVisitIsSignedDerivesItsHazardsAndReachesTheCounty) {
  Enroll("w-visit", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg", 5000);
  std::string file = WriteFile("visit.json", CheckedVisitJson("H003", /*with_hazard=*/true));
  CliRun r = Run({"visit", "record", "--json", file});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "\"rule\":\"no_rcd\"")) << r.out;
  EXPECT_TRUE(Contains(r.out, "\"signed\":true"));
  CliRun hazards = Run({"hazards", "--json"});
  ASSERT_EQ(hazards.exit_code, 0) << hazards.err;
  EXPECT_TRUE(Contains(hazards.out, "\"category\"")) << hazards.out;
  CliRun status = Run({"status", "--json"});
  EXPECT_NE(Between(status.out, "pending_changes"), "0");
  EXPECT_EQ(Between(status.out, "pending_photos"), "1") << status.out;
  CliRun sync = Run({"sync", "--json"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err << sync.out;
  EXPECT_EQ(Between(sync.out, "photos_sent"), "1") << sync.out;
  EXPECT_EQ(Between(sync.out, "rejected"), "[]") << sync.out;
  CliRun after = Run({"status", "--json"});
  EXPECT_EQ(Between(after.out, "pending_changes"), "0") << after.out;
  EXPECT_EQ(Between(after.out, "pending_photo_bytes"), "0") << after.out;
  auto report = County({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(Between(report.out, "evidence_verified"), "0") << report.out;
}

// Issue 18: a file that is not a photo is not evidence: the visit is refused, says which file and
// what to do, and nothing of it is kept.
TEST_F(CommandsTest, AFileThatIsNotAJpegIsNotTakenAsAPhoto) {
  Enroll("w-notphoto", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WriteFile("p1.jpg", "{\"this\": \"is a visit file, not a photo\"}\n");
  std::string file = WriteFile("visit.json", CheckedVisitJson("H003", /*with_hazard=*/true));
  CliRun r = Run({"visit", "record", file});
  EXPECT_EQ(r.exit_code, 1) << r.out;  // as every invalid visit file (AnInvalidVisitFile...)
  EXPECT_TRUE(Contains(r.err, "p1.jpg is JSON text, not a JPEG photo")) << r.err;
  EXPECT_TRUE(Contains(r.err, "什么都没有保存")) << r.err;
  CliRun en = Run({"visit", "record", file, "--lang", "en"});
  EXPECT_TRUE(Contains(en.err, "nothing was saved")) << en.err;
  CliRun status = Run({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(Between(status.out, "pending_changes"), "0") << status.out;
  EXPECT_EQ(Between(status.out, "pending_photos"), "0") << status.out;
  EXPECT_EQ(Between(status.out, "drafts"), "0") << status.out;
}

// Issue 16: a gas leak is an emergency: the worker is told what to do at once, first, and it is no
// hazard; each hazard says how urgent it is.
TEST_F(CommandsTest, AGasLeakIsShownAsWhatToDoNowAndHazardsSayTheirUrgency) {
  Enroll("w-leak", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  std::string visit = CheckedVisitJson("H002", /*with_hazard=*/false);
  const std::string no_gas = R"("gas_type": "none")";
  ASSERT_NE(visit.find(no_gas), std::string::npos);
  visit.replace(visit.find(no_gas), no_gas.size(),
                R"("gas_type": "piped", "gas_no_leak": "no", "valve_ok": "yes", "hose_ok": "yes",
    "hose_length": 1.2, "hose_material": "metal_corrugated", "stove_flameout": "yes",
    "pipes_unaltered": "yes")");
  CliRun r = Run({"visit", "record", WriteFile("leak.json", visit)});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out,
                       "！紧急情况：闻到燃气味或检漏起泡（疑似燃气泄漏）。请立即：\n"
                       "  1. 立即关闭燃气阀门（气瓶角阀或表前阀）\n  2. 打开门窗通风"))
      << r.out;
  EXPECT_LT(r.out.find("紧急情况"), r.out.find("隐患"));         // what to do now comes first
  EXPECT_TRUE(Contains(r.out, "一般隐患，限期整改")) << r.out;   // no extinguisher, gas in use
  EXPECT_FALSE(Contains(r.out, "燃气泄漏  整改期限")) << r.out;  // the leak is no hazard

  visit.replace(visit.find(R"("subject": "H002")"), 17, R"("subject": "H003")");
  CliRun json = Run({"visit", "record", "--json", WriteFile("leak2.json", visit)});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, R"("urgency":"by_deadline")")) << json.out;
  EXPECT_TRUE(Contains(json.out, R"("emergencies":[{"id":"gas_leak")")) << json.out;
  CliRun en = Run({"--lang", "en", "hazards"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_TRUE(Contains(en.out, "General, By the deadline")) << en.out;

  // The worker suspects a hazard is major: the county is to judge it; the list says so.
  std::string id = Between(Run({"hazards", "--json"}).out, "id");
  ASSERT_GE(id.size(), 38u);
  id = id.substr(1, id.size() - 2);
  CliRun suspect = Run({"hazard", "update", id, "--event", "suspected_major"});
  ASSERT_EQ(suspect.exit_code, 0) << suspect.err;
  CliRun listed = Run({"hazards"});
  EXPECT_TRUE(Contains(listed.out, "疑似重大隐患（待消防救援大队或主管部门判定）")) << listed.out;
  CliRun judged = Run({"hazard", "update", id, "--event", "major_confirmed"});
  EXPECT_NE(judged.exit_code, 0);  // the county judges, not the worker's device
}

TEST_F(CommandsTest, HazardStepsFollowTheStateMachine) {
  Enroll("w-hazard", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  ASSERT_EQ(Run({"visit", "record", WriteFile("v.json", CheckedVisitJson("H002", true))}).exit_code,
            0);
  CliRun list = Run({"hazards", "--json"});
  std::string id = Between(list.out, "id");
  ASSERT_GE(id.size(), 38u) << list.out;
  id = id.substr(1, id.size() - 2);
  CliRun closed = Run({"hazard", "update", id, "--event", "closed"});
  EXPECT_EQ(closed.exit_code, 1);
  EXPECT_FALSE(closed.err.empty());
  CliRun no_photo = Run({"hazard", "update", id, "--event", "rectified"});
  EXPECT_EQ(no_photo.exit_code, 1);
  EXPECT_TRUE(Contains(no_photo.err, "after-photo")) << no_photo.err;
  std::string after = WritePhoto("after.jpg");
  CliRun rectified =
      Run({"hazard", "update", id, "--event", "rectified", "--photo", after, "--json"});
  ASSERT_EQ(rectified.exit_code, 0) << rectified.err;
  EXPECT_TRUE(Contains(rectified.out, "\"status\":\"rectified\"")) << rectified.out;
}

TEST_F(CommandsTest, SubjectEditsAreSavedFieldByField) {
  Enroll("w-edit", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  CliRun r = Run({"subject", "update", "H001", "--phone", "13999999999", "--tags",
                  "elderly_alone,ebike", "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(Contains(r.out, "\"phone\"")) << r.out;
  EXPECT_TRUE(Contains(r.out, "\"tags\"")) << r.out;
  EXPECT_FALSE(Contains(r.out, "\"members\""));
  CliRun show = Run({"subject", "show", "H001", "--json"});
  EXPECT_TRUE(Contains(show.out, "\"phone\":\"13999999999\"")) << show.out;
  // Issue 18: a person reads the fields' labels, not their code names.
  CliRun zh = Run({"subject", "update", "H001", "--phone", "13900000000", "--members", "6"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_TRUE(Contains(zh.out, "已更新 H001：电话、人数。")) << zh.out;
  CliRun en = Run({"subject", "update", "H001", "--note", "dog", "--lang", "en"});
  EXPECT_TRUE(Contains(en.out, "Updated H001: note.")) << en.out;
  CliRun bad = Run({"subject", "update", "H001", "--members", "many"});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_TRUE(Contains(bad.err, "--members must be a whole number")) << bad.err;
}

// No answer came, so the county may have enrolled the phone: the unfinished profile stays (with
// no server settings) and the same code and PIN finish the enrolment later.
TEST_F(CommandsTest, AnUnreachableServerSaysWhatToDoAndTheSameCodeWorksLater) {
  auto code = county().AddWorkerWithCode("w-offline", "grid_worker", "grids:T01-V01-G01");
  ASSERT_TRUE(code.ok());
  CliRun r = Run({"enroll", "--server", "http://127.0.0.1:1", "--code", *code});
  EXPECT_EQ(r.exit_code, 4);
  EXPECT_TRUE(Contains(r.err, "连不上县服务器 http://127.0.0.1:1。什么都没丢")) << r.err;
  EXPECT_FALSE(Contains(r.err, "Cannot reach")) << r.err;
  EXPECT_TRUE(sync::EnrolmentUnfinished(profile_));
  CliRun en = Run({"--lang", "en", "enroll", "--server", "http://127.0.0.1:1", "--code", *code});
  EXPECT_EQ(en.exit_code, 4);
  EXPECT_TRUE(Contains(en.err, "Cannot reach the county server at http://127.0.0.1:1")) << en.err;
  CliRun again = Run({"enroll", "--server", url(), "--code", *code});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_FALSE(sync::EnrolmentUnfinished(profile_));
  EXPECT_EQ(Run({"sync"}).exit_code, 0);
}

TEST_F(CommandsTest, ChangePinRewrapsTheKey) {
  Enroll("w-change", "grids:T01-V01-G01");
  pins_.next = "8642";
  ASSERT_EQ(Run({"change-pin"}).exit_code, 0);
  pins_.next.clear();
  EXPECT_EQ(Run({"status"}).exit_code, 3) << "the old PIN no longer opens the profile";
  pins_.current = "8642";
  EXPECT_EQ(Run({"status"}).exit_code, 0);
}

TEST_F(CommandsTest, ExportBundleWritesAnEncryptedSignedFile) {
  Enroll("w-bundle", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg", 4000);
  ASSERT_EQ(
      Run({"visit", "record", WriteFile("v.json", CheckedVisitJson("H001", false))}).exit_code, 0);
  std::string bundle = dir_.Join("day.qmb");
  CliRun r = Run({"export-bundle", bundle, "--json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(Between(r.out, "photos"), "1") << r.out;
  std::ifstream in(bundle, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(bytes.substr(0, 8), "QMBUNDL2") << "sealed to the county's bundle key";
  EXPECT_EQ(bytes.find("H001"), std::string::npos) << "the contents are encrypted";

  // The county imports it: the visit, its journal and its photo arrive as a sync would bring them.
  auto imported = County({"import-bundle", "--lang=en", bundle});
  ASSERT_EQ(imported.exit_code, 0) << imported.err << imported.out;
  EXPECT_TRUE(Contains(imported.out, " 0 rejected")) << imported.out;
  EXPECT_TRUE(Contains(imported.out, "1 photos stored")) << imported.out;
  auto report = County({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  // Twice changes nothing.
  auto again = County({"import-bundle", "--lang=en", bundle});
  ASSERT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, ": 0 changes applied")) << again.out;
  EXPECT_TRUE(Contains(again.out, "0 photos stored, 1 already here")) << again.out;
  EXPECT_EQ(County({"report", "--format", "json"}).out, report.out);
  // The device then syncs: everything is already there, nothing is sent twice.
  CliRun sync = Run({"sync", "--json"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err << sync.out;
  EXPECT_EQ(Between(sync.out, "photos_sent"), "0") << sync.out;
  EXPECT_EQ(Between(sync.out, "rejected"), "[]") << sync.out;
  EXPECT_EQ(Between(Run({"status", "--json"}).out, "pending_changes"), "0");

  // An altered file is refused and nothing is imported.
  bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x20);
  std::string bad = WriteFile("altered.qmb", bytes);
  auto refused = County({"import-bundle", "--lang=en", bad});
  EXPECT_NE(refused.exit_code, 0);
  EXPECT_TRUE(Contains(refused.err, "Nothing was imported")) << refused.err;
}

// Issue 12: the county's time zone reaches the device at enrolment and in every pull, and the
// device counts its days in it (a county of its own: the test changes the zone).
class CountyTimeZoneTest : public CliFixture {};

TEST_F(CountyTimeZoneTest, TheDeviceKeepsTheZoneTheCountyNamesAtEnrolmentAndInThePull) {
  RestartServerAfter({"set-time-zone", "Asia/Urumqi"});
  Enroll("w-zone", "grids:T01-V01-G01");
  CliRun status = Run({"status", "--json"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_EQ(Between(status.out, "county_time_zone"), "\"Asia/Urumqi\"") << status.out;

  RestartServerAfter({"set-time-zone", "Asia/Kolkata"});
  CliRun sync = Run({"sync"});
  ASSERT_EQ(sync.exit_code, 0) << sync.err << sync.out;
  status = Run({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(Contains(status.out, "县时区：      Asia/Kolkata")) << status.out;
}

}  // namespace
}  // namespace qiaomen::cli::testing
