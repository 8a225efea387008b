#include "qiaomen/base/http_date.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

TEST(HttpDateTest, FormatsImfFixdate) {
  EXPECT_EQ(FormatHttpDate(784111777000), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(784111777999), "Sun, 06 Nov 1994 08:49:37 GMT");
  EXPECT_EQ(FormatHttpDate(0), "Thu, 01 Jan 1970 00:00:00 GMT");
}

TEST(HttpDateTest, ParsesWhatItFormatsAndNothingElse) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777000);
  for (int64_t ms : {0LL, 1796139000000LL, 4102444799000LL}) {
    EXPECT_EQ(ParseHttpDate(FormatHttpDate(ms)), ms) << ms;
  }
  EXPECT_FALSE(ParseHttpDate("Sunday, 06-Nov-94 08:49:37 GMT"));  // RFC 850
  EXPECT_FALSE(ParseHttpDate("Sun Nov  6 08:49:37 1994"));        // asctime
  EXPECT_FALSE(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 UTC"));
  EXPECT_FALSE(ParseHttpDate("Sun, 06 Xyz 1994 08:49:37 GMT"));
  EXPECT_FALSE(ParseHttpDate("Sun, 31 Feb 1994 08:49:37 GMT"));
  EXPECT_FALSE(ParseHttpDate("Sun, 06 Nov 1994 24:49:37 GMT"));
  EXPECT_FALSE(ParseHttpDate(""));
}

}  // namespace
}  // namespace qiaomen::base
