#include "qiaomen/core/enrol/enrol_link.h"

#include <gtest/gtest.h>

#include <string>

namespace qiaomen::core::enrol {
namespace {

// 32 bytes of base64 ("sha256//" + 44 characters).
constexpr char kPin[] = "sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=";

EnrolLink Sample() { return {"https://county.example.cn:8443", "ABCDE-FGHJK", kPin}; }

std::string Refusal(std::string_view text, EnrolLinkProblem expected) {
  EnrolLinkProblem problem = EnrolLinkProblem::kNone;
  auto parsed = ParseEnrolLink(text, &problem);
  EXPECT_FALSE(parsed.ok()) << text;
  EXPECT_EQ(problem, expected) << text;
  if (parsed.ok()) return {};
  EXPECT_EQ(parsed.status().code(), Code::kInvalidArgument);
  return parsed.status().message();
}

TEST(EnrolLinkTest, RoundTripsWithAndWithoutPin) {
  auto text = FormatEnrolLink(Sample());
  ASSERT_TRUE(text.ok()) << text.status().message();
  EXPECT_EQ(*text,
            "qiaomen:enrol?v=1&server=https://county.example.cn:8443&code=ABCDE-FGHJK"
            "&pin=sha256//47DEQpj8HBSa%2B/TImW%2B5JCeuQeRkm5NMpJWZG3hSuFU%3D");
  auto parsed = ParseEnrolLink(*text);
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, Sample());

  const EnrolLink plain{"http://127.0.0.1:8080", "23456-789AB", ""};
  auto plain_text = FormatEnrolLink(plain);
  ASSERT_TRUE(plain_text.ok());
  EXPECT_EQ(*plain_text, "qiaomen:enrol?v=1&server=http://127.0.0.1:8080&code=23456-789AB");
  auto plain_parsed = ParseEnrolLink("  " + *plain_text + "\r\n");
  ASSERT_TRUE(plain_parsed.ok()) << plain_parsed.status().message();
  EXPECT_EQ(*plain_parsed, plain);
}

TEST(EnrolLinkTest, ReadsFieldsInAnyOrderAndARawPlus) {
  auto parsed = ParseEnrolLink(
      "qiaomen:enrol?code=ABCDE-FGHJK&pin=sha256//47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU%3d"
      "&v=1&server=https%3A%2F%2Fcounty.example.cn%3A8443");
  ASSERT_TRUE(parsed.ok()) << parsed.status().message();
  EXPECT_EQ(*parsed, Sample());
}

TEST(EnrolLinkTest, RefusesOtherCodes) {
  for (const char* text : {"", "ABCDE-FGHJK", "https://county.example.cn",
                           "QIAOMEN:enrol?v=1&server=http://a&code=ABCDE", "qiaomen:enroll?v=1",
                           "weixin://wxpay/bizpayurl?pr=abc"}) {
    const std::string message = Refusal(text, EnrolLinkProblem::kNotEnrolLink);
    EXPECT_NE(message.find("not a Qiaomen enrolment code"), std::string::npos) << message;
  }
}

TEST(EnrolLinkTest, RefusesANewerVersionAskingForAnUpdate) {
  const std::string message = Refusal("qiaomen:enrol?v=2&server=https://a.cn&code=ABCDE-FGHJK",
                                      EnrolLinkProblem::kNewerVersion);
  EXPECT_NE(message.find("newer county server"), std::string::npos) << message;
  EXPECT_NE(message.find("Update the app"), std::string::npos) << message;
}

TEST(EnrolLinkTest, RefusesMalformedFieldsSayingWhich) {
  const struct {
    const char* text;
    const char* says;
  } kCases[] = {
      {"qiaomen:enrol?server=https://a.cn&code=ABCDE-FGHJK", "does not say its version"},
      {"qiaomen:enrol?v=01&server=https://a.cn&code=ABCDE-FGHJK", "not a version"},
      {"qiaomen:enrol?v=x&server=https://a.cn&code=ABCDE-FGHJK", "not a version"},
      {"qiaomen:enrol?v=1&code=ABCDE-FGHJK", "has no server"},
      {"qiaomen:enrol?v=1&server=https://a.cn", "has no code"},
      {"qiaomen:enrol?v=1&v=1&server=https://a.cn&code=ABCDE-FGHJK", "gives its v twice"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=A&code=ABCDE-FGHJK", "gives its code twice"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABCDE-FGHJK&token=x", "field it should not"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABCDE-FGHJK&", "field it should not"},
      {"qiaomen:enrol?v=1&server&code=ABCDE-FGHJK", "field it should not"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABC%4", "not written correctly"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABC%G1DE", "not written correctly"},
      {"qiaomen:enrol?v=1&server=https://a cn&code=ABCDE-FGHJK", "not written correctly"},
      {"qiaomen:enrol?v=1&server=ftp://a.cn&code=ABCDE-FGHJK", "does not start with https://"},
      {"qiaomen:enrol?v=1&server=https://&code=ABCDE-FGHJK", "names no host"},
      {"qiaomen:enrol?v=1&server=https://user@a.cn&code=ABCDE-FGHJK", "names no host"},
      {"qiaomen:enrol?v=1&server=https://a.cn%0A&code=ABCDE-FGHJK", "cannot have"},
      {"qiaomen:enrol?v=1&server=https://a.cn/&code=ABCDE-FGHJK", "ends with /"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=AB", "length of an enrolment code"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABCDE%20FGHJK", "characters"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABCDE-FGHJK&pin=", "pin is empty"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABCDE-FGHJK&pin=md5//abc",
       "does not start with sha256//"},
      {"qiaomen:enrol?v=1&server=https://a.cn&code=ABCDE-FGHJK&pin=sha256//YWJj",
       "not the base64 of a SHA-256"},
      {"qiaomen:enrol?v=1&server=http://a.cn&code=ABCDE-FGHJK"
       "&pin=sha256//47DEQpj8HBSa%2B/TImW%2B5JCeuQeRkm5NMpJWZG3hSuFU%3D",
       "without https://"},
  };
  for (const auto& c : kCases) {
    const std::string message = Refusal(c.text, EnrolLinkProblem::kMalformed);
    EXPECT_NE(message.find(c.says), std::string::npos) << c.text << ": " << message;
    EXPECT_NE(message.find("type the server address and the code"), std::string::npos) << message;
  }
}

TEST(EnrolLinkTest, RefusesAnOverlongText) {
  const std::string text =
      "qiaomen:enrol?v=1&server=https://a.cn&code=ABCDE-FGHJK&pin=" + std::string(1100, 'A');
  const std::string message = Refusal(text, EnrolLinkProblem::kMalformed);
  EXPECT_NE(message.find("too long"), std::string::npos) << message;
}

TEST(EnrolLinkTest, FormatRefusesWhatParseWouldRefuse) {
  EXPECT_FALSE(FormatEnrolLink({"county.example.cn", "ABCDE-FGHJK", ""}).ok());
  EXPECT_FALSE(FormatEnrolLink({"https://a.cn", "ABC DE", ""}).ok());
  EXPECT_FALSE(FormatEnrolLink({"http://a.cn", "ABCDE-FGHJK", kPin}).ok());
  EXPECT_FALSE(FormatEnrolLink({"https://a.cn/", "ABCDE-FGHJK", ""}).ok());
}

}  // namespace
}  // namespace qiaomen::core::enrol
