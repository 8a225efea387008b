// Issue 15: one regression test per finding of the security review, each performing the attack
// against a real server process, on SQLite and on PostgreSQL. Each failed before its fix.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <sodium.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstring>
#include <thread>

#include "qiaomen/base/hex.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/testing/http_client.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;
using testing::HttpRequest;
using testing::TestDevice;

constexpr const char* kTemplate = "household_winter";
constexpr const char* kGridT02 = "T02-V01-G01";  // H-101, H-102

std::string Sha256Of(const std::string& data) {
  std::string out(32, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

std::string Base64(const std::string& raw) {
  std::string out(sodium_base64_encoded_len(raw.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(raw.data()),
                    raw.size(), sodium_base64_VARIANT_ORIGINAL);
  out.resize(strlen(out.c_str()));
  return out;
}

testing::HttpHeaders Tus(const TestDevice& device) {
  return {{"Authorization", device.Authorization()}, {"Tus-Resumable", "1.0.0"}};
}

testing::HttpReply TusCreate(uint16_t port, const TestDevice& device, const std::string& sha,
                             size_t length) {
  auto h = Tus(device);
  h.push_back({"Upload-Length", std::to_string(length)});
  h.push_back({"Upload-Metadata", "sha256 " + Base64(base::HexEncode(sha))});
  return HttpRequest(port, "POST", "/v1/photos/", h).value_or(testing::HttpReply{});
}

testing::HttpReply TusPatch(uint16_t port, const TestDevice& device, const std::string& sha,
                            size_t offset, const std::string& chunk) {
  auto h = Tus(device);
  h.push_back({"Content-Type", "application/offset+octet-stream"});
  h.push_back({"Upload-Offset", std::to_string(offset)});
  return HttpRequest(port, "PATCH", "/v1/photos/" + base::HexEncode(sha), h, chunk)
      .value_or(testing::HttpReply{});
}

testing::HttpReply TusHead(uint16_t port, const TestDevice& device, const std::string& sha) {
  return HttpRequest(port, "HEAD", "/v1/photos/" + base::HexEncode(sha), Tus(device))
      .value_or(testing::HttpReply{});
}

std::string PhotoStatus(uint16_t port, const TestDevice& device, const std::string& sha) {
  return HttpRequest(port, "POST", "/v1/photo-status", Tus(device), base::HexEncode(sha))
      .value_or(testing::HttpReply{})
      .body;
}

std::string Photo(char seed, size_t size = 200000) {
  std::string photo(size, '\0');
  for (size_t i = 0; i < photo.size(); ++i) photo[i] = static_cast<char>((i * 7919 + seed) % 251);
  return photo;
}

// A raw TCP connection to the server, for requests a well-behaved client would not send.
class RawConnection {
 public:
  explicit RawConnection(uint16_t port) {
    fd_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
      close(fd_);
      fd_ = -1;
    }
  }
  ~RawConnection() {
    if (fd_ >= 0) close(fd_);
  }
  bool ok() const { return fd_ >= 0; }
  bool Send(const std::string& bytes) {
    return fd_ >= 0 && send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL) ==
                           static_cast<ssize_t>(bytes.size());
  }
  // Reads until the peer closes or `wait` passes. `closed` says which.
  std::string Read(std::chrono::milliseconds wait, bool* closed = nullptr) {
    std::string out;
    auto deadline = std::chrono::steady_clock::now() + wait;
    if (closed) *closed = false;
    while (fd_ >= 0) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
          deadline - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      pollfd p{fd_, POLLIN, 0};
      if (poll(&p, 1, static_cast<int>(left.count())) <= 0) break;
      char buf[4096];
      ssize_t n = recv(fd_, buf, sizeof buf, 0);
      if (n <= 0) {
        if (closed) *closed = true;
        break;
      }
      out.append(buf, static_cast<size_t>(n));
    }
    return out;
  }

 private:
  int fd_ = -1;
};

class SecurityTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_TRUE(env_->PublishTemplate(kTemplate).ok());
    StartServer();
    county_ = EnrolledDevice("c1", "county", "county");
    auto all = PullAll(*county_);
    h001_ = testing::FindSubjectId(all, "H-001");
    h101_ = testing::FindSubjectId(all, "H-101");
    ASSERT_FALSE(h001_.empty());
    ASSERT_FALSE(h101_.empty());
  }

  // Sends `changes` and returns the single result.
  v1::ChangeResult SendOne(TestDevice& device, const v1::Change& change) {
    auto r = device.Sync(server_->port(), {change});
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || r->results_size() != 1) return {};
    return r->results(0);
  }

  // The county's current snapshot of one record (entity + id), or an empty change.
  v1::Change Stored(v1::Entity entity, const std::string& id) {
    for (const auto& c : PullAll(*county_)) {
      if (c.entity() == entity && c.record_id() == id) return c;
    }
    return {};
  }

  static std::string FieldOf(const v1::Change& change, const std::string& name) {
    for (const auto& f : change.fields().fields()) {
      if (f.field() == name) return f.value().text();
    }
    return "";
  }

  // A hazard on `subject` (a HAZARD creation change) and its FOUND event.
  std::pair<v1::Change, v1::Change> NewHazard(TestDevice& device, const std::string& subject) {
    std::string id = testing::RandomId();
    v1::Change hazard = device.NewChange(v1::ENTITY_HAZARD, id);
    v1::Hazard* h = hazard.mutable_hazard();
    h->set_id(id);
    h->set_subject_id(subject);
    h->set_category("heating");
    h->set_severity(v1::GENERAL);
    h->set_deadline("2099-12-31");
    return {hazard, NewEvent(device, id, v1::FOUND)};
  }

  v1::Change NewEvent(TestDevice& device, const std::string& hazard_id, v1::HazardEventKind kind,
                      const std::string& event_id = testing::RandomId()) {
    v1::Change e = device.NewChange(v1::ENTITY_HAZARD_EVENT, event_id);
    v1::HazardEvent* ev = e.mutable_hazard_event();
    ev->set_id(event_id);
    ev->set_hazard_id(hazard_id);
    ev->set_kind(kind);
    ev->set_at_ms(static_cast<int64_t>(time(nullptr)) * 1000);
    ev->set_actor(device.worker_id());
    ev->set_passed(kind == v1::REINSPECTED);
    return e;
  }

  std::string Report() {
    auto report = env_->Run({"report", "--format", "json"});
    EXPECT_EQ(report.exit_code, 0) << report.err;
    return report.out;
  }

  std::unique_ptr<TestDevice> county_;
  std::string h001_, h101_;
};

// Finding 1: a device that pulled another worker's visit sends a visit with the same id.
TEST_P(SecurityTest, Finding1_AStoredVisitIsNeverReplacedByAnotherDevice) {
  auto a = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto b = EnrolledDevice("wb", std::string("grids:") + kGridA);
  v1::Change original = a->NewVisit(h001_, kTemplate);
  ASSERT_EQ(SendOne(*a, original).outcome(), v1::ChangeResult::APPLIED);

  v1::Change forged = b->NewVisit(h001_, kTemplate);
  forged.set_record_id(original.record_id());
  forged.mutable_visit()->set_id(original.record_id());
  forged.mutable_visit()->set_note("replaced");
  b->Sign(*forged.mutable_visit());
  v1::ChangeResult r = SendOne(*b, forged);
  EXPECT_EQ(r.outcome(), v1::ChangeResult::REJECTED) << r.reason();
  EXPECT_EQ(r.code(), "already_exists") << r.reason();

  v1::Change stored = Stored(v1::ENTITY_VISIT, original.record_id());
  EXPECT_EQ(stored.visit().device_id(), a->device_id()) << "the visit was replaced";
  EXPECT_EQ(stored.visit().note(), "");
  EXPECT_NE(Report().find("\"quarantined_changes\":1"), std::string::npos) << "counted";
}

// Finding 1: a device of another town sends a visit with the victim's id placed on its own
// subject; the visit must not change nor move out of the victim's grid.
TEST_P(SecurityTest, Finding1_AStoredVisitCannotBeMovedToAnotherGrid) {
  auto a = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto other = EnrolledDevice("wt2", std::string("grids:") + kGridT02);
  v1::Change original = a->NewVisit(h001_, kTemplate);
  ASSERT_EQ(SendOne(*a, original).outcome(), v1::ChangeResult::APPLIED);

  v1::Change forged = other->NewVisit(h101_, kTemplate);
  forged.set_record_id(original.record_id());
  forged.mutable_visit()->set_id(original.record_id());
  other->Sign(*forged.mutable_visit());
  v1::ChangeResult r = SendOne(*other, forged);
  EXPECT_EQ(r.outcome(), v1::ChangeResult::REJECTED) << r.reason();
  EXPECT_EQ(r.code(), "permission_denied") << r.reason();

  v1::Change stored = Stored(v1::ENTITY_VISIT, original.record_id());
  EXPECT_EQ(stored.visit().subject_id(), h001_) << "the visit moved";
  bool seen_by_a = false;
  for (const auto& c : PullAll(*a)) seen_by_a = seen_by_a || c.record_id() == original.record_id();
  EXPECT_TRUE(seen_by_a) << "the visit left its grid";
  for (const auto& c : PullAll(*other)) EXPECT_NE(c.record_id(), original.record_id());
}

