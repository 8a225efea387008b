// Console sessions and the login throttle against the county database with a manual clock: the
// exact idle and absolute limits, and how the throttle's waits grow and are forgotten. On SQLite
// and PostgreSQL.
#include "qiaomen/server/console_sessions.h"

#include <gtest/gtest.h>

#include "qiaomen/server/console.h"
#include "qiaomen/server/login_throttle.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/manual_clock.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

constexpr int64_t kMinute = 60'000;

class ConsoleStoreTest : public ::testing::TestWithParam<Backend> {
 protected:
  void SetUp() override {
    auto env = testing::CountyEnv::Create(GetParam());
    ASSERT_TRUE(env.ok()) << env.status().ToString();
    env_ = std::move(env).value();
    auto storage =
        Storage::Open({.data_dir = env_->data_dir() + "/data", .db_url = "", .pool_size = 2});
    ASSERT_TRUE(storage.ok()) << storage.status().ToString();
    storage_ = std::move(storage).value();
    StaffAccounts accounts(*storage_);
    ASSERT_TRUE(accounts.AddStaff({"c1", "County One", "county", Scope::County()}, 0).ok());
  }
  std::unique_ptr<testing::CountyEnv> env_;
  std::unique_ptr<Storage> storage_;
  testing::ManualClock clock_{1'700'000'000'000};
};

TEST_P(ConsoleStoreTest, ASessionLastsWhileUsedUntilItsAbsoluteLimit) {
  ConsoleSessions sessions(*storage_, clock_);
  auto created = sessions.Create("c1");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  // Used every 29 minutes: open until 12 hours after sign-in, not a moment longer.
  for (int64_t t = 29; t < 12 * 60; t += 29) {
    clock_.Set(1'700'000'000'000 + t * kMinute);
    auto session = sessions.Resolve(created->token);
    ASSERT_TRUE(session.ok()) << "minute " << t << ": " << session.status().ToString();
    EXPECT_EQ(session->staff.id, "c1");
    EXPECT_EQ(session->csrf_token, created->csrf_token);
  }
  clock_.Set(1'700'000'000'000 + 12 * 60 * kMinute);
  EXPECT_EQ(sessions.Resolve(created->token).status().code(), core::Code::kUnauthenticated);
}

TEST_P(ConsoleStoreTest, ASessionEndsAfterThirtyIdleMinutesAndStaysEnded) {
  ConsoleSessions sessions(*storage_, clock_);
  auto created = sessions.Create("c1");
  ASSERT_TRUE(created.ok());
  clock_.Advance(30 * kMinute - 1);
  ASSERT_TRUE(sessions.Resolve(created->token).ok());
  clock_.Advance(30 * kMinute);
  EXPECT_EQ(sessions.Resolve(created->token).status().code(), core::Code::kUnauthenticated);
  clock_.Advance(-30 * kMinute);  // a clock set back does not revive it: it was deleted
  EXPECT_EQ(sessions.Resolve(created->token).status().code(), core::Code::kUnauthenticated);
}

TEST_P(ConsoleStoreTest, EndingOrRepasswordingEndsSessionsAndOthersAreUnknown) {
  ConsoleSessions sessions(*storage_, clock_);
  auto a = sessions.Create("c1");
  auto b = sessions.Create("c1");
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->token, b->token);
  EXPECT_NE(a->csrf_token, b->csrf_token);
  ASSERT_TRUE(sessions.End(a->token).ok());
  EXPECT_FALSE(sessions.Resolve(a->token).ok());
  EXPECT_TRUE(sessions.Resolve(b->token).ok());
  StaffAccounts accounts(*storage_);
  ASSERT_TRUE(accounts.SetPassword("c1", "a-new-long-password").ok());
  EXPECT_FALSE(sessions.Resolve(b->token).ok());
  EXPECT_FALSE(sessions.Resolve(std::string(64, '0')).ok());
  EXPECT_FALSE(sessions.Resolve("").ok());
}

TEST_P(ConsoleStoreTest, PasswordsAreArgon2idAndCheckedAlikeForUnknownAccounts) {
  StaffAccounts accounts(*storage_);
  EXPECT_EQ(accounts.SetPassword("c1", "short").code(), core::Code::kInvalidArgument);
  EXPECT_EQ(accounts.SetPassword("nobody", "long-enough-password").code(), core::Code::kNotFound);
  EXPECT_EQ(accounts.CheckPassword("c1", "long-enough-password").status().code(),
            core::Code::kUnauthenticated)
      << "no password yet";
  ASSERT_TRUE(accounts.SetPassword("c1", "long-enough-password").ok());
  {
    auto conn = storage_->pool().Acquire();  // SQLite's pool has one connection: give it back
    auto row = conn->QueryOne("SELECT password_hash FROM staff WHERE id = 'c1'");
    ASSERT_TRUE(row.ok());
    EXPECT_EQ(row->Text(0).rfind("$argon2id$", 0), 0u) << row->Text(0);
  }
  EXPECT_TRUE(accounts.CheckPassword("c1", "long-enough-password").ok());
  EXPECT_EQ(accounts.CheckPassword("c1", "long-enough-passwore").status().code(),
            core::Code::kUnauthenticated);
  EXPECT_EQ(accounts.CheckPassword("nobody", "long-enough-password").status().code(),
            core::Code::kUnauthenticated);
}

