// 今日 over real HTTP: the day's numbers come from the county's records, and a township account
// sees its own town only (another town's units, visits, hazards and devices are absent). On
// SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <ctime>

#include "console_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

constexpr const char* kBaishuiGrid = "T02-V01-G01";  // H-101, H-102

// The number on the tile labelled `label` ("" when there is none).
std::string Tile(const std::string& html, const std::string& label) {
  size_t at = html.find("</b><span>" + label);
  if (at == std::string::npos) return "";
  size_t start = html.rfind("<b>", at);
  return start == std::string::npos ? "" : html.substr(start + 3, at - start - 3);
}

class TodayTest : public ConsoleTest {
 protected:
  // A visit to H-101 in Baishui and a major hazard found there today, and a quiet device in each
  // town (enrolled three days ago, never synced).
  void MakeBaishuisDay() {
    ASSERT_TRUE(env_->PublishTemplate("home").ok());
    auto device = EnrolledDevice("baishui1", std::string("grids:") + kBaishuiGrid, "inspector");
    std::string h101 = testing::FindSubjectId(PullAll(*device), "H-101");
    ASSERT_FALSE(h101.empty());
    std::vector<v1::Change> batch{device->NewVisit(h101, "home")};
    std::string id = testing::RandomId();
    v1::Change hazard = device->NewChange(v1::ENTITY_HAZARD, id);
    hazard.mutable_hazard()->set_id(id);
    hazard.mutable_hazard()->set_subject_id(h101);
    hazard.mutable_hazard()->set_category("heating");
    hazard.mutable_hazard()->set_severity(v1::MAJOR);
    hazard.mutable_hazard()->set_deadline("2099-12-31");
    batch.push_back(hazard);
    std::string event_id = testing::RandomId();
    v1::Change found = device->NewChange(v1::ENTITY_HAZARD_EVENT, event_id);
    found.mutable_hazard_event()->set_id(event_id);
    found.mutable_hazard_event()->set_hazard_id(id);
    found.mutable_hazard_event()->set_kind(v1::FOUND);
    found.mutable_hazard_event()->set_at_ms(static_cast<int64_t>(time(nullptr)) * 1000);
    found.mutable_hazard_event()->set_actor(device->worker_id());
    batch.push_back(found);
    auto r = device->Sync(server_->port(), batch);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const auto& result : r->results()) {
      ASSERT_EQ(result.outcome(), v1::ChangeResult::APPLIED) << result.reason();
    }
    EnrolledDevice("quiet01", std::string("grids:") + kGridA);
    EnrolledDevice("quiet02", std::string("grids:") + kBaishuiGrid);
    auto db = Database();
    ASSERT_TRUE(db);
    ASSERT_TRUE(db->Exec("UPDATE devices SET enrolled_ms = enrolled_ms - 259200000 WHERE "
                         "worker_id IN ('quiet01', 'quiet02')")
                    .ok());
  }
};

TEST_P(TodayTest, TheCountySeesEveryTownsDay) {
  MakeBaishuisDay();
  if (HasFatalFailure()) return;
  testing::HttpReply day = Get("/console/", SessionOf("county1"));
  ASSERT_EQ(day.status, 200) << day.body;
  const std::string& html = day.body;
  EXPECT_EQ(Tile(html, "今日走访"), "1") << html;
  EXPECT_EQ(Tile(html, "今日发现隐患"), "1");
  EXPECT_EQ(Tile(html, "重大隐患未销号"), "1");
  EXPECT_EQ(Tile(html, "重大隐患逾期"), "0");
  EXPECT_NE(html.find("data-unit=\"T01\""), std::string::npos);
  EXPECT_NE(html.find("data-unit=\"T02\""), std::string::npos);
  EXPECT_NE(html.find("data-unit=\"T02-V01-G01\""), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos) << "coverage bars";
  EXPECT_NE(html.find("quiet01"), std::string::npos) << "quiet devices of both towns";
  EXPECT_NE(html.find("quiet02"), std::string::npos);
  EXPECT_EQ(html.find("baishui1"), std::string::npos) << "it synced today";
  EXPECT_NE(html.find("还没有备份过"), std::string::npos) << "no backup yet: county staff are told";
}

TEST_P(TodayTest, ATownshipSeesItsOwnTownOnly) {
  MakeBaishuisDay();
  if (HasFatalFailure()) return;
  testing::HttpReply day = Get("/console/", SessionOf("qingshi1"));
  ASSERT_EQ(day.status, 200) << day.body;
  const std::string& html = day.body;
  EXPECT_NE(html.find("data-unit=\"T01\""), std::string::npos) << html;
  EXPECT_NE(html.find("Qingshi"), std::string::npos);
  EXPECT_EQ(html.find("T02"), std::string::npos) << "Baishui's units are not Qingshi's business";
  EXPECT_EQ(html.find("Baishui"), std::string::npos);
  EXPECT_EQ(Tile(html, "今日走访"), "0");
  EXPECT_EQ(Tile(html, "今日发现隐患"), "0");
  EXPECT_EQ(Tile(html, "重大隐患未销号"), "0");
  EXPECT_NE(html.find("quiet01"), std::string::npos);
  EXPECT_EQ(html.find("quiet02"), std::string::npos);
  EXPECT_EQ(html.find("备份"), std::string::npos) << "backups are the county's to run";
  // Issue 17: the day's coverage as CSV, the township's own town only.
  testing::HttpReply csv = Get("/console/today.csv", SessionOf("qingshi1"));
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF层级,编号,名称,户/场所,已走访,已检查,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("\r\n镇,T01,Qingshi,"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find("T02"), std::string::npos) << csv.body;
}

INSTANTIATE_TEST_SUITE_P(Backends, TodayTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
