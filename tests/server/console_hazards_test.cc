// 隐患台账 over real HTTP: the ledger lists the hazards in the staff member's scope (a township's
// own town only), its filters narrow the list, and a hazard's page shows its steps in order; a
// hazard of another town answers 404 like an unknown or malformed id. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <fstream>

#include "console_test_support.h"
#include "qiaomen/base/hex.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

constexpr const char* kBaishuiGrid = "T02-V01-G01";  // H-101, H-102

// How many ledger rows a page has.
size_t Rows(const std::string& html) {
  size_t n = 0;
  for (size_t at = html.find("data-hazard="); at != std::string::npos;
       at = html.find("data-hazard=", at + 1)) {
    ++n;
  }
  return n;
}

class HazardLedgerTest : public ConsoleTest {
 protected:
  // In Qingshi: Wang Fang's gas hazard, ordered and rectified (deadline far away), and Li Wei's
  // major electrical hazard, ordered with a deadline long past. In Baishui: Chen Jie's major
  // heating hazard, just found.
  void MakeHazards() {
    auto qingshi = EnrolledDevice("qingshi_insp", std::string("grids:") + kGridA, "inspector");
    auto baishui =
        EnrolledDevice("baishui_insp", std::string("grids:") + kBaishuiGrid, "inspector");
    wang_ = AddHazard(
        *qingshi, "H-001", "gas", v1::GENERAL, "2099-12-31",
        {{v1::FOUND, "软管老化"}, {v1::ORDERED, "七日内更换"}, {v1::RECTIFIED, "已换新管"}});
    li_ = AddHazard(*qingshi, "H-002", "electrical", v1::MAJOR, "2020-01-01",
                    {{v1::FOUND, "私拉电线"}, {v1::ORDERED, "限期整改"}});
    chen_ = AddHazard(*baishui, "H-101", "heating_co", v1::MAJOR, "2099-12-31",
                      {{v1::FOUND, "煤炉无烟囱"}});
  }

  std::string wang_, li_, chen_;
};

TEST_P(HazardLedgerTest, TheCountySeesTheHazardsOfEveryTown) {
  MakeHazards();
  if (HasFatalFailure()) return;
  testing::HttpReply page = Get("/console/hazards", SessionOf("county1"));
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string& html = page.body;
  EXPECT_EQ(Rows(html), 3u) << html;
  for (const std::string& id : {wang_, li_, chen_}) {
    EXPECT_NE(html.find("data-hazard=\"" + id + "\""), std::string::npos) << id;
  }
  EXPECT_NE(html.find("Wang Fang"), std::string::npos);
  EXPECT_NE(html.find("1 Hill Rd"), std::string::npos);
  EXPECT_NE(html.find("Chen Jie"), std::string::npos);
  EXPECT_NE(html.find("燃气"), std::string::npos) << "categories in Chinese";
  EXPECT_NE(html.find("重大隐患"), std::string::npos);
  EXPECT_NE(html.find("已整改"), std::string::npos) << "Wang Fang's status";
  EXPECT_NE(html.find("aria-current=\"page\">隐患台账"), std::string::npos) << "in the nav";
  EXPECT_NE(html.find("name=\"town\""), std::string::npos) << "county staff choose a town";
}

TEST_P(HazardLedgerTest, ATownshipSeesItsOwnTownOnly) {
  MakeHazards();
  if (HasFatalFailure()) return;
  const std::string session = SessionOf("qingshi1");
  testing::HttpReply page = Get("/console/hazards", session);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(Rows(page.body), 2u) << page.body;
  EXPECT_NE(page.body.find("Wang Fang"), std::string::npos);
  EXPECT_NE(page.body.find("Li Wei"), std::string::npos);
  EXPECT_EQ(page.body.find("Chen Jie"), std::string::npos) << "Baishui is not Qingshi's business";
  EXPECT_EQ(page.body.find(chen_), std::string::npos);
  EXPECT_EQ(page.body.find("name=\"town\""), std::string::npos);
  // Asking for Baishui in the query changes nothing.
  testing::HttpReply asked = Get("/console/hazards?town=T02", session);
  ASSERT_EQ(asked.status, 200);
  EXPECT_EQ(asked.body.find("Chen Jie"), std::string::npos);

  EXPECT_EQ(Get("/console/hazards/" + wang_, session).status, 200);
  testing::HttpReply other = Get("/console/hazards/" + chen_, session);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("Chen Jie"), std::string::npos);
  testing::HttpReply unknown =
      Get("/console/hazards/" + base::HexEncode(testing::RandomId()), session);
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(unknown.body, other.body) << "another town's hazard reads as an unknown one";
  EXPECT_EQ(Get("/console/hazards/not-hex", session).status, 404);
  EXPECT_EQ(Get("/console/hazards/" + chen_ + "00", session).status, 404);
  EXPECT_EQ(Get("/console/hazards/" + chen_, SessionOf("county1")).status, 200);
}