TEST_P(ConsoleStoreTest, TheThrottleWaitsDoubleAndAreForgottenAfterAnHour) {
  LoginThrottle throttle(*storage_, clock_);
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(throttle.Wait("c1", "10.0.0.1").value_or(-1), 0) << i;
    ASSERT_TRUE(throttle.RecordFailure("c1", "10.0.0.1").ok());
  }
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.1").value_or(-1), 30'000);
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.2").value_or(-1), 30'000) << "per account";
  EXPECT_EQ(throttle.Wait("c2", "10.0.0.1").value_or(-1), 0) << "another account";
  clock_.Advance(30'000);
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.1").value_or(-1), 0);
  ASSERT_TRUE(throttle.RecordFailure("c1", "10.0.0.1").ok());
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.1").value_or(-1), 60'000);
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(throttle.RecordFailure("c1", "10.0.0.1").ok());
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.1").value_or(-1), 15 * kMinute) << "capped";
  clock_.Advance(60 * kMinute);
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.1").value_or(-1), 0) << "forgotten";
  ASSERT_TRUE(throttle.RecordFailure("c1", "10.0.0.1").ok());
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.1").value_or(-1), 0) << "counting from one again";

  // Per address: twenty failures over any accounts; a success clears the account only.
  for (int i = 0; i < 20; ++i) {
    ASSERT_TRUE(throttle.RecordFailure("a" + std::to_string(i), "10.0.0.9").ok());
  }
  EXPECT_EQ(throttle.Wait("c1", "10.0.0.9").value_or(-1), 30'000);
  ASSERT_TRUE(throttle.RecordSuccess("a0").ok());
  EXPECT_EQ(throttle.Wait("a0", "10.0.0.9").value_or(-1), 30'000);
  EXPECT_EQ(throttle.Wait("a0", "10.0.0.8").value_or(-1), 0);
}

// Under TLS (the router as serve builds it with --tls-cert) the cookies are Secure and pages
// send HSTS; the HTTP tests run without TLS.
TEST_P(ConsoleStoreTest, UnderTlsCookiesAreSecureAndPagesSendHsts) {
  StaffAccounts accounts(*storage_);
  ASSERT_TRUE(accounts.SetPassword("c1", "long-enough-password").ok());
  ConsoleSessions sessions(*storage_, clock_);
  LoginThrottle throttle(*storage_, clock_);
  BlobStore blobs(*storage_, clock_);
  ConsoleContext context{*storage_,
                         clock_,
                         accounts,
                         sessions,
                         throttle,
                         blobs,
                         core::SecureRandom(),
                         /*tls=*/true,
                         /*tls_pin_sha256=*/"",
                         /*public_url=*/"",
                         /*listen_host=*/"127.0.0.1",
                         /*listen_port=*/0};
  Router router;
  AddConsoleRoutes(router, context);

  HttpRequest form;
  form.method = "GET";
  form.target = form.path = "/console/login";
  HttpResponse page = router.Handle(form);
  ASSERT_EQ(page.status, 200);
  std::string login_cookie;
  bool hsts = false;
  for (const auto& [name, value] : page.headers) {
    if (name == "Set-Cookie") login_cookie = value;
    hsts |= name == "Strict-Transport-Security";
  }
  EXPECT_TRUE(hsts);
  ASSERT_NE(login_cookie.find("; Secure"), std::string::npos) << login_cookie;
  const std::string token = login_cookie.substr(9, 64);  // qm_login=...

  HttpRequest post;
  post.method = "POST";
  post.target = post.path = "/console/login";
  post.headers = {{"cookie", "qm_login=" + token}};
  post.body = "csrf=" + token + "&id=c1&password=long-enough-password";
  post.remote = "10.0.0.1";
  HttpResponse signed_in = router.Handle(post);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  int secure_session_cookies = 0;
  for (const auto& [name, value] : signed_in.headers) {
    if (name == "Set-Cookie" && value.rfind("qm_session=", 0) == 0) {
      secure_session_cookies += value.find("; Secure") != std::string::npos;
    }
  }
  EXPECT_EQ(secure_session_cookies, 1);
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleStoreTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
