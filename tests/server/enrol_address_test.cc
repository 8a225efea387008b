// The address an enrolment QR code carries (issue 17): never a Host header from elsewhere.
#include "server/src/console/enrol_address.h"

#include <gtest/gtest.h>

namespace qiaomen::server {
namespace {

TEST(EnrolAddressTest, ThePublicUrlWinsOverAnyHost) {
  const PublicAddress address{"https://county.example.cn", "0.0.0.0", 8443, true};
  for (const char* host : {"evil.example", "127.0.0.1:8443", "", "[::1]:8443"}) {
    EXPECT_EQ(EnrolServerUrl(address, host).value_or(""), "https://county.example.cn") << host;
  }
}

TEST(EnrolAddressTest, WithoutOneOnlyLoopbackOrTheListenersOwnAddressIsTaken) {
  const PublicAddress lan{"", "192.168.1.10", 8080, false};
  EXPECT_EQ(EnrolServerUrl(lan, "192.168.1.10:8080").value_or(""), "http://192.168.1.10:8080");
  EXPECT_EQ(EnrolServerUrl(lan, "127.0.0.1:8080").value_or(""), "http://127.0.0.1:8080");
  EXPECT_EQ(EnrolServerUrl(lan, "localhost:8080").value_or(""), "http://localhost:8080");
  EXPECT_EQ(EnrolServerUrl(lan, "[::1]:8080").value_or(""), "http://[::1]:8080");
  for (const char* host : {"evil.example", "evil.example:8080", "192.168.1.10:9090", "192.168.1.10",
                           "192.168.1.11:8080", "", "a b", "127.0.0.1/x"}) {
    EXPECT_FALSE(EnrolServerUrl(lan, host).has_value()) << host;
  }
  // A listener on every address names none: only loopback.
  const PublicAddress any{"", "0.0.0.0", 8080, false};
  EXPECT_FALSE(EnrolServerUrl(any, "0.0.0.0:8080").has_value());
  EXPECT_FALSE(EnrolServerUrl(any, "county.example.cn:8080").has_value());
  // The default port may be left out, as browsers do.
  const PublicAddress tls{"", "county.example.cn", 443, true};
  EXPECT_EQ(EnrolServerUrl(tls, "county.example.cn").value_or(""), "https://county.example.cn");
}

TEST(EnrolAddressTest, APublicUrlIsAServerAddressAndHttpsUnderTls) {
  EXPECT_EQ(ParsePublicUrl("https://county.example.cn/", true).value_or(""),
            "https://county.example.cn");
  EXPECT_EQ(ParsePublicUrl("http://192.168.1.10:8080", false).value_or(""),
            "http://192.168.1.10:8080");
  EXPECT_EQ(ParsePublicUrl("https://county.example.cn", false).value_or(""),
            "https://county.example.cn")
      << "a TLS proxy in front of a plain listener";
  for (const char* bad : {"county.example.cn", "ftp://county.example.cn", "https://",
                          "https://county.example.cn/console", "https://a b", "https://x?y=1",
                          "https://user@county.example.cn"}) {
    auto parsed = ParsePublicUrl(bad, false);
    EXPECT_FALSE(parsed.ok()) << bad;
    EXPECT_NE(parsed.status().message().find("--public-url"), std::string::npos);
  }
  EXPECT_FALSE(ParsePublicUrl("http://county.example.cn", true).ok())
      << "the QR code's pin needs TLS";
}

}  // namespace
}  // namespace qiaomen::server