TEST_P(HazardLedgerTest, FiltersNarrowTheList) {
  MakeHazards();
  if (HasFatalFailure()) return;
  const std::string session = SessionOf("county1");
  auto rows_of = [&](const std::string& query) {
    testing::HttpReply page = Get("/console/hazards?" + query, session);
    EXPECT_EQ(page.status, 200) << query;
    std::string ids;
    for (const std::string* id : {&wang_, &li_, &chen_}) {
      if (page.body.find("data-hazard=\"" + *id + "\"") != std::string::npos) {
        ids += id == &wang_ ? "wang " : id == &li_ ? "li " : "chen ";
      }
    }
    EXPECT_EQ(Rows(page.body), static_cast<size_t>(std::count(ids.begin(), ids.end(), ' ')))
        << query;
    return ids;
  };
  EXPECT_EQ(rows_of("severity=major"), "li chen ");
  EXPECT_EQ(rows_of("severity=general"), "wang ");
  EXPECT_EQ(rows_of("overdue=1"), "li ");
  EXPECT_EQ(rows_of("town=T02"), "chen ");
  EXPECT_EQ(rows_of("village=T01-V01"), "wang li ");
  EXPECT_EQ(rows_of("category=gas"), "wang ");
  EXPECT_EQ(rows_of("status=rectified"), "wang ");
  EXPECT_EQ(rows_of("status=found&severity=major"), "chen ");
  EXPECT_EQ(rows_of("town=&severity=&status="), "wang li chen ") << "empty fields filter nothing";
  testing::HttpReply overdue = Get("/console/hazards?overdue=1", session);
  EXPECT_NE(overdue.body.find("name=\"overdue\" value=\"1\" checked"), std::string::npos)
      << "the form keeps its choices";
}

TEST_P(HazardLedgerTest, AHazardsPageShowsItsStepsInOrder) {
  MakeHazards();
  if (HasFatalFailure()) return;
  testing::HttpReply page = Get("/console/hazards/" + wang_, SessionOf("qingshi1"));
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string& html = page.body;
  EXPECT_NE(html.find("Wang Fang"), std::string::npos);
  EXPECT_NE(html.find("2099-12-31"), std::string::npos);
  EXPECT_NE(html.find("qingshi_insp"), std::string::npos) << "who took the steps";
  size_t found = html.find("软管老化"), ordered = html.find("七日内更换"),
         rectified = html.find("已换新管");
  ASSERT_NE(found, std::string::npos) << html;
  ASSERT_NE(ordered, std::string::npos);
  ASSERT_NE(rectified, std::string::npos);
  EXPECT_LT(found, ordered);
  EXPECT_LT(ordered, rectified);
  EXPECT_NE(html.find("发现隐患"), std::string::npos) << "steps named in Chinese";
  EXPECT_NE(html.find("下达限期整改"), std::string::npos);
  EXPECT_NE(html.find("href=\"/console/hazards\""), std::string::npos) << "a way back";

  testing::HttpReply li = Get("/console/hazards/" + li_, SessionOf("qingshi1"));
  ASSERT_EQ(li.status, 200);
  EXPECT_NE(li.body.find("逾期"), std::string::npos) << li.body;
}

TEST_P(HazardLedgerTest, TheLedgerExportsAsCsvWithItsFiltersAndScope) {
  MakeHazards();
  if (HasFatalFailure()) return;
  const std::string session = SessionOf("qingshi1");
  testing::HttpReply page = Get("/console/hazards?severity=major", session);
  EXPECT_NE(page.body.find("href=\"/console/hazards.csv?severity=major\""), std::string::npos)
      << page.body;
  testing::HttpReply csv = Get("/console/hazards.csv?severity=major", session);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.Header("content-disposition").find("attachment"), std::string::npos);
  EXPECT_EQ(csv.Header("cache-control"), "no-store");
  ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF住户/场所,地址,网格,类别,等级,状态,", 0), 0u)
      << "a BOM, then the Chinese header: " << csv.body;
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 2) << csv.body;
  EXPECT_NE(csv.body.find("Li Wei"), std::string::npos);
  EXPECT_NE(csv.body.find("重大隐患"), std::string::npos);
  EXPECT_EQ(csv.body.find("Wang Fang"), std::string::npos) << "filtered out (general)";
  EXPECT_EQ(csv.body.find("Chen Jie"), std::string::npos) << "Baishui's, out of scope";
  EXPECT_EQ(csv.body.find("<"), std::string::npos) << "no HTML";
  EXPECT_EQ(Get("/console/hazards.csv", "").status, 303) << "signed out: to the login page";
  testing::HttpReply county = Get("/console/hazards.csv", SessionOf("county1"));
  EXPECT_EQ(std::count(county.body.begin(), county.body.end(), '\n'), 4) << county.body;
}

