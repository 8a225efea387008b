// 人员与设备 over real HTTP: the workers and devices in the staff member's town with their last
// sync; adding a worker, issuing an enrolment code shown as a QR code, revoking a device, each a
// post that needs the session's CSRF token. A township acts only on its own town: another town's
// worker or device is 404, and it cannot give a worker another town or the county role. On
// SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "console_test_support.h"
#include "qiaomen/core/enrol/enrol_link.h"
#include "server/src/admin/enrol_qr.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

constexpr const char* kBaishuiGrid = "T02-V01-G01";

// The text between `open` and the next '<' after it ("" when absent).
std::string Between(const std::string& html, const std::string& open) {
  const size_t at = html.find(open);
  if (at == std::string::npos) return "";
  const size_t start = at + open.size();
  return html.substr(start, html.find('<', start) - start);
}

// The <tr> of worker `id` on the people page ("" when it is not listed).
std::string WorkerRow(const std::string& html, const std::string& id) {
  const size_t at = html.find("data-worker=\"" + id + "\"");
  if (at == std::string::npos) return "";
  return html.substr(at, html.find("</tr>", at) - at);
}

class ConsolePeopleTest : public ConsoleTest {
 protected:
  void SetUp() override {
    ConsoleTest::SetUp();
    if (HasFatalFailure()) return;
    wa_ = EnrolledDevice("wa", std::string("grids:") + kGridA);
    wc_ = EnrolledDevice("wc", std::string("grids:") + kBaishuiGrid);
    PullAll(*wa_);
    county_ = SessionOf("county1");
    township_ = SessionOf("qingshi1");
  }

  // Posts `body` and the session's CSRF token (from the people page) to /console/people/ACTION.
  testing::HttpReply PostAction(const std::string& session, const std::string& action,
                                const std::string& body, testing::HttpHeaders extra = {}) {
    const std::string csrf = CsrfOf(Get("/console/people", session).body);
    EXPECT_FALSE(csrf.empty());
    return Post("/console/people/" + action, "qm_session=" + session, "csrf=" + csrf + "&" + body,
                std::move(extra));
  }

  // The stored worker `id` as "name|role|scope", "" when there is none.
  std::string StoredWorker(const std::string& id) {
    auto db = Database();
    if (!db) return "";
    auto row = db->QueryOne("SELECT name, role, scope FROM workers WHERE id = $1", {Text(id)});
    if (!row.ok()) return "";
    return row->Text(0) + "|" + row->Text(1) + "|" + row->Text(2);
  }

  int64_t EnrolCodes() {
    auto db = Database();
    if (!db) return -1;
    auto row = db->QueryOne("SELECT count(*) FROM enroll_codes");
    return row.ok() ? row->Int(0) : -1;
  }

  // Whether the device's token still opens the sync API (401 once revoked).
  int SyncStatus(testing::TestDevice& device) {
    auto r = device.SyncRaw(server_->port(), v1::SyncRequest());
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->status : 0;
  }

  std::unique_ptr<testing::TestDevice> wa_, wc_;
  std::string county_, township_;
};

