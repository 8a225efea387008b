// 走访记录 and photo evidence over real HTTP: the list shows the visits in the staff member's
// scope and its filters narrow it; a visit's page shows the answers under the checklist's own
// labels, who, which device, when in county time, and whether its signature and each photo's hash
// verified; photos are served to staff in scope only, never when their bytes do not verify, and
// a hazard's page shows its photos. Device tokens do not open photos and staff cookies do not open
// the sync API. On SQLite and PostgreSQL.
#include <gtest/gtest.h>
#include <sodium.h>

#include <fstream>

#include "console_test_support.h"
#include "qiaomen/base/base64.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/sha1.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

constexpr const char* kBaishuiGrid = "T02-V01-G01";  // H-101, H-102
// 2026-12-01 07:30 UTC: 15:30 in Asia/Shanghai, the county's default zone.
constexpr int64_t kFinishedMs = 1796110200000;

constexpr const char* kChecklist = R"({"id":"winter_check","version":1,
 "title":{"zh":"冬季入户检查","en":"Winter household check"},"subjectKind":"HOUSEHOLD",
 "sections":[{"id":"heating","title":{"zh":"取暖","en":"Heating"},"items":[
  {"id":"vented","kind":"YES_NO_NA","label":{"zh":"煤炉通风良好","en":"Stove vented"}},
  {"id":"fuel","kind":"SINGLE_CHOICE","label":{"zh":"取暖燃料","en":"Fuel"},
   "choices":[{"code":"coal","label":{"zh":"燃煤","en":"Coal"}},
              {"code":"gas","label":{"zh":"燃气","en":"Gas"}}]},
  {"id":"stove_photo","kind":"PHOTO","label":{"zh":"煤炉照片","en":"Stove photo"}}]}]})";

size_t Rows(const std::string& html) {
  size_t n = 0;
  for (size_t at = html.find("data-visit="); at != std::string::npos;
       at = html.find("data-visit=", at + 1)) {
    ++n;
  }
  return n;
}

