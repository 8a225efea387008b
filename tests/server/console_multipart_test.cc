// The console's multipart/form-data reader (a form with a file, as 导入 posts it): parts by name,
// a file's bytes unchanged, and nullopt, never a crash or a read past the end, for a body that
// does not follow its boundary.
#include <gtest/gtest.h>

#include <string>

#include "server/src/console/web_forms.h"

namespace qiaomen::server::console {
namespace {

constexpr const char* kType = "multipart/form-data; boundary=----WebKitFormBoundaryQm7x";

std::string Body() {
  return "preamble to ignore\r\n"
         "------WebKitFormBoundaryQm7x\r\n"
         "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
         "abc123\r\n"
         "------WebKitFormBoundaryQm7x\r\n"
         "Content-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
         "Content-Type: text/csv\r\n\r\n"
         "id,name\r\nH-1,\xCD\xF5\r\n--not-the-boundary\r\n\r\n"
         "------WebKitFormBoundaryQm7x\r\n"
         "Content-Disposition: form-data; name=\"csrf\"\r\n\r\n"
         "second\r\n"
         "------WebKitFormBoundaryQm7x--\r\n";
}

TEST(ConsoleMultipartTest, ReadsEachPartByNameWithAFilesBytesUnchanged) {
  auto fields = ParseMultipart(kType, Body());
  ASSERT_TRUE(fields.has_value());
  EXPECT_EQ((*fields)["csrf"], "abc123") << "a repeated name keeps its first part";
  EXPECT_EQ((*fields)["file"], "id,name\r\nH-1,\xCD\xF5\r\n--not-the-boundary\r\n");
  EXPECT_EQ(fields->size(), 2u);

  // A quoted boundary, and the media type in any case.
  auto quoted =
      ParseMultipart("Multipart/Form-Data; boundary=\"----WebKitFormBoundaryQm7x\"", Body());
  ASSERT_TRUE(quoted.has_value());
  EXPECT_EQ((*quoted)["csrf"], "abc123");

  EXPECT_EQ(PostedForm(kType, Body())["csrf"], "abc123");
  EXPECT_EQ(PostedForm("application/x-www-form-urlencoded", "csrf=x%20y")["csrf"], "x y");
}

TEST(ConsoleMultipartTest, RefusesOtherTypesMissingBoundariesAndEveryTruncatedBody) {
  EXPECT_FALSE(ParseMultipart("text/plain", Body()).has_value());
  EXPECT_FALSE(ParseMultipart("multipart/form-data", Body()).has_value());
  EXPECT_FALSE(ParseMultipart("multipart/form-data; boundary=", Body()).has_value());
  EXPECT_FALSE(ParseMultipart(kType, "no boundary here").has_value());
  EXPECT_TRUE(PostedForm(kType, "garbage").empty());
  // Cut anywhere before the closing delimiter, the body is refused (the sanitizers check that no
  // cut reads past the end).
  const std::string body = Body();
  const size_t closing = body.rfind("------WebKitFormBoundaryQm7x--");
  for (size_t cut = 0; cut < closing + 30; ++cut) {
    EXPECT_FALSE(ParseMultipart(kType, body.substr(0, cut)).has_value()) << cut;
  }
  EXPECT_TRUE(ParseMultipart(kType, body.substr(0, closing + 30)).has_value());
}

}  // namespace
}  // namespace qiaomen::server::console