// Finding 1: the same content again is a duplicate; a hazard event is append-only too.
TEST_P(SecurityTest, Finding1_SameContentIsADuplicateAndHazardEventsNeverChange) {
  auto a = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto b = EnrolledDevice("wb", std::string("grids:") + kGridA);
  v1::Change visit = a->NewVisit(h001_, kTemplate);
  ASSERT_EQ(SendOne(*a, visit).outcome(), v1::ChangeResult::APPLIED);
  v1::Change again = a->NewChange(v1::ENTITY_VISIT, visit.record_id());  // a replay, new envelope
  *again.mutable_visit() = visit.visit();
  EXPECT_EQ(SendOne(*a, again).outcome(), v1::ChangeResult::DUPLICATE);

  auto [hazard, found] = NewHazard(*a, h001_);
  auto sent = a->Sync(server_->port(), {hazard, found});
  ASSERT_TRUE(sent.ok());
  for (const auto& r : sent->results()) ASSERT_EQ(r.outcome(), v1::ChangeResult::APPLIED);
  v1::Change forged = NewEvent(*b, hazard.record_id(), v1::RECTIFIED, found.record_id());
  v1::ChangeResult r = SendOne(*b, forged);
  EXPECT_EQ(r.outcome(), v1::ChangeResult::REJECTED) << r.reason();
  EXPECT_EQ(Stored(v1::ENTITY_HAZARD_EVENT, found.record_id()).hazard_event().kind(), v1::FOUND);
}

// Finding 2: a change id read from another device's pulled change is not a licence to write.
TEST_P(SecurityTest, Finding2_AChangeIdOfAnotherDeviceWritesNothing) {
  auto a = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto b = EnrolledDevice("wb", std::string("grids:") + kGridA);
  v1::SyncResponse bootstrapped;
  PullAll(*b, &bootstrapped);
  ASSERT_EQ(SendOne(*a, a->NewVisit(h001_, kTemplate)).outcome(), v1::ChangeResult::APPLIED);
  auto pulled = b->Sync(server_->port(), {}, bootstrapped.next_cursor());
  ASSERT_TRUE(pulled.ok());
  ASSERT_EQ(pulled->changes_size(), 1);
  const std::string stolen_id = pulled->changes(0).change_id();

  const std::string phone_before = FieldOf(Stored(v1::ENTITY_SUBJECT, h001_), "phone");
  v1::Change edit = b->NewChange(v1::ENTITY_SUBJECT, h001_);
  edit.set_change_id(stolen_id);
  auto* set = edit.mutable_fields()->add_fields();
  set->set_field("phone");
  set->mutable_value()->set_text("13999999999");
  v1::ChangeResult r = SendOne(*b, edit);
  EXPECT_EQ(r.outcome(), v1::ChangeResult::REJECTED) << r.reason();
  EXPECT_EQ(r.code(), "already_exists");
  EXPECT_EQ(FieldOf(Stored(v1::ENTITY_SUBJECT, h001_), "phone"), phone_before)
      << "the record changed without a log entry";
}

// Finding 4: a code redeemed with another device's id takes nothing over.
core::Result<testing::HttpReply> EnrollAs(uint16_t port, const std::string& code,
                                          const std::string& device_id,
                                          const std::string& authorization = "") {
  v1::EnrollRequest request;
  request.set_code(code);
  request.set_device_id(device_id);
  request.set_device_public_key(std::string(32, 'k'));
  request.set_device_name("attacker");
  std::vector<std::pair<std::string, std::string>> headers{
      {"Content-Type", "application/x-protobuf"}};
  if (!authorization.empty()) headers.emplace_back("Authorization", authorization);
  return HttpRequest(port, "POST", "/v1/enroll", headers, request.SerializeAsString());
}

TEST_P(SecurityTest, Finding4_ACodeCannotTakeOverAnEnrolledDevice) {
  auto victim = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto code = env_->AddWorkerWithCode("attacker", "county", "county");
  ASSERT_TRUE(code.ok());
  auto reply = EnrollAs(server_->port(), *code, victim->device_id());
  ASSERT_TRUE(reply.ok());
  EXPECT_EQ(reply->status, 403) << reply->body;
  EXPECT_NE(reply->body.find("new device id"), std::string::npos) << reply->body;
  EXPECT_TRUE(victim->Sync(server_->port(), {}).ok()) << "the victim's token still works";
  // The code was not spent on the refused attempt.
  TestDevice fresh;
  EXPECT_TRUE(fresh.Enroll(server_->port(), *code).ok());
}