// Issue 23: the ledger also downloads as an Excel workbook with the CSV's header and rows (the same
// filters and scope), opened here with openpyxl as an office's scripts would.
TEST_P(HazardLedgerTest, TheLedgerExportsAsExcelWithTheCsvsRows) {
  MakeHazards();
  if (HasFatalFailure()) return;
  const std::string session = SessionOf("qingshi1");
  testing::HttpReply page = Get("/console/hazards?severity=major", session);
  EXPECT_NE(page.body.find("href=\"/console/hazards.xlsx?severity=major\""), std::string::npos)
      << page.body;
  testing::HttpReply csv = Get("/console/hazards.csv", session);
  testing::HttpReply xlsx = Get("/console/hazards.xlsx", session);
  ASSERT_EQ(xlsx.status, 200) << xlsx.body;
  EXPECT_EQ(xlsx.Header("content-type"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  EXPECT_NE(xlsx.Header("content-disposition").find("hazards.xlsx"), std::string::npos);
  EXPECT_EQ(Get("/console/hazards.xlsx", "").status, 303) << "signed out: to the login page";
  const std::string file = env_->dir().Join("hazards.xlsx");
  std::ofstream(file, std::ios::binary) << xlsx.body;
  const std::string script =
      "import csv,sys,openpyxl\n"
      "ws=openpyxl.load_workbook(sys.argv[1]).worksheets[0]\n"
      "assert ws.freeze_panes=='A2', ws.freeze_panes\n"
      "w=csv.writer(sys.stdout,lineterminator='\\n')\n"
      "[w.writerow(['' if v is None else v for v in r]) for r in ws.iter_rows(values_only=True)]\n";
  const std::string command = "/usr/bin/python3 -c \"" + script + "\" " + file + " 2>&1";
  std::string rows;
  FILE* pipe = popen(command.c_str(), "r");
  ASSERT_NE(pipe, nullptr);
  char buf[4096];
  size_t n = 0;
  while ((n = fread(buf, 1, sizeof buf, pipe)) > 0) rows.append(buf, n);
  EXPECT_EQ(pclose(pipe), 0) << rows;
  std::string expected = csv.body.substr(3);  // no BOM, LF line ends
  expected.erase(std::remove(expected.begin(), expected.end(), '\r'), expected.end());
  EXPECT_EQ(rows, expected);
  EXPECT_NE(rows.find("住户/场所,地址,网格"), std::string::npos) << rows;
}

TEST_P(HazardLedgerTest, FiftyHazardsMakeAPageAndTheRestAreOnTheNext) {
  auto device = EnrolledDevice("qingshi_insp", std::string("grids:") + kGridA, "inspector");
  std::string subject = testing::FindSubjectId(PullAll(*device), "H-001");
  ASSERT_FALSE(subject.empty());
  std::vector<v1::Change> batch;
  for (int i = 0; i < 51; ++i) {
    HazardChanges(*device, subject, "gas", v1::MAJOR, "2099-12-31",
                  {{v1::FOUND, "第" + std::to_string(i) + "处"}}, batch);
  }
  Apply(*device, batch);
  if (HasFatalFailure()) return;
  const std::string session = SessionOf("qingshi1");
  testing::HttpReply first = Get("/console/hazards?severity=major", session);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Rows(first.body), 50u);
  EXPECT_NE(first.body.find("共 51 处"), std::string::npos);
  EXPECT_EQ(first.body.find("上一页"), std::string::npos);
  EXPECT_NE(first.body.find("<a href=\"/console/hazards?severity=major&amp;page=2\">下一页</a>"),
            std::string::npos)
      << "the next page keeps the filter";
  testing::HttpReply second = Get("/console/hazards?severity=major&page=2", session);
  ASSERT_EQ(second.status, 200);
  EXPECT_EQ(Rows(second.body), 1u);
  EXPECT_NE(second.body.find("<a href=\"/console/hazards?severity=major\">上一页</a>"),
            std::string::npos);
  EXPECT_EQ(second.body.find("下一页"), std::string::npos);
}

INSTANTIATE_TEST_SUITE_P(Backends, HazardLedgerTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
