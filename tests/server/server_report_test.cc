// The report's hazard status comes from core's hazard state machine over each hazard's event log,
// its days are the county's, and a campaign makes tasks only for subjects of its checklist's kind,
// due on real days. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

#include "qiaomen/base/civil_date.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/uuid.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

class ReportTest : public ServerTest {
 protected:
  // A hazard on `subject` with `deadline`, and its events (kinds in order, one minute apart).
  void AddHazard(testing::TestDevice& device, const std::string& subject,
                 const std::string& deadline, const std::vector<v1::HazardEventKind>& kinds,
                 std::vector<v1::Change>& batch, v1::Severity severity = v1::GENERAL,
                 v1::Urgency urgency = v1::URGENCY_UNSPECIFIED) {
    std::string id = testing::RandomId();
    ids_.push_back(id);
    v1::Change hazard = device.NewChange(v1::ENTITY_HAZARD, id);
    v1::Hazard* h = hazard.mutable_hazard();
    h->set_id(id);
    h->set_subject_id(subject);
    h->set_category("heating");
    h->set_severity(severity);
    h->set_deadline(deadline);
    h->set_urgency(urgency);
    batch.push_back(hazard);
    int64_t at = static_cast<int64_t>(time(nullptr)) * 1000 - 3600000;
    for (auto kind : kinds) {
      std::string event_id = testing::RandomId();
      v1::Change e = device.NewChange(v1::ENTITY_HAZARD_EVENT, event_id);
      v1::HazardEvent* ev = e.mutable_hazard_event();
      ev->set_id(event_id);
      ev->set_hazard_id(id);
      ev->set_kind(kind);
      ev->set_passed(kind == v1::REINSPECTED);
      ev->set_at_ms(at += 60000);
      if (kind == v1::FOUND) found_at_.push_back(at);
      ev->set_actor(device.worker_id());
      batch.push_back(e);
    }
  }
  std::vector<std::string> ids_;   // of the hazards added, in order
  std::vector<int64_t> found_at_;  // their FOUND events' times
};

TEST_P(ReportTest, HazardStatusIsDerivedFromTheEventLogByTheStateMachine) {
  StartServer();
  // An inspector: re-inspecting and closing hazards is theirs (docs/server-api.md, roles).
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA, "inspector");
  std::string h001 = testing::FindSubjectId(PullAll(*device), "H-001");
  ASSERT_FALSE(h001.empty());
  std::vector<v1::Change> batch;
  AddHazard(*device, h001, "2099-12-31", {v1::FOUND}, batch);  // open, found
  AddHazard(*device, h001, "2099-12-31", {v1::FOUND, v1::ORDERED, v1::RECTIFIED}, batch);
  AddHazard(*device, h001, "2020-01-01", {v1::FOUND, v1::ORDERED}, batch);  // past its deadline
  AddHazard(*device, h001, "2099-12-31",
            {v1::FOUND, v1::ORDERED, v1::RECTIFIED, v1::REINSPECTED, v1::CLOSED}, batch);
  // Closed straight after the finding: the machine refuses that step, so it stays found (open).
  AddHazard(*device, h001, "2099-12-31", {v1::FOUND, v1::CLOSED}, batch);
  // Flagged overdue, then rectified: rectified, no longer counted overdue.
  AddHazard(*device, h001, "2020-01-01", {v1::FOUND, v1::ORDERED, v1::OVERDUE, v1::RECTIFIED},
            batch);
  auto r = device->Sync(server_->port(), batch);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const auto& result : r->results()) {
    ASSERT_EQ(result.outcome(), v1::ChangeResult::APPLIED)
        << result.seq() << ": " << result.reason();
  }
  auto report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const std::string& out = report.out;
  EXPECT_NE(out.find("\"hazards_open\":5"), std::string::npos) << out;
  EXPECT_NE(out.find("\"hazards_rectified\":2"), std::string::npos) << out;
  EXPECT_NE(out.find("\"hazards_overdue\":1"), std::string::npos) << out;
  EXPECT_NE(out.find("\"hazards_closed\":1"), std::string::npos) << out;
  EXPECT_NE(out.find("\"hazards_by_status\":{\"closed\":1,\"found\":2,\"ordered\":1,"
                     "\"rectified\":2}"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("\"heating/general\":6"), std::string::npos) << out;
  auto text = env_->Run({"report"});
  EXPECT_NE(text.out.find("隐患（按状态）"), std::string::npos) << text.out;

  // --date counts the hazards found that day (the county's day), as it counts visits.
  const base::TimeZone zone = base::TimeZone::Default();  // the county has not set another
  const std::string day = base::CountyDate(found_at_[0], zone);
  int found_that_day = 0;
  for (int64_t at : found_at_) found_that_day += base::CountyDate(at, zone) == day;
  auto on_day = env_->Run({"report", "--format", "json", "--date", day});
  ASSERT_EQ(on_day.exit_code, 0) << on_day.err;
  auto number = [](const std::string& json, const std::string& key) {
    const size_t at = json.find("\"" + key + "\":");
    return at == std::string::npos ? -1 : std::stoll(json.substr(at + key.size() + 3));
  };
  EXPECT_EQ(number(on_day.out, "hazards_open") + number(on_day.out, "hazards_closed"),
            found_that_day)
      << on_day.out;
  auto other_day = env_->Run({"report", "--format", "json", "--date", "2020-01-01"});
  ASSERT_EQ(other_day.exit_code, 0) << other_day.err;
  EXPECT_NE(other_day.out.find("\"hazards_open\":0,"), std::string::npos) << other_day.out;
  EXPECT_NE(other_day.out.find("\"hazards_by_status\":{}"), std::string::npos) << other_day.out;
}

