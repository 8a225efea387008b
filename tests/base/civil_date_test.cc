#include "qiaomen/base/civil_date.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

TEST(CivilDateTest, ParsesRealDaysOnly) {
  EXPECT_EQ(ParseIsoDate("1970-01-01"), 0);
  EXPECT_EQ(ParseIsoDate("1969-12-31"), -1);
  EXPECT_EQ(ParseIsoDate("2026-12-01"), 20788);
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));
  EXPECT_TRUE(ParseIsoDate("2000-02-29"));
  EXPECT_FALSE(ParseIsoDate("2026-02-30"));
  EXPECT_FALSE(ParseIsoDate("2026-02-29"));
  EXPECT_FALSE(ParseIsoDate("1900-02-29"));
  EXPECT_FALSE(ParseIsoDate("2026-13-03"));
  EXPECT_FALSE(ParseIsoDate("2026-00-03"));
  EXPECT_FALSE(ParseIsoDate("2026-04-31"));
  EXPECT_FALSE(ParseIsoDate("2026-04-00"));
  EXPECT_FALSE(ParseIsoDate("2026-1-05"));
  EXPECT_FALSE(ParseIsoDate("2026/01/05"));
  EXPECT_FALSE(ParseIsoDate("2026-01-05T00:00"));
  EXPECT_FALSE(ParseIsoDate("0226-01-05"));
  EXPECT_FALSE(ParseIsoDate("+026-01-05"));
}

TEST(CivilDateTest, FormatsTheInverse) {
  for (int64_t day = -30000; day < 400000; day += 17) {
    const std::string text = FormatIsoDate(day);
    if (auto parsed = ParseIsoDate(text)) {
      EXPECT_EQ(*parsed, day) << text;
    }
  }
  EXPECT_EQ(FormatIsoDate(20788), "2026-12-01");
}

TEST(CivilDateTest, ErrorNamesWhatAndTheText) {
  auto bad = ParseIsoDateOrError("2026-02-30", "--due");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(bad.status().message(),
            "--due '2026-02-30' is not a real day: write it as YYYY-MM-DD, e.g. 2026-12-01.");
}

TEST(CivilDateTest, AddsDaysAcrossMonthsYearsAndLeapDays) {
  EXPECT_EQ(*AddDays("2026-12-31", 1), "2027-01-01");
  EXPECT_EQ(*AddDays("2024-02-28", 1), "2024-02-29");
  EXPECT_EQ(*AddDays("2026-02-28", 1), "2026-03-01");
  EXPECT_EQ(*AddDays("2026-12-01", 30), "2026-12-31");
  EXPECT_EQ(*AddDays("2026-03-01", -1), "2026-02-28");
  EXPECT_EQ(*AddDays("2026-03-01", 0), "2026-03-01");
  EXPECT_EQ(AddDays("2026-02-30", 1).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(AddDays("2999-12-31", 1).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(AddDays("2026-01-01", INT64_MAX).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(AddDays("2026-01-01", INT64_MIN).status().code(), Code::kInvalidArgument);
}

}  // namespace
}  // namespace qiaomen::base