TEST_P(SecurityTest, Finding4_ARevokedDeviceStaysRevokedAndOnlyItsTokenReEnrolsIt) {
  auto device = EnrolledDevice("wa", std::string("grids:") + kGridA);
  const std::string old_auth = device->Authorization();
  auto code = env_->Run({"enroll-code", "--worker", "wa"});
  ASSERT_EQ(code.exit_code, 0);
  std::string text = code.out.substr(0, code.out.find('\n'));
  auto again = EnrollAs(server_->port(), text, device->device_id(), old_auth);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->status, 200) << "the device's own token re-enrols it: " << again->body;
  auto old = device->SyncRaw(server_->port(), {});
  ASSERT_TRUE(old.ok());
  EXPECT_EQ(old->status, 401) << "the old token is replaced";

  ASSERT_EQ(env_->Run({"revoke-device", base::HexEncode(device->device_id())}).exit_code, 0);
  auto code2 = env_->Run({"enroll-code", "--worker", "wa"});
  auto revived =
      EnrollAs(server_->port(), code2.out.substr(0, code2.out.find('\n')), device->device_id());
  ASSERT_TRUE(revived.ok());
  EXPECT_EQ(revived->status, 403) << revived->body;
  EXPECT_NE(revived->body.find("was revoked"), std::string::npos) << revived->body;
}

TEST_P(SecurityTest, Finding4_ACodeIsRedeemedOnceUnderConcurrentRequests) {
  auto code = env_->AddWorkerWithCode("wa", "grid_worker", std::string("grids:") + kGridA);
  ASSERT_TRUE(code.ok());
  std::atomic<int> ok{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 8; ++i) {
    threads.emplace_back([&] {
      auto r = EnrollAs(server_->port(), *code, testing::RandomId());
      if (r.ok() && r->status == 200) ++ok;
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok.load(), 1);
}

// Finding 4: an administrator re-enrols one named device without its token, and only that one.
TEST_P(SecurityTest, Finding4_AnAdministratorsCodeReEnrolsOnlyTheNamedDevice) {
  auto device = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto other = EnrolledDevice("wb", std::string("grids:") + kGridA);
  auto issued = env_->Run(
      {"enroll-code", "--worker", "wa", "--device", base::HexEncode(device->device_id())});
  ASSERT_EQ(issued.exit_code, 0) << issued.err;
  const std::string code = issued.out.substr(0, issued.out.find('\n'));
  auto wrong = EnrollAs(server_->port(), code, other->device_id());
  ASSERT_TRUE(wrong.ok());
  EXPECT_EQ(wrong->status, 403) << "a code for one device took over another: " << wrong->body;
  auto right = EnrollAs(server_->port(), code, device->device_id());
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right->status, 200) << right->body;
  // A revoked device comes back only with a code issued for it by id (issue 18: its phone keeps
  // its unsent work).
  ASSERT_EQ(env_->Run({"revoke-device", base::HexEncode(other->device_id())}).exit_code, 0);
  auto reissued =
      env_->Run({"enroll-code", "--worker", "wb", "--device", base::HexEncode(other->device_id())});
  ASSERT_EQ(reissued.exit_code, 0) << reissued.err;
  auto back = EnrollAs(server_->port(), reissued.out.substr(0, reissued.out.find('\n')),
                       other->device_id());
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->status, 200) << back->body;
}

// Finding 3: a cursor naming another scope gets nothing of it, not even ids.
TEST_P(SecurityTest, Finding3_AForgedCursorScopeLeaksNothing) {
  auto a = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto other = EnrolledDevice("wt2", std::string("grids:") + kGridT02);
  ASSERT_EQ(SendOne(*other, other->NewVisit(h101_, kTemplate)).outcome(),
            v1::ChangeResult::APPLIED);
  v1::SyncResponse last;
  PullAll(*a, &last);
  for (const std::string& forged :
       {std::string("L|0|county"), std::string("L|0|county|00"), std::string("S|0|0||county")}) {
    auto r = a->Sync(server_->port(), {}, forged, 2000);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->removed_record_ids_size(), 0) << forged;
    EXPECT_TRUE(r->snapshot()) << "an unauthenticated cursor starts over";
    EXPECT_TRUE(
        testing::FindSubjectId({r->changes().begin(), r->changes().end()}, "H-101").empty());
  }
  // Another device's cursor is not this device's either.
  v1::SyncResponse others;
  PullAll(*other, &others);
  auto r = a->Sync(server_->port(), {}, others.next_cursor(), 2000);
  ASSERT_TRUE(r.ok());
  EXPECT_TRUE(r->snapshot());
  EXPECT_EQ(r->removed_record_ids_size(), 0);
  for (const auto& c : r->changes()) EXPECT_NE(c.entity(), v1::ENTITY_VISIT);
}