std::string Sha256Of(const std::string& data) {
  std::string out(32, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

// A JPEG's first bytes and then `seed`'s noise: what the console takes for a photo.
std::string FakeJpeg(int seed, size_t size = 20000) {
  std::string bytes = "\xFF\xD8\xFF\xE0";
  for (size_t i = bytes.size(); i < size; ++i) {
    bytes.push_back(static_cast<char>((i * 131 + static_cast<size_t>(seed) * 7) % 251));
  }
  return bytes;
}

class ConsoleVisitsTest : public ConsoleTest {
 protected:
  void SetUp() override {
    ConsoleTest::SetUp();
    if (HasFatalFailure()) return;
    std::string path = env_->dir().Join("winter_check.json");
    std::ofstream(path) << kChecklist;
    auto published = env_->Run({"publish-template", path});
    ASSERT_EQ(published.exit_code, 0) << published.out << published.err;
    qingshi_ = EnrolledDevice("qingshi_insp", std::string("grids:") + kGridA, "inspector");
    baishui_ = EnrolledDevice("baishui_insp", std::string("grids:") + kBaishuiGrid, "inspector");
  }

  // A signed visit to `external_id` with answers and `photos` (all on the stove_photo item).
  v1::Change Visit(testing::TestDevice& device, const std::string& external_id,
                   v1::VisitOutcome outcome, const std::vector<std::string>& photos = {},
                   int64_t finished_ms = kFinishedMs) {
    std::string& subject = subjects_[external_id];
    if (subject.empty()) subject = testing::FindSubjectId(PullAll(device), external_id);
    EXPECT_FALSE(subject.empty()) << external_id;
    std::vector<std::string> hashes;
    for (const auto& p : photos) hashes.push_back(Sha256Of(p));
    v1::Change change = device.NewVisit(subject, "winter_check", hashes);
    v1::Visit* visit = change.mutable_visit();
    visit->set_outcome(outcome);
    visit->set_started_at_ms(finished_ms - 600000);
    visit->set_finished_at_ms(finished_ms);
    auto* vented = visit->add_answers();
    vented->set_item_id("vented");
    vented->mutable_value()->set_yes_no(v1::NO);
    auto* fuel = visit->add_answers();
    fuel->set_item_id("fuel");
    fuel->mutable_value()->set_choice("gas");
    if (!photos.empty()) {
      auto* photo = visit->add_answers();
      photo->set_item_id("stove_photo");
      for (const auto& ref : visit->photos()) {
        photo->mutable_value()->mutable_photos()->add_photo_ids(ref.photo_id());
      }
    }
    device.Sign(*visit);
    return change;
  }

  // A photo record for `photo_id` with `bytes`' hash, on visit `visit_id` or hazard `hazard_id`.
  static v1::Change PhotoRecord(testing::TestDevice& device, const std::string& photo_id,
                                const std::string& bytes, const std::string& visit_id,
                                const std::string& hazard_id, const std::string& thumbnail = "") {
    v1::Change change = device.NewChange(v1::ENTITY_PHOTO, photo_id);
    v1::Photo* photo = change.mutable_photo();
    photo->set_id(photo_id);
    photo->set_sha256(Sha256Of(bytes));
    photo->set_size(static_cast<int64_t>(bytes.size()));
    photo->set_taken_at_ms(kFinishedMs - 300000);
    photo->set_visit_id(visit_id);
    photo->set_hazard_id(hazard_id);
    photo->set_mime_type("image/jpeg");
    photo->set_thumbnail(thumbnail);
    return change;
  }

  void Apply(testing::TestDevice& device, const std::vector<v1::Change>& batch) {
    auto r = device.Sync(server_->port(), batch);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const auto& result : r->results()) {
      ASSERT_EQ(result.outcome(), v1::ChangeResult::APPLIED) << result.reason();
    }
  }

  // Uploads `bytes` through tus in one request (creation-with-upload).
  void Upload(testing::TestDevice& device, const std::string& bytes) {
    testing::HttpHeaders h = {
        {"Authorization", device.Authorization()},
        {"Tus-Resumable", "1.0.0"},
        {"Upload-Length", std::to_string(bytes.size())},
        {"Upload-Metadata", "sha256 " + base::Base64Encode(base::HexEncode(Sha256Of(bytes)))},
        {"Content-Type", "application/offset+octet-stream"},
        {"Upload-Checksum", "sha1 " + base::Base64Encode(base::Sha1(bytes))}};
    auto r = testing::HttpRequest(server_->port(), "POST", "/v1/photos/", h, bytes);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->status, 201) << r->body;
  }

  std::string BlobPath(const std::string& bytes) const {
    std::string hex = base::HexEncode(Sha256Of(bytes));
    return env_->data_dir() + "/data/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
  }

  // Wang Fang's checked visit in Qingshi with two stove photos, the first uploaded (with a photo
  // record carrying a thumbnail), the second not yet; Li Wei nobody home; Chen Jie in Baishui
  // refused. Sets wang_, the photo ids and the Baishui visit's id (hex).
  void MakeVisits() {
    v1::Change wang = Visit(*qingshi_, "H-001", v1::CHECKED, {photo_a_, photo_b_});
    wang_ = base::HexEncode(wang.record_id());
    photo_a_id_ = wang.visit().photos(0).photo_id();
    photo_b_id_ = wang.visit().photos(1).photo_id();
    v1::Change li = Visit(*qingshi_, "H-002", v1::NOBODY_HOME, {}, kFinishedMs + 86400000);
    Apply(
        *qingshi_,
        {wang, li, PhotoRecord(*qingshi_, photo_a_id_, photo_a_, wang.record_id(), "", thumb_a_)});
    if (HasFatalFailure()) return;
    Upload(*qingshi_, photo_a_);
    v1::Change chen = Visit(*baishui_, "H-101", v1::REFUSED, {photo_c_});
    // Issue 16: the refusal's reason, and the village committee asked along.
    chen.mutable_visit()->mutable_refusal()->set_reason(v1::ASKED_TO_RESCHEDULE);
    chen.mutable_visit()->mutable_refusal()->set_escalated_to_village(true);
    baishui_->Sign(*chen.mutable_visit());
    chen_ = base::HexEncode(chen.record_id());
    photo_c_id_ = chen.visit().photos(0).photo_id();
    Apply(*baishui_, {chen});
    if (HasFatalFailure()) return;
    Upload(*baishui_, photo_c_);
  }

  std::string PhotoUrl(const std::string& visit_hex, const std::string& photo_id,
                       const char* tail = "") {
    return "/console/visits/" + visit_hex + "/photos/" + base::HexEncode(photo_id) + tail;
  }

  std::unique_ptr<testing::TestDevice> qingshi_, baishui_;
  std::map<std::string, std::string> subjects_;  // by external id
  const std::string photo_a_ = FakeJpeg(1), photo_b_ = FakeJpeg(2), photo_c_ = FakeJpeg(3);
  const std::string thumb_a_ = FakeJpeg(9, 300);
  std::string wang_, chen_, photo_a_id_, photo_b_id_, photo_c_id_;
};