// Issue 16: 入户检查率 counts subjects whose latest visit checked them (nobody home is a return
// visit due, refused is counted apart); 清零率 is major hazards closed of those found; 按期整改率
// is hazards rectified by their deadline of those due (deadline passed, or rectified). The same
// numbers in Chinese, English and JSON; major hazards by town and village.
TEST_P(ReportTest, CoverageCountsCheckedSubjectsAndMajorHazardsShowTheirClearance) {
  ASSERT_TRUE(env_->PublishTemplate("household_check").ok());
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA, "inspector");
  const auto subjects = PullAll(*device);
  const std::string h001 = testing::FindSubjectId(subjects, "H-001");
  const std::string h002 = testing::FindSubjectId(subjects, "H-002");
  ASSERT_FALSE(h001.empty());
  ASSERT_FALSE(h002.empty());
  std::vector<v1::Change> batch;
  batch.push_back(device->NewVisit(h001, "household_check"));  // checked
  v1::Change away = device->NewVisit(h002, "household_check");
  away.mutable_visit()->set_outcome(v1::NOBODY_HOME);
  away.mutable_visit()->clear_answers();
  device->Sign(*away.mutable_visit());
  batch.push_back(away);
  // Major, closed before its deadline: cleared, on time.
  AddHazard(*device, h001, "2099-12-31",
            {v1::FOUND, v1::ORDERED, v1::RECTIFIED, v1::REINSPECTED, v1::CLOSED}, batch, v1::MAJOR);
  // Major, past its deadline and not rectified: open, overdue, due and late.
  AddHazard(*device, h001, "2020-01-01", {v1::FOUND, v1::ORDERED}, batch, v1::MAJOR);
  // General, rectified after its deadline: due, late.
  AddHazard(*device, h002, "2020-01-01", {v1::FOUND, v1::ORDERED, v1::RECTIFIED}, batch);
  // General, deadline to come: not due.
  AddHazard(*device, h002, "2099-12-31", {v1::FOUND}, batch);
  auto r = device->Sync(server_->port(), batch);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  for (const auto& result : r->results()) {
    ASSERT_EQ(result.outcome(), v1::ChangeResult::APPLIED)
        << result.seq() << ": " << result.reason();
  }
  auto json = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  for (const char* expected :
       {"\"subjects\":6", "\"subjects_checked\":1", "\"return_visits_due\":1",
        "\"visits_refused\":0", "\"major_hazards_found\":2", "\"major_hazards_closed\":1",
        "\"major_hazards_open\":1", "\"major_hazards_overdue\":1", "\"hazards_due\":3",
        "\"hazards_rectified_on_time\":1",
        "\"major_hazards\":{\"found\":2,\"open\":1,\"rectified\":0,\"closed\":1,"
        "\"overdue\":1,\"suspected\":0}"}) {
    EXPECT_NE(json.out.find(expected), std::string::npos) << expected << "\n" << json.out;
  }
  auto zh = env_->Run({"report"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("入户检查率 16.7%（1 / 6），待回访 1，拒绝入户 0"), std::string::npos)
      << zh.out;
  EXPECT_NE(zh.out.find("重大隐患清零率 50.0%（已销号 1 / 发现 2）"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("按期整改率 33.3%（1 / 3）"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("重大隐患 2：未销号 1，已整改 0，已销号 1，逾期 1"), std::string::npos)
      << zh.out;
  auto en = env_->Run({"report", "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_NE(en.out.find("checked 16.7% of subjects (1 / 6), return visits due 1, refused 0"),
            std::string::npos)
      << en.out;
  EXPECT_NE(en.out.find("major hazards cleared 50.0% (closed 1 / found 2)"), std::string::npos)
      << en.out;
  EXPECT_NE(en.out.find("rectified on time 33.3% (1 / 3)"), std::string::npos) << en.out;
}

// Issue 16: a hazard suspected major (疑似重大隐患) is counted apart until the county records the
// judgement of 消防救援大队 or the competent department; a worker's device may suspect but not
// judge; confirmed counts as major, downgraded as general. Open hazards are counted by urgency.
TEST_P(ReportTest, SuspectedMajorHazardsAreCountedApartUntilTheCountyJudgesThem) {
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA, "inspector");
  const std::string h001 = testing::FindSubjectId(PullAll(*device), "H-001");
  ASSERT_FALSE(h001.empty());
  std::vector<v1::Change> batch;
  AddHazard(*device, h001, "2099-12-31", {v1::FOUND, v1::SUSPECTED_MAJOR}, batch, v1::GENERAL,
            v1::IMMEDIATE);
  AddHazard(*device, h001, "2099-12-31", {v1::FOUND, v1::SUSPECTED_MAJOR}, batch, v1::GENERAL,
            v1::SAME_DAY);
  AddHazard(*device, h001, "2099-12-31", {v1::FOUND, v1::SUSPECTED_MAJOR, v1::MAJOR_CONFIRMED},
            batch);
  auto r = device->Sync(server_->port(), batch);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  int refused = 0;
  for (const auto& result : r->results()) {
    if (result.outcome() == v1::ChangeResult::REJECTED) {
      ++refused;
      EXPECT_NE(result.reason().find("only county staff may"), std::string::npos)
          << result.reason();
    } else {
      EXPECT_EQ(result.outcome(), v1::ChangeResult::APPLIED) << result.reason();
    }
  }
  EXPECT_EQ(refused, 1);  // the inspector's own judgement

  auto before = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(before.exit_code, 0) << before.err;
  for (const char* expected :
       {"\"major_hazards_suspected\":3", "\"major_hazards_found\":0", "\"heating/general\":3",
        "\"open_hazards_by_urgency\":{\"by_deadline\":1,\"immediate\":1,\"same_day\":1}",
        "\"major_hazards\":{\"found\":0,\"open\":0,\"rectified\":0,\"closed\":0,"
        "\"overdue\":0,\"suspected\":3}"}) {
    EXPECT_NE(before.out.find(expected), std::string::npos) << expected << "\n" << before.out;
  }
  auto zh = env_->Run({"report"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("疑似重大隐患待判定：3"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("未销号隐患（按整改时限）\n  立即整改：1\n  当日整改：1\n  限期整改：1"),
            std::string::npos)
      << zh.out;
  auto en = env_->Run({"report", "--lang", "en"});
  EXPECT_NE(en.out.find("major_hazards_suspected: 3"), std::string::npos) << en.out;
  EXPECT_NE(en.out.find("Immediately: 1"), std::string::npos) << en.out;

  // The county records the judgements: one confirmed, one downgraded; judging again is refused.
  auto confirm =
      env_->Run({"hazard", "confirm-major", base::HexEncode(ids_[0]), "--by", "消防救援大队"});
  ASSERT_EQ(confirm.exit_code, 0) << confirm.err;
  auto downgrade =
      env_->Run({"hazard", "downgrade-major", base::HexEncode(ids_[1]), "--by", "住建局"});
  ASSERT_EQ(downgrade.exit_code, 0) << downgrade.err;
  auto again =
      env_->Run({"hazard", "confirm-major", base::HexEncode(ids_[1]), "--by", "消防救援大队"});
  EXPECT_NE(again.exit_code, 0);
  EXPECT_NE(again.err.find("one judgement stands"), std::string::npos) << again.err;
  auto after = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(after.exit_code, 0) << after.err;
  for (const char* expected :
       {"\"major_hazards_suspected\":1", "\"major_hazards_found\":1", "\"major_hazards_open\":1",
        "\"heating/general\":2", "\"heating/major\":1"}) {
    EXPECT_NE(after.out.find(expected), std::string::npos) << expected << "\n" << after.out;
  }
}

// The county's day: a visit finished at 23:30 county time on 1 December counts on 1 December,
// one finished an hour later on 2 December; the county's time zone setting decides.
TEST_P(ReportTest, AVisitLateInTheEveningCountsOnThatDayInTheCountysTimeZone) {
  ASSERT_TRUE(env_->PublishTemplate("household_check").ok());
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA);
  const auto subjects = PullAll(*device);
  const std::string h001 = testing::FindSubjectId(subjects, "H-001");
  const std::string h002 = testing::FindSubjectId(subjects, "H-002");
  ASSERT_FALSE(h001.empty());
  ASSERT_FALSE(h002.empty());
  auto visit_at = [&](const std::string& subject, int64_t finished_ms) {
    v1::Change change = device->NewVisit(subject, "household_check");
    change.mutable_visit()->set_started_at_ms(finished_ms - 600000);
    change.mutable_visit()->set_finished_at_ms(finished_ms);
    device->Sign(*change.mutable_visit());
    return change;
  };
  constexpr int64_t kDec1At2330 = 1796139000000;          // 2026-12-01 15:30 UTC: 23:30 in Shanghai
  constexpr int64_t kDec2At0030 = kDec1At2330 + 3600000;  // 00:30 on 2 December in Shanghai
  auto pushed =
      device->Sync(server_->port(), {visit_at(h001, kDec1At2330), visit_at(h002, kDec2At0030)});
  ASSERT_TRUE(pushed.ok()) << pushed.status().ToString();
  for (const auto& result : pushed->results()) {
    ASSERT_EQ(result.outcome(), v1::ChangeResult::APPLIED) << result.reason();
  }
  auto visits_on = [&](const std::string& date) {
    auto report = env_->Run({"report", "--format", "json", "--date", date});
    EXPECT_EQ(report.exit_code, 0) << report.err;
    const size_t at = report.out.find("\"visits\":");
    return at == std::string::npos ? std::string("?") : report.out.substr(at + 9, 1);
  };
  // Asia/Shanghai, the default (in UTC both would be on 1 December).
  EXPECT_EQ(visits_on("2026-12-01"), "1");
  EXPECT_EQ(visits_on("2026-12-02"), "1");
  EXPECT_EQ(visits_on("2026-11-30"), "0");

  // A county in Asia/Urumqi (UTC+6): 00:30 in Shanghai is 22:30 on 1 December there.
  auto set = env_->Run({"set-time-zone", "Asia/Urumqi"});
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(visits_on("2026-12-01"), "2");
  EXPECT_EQ(visits_on("2026-12-02"), "0");

  auto unknown = env_->Run({"set-time-zone", "Asia/Beijing"});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("Asia/Beijing"), std::string::npos) << unknown.err;
  EXPECT_EQ(visits_on("2026-12-01"), "2") << "a refused zone changes nothing";
  auto bad_date = env_->Run({"report", "--date", "2026-02-30", "--lang", "en"});
  EXPECT_EQ(bad_date.exit_code, 2);
  EXPECT_NE(bad_date.err.find("not a real day"), std::string::npos) << bad_date.err;
  // Issue 18: said from the catalogue, in Chinese unless English is asked for.
  auto zh_date = env_->Run({"report", "--date", "2026-13-03", "--lang", "zh"});
  EXPECT_EQ(zh_date.exit_code, 2);
  EXPECT_NE(zh_date.err.find("--date 2026-13-03 不是真实存在的日期"), std::string::npos)
      << zh_date.err;
}

TEST_P(ReportTest, CampaignMakesTasksOnlyForSubjectsOfTheChecklistsKind) {
  // Town T01 has three households (H-001..H-003) and one premises (P-001).
  ASSERT_TRUE(env_->PublishTemplate("household_winter").ok());
  std::string shop = env_->dir().Join("shop.json");
  std::ofstream(shop) << R"({"id":"shop_fire","version":1,"title":{"zh":"场所","en":"Shop"},)"
                      << R"("subjectKind":"PREMISES","sections":[{"id":"main",)"
                      << R"("title":{"zh":"检查","en":"Check"},"items":[{"id":"exits",)"
                      << R"("kind":"YES_NO_NA","label":{"zh":"通道","en":"Exits"}}]}]})";
  ASSERT_EQ(env_->Run({"publish-template", shop}).exit_code, 0);
  auto create = [&](const std::string& id, const std::string& templates) {
    return env_->Run({"campaign", "create", "--id", id, "--title", "Winter", "--template",
                      templates, "--scope", "town:T01", "--due", "+28"});
  };
  auto households = create("c1", "household_winter");
  ASSERT_EQ(households.exit_code, 0) << households.err;
  EXPECT_NE(households.out.find("共 3 项任务"), std::string::npos) << households.out;
  auto shops = create("c2", "shop_fire");
  ASSERT_EQ(shops.exit_code, 0) << shops.err;
  EXPECT_NE(shops.out.find("共 1 项任务"), std::string::npos) << shops.out;
  auto both = create("c3", "household_winter,shop_fire");
  ASSERT_EQ(both.exit_code, 0) << both.err;
  EXPECT_NE(both.out.find("共 4 项任务"), std::string::npos) << both.out;

  // The premises task is for P-001 and names the premises checklist.
  StartServer();
  auto county = EnrolledDevice("c", "county", "county");
  auto all = PullAll(*county);
  std::string p001 = testing::FindSubjectId(all, "P-001");
  ASSERT_FALSE(p001.empty());
  auto p001_uuid = core::Uuid::FromBytes(p001);
  ASSERT_TRUE(p001_uuid.ok());
  std::string p001_text = p001_uuid->ToString();
  int shop_tasks = 0, wrong = 0;
  for (const auto& c : all) {
    if (c.entity() != v1::ENTITY_TASK || c.body_case() != v1::Change::kFields) continue;
    std::string subject, tpl;
    for (const auto& f : c.fields().fields()) {
      if (f.field() == "subject_id") subject = f.value().text();
      if (f.field() == "template_id") tpl = f.value().text();
    }
    if (tpl == "shop_fire") ++shop_tasks;
    if (tpl == "shop_fire" && subject != p001_text) ++wrong;
  }
  EXPECT_EQ(shop_tasks, 2);  // c2 and c3
  EXPECT_EQ(wrong, 0);
}

TEST_P(ReportTest, CampaignDueDatesAreRealDaysCountedFromTheCountysToday) {
  ASSERT_TRUE(env_->PublishTemplate("household_winter").ok());
  auto create = [&](const std::string& id, const std::string& due) {
    return env_->Run({"campaign", "create", "--id", id, "--title", "Winter", "--template",
                      "household_winter", "--scope", "town:T01", "--due", due});
  };
  for (const char* bad :
       {"2026-02-30", "2026-13-03", "+", "+1x", "+99999", "tomorrow", "2020-01-01"}) {
    auto refused = create("bad", bad);
    // A malformed date is a usage error; a real day in the past is refused input (issue 18).
    EXPECT_EQ(refused.exit_code, std::string(bad) == "2020-01-01" ? 1 : 2)
        << bad << ": " << refused.out;
    EXPECT_NE(refused.err.find(bad), std::string::npos) << refused.err;
  }
  auto zh = [&](const std::string& due) {
    return env_->Run({"campaign", "create", "--id", "bad", "--title", "Winter", "--template",
                      "household_winter", "--scope", "town:T01", "--due", due, "--lang", "zh"});
  };
  EXPECT_NE(zh("2026-02-30").err.find("--due 2026-02-30 不是真实存在的日期"), std::string::npos);
  EXPECT_NE(zh("+1x").err.find("应写成 +天数"), std::string::npos);
  EXPECT_NE(zh("2020-01-01").err.find("早于县里的今天"), std::string::npos);
  auto en =
      env_->Run({"campaign", "create", "--id", "bad", "--title", "Winter", "--template",
                 "household_winter", "--scope", "town:T01", "--due", "2020-01-01", "--lang", "en"});
  EXPECT_NE(en.err.find("is before today in the county"), std::string::npos) << en.err;
  const auto zone = base::TimeZone::Default();
  const std::string before = *base::AddDays(base::CountyDate(time(nullptr) * 1000LL, zone), 14);
  auto created = create("c1", "+14");
  const std::string after = *base::AddDays(base::CountyDate(time(nullptr) * 1000LL, zone), 14);
  ASSERT_EQ(created.exit_code, 0) << created.err;

  StartServer();
  auto county = EnrolledDevice("c", "county", "county");
  int tasks = 0;
  for (const auto& c : PullAll(*county)) {
    if (c.entity() != v1::ENTITY_TASK || c.body_case() != v1::Change::kFields) continue;
    for (const auto& f : c.fields().fields()) {
      if (f.field() != "due_date") continue;
      ++tasks;
      EXPECT_TRUE(f.value().text() == before || f.value().text() == after) << f.value().text();
    }
  }
  EXPECT_EQ(tasks, 3);
}

// Issue 23: the report as an Excel workbook opens with openpyxl (python3-openpyxl, the library a
// county office's scripts use) and every figure in it equals the JSON report's; its sheet names,
// headers and frozen rows are in the report's language.
TEST_P(ReportTest, XlsxReportOpensWithOpenpyxlAndItsFiguresEqualTheJsonReports) {
  ASSERT_TRUE(env_->PublishTemplate("household_check").ok());
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA, "inspector");
  const auto subjects = PullAll(*device);
  const std::string h001 = testing::FindSubjectId(subjects, "H-001");
  const std::string h002 = testing::FindSubjectId(subjects, "H-002");
  ASSERT_FALSE(h001.empty());
  ASSERT_FALSE(h002.empty());
  std::vector<v1::Change> batch;
  batch.push_back(device->NewVisit(h001, "household_check"));
  v1::Change away = device->NewVisit(h002, "household_check");
  away.mutable_visit()->set_outcome(v1::NOBODY_HOME);
  away.mutable_visit()->clear_answers();
  device->Sign(*away.mutable_visit());
  batch.push_back(away);
  AddHazard(*device, h001, "2099-12-31",
            {v1::FOUND, v1::ORDERED, v1::RECTIFIED, v1::REINSPECTED, v1::CLOSED}, batch, v1::MAJOR);
  AddHazard(*device, h001, "2020-01-01", {v1::FOUND, v1::ORDERED}, batch, v1::MAJOR);
  AddHazard(*device, h002, "2099-12-31", {v1::FOUND}, batch, v1::GENERAL, v1::IMMEDIATE);
  auto r = device->Sync(server_->port(), batch);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto json = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const std::string json_path = env_->dir().Join("report.json");
  std::ofstream(json_path) << json.out;
  for (const char* lang : {"zh", "en"}) {
    SCOPED_TRACE(lang);
    const std::string xlsx = env_->dir().Join(std::string("report-") + lang + ".xlsx");
    auto written = env_->Run({"report", "--format", "xlsx", "--out", xlsx, "--lang", lang});
    ASSERT_EQ(written.exit_code, 0) << written.err;
    const std::string check = std::string("/usr/bin/python3 ") + QIAOMEN_SOURCE_DIR +
                              "/tests/server/report_xlsx_check.py " + xlsx + " " + json_path + " " +
                              lang + " 2>&1";
    std::string output;
    FILE* pipe = popen(check.c_str(), "r");
    ASSERT_NE(pipe, nullptr);
    char buf[4096];
    size_t n = 0;
    while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) output.append(buf, n);
    const int status = pclose(pipe);
    EXPECT_EQ(status, 0) << output;
    // Totals, three levels of units with their major hazards, and the breakdowns.
    int compared = 0;
    const size_t at = output.find("compared ");
    if (at != std::string::npos) compared = std::atoi(output.c_str() + at + 9);
    EXPECT_GE(compared, 40) << output;
  }
  auto neither = env_->Run({"report", "--format", "xlsx"});
  EXPECT_EQ(neither.exit_code, 2) << neither.err;
  EXPECT_NE(neither.err.find("--out"), std::string::npos) << neither.err;
}

INSTANTIATE_TEST_SUITE_P(Backends, ReportTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