// Finding 7: the author of a visit or a hazard step is the authenticated worker.
TEST_P(SecurityTest, Finding7_AVisitOrHazardStepCannotNameAnotherWorker) {
  auto a = EnrolledDevice("wa", std::string("grids:") + kGridA);
  v1::Change visit = a->NewVisit(h001_, kTemplate);
  visit.mutable_visit()->set_worker_id("wb");
  a->Sign(*visit.mutable_visit());
  v1::ChangeResult r = SendOne(*a, visit);
  EXPECT_EQ(r.outcome(), v1::ChangeResult::REJECTED) << r.reason();
  EXPECT_EQ(r.code(), "permission_denied");

  auto [hazard, found] = NewHazard(*a, h001_);
  found.mutable_hazard_event()->set_actor("wb");
  auto sent = a->Sync(server_->port(), {hazard, found});
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->results_size(), 2);
  EXPECT_EQ(sent->results(0).outcome(), v1::ChangeResult::APPLIED) << sent->results(0).reason();
  EXPECT_EQ(sent->results(1).outcome(), v1::ChangeResult::REJECTED);
  EXPECT_NE(sent->results(1).reason().find("enrolled for worker wa"), std::string::npos)
      << sent->results(1).reason();
}

// Finding 7: roles are enforced (docs/server-api.md has the table).
TEST_P(SecurityTest, Finding7_AGridWorkerCannotCloseEscalateOrMoveSubjects) {
  auto worker = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto inspector = EnrolledDevice("ia", std::string("grids:") + kGridA, "inspector");
  auto [hazard, found] = NewHazard(*worker, h001_);
  auto sent = worker->Sync(server_->port(),
                           {hazard, found, NewEvent(*worker, hazard.record_id(), v1::ORDERED),
                            NewEvent(*worker, hazard.record_id(), v1::CLOSED),
                            NewEvent(*worker, hazard.record_id(), v1::ESCALATED)});
  ASSERT_TRUE(sent.ok());
  ASSERT_EQ(sent->results_size(), 5);
  for (int i : {0, 1, 2}) {
    EXPECT_EQ(sent->results(i).outcome(), v1::ChangeResult::APPLIED) << sent->results(i).reason();
  }
  for (int i : {3, 4}) {
    EXPECT_EQ(sent->results(i).outcome(), v1::ChangeResult::REJECTED) << i;
    EXPECT_EQ(sent->results(i).code(), "permission_denied");
  }
  EXPECT_EQ(SendOne(*inspector, NewEvent(*inspector, hazard.record_id(), v1::CLOSED)).outcome(),
            v1::ChangeResult::APPLIED);
  EXPECT_EQ(SendOne(*inspector, NewEvent(*inspector, hazard.record_id(), v1::ESCALATED)).code(),
            "permission_denied");

  v1::Change move = worker->NewChange(v1::ENTITY_SUBJECT, h001_);
  auto* grid = move.mutable_fields()->add_fields();
  grid->set_field("grid_id");
  grid->mutable_value()->set_text(kGridB);
  EXPECT_EQ(SendOne(*worker, move).code(), "permission_denied");
  v1::Change create = worker->NewChange(v1::ENTITY_SUBJECT, testing::RandomId());
  create.mutable_fields()->set_create(true);
  auto* g = create.mutable_fields()->add_fields();
  g->set_field("grid_id");
  g->mutable_value()->set_text(kGridA);
  EXPECT_EQ(SendOne(*worker, create).code(), "permission_denied");
  v1::Change phone = worker->NewChange(v1::ENTITY_SUBJECT, h001_);
  auto* p = phone.mutable_fields()->add_fields();
  p->set_field("phone");
  p->mutable_value()->set_text("13700000000");
  EXPECT_EQ(SendOne(*worker, phone).outcome(), v1::ChangeResult::APPLIED) << "edits are theirs";
}