TEST_P(ConsoleVisitsTest, TheListShowsTheVisitsInScope) {
  MakeVisits();
  if (HasFatalFailure()) return;
  testing::HttpReply county = Get("/console/visits", SessionOf("county1"));
  ASSERT_EQ(county.status, 200) << county.body;
  EXPECT_EQ(Rows(county.body), 3u) << county.body;
  EXPECT_NE(county.body.find("aria-current=\"page\">走访记录"), std::string::npos) << "in the nav";
  EXPECT_NE(county.body.find("冬季入户检查"), std::string::npos) << "the checklist's title";
  EXPECT_NE(county.body.find("无人在家"), std::string::npos);
  EXPECT_NE(county.body.find("拒绝（要求改期，已提请村委会协助）"), std::string::npos)
      << "a refusal shows its reason and the escalation";
  EXPECT_NE(county.body.find("照片待上传 1"), std::string::npos) << "Wang Fang's second photo";
  EXPECT_NE(county.body.find("name=\"town\""), std::string::npos);
  // Latest first: Li Wei's visit was a day later.
  EXPECT_LT(county.body.find("Li Wei"), county.body.find("Wang Fang"));

  const std::string township = SessionOf("qingshi1");
  testing::HttpReply own = Get("/console/visits?town=T02", township);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(Rows(own.body), 2u) << "a township's list is its own town's whatever it asks";
  EXPECT_EQ(own.body.find("Chen Jie"), std::string::npos);
  EXPECT_EQ(own.body.find(chen_), std::string::npos);
  EXPECT_EQ(own.body.find("name=\"town\""), std::string::npos);

  auto rows_of = [&](const std::string& query) {
    testing::HttpReply page = Get("/console/visits?" + query, SessionOf("county1"));
    EXPECT_EQ(page.status, 200) << query;
    return Rows(page.body);
  };
  EXPECT_EQ(rows_of("outcome=refused"), 1u);
  EXPECT_EQ(rows_of("town=T01&outcome=checked"), 1u);
  EXPECT_EQ(rows_of("grid=T02-V01-G01"), 1u);
  EXPECT_EQ(rows_of("village=T01-V01"), 2u);
  EXPECT_EQ(rows_of("from=2026-12-02"), 1u) << "Li Wei's day, in county time";
  EXPECT_EQ(rows_of("from=2026-12-01&to=2026-12-01"), 2u);
  EXPECT_EQ(rows_of("to=2026-11-30"), 0u);
  testing::HttpReply bad = Get("/console/visits?from=1.12.2026", SessionOf("county1"));
  EXPECT_EQ(Rows(bad.body), 3u) << "a date that does not parse filters nothing";
  EXPECT_NE(bad.body.find("“从”的日期“1.12.2026”看不懂"), std::string::npos) << "and says so";
  EXPECT_NE(bad.body.find("2026-12-01 这样（年-月-日）"), std::string::npos);
  EXPECT_NE(bad.body.find("name=\"from\" value=\"1.12.2026\""), std::string::npos)
      << "what was typed stays in the form";
  EXPECT_NE(bad.body.find("aria-invalid=\"true\""), std::string::npos);
  // Text inputs, not type=date: Chromium would show its own mm/dd/yyyy.
  EXPECT_EQ(bad.body.find("type=\"date\""), std::string::npos);
  EXPECT_NE(bad.body.find("placeholder=\"YYYY-MM-DD\""), std::string::npos);
  EXPECT_EQ(rows_of("from=2026%2F12%2F2"), 1u) << "2026/12/2 reads as 2026-12-02";
  EXPECT_EQ(rows_of("from=" + Encode("2026年12月1日") + "&to=2026.12.1"), 2u);
  testing::HttpReply swapped =
      Get("/console/visits?from=2026-12-02&to=2026-12-01", SessionOf("county1"));
  EXPECT_EQ(Rows(swapped.body), 3u);
  EXPECT_NE(swapped.body.find("请把两个日期对调"), std::string::npos) << swapped.body;
  EXPECT_EQ(Rows(Get("/console/visits?from=2026-02-30", SessionOf("county1")).body), 3u);
  testing::HttpReply csv = Get("/console/visits.csv?outcome=refused", SessionOf("county1"));
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.body.rfind("\xEF\xBB\xBF时间,住户/场所,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("Chen Jie"), std::string::npos);
  EXPECT_NE(csv.body.find("拒绝"), std::string::npos);
  EXPECT_EQ(csv.body.find("Wang Fang"), std::string::npos);
  EXPECT_EQ(Get("/console/visits.csv", township).body.find("Chen Jie"), std::string::npos)
      << "a township's export is its own town's";
}

TEST_P(ConsoleVisitsTest, FiftyVisitsMakeAPage) {
  std::vector<v1::Change> batch;
  for (int i = 0; i < 51; ++i) {
    batch.push_back(Visit(*qingshi_, "H-001", v1::CHECKED, {}, kFinishedMs + i * 60000));
  }
  Apply(*qingshi_, batch);
  if (HasFatalFailure()) return;
  const std::string session = SessionOf("qingshi1");
  testing::HttpReply first = Get("/console/visits?outcome=checked", session);
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(Rows(first.body), 50u);
  EXPECT_NE(first.body.find("共 51 次"), std::string::npos);
  EXPECT_NE(first.body.find("<a href=\"/console/visits?outcome=checked&amp;page=2\">下一页</a>"),
            std::string::npos);
  EXPECT_EQ(Rows(Get("/console/visits?outcome=checked&page=2", session).body), 1u);
}

TEST_P(ConsoleVisitsTest, AVisitsPageShowsItsAnswersUnderTheChecklistsLabels) {
  MakeVisits();
  if (HasFatalFailure()) return;
  testing::HttpReply page = Get("/console/visits/" + wang_, SessionOf("qingshi1"));
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string& html = page.body;
  EXPECT_NE(html.find("Wang Fang"), std::string::npos);
  EXPECT_NE(html.find("H-001"), std::string::npos);
  EXPECT_NE(html.find("<h3>取暖</h3>"), std::string::npos) << "the section's title";
  EXPECT_NE(html.find("<th scope=\"row\">煤炉通风良好</th><td class=\"no\">否</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<th scope=\"row\">取暖燃料</th><td>燃气</td>"), std::string::npos);
  EXPECT_NE(html.find("<th scope=\"row\">煤炉照片</th><td>2 张照片</td>"), std::string::npos);
  EXPECT_EQ(html.find("vented"), std::string::npos) << "labels, not item ids";
  EXPECT_NE(html.find("qingshi_insp"), std::string::npos) << "the worker";
  EXPECT_NE(html.find(base::HexEncode(qingshi_->device_id())), std::string::npos) << "the device";
  EXPECT_NE(html.find("2026-12-01 15:20"), std::string::npos) << "started, county time";
  EXPECT_NE(html.find("2026-12-01 15:30"), std::string::npos) << "finished, county time";
  EXPECT_NE(html.find("设备签名已核验"), std::string::npos);
  EXPECT_NE(html.find(PhotoUrl(wang_, photo_a_id_, "/thumb")), std::string::npos)
      << "the verified photo is shown";
  EXPECT_EQ(html.find(PhotoUrl(wang_, photo_b_id_)), std::string::npos)
      << "the one not received is not linked";
  EXPECT_NE(html.find("照片待上传"), std::string::npos);
  EXPECT_NE(html.find("拍摄于 2026-12-01 15:25"), std::string::npos) << "from the photo record";
}

// Issue 17: with English chosen, the answers stand under the checklist's English labels, and the
// values (yes/no, choices, photos) and the page's own words are English too.
TEST_P(ConsoleVisitsTest, AVisitsPageInEnglishUsesTheChecklistsEnglishLabels) {
  MakeVisits();
  if (HasFatalFailure()) return;
  testing::HttpReply page = Get("/console/visits/" + wang_ + "?lang=en", SessionOf("qingshi1"));
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string& html = page.body;
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<h3>Heating</h3>"), std::string::npos) << html;
  EXPECT_NE(html.find("<th scope=\"row\">Stove vented</th><td class=\"no\">No</td>"),
            std::string::npos)
      << html;
  EXPECT_NE(html.find("<th scope=\"row\">Fuel</th><td>Gas</td>"), std::string::npos);
  EXPECT_NE(html.find("Winter household check"), std::string::npos) << "the checklist's title";
  EXPECT_NE(html.find("Device signature verified"), std::string::npos);
  for (const char* zh : {"煤炉", "取暖", "冬季入户检查", "设备签名已核验", "照片待上传"}) {
    EXPECT_EQ(html.find(zh), std::string::npos) << zh;
  }
  testing::HttpReply list = Get("/console/visits?lang=en", SessionOf("qingshi1"));
  EXPECT_NE(list.body.find("Winter household check"), std::string::npos) << list.body;
}

TEST_P(ConsoleVisitsTest, PhotosAreServedToStaffInScopeOnly) {
  MakeVisits();
  if (HasFatalFailure()) return;
  const std::string township = SessionOf("qingshi1");
  testing::HttpReply photo = Get(PhotoUrl(wang_, photo_a_id_), township);
  ASSERT_EQ(photo.status, 200) << photo.body;
  EXPECT_EQ(photo.body, photo_a_);
  EXPECT_EQ(photo.Header("content-type"), "image/jpeg");
  EXPECT_EQ(photo.Header("cache-control"), "private, no-store");
  EXPECT_EQ(Get(PhotoUrl(wang_, photo_a_id_, "/thumb"), township).body, thumb_a_)
      << "the device's thumbnail";
  EXPECT_EQ(Get(PhotoUrl(wang_, photo_b_id_), township).status, 404) << "not received yet";

  // Another town's visit and photo read as unknown ones.
  testing::HttpReply other = Get("/console/visits/" + chen_, township);
  EXPECT_EQ(other.status, 404);
  EXPECT_EQ(other.body.find("Chen Jie"), std::string::npos);
  testing::HttpReply unknown =
      Get("/console/visits/" + base::HexEncode(testing::RandomId()), township);
  EXPECT_EQ(unknown.body, other.body);
  testing::HttpReply other_photo = Get(PhotoUrl(chen_, photo_c_id_), township);
  EXPECT_EQ(other_photo.status, 404);
  EXPECT_EQ(other_photo.body.find(photo_c_.substr(0, 64)), std::string::npos);
  EXPECT_EQ(Get(PhotoUrl(wang_, photo_c_id_), township).status, 404)
      << "a photo is reached through its own visit only";
  EXPECT_EQ(Get(PhotoUrl(chen_, photo_c_id_), SessionOf("county1")).status, 200);
  EXPECT_EQ(Get("/console/visits/" + wang_ + "00", township).status, 404);
  EXPECT_EQ(Get("/console/visits/" + wang_ + "/other", township).status, 404);

  // Nobody signed in: to the login page, no bytes.
  testing::HttpReply anonymous = Get(PhotoUrl(wang_, photo_a_id_), "");
  EXPECT_EQ(anonymous.status, 303);
  EXPECT_EQ(anonymous.body.find(photo_a_.substr(0, 64)), std::string::npos);
}

TEST_P(ConsoleVisitsTest, DeviceTokensAndStaffCookiesDoNotCross) {
  MakeVisits();
  if (HasFatalFailure()) return;
  // The device that took the photo cannot fetch it through the console with its token.
  auto by_token = testing::HttpRequest(server_->port(), "GET", PhotoUrl(wang_, photo_a_id_),
                                       {{"Authorization", qingshi_->Authorization()}});
  ASSERT_TRUE(by_token.ok());
  EXPECT_EQ(by_token->status, 303);
  EXPECT_EQ(by_token->Header("location"), "/console/login");
  EXPECT_EQ(by_token->body.find(photo_a_.substr(0, 64)), std::string::npos);
  // A staff cookie opens neither the sync API nor the photo upload.
  const std::string cookie = "qm_session=" + SessionOf("county1");
  v1::SyncRequest request;
  auto sync = testing::HttpRequest(server_->port(), "POST", "/v1/sync",
                                   {{"Cookie", cookie}, {"Content-Type", "application/x-protobuf"}},
                                   request.SerializeAsString());
  ASSERT_TRUE(sync.ok());
  EXPECT_EQ(sync->status, 401);
  auto head = testing::HttpRequest(server_->port(), "HEAD",
                                   "/v1/photos/" + base::HexEncode(Sha256Of(photo_a_)),
                                   {{"Cookie", cookie}, {"Tus-Resumable", "1.0.0"}});
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->status, 401);
}