TEST_P(ConsolePeopleTest, TownshipSeesItsOwnWorkersAndTheirDevicesWithLastSync) {
  const std::string wa_hex = base::HexEncode(wa_->device_id());
  const std::string wc_hex = base::HexEncode(wc_->device_id());

  testing::HttpReply county = Get("/console/people", county_);
  ASSERT_EQ(county.status, 200) << county.body;
  EXPECT_NE(county.body.find("人员与设备"), std::string::npos);
  EXPECT_NE(WorkerRow(county.body, "wa").find("data-device=\"" + wa_hex + "\""), std::string::npos);
  EXPECT_NE(WorkerRow(county.body, "wc").find("data-device=\"" + wc_hex + "\""), std::string::npos);

  testing::HttpReply township = Get("/console/people", township_);
  ASSERT_EQ(township.status, 200) << township.body;
  const std::string wa_row = WorkerRow(township.body, "wa");
  EXPECT_NE(wa_row.find("data-device=\"" + wa_hex + "\""), std::string::npos) << township.body;
  EXPECT_NE(wa_row.find("网格员"), std::string::npos);
  // wa pulled: a sync time in the county's day, not 从未同步; wc's device never synced.
  EXPECT_EQ(wa_row.find("从未同步"), std::string::npos) << wa_row;
  EXPECT_NE(wa_row.find("最近同步 20"), std::string::npos) << wa_row;
  EXPECT_NE(WorkerRow(county.body, "wc").find("从未同步"), std::string::npos);
  // Another town's worker and device are not on the township's page at all.
  EXPECT_EQ(township.body.find("data-worker=\"wc\""), std::string::npos);
  EXPECT_EQ(township.body.find(wc_hex), std::string::npos);
  // The township can give only its own town and grids, never the county.
  EXPECT_NE(township.body.find("value=\"town:T01\""), std::string::npos);
  EXPECT_EQ(township.body.find("value=\"town:T02\""), std::string::npos);
  EXPECT_EQ(township.body.find("value=\"county\""), std::string::npos);

  // Issue 17: the list as CSV, a line per device, scoped as the page.
  testing::HttpReply csv = Get("/console/people.csv", township_);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.Header("content-type").find("text/csv"), std::string::npos);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF工号,姓名,角色,工作范围,设备,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("\r\nwa,Worker wa,网格员,grids:T01-V01-G01,"), std::string::npos)
      << csv.body;
  EXPECT_EQ(csv.body.find("wc"), std::string::npos) << "another town's worker: " << csv.body;
  EXPECT_EQ(Get("/console/people.csv", "").status, 303) << "signed in only";
  testing::HttpReply all = Get("/console/people.csv", county_);
  EXPECT_NE(all.body.find("\r\nwc,Worker wc,"), std::string::npos) << all.body;
}

TEST_P(ConsolePeopleTest, AddingAWorkerNeedsTheTokenAndStaysInTheTownshipsTown) {
  // Without the session's CSRF token nothing is written.
  testing::HttpReply forged =
      Post("/console/people/add", "qm_session=" + township_,
           "csrf=" + std::string(64, '0') + "&id=g7&name=x&role=grid_worker&scope=town%3AT01");
  EXPECT_EQ(forged.status, 403);
  EXPECT_EQ(StoredWorker("g7"), "");

  testing::HttpReply added = PostAction(
      township_, "add",
      "id=g7&name=" + Encode("赵七") + "&role=grid_worker&scope=" + Encode("grids:T01-V01-G02"));
  EXPECT_EQ(added.status, 303) << added.body;
  EXPECT_EQ(StoredWorker("g7"), "赵七|grid_worker|grids:T01-V01-G02");
  testing::HttpReply page = Get("/console/people?done=added", township_);
  EXPECT_NE(WorkerRow(page.body, "g7").find("赵七"), std::string::npos);
  EXPECT_NE(page.body.find("已保存人员"), std::string::npos);

  // Another town, the county's scope or role, a grid of another town: refused, with what was
  // typed kept, nothing written.
  for (const std::string& body :
       {std::string("id=g8&name=x&role=grid_worker&scope=town%3AT02"),
        std::string("id=g8&name=x&role=grid_worker&scope=county"),
        std::string("id=g8&name=x&role=county&scope=town%3AT01"),
        "id=g8&name=x&role=grid_worker&scope=" + Encode(std::string("grids:") + kBaishuiGrid),
        "id=g8&name=x&role=grid_worker&scope=" + Encode("grids:T01-V01-G01,T02-V01-G01"),
        std::string("id=g8&name=x&role=boss&scope=town%3AT01"),
        std::string("id=&name=x&role=grid_worker&scope=town%3AT01")}) {
    testing::HttpReply refused = PostAction(township_, "add", body);
    EXPECT_EQ(refused.status, 400) << body;
    EXPECT_NE(refused.body.find("role=\"alert\""), std::string::npos) << body;
    EXPECT_EQ(StoredWorker("g8"), "") << body;
  }
  // Reusing another town's worker id would move that worker into this town: refused.
  testing::HttpReply taken =
      PostAction(township_, "add", "id=wc&name=x&role=grid_worker&scope=" + Encode("town:T01"));
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(StoredWorker("wc"), std::string("Worker wc|grid_worker|grids:") + kBaishuiGrid);

  // The county may add to any town.
  testing::HttpReply county =
      PostAction(county_, "add", "id=g9&name=y&role=inspector&scope=" + Encode("town:T02"));
  EXPECT_EQ(county.status, 303) << county.body;
  EXPECT_EQ(StoredWorker("g9"), "y|inspector|town:T02");
}