// Finding 5: an upload belongs to the device that created it until it completes.
TEST_P(SecurityTest, Finding5_AnotherDeviceCannotBlockOrResetAnUpload) {
  auto owner = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto attacker = EnrolledDevice("wb", std::string("grids:") + kGridA);
  const uint16_t port = server_->port();
  const std::string photo = Photo('a');
  const std::string sha = Sha256Of(photo);
  // The attacker read the hash from a pulled visit and creates the upload first, too short.
  EXPECT_EQ(TusCreate(port, *attacker, sha, 10).status, 201);
  auto created = TusCreate(port, *owner, sha, photo.size());
  ASSERT_EQ(created.status, 201) << "the owner's creation fails: " << created.body;
  EXPECT_EQ(created.Header("upload-offset"), "0");
  ASSERT_EQ(TusPatch(port, *owner, sha, 0, photo.substr(0, 100000)).status, 204);
  // Garbage that would complete the upload (and reset it to 0 when the hash fails).
  auto garbage = TusPatch(port, *attacker, sha, 100000, std::string(photo.size() - 100000, 'x'));
  EXPECT_NE(garbage.status, 204);
  EXPECT_NE(garbage.status, 460) << "the attacker's bytes reached the owner's upload";
  EXPECT_EQ(TusHead(port, *owner, sha).Header("upload-offset"), "100000");
  auto done = TusPatch(port, *owner, sha, 100000, photo.substr(100000));
  EXPECT_EQ(done.status, 204) << done.body;
  EXPECT_EQ(done.Header("upload-offset"), std::to_string(photo.size()));
}

// Finding 5: HEAD and photo-status answer only for the asking device's uploads and for photos its
// scope references.
TEST_P(SecurityTest, Finding5_HeadAndPhotoStatusTellNothingOfOtherDevicesPhotos) {
  auto owner = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto colleague = EnrolledDevice("wb", std::string("grids:") + kGridA);
  auto stranger = EnrolledDevice("wt2", std::string("grids:") + kGridT02);
  const uint16_t port = server_->port();
  const std::string whole = Photo('w'), part = Photo('p');
  const std::string sha_whole = Sha256Of(whole), sha_part = Sha256Of(part);
  ASSERT_EQ(TusCreate(port, *owner, sha_whole, whole.size()).status, 201);
  ASSERT_EQ(TusPatch(port, *owner, sha_whole, 0, whole).status, 204);
  ASSERT_EQ(TusCreate(port, *owner, sha_part, part.size()).status, 201);
  ASSERT_EQ(TusPatch(port, *owner, sha_part, 0, part.substr(0, 5000)).status, 204);
  EXPECT_EQ(PhotoStatus(port, *owner, sha_whole), base::HexEncode(sha_whole) + " stored\n");
  EXPECT_EQ(PhotoStatus(port, *owner, sha_part), base::HexEncode(sha_part) + " partial 5000\n");
  for (TestDevice* other : {colleague.get(), stranger.get()}) {
    EXPECT_EQ(TusHead(port, *other, sha_whole).status, 404);
    EXPECT_EQ(TusHead(port, *other, sha_part).status, 404);
    EXPECT_EQ(PhotoStatus(port, *other, sha_whole), base::HexEncode(sha_whole) + " none\n");
    EXPECT_EQ(PhotoStatus(port, *other, sha_part), base::HexEncode(sha_part) + " none\n");
  }
  // Once a visit in the colleague's scope references the photo, the colleague may know it.
  ASSERT_EQ(SendOne(*owner, owner->NewVisit(h001_, kTemplate, {sha_whole})).outcome(),
            v1::ChangeResult::APPLIED);
  EXPECT_EQ(PhotoStatus(port, *colleague, sha_whole), base::HexEncode(sha_whole) + " stored\n");
  EXPECT_EQ(TusHead(port, *colleague, sha_whole).status, 200);
  EXPECT_EQ(PhotoStatus(port, *stranger, sha_whole), base::HexEncode(sha_whole) + " none\n");
}