TEST_P(ConsoleVisitsTest, APhotoWhoseBytesDoNotVerifyIsNeverShown) {
  MakeVisits();
  if (HasFatalFailure()) return;
  // The stored file is changed on disk after the upload verified it.
  std::string changed = photo_a_;
  changed[100] = static_cast<char>(changed[100] ^ 1);
  std::ofstream(BlobPath(photo_a_), std::ios::binary | std::ios::trunc) << changed;
  const std::string session = SessionOf("qingshi1");
  testing::HttpReply page = Get("/console/visits/" + wang_, session);
  ASSERT_EQ(page.status, 200);
  EXPECT_EQ(page.body.find(PhotoUrl(wang_, photo_a_id_)), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("核验未通过"), std::string::npos) << "a warning instead";
  for (const char* tail : {"", "/thumb"}) {
    testing::HttpReply photo = Get(PhotoUrl(wang_, photo_a_id_, tail), session);
    EXPECT_EQ(photo.status, 409) << tail;
    EXPECT_EQ(photo.body.find(changed.substr(0, 64)), std::string::npos);
    EXPECT_EQ(photo.body.find(thumb_a_.substr(0, 64)), std::string::npos);
  }
}

TEST_P(ConsoleVisitsTest, AHazardsPageShowsItsPhotos) {
  std::string subject = testing::FindSubjectId(PullAll(*qingshi_), "H-001");
  std::string hazard_id = testing::RandomId();
  v1::Change hazard = qingshi_->NewChange(v1::ENTITY_HAZARD, hazard_id);
  hazard.mutable_hazard()->set_id(hazard_id);
  hazard.mutable_hazard()->set_subject_id(subject);
  hazard.mutable_hazard()->set_category("gas");
  hazard.mutable_hazard()->set_severity(v1::GENERAL);
  hazard.mutable_hazard()->set_deadline("2099-12-31");
  std::vector<v1::Change> batch{hazard};
  const std::string after = FakeJpeg(5), missing = FakeJpeg(6);
  const std::string after_id = testing::RandomId(), missing_id = testing::RandomId();
  int64_t at = kFinishedMs;
  for (v1::HazardEventKind kind : {v1::FOUND, v1::ORDERED, v1::RECTIFIED}) {
    std::string event_id = testing::RandomId();
    v1::Change event = qingshi_->NewChange(v1::ENTITY_HAZARD_EVENT, event_id);
    event.mutable_hazard_event()->set_id(event_id);
    event.mutable_hazard_event()->set_hazard_id(hazard_id);
    event.mutable_hazard_event()->set_kind(kind);
    event.mutable_hazard_event()->set_at_ms(at += 60000);
    event.mutable_hazard_event()->set_actor(qingshi_->worker_id());
    if (kind == v1::RECTIFIED) {
      event.mutable_hazard_event()->add_photo_ids(after_id);
      event.mutable_hazard_event()->add_photo_ids(missing_id);
    }
    batch.push_back(event);
  }
  batch.push_back(PhotoRecord(*qingshi_, after_id, after, "", hazard_id));
  Apply(*qingshi_, batch);
  if (HasFatalFailure()) return;
  Upload(*qingshi_, after);
  if (HasFatalFailure()) return;
  const std::string hex = base::HexEncode(hazard_id);
  const std::string url = "/console/hazards/" + hex + "/photos/" + base::HexEncode(after_id);
  testing::HttpReply page = Get("/console/hazards/" + hex, SessionOf("qingshi1"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find(url + "/thumb"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("已整改"), std::string::npos) << "the step the photo proves";
  EXPECT_NE(page.body.find("照片待上传"), std::string::npos) << "the step's other photo";
  testing::HttpReply photo = Get(url, SessionOf("qingshi1"));
  ASSERT_EQ(photo.status, 200);
  EXPECT_EQ(photo.body, after);
  EXPECT_EQ(photo.Header("cache-control"), "private, no-store");
  EXPECT_EQ(Get(url + "/thumb", SessionOf("qingshi1")).body, after)
      << "no device thumbnail: the original, scaled by the page";
  // Baishui's township account does not see Qingshi's hazard or its photo.
  AddStaff("baishui1", "township", "town:T02");
  EXPECT_EQ(Get(url, SessionOf("baishui1")).status, 404);
  EXPECT_EQ(Get("/console/hazards/" + hex, SessionOf("baishui1")).status, 404);
}

TEST_P(ConsoleVisitsTest, AHazardWhoseRuleHasNoPhotoItemShowsItsVisitsPhotosByItem) {
  MakeVisits();
  if (HasFatalFailure()) return;
  // Found on Wang Fang's visit by a rule the checklist does not give a photo item.
  std::string visit_id;
  ASSERT_TRUE(base::HexDecode(wang_).has_value());
  visit_id = *base::HexDecode(wang_);
  std::string hazard_id = testing::RandomId();
  v1::Change hazard = qingshi_->NewChange(v1::ENTITY_HAZARD, hazard_id);
  hazard.mutable_hazard()->set_id(hazard_id);
  hazard.mutable_hazard()->set_subject_id(subjects_["H-001"]);
  hazard.mutable_hazard()->set_visit_id(visit_id);
  hazard.mutable_hazard()->set_rule_id("stove_unvented");
  hazard.mutable_hazard()->set_category("heating_co");
  hazard.mutable_hazard()->set_severity(v1::MAJOR);
  hazard.mutable_hazard()->set_deadline("2099-12-31");
  std::string event_id = testing::RandomId();
  v1::Change found = qingshi_->NewChange(v1::ENTITY_HAZARD_EVENT, event_id);
  found.mutable_hazard_event()->set_id(event_id);
  found.mutable_hazard_event()->set_hazard_id(hazard_id);
  found.mutable_hazard_event()->set_kind(v1::FOUND);
  found.mutable_hazard_event()->set_at_ms(kFinishedMs);
  found.mutable_hazard_event()->set_actor(qingshi_->worker_id());
  Apply(*qingshi_, {hazard, found});
  if (HasFatalFailure()) return;
  const std::string hex = base::HexEncode(hazard_id);
  testing::HttpReply page = Get("/console/hazards/" + hex, SessionOf("qingshi1"));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find("这处隐患还没有照片"), std::string::npos) << page.body;
  const std::string url = "/console/hazards/" + hex + "/photos/" + base::HexEncode(photo_a_id_);
  EXPECT_NE(page.body.find(url + "/thumb"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("发现时的走访：煤炉照片"), std::string::npos) << "under its item";
  EXPECT_NE(page.body.find("照片待上传"), std::string::npos) << "photo b never arrived";
  EXPECT_EQ(Get(url, SessionOf("qingshi1")).body, photo_a_);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleVisitsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