TEST_P(ConsolePeopleTest, AnEnrolmentCodeIsShownAsAQrCodeAndEnrolsAPhone) {
  const int64_t before = EnrolCodes();
  // The browser reached the server at its own address (see console_enrol_link_test.cc for others).
  const std::string here = "127.0.0.1:" + std::to_string(server_->port());
  testing::HttpReply page = PostAction(township_, "code", "worker=wa", {{"Host", here}});
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string code = Between(page.body, "<dd class=\"code\">");
  ASSERT_FALSE(code.empty()) << page.body;
  EXPECT_EQ(EnrolCodes(), before + 1);
  EXPECT_NE(page.Header("cache-control").find("no-store"), std::string::npos);

  // The QR code is the enrolment link to the address the browser used, with this code.
  core::enrol::EnrolLink link{"http://" + here, code, ""};
  auto text = core::enrol::FormatEnrolLink(link);
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  auto qr = EncodeQr(*text);
  ASSERT_TRUE(qr.ok());
  const std::string svg = QrSvg(*qr, 264, "");
  const std::string modules = svg.substr(svg.find("<path"));
  EXPECT_NE(page.body.find(modules), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("<title>登记二维码：Worker wa</title>"), std::string::npos);

  testing::TestDevice phone;
  auto enrolled = phone.Enroll(server_->port(), code);
  ASSERT_TRUE(enrolled.ok()) << enrolled.status().ToString();
  EXPECT_EQ(enrolled->worker_id(), "wa");

  // Another town's worker, an unknown one, and a post without the token: no code.
  EXPECT_EQ(PostAction(township_, "code", "worker=wc").status, 404);
  EXPECT_EQ(PostAction(township_, "code", "worker=nobody").status, 404);
  EXPECT_EQ(Post("/console/people/code", "qm_session=" + township_,
                 "csrf=" + std::string(64, 'a') + "&worker=wa")
                .status,
            403);
  EXPECT_EQ(EnrolCodes(), before + 1);
}

TEST_P(ConsolePeopleTest, RevokingADeviceNeedsConfirmationAndItsTokenStopsAtOnce) {
  const std::string wa_hex = base::HexEncode(wa_->device_id());
  const std::string wc_hex = base::HexEncode(wc_->device_id());

  // Another town's device is unknown to the township: 404, and it still syncs.
  EXPECT_EQ(PostAction(township_, "revoke", "device=" + wc_hex + "&confirm=yes").status, 404);
  EXPECT_EQ(SyncStatus(*wc_), 200);
  // Without the confirmation, or without the token: nothing revoked.
  testing::HttpReply unconfirmed = PostAction(township_, "revoke", "device=" + wa_hex);
  EXPECT_EQ(unconfirmed.status, 400);
  EXPECT_NE(unconfirmed.body.find("确认吊销"), std::string::npos);
  EXPECT_EQ(
      Post("/console/people/revoke", "qm_session=" + township_, "device=" + wa_hex + "&confirm=yes")
          .status,
      403);
  EXPECT_EQ(SyncStatus(*wa_), 200);

  testing::HttpReply revoked = PostAction(township_, "revoke", "device=" + wa_hex + "&confirm=yes");
  EXPECT_EQ(revoked.status, 303) << revoked.body;
  EXPECT_EQ(SyncStatus(*wa_), 401);
  testing::HttpReply page = Get("/console/people?done=revoked", township_);
  EXPECT_NE(WorkerRow(page.body, "wa").find("已吊销"), std::string::npos);
  EXPECT_EQ(SyncStatus(*wc_), 200);

  // The county may revoke any town's device.
  EXPECT_EQ(PostAction(county_, "revoke", "device=" + wc_hex + "&confirm=yes").status, 303);
  EXPECT_EQ(SyncStatus(*wc_), 401);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsolePeopleTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
