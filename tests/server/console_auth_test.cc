// The console's sign-in over real HTTP against the server process, on SQLite and PostgreSQL:
// passwords, the throttle, session cookies and their expiry, sign-out, CSRF, security headers, and
// that device tokens and staff cookies do not cross between the console and the sync API.
#include <gtest/gtest.h>
#include <sodium.h>

#include "console_test_support.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/status.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

std::string Sha256Hex(const std::string& text) {
  unsigned char out[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(out, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return base::HexEncode(std::string(reinterpret_cast<char*>(out), sizeof out));
}

TEST_P(ConsoleTest, TheRightPasswordOpensTheDayWithAStrictHashedSessionCookie) {
  testing::HttpReply r = SignIn("county1", kStaffPassword);
  ASSERT_EQ(r.status, 303) << r.body;
  EXPECT_EQ(r.Header("location"), "/console/");
  std::string line;
  std::string session = SetCookieValue(r, "qm_session", &line);
  ASSERT_EQ(session.size(), 64u) << line;  // 256 random bits, hex
  EXPECT_NE(line.find("; HttpOnly"), std::string::npos) << line;
  EXPECT_NE(line.find("; SameSite=Strict"), std::string::npos) << line;
  EXPECT_NE(line.find("; Path=/console/"), std::string::npos) << line;
  EXPECT_EQ(line.find("Secure"), std::string::npos) << "plain HTTP: " << line;

  // Stored as its SHA-256 only.
  auto db = Database();
  ASSERT_TRUE(db);
  auto rows = db->Query("SELECT token_hash FROM console_sessions");
  ASSERT_TRUE(rows.ok());
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].Text(0), Sha256Hex(session));

  testing::HttpReply day = Get("/console/", session);
  ASSERT_EQ(day.status, 200) << day.body;
  EXPECT_NE(day.body.find("今日"), std::string::npos);
  EXPECT_NE(day.body.find("county1同志"), std::string::npos);
  EXPECT_EQ(day.Header("cache-control"), "no-store");
  EXPECT_EQ(day.Header("x-frame-options"), "DENY");
  EXPECT_NE(day.Header("content-security-policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(day.Header("content-type"), "text/html; charset=utf-8");
  // Not no-referrer: under it Chromium sends `Origin: null` with form posts, and the origin check
  // refused every sign-in (seen in ./run screenshots).
  EXPECT_EQ(day.Header("referrer-policy"), "same-origin");

  testing::HttpReply css = Get("/console/static/console.css", "");
  EXPECT_EQ(css.status, 200);
  EXPECT_EQ(css.Header("content-type"), "text/css; charset=utf-8");
}

TEST_P(ConsoleTest, WrongPasswordsAndUnknownAccountsAreRefusedAlikeWithoutASession) {
  testing::HttpReply wrong = SignIn("county1", "not-the-password");
  testing::HttpReply unknown = SignIn("nobody", kStaffPassword);
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(unknown.status, 401);
  EXPECT_NE(wrong.body.find("账号或密码不对"), std::string::npos) << wrong.body;
  EXPECT_EQ(SetCookieValue(wrong, "qm_session"), "");
  EXPECT_EQ(SetCookieValue(unknown, "qm_session"), "");
  EXPECT_EQ(Get("/console/", "").status, 303) << "no cookie: to the login page";
}

TEST_P(ConsoleTest, FailuresThrottleTheAccountEvenForTheRightPassword) {
  for (int i = 0; i < 5; ++i)
    EXPECT_EQ(SignIn("county1", "guess-" + std::to_string(i)).status, 401);
  testing::HttpReply refused = SignIn("county1", kStaffPassword);
  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_FALSE(refused.Header("retry-after").empty());
  EXPECT_NE(refused.body.find("分钟后再试"), std::string::npos);
  EXPECT_EQ(SetCookieValue(refused, "qm_session"), "");
  // Another account from the same address is not held up by these five.
  EXPECT_EQ(SignIn("qingshi1", kStaffPassword).status, 303);
}

TEST_P(ConsoleTest, FailuresFromOneAddressThrottleEveryAccount) {
  for (int i = 0; i < 20; ++i) SignIn("someone-" + std::to_string(i), "guess");
  EXPECT_EQ(SignIn("qingshi1", kStaffPassword).status, 429);
}

TEST_P(ConsoleTest, ASessionEndsAfterThirtyIdleMinutesAndTwelveHoursInAll) {
  std::string idle = SessionOf("county1");
  std::string busy = SessionOf("qingshi1");
  ASSERT_EQ(Get("/console/", idle).status, 200);
  auto db = Database();
  ASSERT_TRUE(db);
  // Nothing for 30 minutes.
  ASSERT_TRUE(db->Exec("UPDATE console_sessions SET last_seen_ms = last_seen_ms - 1800000, "
                       "created_ms = created_ms - 1800000 WHERE token_hash = $1",
                       {Text(Sha256Hex(idle))})
                  .ok());
  testing::HttpReply expired = Get("/console/", idle);
  EXPECT_EQ(expired.status, 303);
  EXPECT_EQ(expired.Header("location"), "/console/login");
  // Used a minute ago, but signed in 12 hours ago.
  ASSERT_TRUE(db->Exec("UPDATE console_sessions SET last_seen_ms = last_seen_ms - 60000, "
                       "created_ms = created_ms - 43200000 WHERE token_hash = $1",
                       {Text(Sha256Hex(busy))})
                  .ok());
  EXPECT_EQ(Get("/console/", busy).status, 303);
  // A session used 29 minutes ago is still open, and using it keeps it open.
  std::string fresh = SessionOf("county1");
  ASSERT_TRUE(db->Exec("UPDATE console_sessions SET last_seen_ms = last_seen_ms - 1740000, "
                       "created_ms = created_ms - 1740000 WHERE token_hash = $1",
                       {Text(Sha256Hex(fresh))})
                  .ok());
  EXPECT_EQ(Get("/console/", fresh).status, 200);
  ASSERT_TRUE(db->Exec("UPDATE console_sessions SET last_seen_ms = last_seen_ms - 1740000 "
                       "WHERE token_hash = $1",
                       {Text(Sha256Hex(fresh))})
                  .ok());
  EXPECT_EQ(Get("/console/", fresh).status, 200);
}

TEST_P(ConsoleTest, SignOutEndsTheSessionAndNeedsItsCsrfToken) {
  std::string session = SessionOf("county1");
  testing::HttpReply day = Get("/console/", session);
  std::string csrf = CsrfOf(day.body);
  ASSERT_EQ(csrf.size(), 64u);

  EXPECT_EQ(Post("/console/logout", "qm_session=" + session, "").status, 403);
  EXPECT_EQ(Post("/console/logout", "qm_session=" + session, "csrf=" + std::string(64, '0')).status,
            403);
  EXPECT_EQ(Post("/console/logout", "qm_session=" + session, "csrf=" + csrf,
                 {{"Origin", "http://evil.example"}})
                .status,
            403);
  ASSERT_EQ(Get("/console/", session).status, 200) << "a refused post changes nothing";

  testing::HttpReply out = Post("/console/logout", "qm_session=" + session, "csrf=" + csrf);
  EXPECT_EQ(out.status, 303);
  EXPECT_EQ(out.Header("location"), "/console/login");
  EXPECT_EQ(Get("/console/", session).status, 303);
}

TEST_P(ConsoleTest, TheLoginFormNeedsItsOwnCsrfCookie) {
  testing::HttpReply form = Get("/console/login", "");
  std::string cookie = SetCookieValue(form, "qm_login");
  const std::string fields = "&id=county1&password=" + Encode(kStaffPassword);
  EXPECT_EQ(Post("/console/login", "", "csrf=" + cookie + fields).status, 403);
  EXPECT_EQ(
      Post("/console/login", "qm_login=" + cookie, "csrf=" + std::string(64, 'a') + fields).status,
      403);
  EXPECT_EQ(Post("/console/login", "qm_login=" + cookie, "csrf=" + cookie + fields).status, 303);
}

TEST_P(ConsoleTest, ADeviceTokenDoesNotOpenTheConsole) {
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA);
  auto bearer = testing::HttpRequest(server_->port(), "GET", "/console/",
                                     {{"Authorization", device->Authorization()}});
  ASSERT_TRUE(bearer.ok());
  EXPECT_EQ(bearer->status, 303);
  EXPECT_EQ(bearer->Header("location"), "/console/login");
  // The device token has a session cookie's shape (64 hex digits); it is still no session.
  ASSERT_EQ(device->token().size(), 64u);
  EXPECT_EQ(Get("/console/", device->token()).status, 303);
}

TEST_P(ConsoleTest, AStaffCookieDoesNotOpenTheSyncApi) {
  std::string session = SessionOf("county1");
  auto sync = testing::HttpRequest(
      server_->port(), "POST", "/v1/sync",
      {{"Cookie", "qm_session=" + session}, {"Content-Type", "application/x-protobuf"}}, "");
  ASSERT_TRUE(sync.ok());
  EXPECT_EQ(sync->status, 401);
  auto bearer = testing::HttpRequest(server_->port(), "POST", "/v1/sync",
                                     {{"Authorization", "Bearer " + session}}, "");
  ASSERT_TRUE(bearer.ok());
  EXPECT_EQ(bearer->status, 401);
}

TEST_P(ConsoleTest, ANewPasswordEndsTheAccountsSessions) {
  std::string session = SessionOf("county1");
  ASSERT_EQ(Get("/console/", session).status, 200);
  auto set = env_->Run({"set-password", "--id", "county1"}, "another-long-password\n");
  ASSERT_EQ(set.exit_code, 0) << set.err;
  EXPECT_EQ(Get("/console/", session).status, 303);
  EXPECT_EQ(SignIn("county1", kStaffPassword).status, 401);
  EXPECT_EQ(SignIn("county1", "another-long-password").status, 303);
}

TEST_P(ConsoleTest, StaffCommandsCheckRolesScopesAndPasswords) {
  auto county_in_town = env_->Run(
      {"add-staff", "--id", "x", "--name", "X", "--role", "county", "--scope", "town:T01"});
  EXPECT_NE(county_in_town.exit_code, 0);
  EXPECT_NE(county_in_town.err.find("scope `county`"), std::string::npos) << county_in_town.err;
  auto no_town = env_->Run(
      {"add-staff", "--id", "x", "--name", "X", "--role", "township", "--scope", "town:T09"});
  EXPECT_NE(no_town.exit_code, 0);
  EXPECT_NE(no_town.err.find("no town 'T09'"), std::string::npos) << no_town.err;
  auto grids = env_->Run({"add-staff", "--id", "x", "--name", "X", "--role", "township", "--scope",
                          std::string("grids:") + kGridA});
  EXPECT_NE(grids.exit_code, 0);
  // Never on the command line.
  auto option = env_->Run({"set-password", "--id", "county1", "--password", "long-enough-pw"});
  EXPECT_EQ(option.exit_code, 2) << option.err;
  auto short_one = env_->Run({"set-password", "--id", "county1"}, "short\n");
  EXPECT_NE(short_one.exit_code, 0);
  EXPECT_NE(short_one.err.find("too short"), std::string::npos) << short_one.err;
  auto unknown = env_->Run({"set-password", "--id", "nobody"}, "long-enough-password\n");
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_EQ(SignIn("county1", kStaffPassword).status, 303) << "the refused changes changed nothing";
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
