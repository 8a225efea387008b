// The enrolment QR code's address (issue 17): a phone is told the server address the QR code
// carries, so that address must not come from a header anyone can forge. With
// `serve --public-url` the QR code and its link carry that address whatever Host a request names;
// without it, a Host that is neither this machine's (loopback) nor the listener's own address is
// not trusted: the code is issued as text only and the page says why. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include "console_test_support.h"
#include "qiaomen/core/enrol/enrol_link.h"
#include "server/src/admin/enrol_qr.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

class ConsoleEnrolLinkTest : public ConsoleTest {
 protected:
  void SetUp() override {
    ConsoleTest::SetUp();
    if (HasFatalFailure()) return;
    auto added = env_->Run({"add-worker", "--id", "wa", "--name", "Worker wa", "--role",
                            "grid_worker", "--scope", std::string("grids:") + kGridA});
    ASSERT_EQ(added.exit_code, 0) << added.err;
  }

  // The server again, with `args`.
  void Restart(std::vector<std::string> args) {
    server_.reset();
    StartServer(std::move(args));
  }

  // Issues an enrolment code for worker wa as county staff, the request naming `host` as its Host.
  testing::HttpReply IssueCode(const std::string& host) {
    const std::string session = SessionOf("county1");
    const std::string csrf = CsrfOf(Get("/console/people", session).body);
    EXPECT_FALSE(csrf.empty());
    return Post("/console/people/code", "qm_session=" + session, "csrf=" + csrf + "&worker=wa",
                {{"Host", host}});
  }

  // The code on an enrolment code page ("" when none).
  static std::string CodeOf(const std::string& html) {
    const std::string open = "<dd class=\"code\">";
    const size_t at = html.find(open);
    if (at == std::string::npos) return "";
    const size_t start = at + open.size();
    return html.substr(start, html.find('<', start) - start);
  }

  // The QR code's modules for the link to `server` with `code`, as the page draws them.
  static std::string QrModules(const std::string& server, const std::string& code) {
    auto text = core::enrol::FormatEnrolLink({server, code, ""});
    EXPECT_TRUE(text.ok()) << text.status().ToString();
    auto qr = EncodeQr(text.value_or(""));
    EXPECT_TRUE(qr.ok());
    if (!qr.ok()) return "";
    const std::string svg = QrSvg(*qr, 264, "");
    return svg.substr(svg.find("<path"));
  }
};

TEST_P(ConsoleEnrolLinkTest, AForgedHostNeverReachesTheQrCodeWhenThePublicUrlIsSet) {
  Restart({"--public-url", "https://county.example.cn"});
  if (HasFatalFailure()) return;
  for (const char* forged : {"evil.example", "evil.example:8443", "127.0.0.1"}) {
    testing::HttpReply page = IssueCode(forged);
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string code = CodeOf(page.body);
    ASSERT_FALSE(code.empty()) << page.body;
    EXPECT_EQ(page.body.find("evil.example"), std::string::npos) << forged << "\n" << page.body;
    EXPECT_NE(
        page.body.find("qiaomen:enrol?v=1&amp;server=https://county.example.cn&amp;code=" + code),
        std::string::npos)
        << page.body;
    EXPECT_NE(page.body.find(QrModules("https://county.example.cn", code)), std::string::npos)
        << "the QR code carries the public address, not " << forged;
  }
}

TEST_P(ConsoleEnrolLinkTest, WithoutAPublicUrlAnotherHostGetsTheCodeAsTextOnly) {
  testing::HttpReply forged = IssueCode("evil.example:8443");
  ASSERT_EQ(forged.status, 200) << forged.body;
  const std::string code = CodeOf(forged.body);
  EXPECT_FALSE(code.empty()) << "the code is still issued, to be typed";
  EXPECT_EQ(forged.body.find("evil.example"), std::string::npos) << forged.body;
  EXPECT_EQ(forged.body.find("<svg"), std::string::npos) << "no QR code";
  EXPECT_EQ(forged.body.find("qiaomen:enrol?"), std::string::npos);
  EXPECT_NE(forged.body.find("--public-url"), std::string::npos) << "the page says what to do";

  // This machine's own address (the listener's, loopback) is the one the browser used.
  const std::string here = "127.0.0.1:" + std::to_string(server_->port());
  testing::HttpReply local = IssueCode(here);
  ASSERT_EQ(local.status, 200) << local.body;
  EXPECT_NE(local.body.find(QrModules("http://" + here, CodeOf(local.body))), std::string::npos)
      << local.body;
}

TEST_P(ConsoleEnrolLinkTest, ServeRefusesAPublicUrlThatIsNotAServerAddress) {
  for (const char* bad : {"county.example.cn", "ftp://county.example.cn",
                          "https://county.example.cn/console", "https://"}) {
    // --max-body -1 stops a serve that took the address anyway, instead of leaving it running.
    auto r =
        env_->Run({"serve", "--listen", "127.0.0.1:0", "--public-url", bad, "--max-body", "-1"});
    EXPECT_NE(r.exit_code, 0) << bad;
    EXPECT_NE(r.err.find("--public-url"), std::string::npos) << bad << ": " << r.err;
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, ConsoleEnrolLinkTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