// Finding 5: expired uploads are swept while serving, and each device has a quota.
TEST_P(SecurityTest, Finding5_ExpiredUploadsAreSweptWhileServingAndUploadsHaveAQuota) {
  auto device = EnrolledDevice("wa", std::string("grids:") + kGridA);
  const uint16_t port = server_->port();
  const std::string photo = Photo('e');
  const std::string sha = Sha256Of(photo);
  ASSERT_EQ(TusCreate(port, *device, sha, photo.size()).status, 201);
  ASSERT_EQ(TusPatch(port, *device, sha, 0, photo.substr(0, 1000)).status, 204);
  {
    std::string url =
        env_->db_url().empty() ? env_->data_dir() + "/data/county.db" : env_->db_url();
    auto conn = OpenSqlConnection(url);
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    // Seven days later (both tables: the one before the fix and the one after it).
    (*conn)->Exec("UPDATE uploads SET expires_ms = 1").IgnoreError();
    (*conn)->Exec("UPDATE device_uploads SET expires_ms = 1").IgnoreError();
  }
  auto again = TusCreate(port, *device, sha, photo.size());
  EXPECT_EQ(again.status, 201) << "an expired upload must not block its hash: " << again.body;
  EXPECT_EQ(again.Header("upload-offset"), "0");

  // 64 MiB uploads (no byte sent) until the quota for unfinished uploads is reached.
  int accepted = 0;
  testing::HttpReply last;
  for (int i = 0; i < 12; ++i) {
    last = TusCreate(port, *device, Sha256Of(std::string(1, static_cast<char>('A' + i))),
                     64 * 1024 * 1024);
    if (last.status != 201) break;
    ++accepted;
  }
  EXPECT_LT(accepted, 12);
  EXPECT_EQ(last.status, 429) << last.body;
  EXPECT_NE(last.body.find("unfinished"), std::string::npos) << last.body;
}

// Finding 6: a request without a valid token is answered from its header; its body is not read.
TEST_P(SecurityTest, Finding6_TheTokenIsCheckedBeforeTheBodyIsRead) {
  RawConnection c(server_->port());
  ASSERT_TRUE(c.ok());
  ASSERT_TRUE(
      c.Send("POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + std::string(64, 'a') +
             "\r\nContent-Type: application/x-protobuf\r\nContent-Length: 8000000\r\n\r\n"));
  std::string answer = c.Read(std::chrono::seconds(5));
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << "the server waits for the body: " << answer;
  RawConnection tus(server_->port());
  ASSERT_TRUE(tus.Send("PATCH /v1/photos/" + std::string(64, 'a') +
                       " HTTP/1.1\r\nHost: x\r\nTus-Resumable: 1.0.0\r\nContent-Type: "
                       "application/offset+octet-stream\r\nContent-Length: 16000000\r\n\r\n"));
  answer = tus.Read(std::chrono::seconds(5));
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer;
  // A client that is still writing its body gets the answer too, not a reset.
  RawConnection writing(server_->port());
  ASSERT_TRUE(writing.Send("POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " +
                           std::string(64, 'c') +
                           "\r\nContent-Type: application/x-protobuf\r\nContent-Length: "
                           "400000\r\n\r\n"));
  std::thread writer([&] {
    for (int i = 0; i < 100 && writing.Send(std::string(4000, 'z')); ++i) {
    }
  });
  answer = writing.Read(std::chrono::seconds(5));
  writer.join();
  EXPECT_EQ(answer.rfind("HTTP/1.1 401", 0), 0u) << answer;
}

// Finding 6: only a fixed set of methods, and no metrics series per invented method.
TEST_P(SecurityTest, Finding6_UnknownMethodsAreRefusedAndMakeNoMetricsSeries) {
  auto brew = testing::RawExchange(
      server_->port(), "BREW /v1/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(brew.ok());
  EXPECT_EQ(brew->rfind("HTTP/1.1 501", 0), 0u) << *brew;
  auto metrics = HttpRequest(server_->port(), "GET", "/metrics");
  ASSERT_TRUE(metrics.ok());
  EXPECT_EQ(metrics->body.find("BREW"), std::string::npos) << metrics->body;
}

// Finding 6: connections are capped per address.
TEST_P(SecurityTest, Finding6_ConnectionsFromOneAddressAreCapped) {
  ASSERT_EQ(server_->Stop(), 0);
  StartServer({"--max-connections-per-address", "4"});
  std::vector<std::unique_ptr<RawConnection>> held;
  for (int i = 0; i < 4; ++i) {
    held.push_back(std::make_unique<RawConnection>(server_->port()));
    ASSERT_TRUE(held.back()->ok());
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(200));
  RawConnection fifth(server_->port());
  bool closed = false;
  fifth.Read(std::chrono::seconds(3), &closed);
  EXPECT_TRUE(closed) << "a fifth connection from one address stays open";
  held.clear();
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  auto health = HttpRequest(server_->port(), "GET", "/v1/health");
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->status, 200) << "closed connections are counted out again";
}

