#pragma once
// A county with a county account and a township account for Qingshi (T01), a running server, and
// a browser's steps over real HTTP: fetch the login form, sign in, open pages, post forms.

#include <gtest/gtest.h>

#include <ctime>
#include <string>
#include <vector>

#include "qiaomen/base/hex.h"
#include "qiaomen/server/sql_connection.h"
#include "server_test_support.h"

namespace qiaomen::server {

inline constexpr const char* kStaffPassword = "青石镇-correct-horse";

// The value of cookie `name` among a reply's Set-Cookie lines ("" when not set), and the whole
// line in `line`.
inline std::string SetCookieValue(const testing::HttpReply& reply, const std::string& name,
                                  std::string* line = nullptr) {
  std::string all = reply.Header("set-cookie");
  size_t start = 0;
  while (start <= all.size()) {
    size_t end = all.find('\n', start);
    std::string one = all.substr(start, end == std::string::npos ? std::string::npos : end - start);
    if (one.rfind(name + "=", 0) == 0) {
      if (line) *line = one;
      size_t semi = one.find(';');
      return one.substr(name.size() + 1, semi - name.size() - 1);
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return "";
}

// The value of the first hidden input `csrf` in a page ("" when none).
inline std::string CsrfOf(const std::string& html) {
  const std::string marker = "name=\"csrf\" value=\"";
  size_t at = html.find(marker);
  if (at == std::string::npos) return "";
  at += marker.size();
  return html.substr(at, html.find('"', at) - at);
}

// A step of a hazard a test device records.
struct HazardStepSpec {
  v1::HazardEventKind kind;
  std::string note;
};

class ConsoleTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    if (HasFatalFailure()) return;
    AddStaff("county1", "county", "county");
    AddStaff("qingshi1", "township", "town:T01");
    StartServer();
  }

  void AddStaff(const std::string& id, const std::string& role, const std::string& scope) {
    auto added = env_->Run(
        {"add-staff", "--id", id, "--name", id + "同志", "--role", role, "--scope", scope});
    ASSERT_EQ(added.exit_code, 0) << added.err;
    auto set = env_->Run({"set-password", "--id", id}, std::string(kStaffPassword) + "\n");
    ASSERT_EQ(set.exit_code, 0) << set.err;
  }

  testing::HttpReply Get(const std::string& target, const std::string& session) {
    testing::HttpHeaders headers;
    if (!session.empty()) headers.push_back({"Cookie", "qm_session=" + session});
    auto r = testing::HttpRequest(server_->port(), "GET", target, headers);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value_or(testing::HttpReply{});
  }

  testing::HttpReply Post(const std::string& target, const std::string& cookie,
                          const std::string& body, testing::HttpHeaders extra = {}) {
    extra.push_back({"Content-Type", "application/x-www-form-urlencoded"});
    if (!cookie.empty()) extra.push_back({"Cookie", cookie});
    auto r = testing::HttpRequest(server_->port(), "POST", target, extra, body);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value_or(testing::HttpReply{});
  }

  // Fetches the login form and posts it, as a browser does.
  testing::HttpReply SignIn(const std::string& id, const std::string& password) {
    testing::HttpReply form = Get("/console/login", "");
    EXPECT_EQ(form.status, 200);
    std::string cookie = SetCookieValue(form, "qm_login");
    EXPECT_EQ(cookie, CsrfOf(form.body));
    return Post("/console/login", "qm_login=" + cookie,
                "csrf=" + cookie + "&id=" + id + "&password=" + Encode(password));
  }

  // Signs in and returns the session cookie's value.
  std::string SessionOf(const std::string& id) {
    testing::HttpReply r = SignIn(id, kStaffPassword);
    EXPECT_EQ(r.status, 303) << r.body;
    return SetCookieValue(r, "qm_session");
  }

  static std::string Encode(const std::string& text) {
    std::string out;
    for (unsigned char c : text) {
      if (std::isalnum(c) || c == '-' || c == '_' || c == '.') {
        out.push_back(static_cast<char>(c));
      } else {
        char buf[4];
        std::snprintf(buf, sizeof buf, "%%%02X", c);
        out += buf;
      }
    }
    return out;
  }

  // A hazard on subject `external_id` with `steps`, synced; its id in hex.
  std::string AddHazard(testing::TestDevice& device, const std::string& external_id,
                        const std::string& category, v1::Severity severity,
                        const std::string& deadline, const std::vector<HazardStepSpec>& steps) {
    std::string subject = testing::FindSubjectId(PullAll(device), external_id);
    EXPECT_FALSE(subject.empty()) << external_id;
    std::vector<v1::Change> batch;
    std::string id = HazardChanges(device, subject, category, severity, deadline, steps, batch);
    Apply(device, batch);
    return base::HexEncode(id);
  }

  // Appends to `batch` the changes that record a hazard on `subject` with `steps`; its id.
  static std::string HazardChanges(testing::TestDevice& device, const std::string& subject,
                                   const std::string& category, v1::Severity severity,
                                   const std::string& deadline,
                                   const std::vector<HazardStepSpec>& steps,
                                   std::vector<v1::Change>& batch) {
    std::string id = testing::RandomId();
    v1::Change hazard = device.NewChange(v1::ENTITY_HAZARD, id);
    hazard.mutable_hazard()->set_id(id);
    hazard.mutable_hazard()->set_subject_id(subject);
    hazard.mutable_hazard()->set_category(category);
    hazard.mutable_hazard()->set_severity(severity);
    hazard.mutable_hazard()->set_deadline(deadline);
    batch.push_back(hazard);
    int64_t at_ms = static_cast<int64_t>(time(nullptr)) * 1000 - 3600'000;
    for (const HazardStepSpec& step : steps) {
      std::string event_id = testing::RandomId();
      v1::Change event = device.NewChange(v1::ENTITY_HAZARD_EVENT, event_id);
      event.mutable_hazard_event()->set_id(event_id);
      event.mutable_hazard_event()->set_hazard_id(id);
      event.mutable_hazard_event()->set_kind(step.kind);
      event.mutable_hazard_event()->set_at_ms(at_ms += 60'000);
      event.mutable_hazard_event()->set_actor(device.worker_id());
      event.mutable_hazard_event()->set_note(step.note);
      batch.push_back(event);
    }
    return id;
  }

  void Apply(testing::TestDevice& device, const std::vector<v1::Change>& batch) {
    auto r = device.Sync(server_->port(), batch);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    for (const auto& result : r->results()) {
      ASSERT_EQ(result.outcome(), v1::ChangeResult::APPLIED) << result.reason();
    }
  }

  // The county database, as the server process uses it.
  std::unique_ptr<SqlConnection> Database() {
    std::string url =
        env_->db_url().empty() ? env_->data_dir() + "/data/county.db" : env_->db_url();
    auto conn = OpenSqlConnection(url);
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    return conn.ok() ? std::move(conn).value() : nullptr;
  }
};

}  // namespace qiaomen::server