// Finding 6: a body trickling in a byte at a time does not hold its connection for ever.
TEST_P(SecurityTest, Finding6_ABodyBelowTheMinimumRateIsCutOff) {
  ASSERT_EQ(server_->Stop(), 0);
  StartServer({"--min-body-rate", "10000"});
  auto device = EnrolledDevice("wa", std::string("grids:") + kGridA);
  RawConnection c(server_->port());
  ASSERT_TRUE(
      c.Send("POST /v1/sync HTTP/1.1\r\nHost: x\r\nAuthorization: " + device->Authorization() +
             "\r\nContent-Type: application/x-protobuf\r\nContent-Length: 20000\r\n\r\n"));
  auto start = std::chrono::steady_clock::now();
  bool closed = false;
  while (!closed && std::chrono::steady_clock::now() - start < std::chrono::seconds(30)) {
    if (!c.Send("x")) break;
    c.Read(std::chrono::milliseconds(200), &closed);
  }
  auto held = std::chrono::steady_clock::now() - start;
  EXPECT_LT(held, std::chrono::seconds(20)) << "the connection was held by a trickle";
}

// Finding 6: requests without a valid token are limited per address; a batch is capped.
TEST_P(SecurityTest, Finding6_UnauthenticatedRequestsAreLimitedAndBatchesCapped) {
  int limited = 0;
  for (int i = 0; i < 100; ++i) {
    auto r = HttpRequest(server_->port(), "POST", "/v1/sync",
                         {{"Authorization", "Bearer " + std::string(64, 'b')}}, "");
    ASSERT_TRUE(r.ok());
    limited += r->status == 429 ? 1 : 0;
  }
  EXPECT_GT(limited, 0) << "100 bad tokens in a row were all answered";
  // A device with a token is not affected by its address's anonymous limit.
  v1::SyncRequest big;
  for (int i = 0; i < 2001; ++i) {
    v1::Change* c = big.add_changes();
    c->set_change_id(testing::RandomId());
    c->set_seq(static_cast<uint64_t>(i + 1));
  }
  auto device = std::make_unique<TestDevice>();
  // Enrolment may be limited now: wait for the bucket to refill a little.
  std::this_thread::sleep_for(std::chrono::seconds(1));
  auto code = env_->AddWorkerWithCode("wa", "grid_worker", std::string("grids:") + kGridA);
  ASSERT_TRUE(code.ok());
  ASSERT_TRUE(device->Enroll(server_->port(), *code).ok());
  auto r = device->SyncRaw(server_->port(), big);
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->status, 413) << r->body;
}

// Finding 8: the health JSON escapes the county name.
TEST_P(SecurityTest, Finding8_HealthEscapesTheCountyName) {
  auto env = testing::CountyEnv::Create(GetParam(), "Evil \"County\"\\\n");
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  auto server = (*env)->StartServer();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  auto health = HttpRequest((*server)->port(), "GET", "/v1/health");
  ASSERT_TRUE(health.ok());
  EXPECT_EQ(health->body, "{\"status\":\"ok\",\"county\":\"Evil \\\"County\\\"\\\\\\u000a\"}\n");
}

// Finding 8: a value a worker typed is never run as a spreadsheet formula from a CSV export.
TEST_P(SecurityTest, Finding8_CsvExportsNeutraliseFormulasAndDoubleQuotes) {
  auto a = EnrolledDevice("wa", std::string("grids:") + kGridA);
  auto b = EnrolledDevice("wb", std::string("grids:") + kGridA);
  auto edit = [&](TestDevice& device, const std::string& phone) {
    v1::Change c = device.NewChange(v1::ENTITY_SUBJECT, h001_);
    auto* set = c.mutable_fields()->add_fields();
    set->set_field("phone");
    set->mutable_value()->set_text(phone);
    return c;
  };
  // Concurrent edits of one field: the earlier stamp loses and goes to the conflict log.
  v1::Change loser = edit(*a, "=HYPERLINK(\"http://x\")");
  v1::Change winner = edit(*b, "13800000009");
  winner.set_hlc(loser.hlc() + 1000);
  ASSERT_EQ(SendOne(*a, loser).outcome(), v1::ChangeResult::APPLIED);
  ASSERT_EQ(SendOne(*b, winner).outcome(), v1::ChangeResult::APPLIED);
  auto csv = env_->Run({"conflicts", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find(",\"'=HYPERLINK(\"\"http://x\"\")\","), std::string::npos) << csv.out;
  EXPECT_EQ(csv.out.find(",=HYPERLINK"), std::string::npos) << csv.out;
  EXPECT_EQ(csv.out.find(",\"=HYPERLINK"), std::string::npos) << csv.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, SecurityTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
