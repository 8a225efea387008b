#include "qiaomen/base/time_zone.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

// 2026-12-01 15:30:00 UTC is 23:30 in Asia/Shanghai.
constexpr int64_t kDec1At2330Shanghai = 1796139000000;
constexpr int64_t kHour = 3600 * 1000;

TEST(TimeZoneTest, LateEveningCountsOnThatDayInTheCounty) {
  const TimeZone shanghai = TimeZone::Default();
  EXPECT_EQ(shanghai.name(), "Asia/Shanghai");
  EXPECT_EQ(CountyDate(kDec1At2330Shanghai, shanghai), "2026-12-01");
  EXPECT_EQ(CountyDate(kDec1At2330Shanghai + kHour / 2 - 1, shanghai), "2026-12-01");
  EXPECT_EQ(CountyDate(kDec1At2330Shanghai + kHour / 2, shanghai), "2026-12-02");
  // The same instant is still 1 December in UTC, and already 2 December in Tokyo.
  EXPECT_EQ(CountyDate(kDec1At2330Shanghai + kHour, TimeZone::Utc()), "2026-12-01");
  auto tokyo = TimeZone::Load("Asia/Tokyo");
  ASSERT_TRUE(tokyo.ok()) << tokyo.status().ToString();
  EXPECT_EQ(CountyDate(kDec1At2330Shanghai, *tokyo), "2026-12-02");
}

TEST(TimeZoneTest, LoadsIanaZonesFromTheSystemDatabase) {
  auto shanghai = TimeZone::Load("Asia/Shanghai");
  ASSERT_TRUE(shanghai.ok()) << shanghai.status().ToString();
  EXPECT_EQ(shanghai->OffsetSeconds(kDec1At2330Shanghai), 8 * 3600);
  auto urumqi = TimeZone::Load("Asia/Urumqi");
  ASSERT_TRUE(urumqi.ok());
  EXPECT_EQ(urumqi->OffsetSeconds(kDec1At2330Shanghai), 6 * 3600);
  EXPECT_EQ(CountyDate(kDec1At2330Shanghai + kHour, *urumqi), "2026-12-01");
}

TEST(TimeZoneTest, FollowsDaylightSavingTime) {
  auto new_york = TimeZone::Load("America/New_York");
  ASSERT_TRUE(new_york.ok());
  // 2026-11-01 04:30 UTC is 00:30 EDT on 1 November (daylight time ends at 06:00 UTC); a fixed
  // EST offset would put it on 31 October.
  EXPECT_EQ(CountyDate(1793507400000, *new_york), "2026-11-01");
  EXPECT_EQ(new_york->OffsetSeconds(1793507400000), -4 * 3600);
  EXPECT_EQ(new_york->OffsetSeconds(kDec1At2330Shanghai), -5 * 3600);
}

TEST(TimeZoneTest, UnknownZoneIsAClearError) {
  for (const char* name : {"Asia/Beijing", "", "../../etc/passwd", "UTC+8"}) {
    auto zone = TimeZone::Load(name);
    ASSERT_FALSE(zone.ok()) << name;
    EXPECT_EQ(zone.status().code(), Code::kInvalidArgument);
    EXPECT_NE(zone.status().message().find("Asia/Shanghai"), std::string::npos)
        << zone.status().message();
  }
}

TEST(TimeZoneTest, DaysBeforeTheEpochRoundDown) {
  EXPECT_EQ(CountyDate(-1, TimeZone::Utc()), "1969-12-31");
  EXPECT_EQ(CountyDayNumber(-1, TimeZone::Utc()), -1);
  EXPECT_EQ(CountyDayNumber(0, TimeZone::Utc()), 0);
  EXPECT_EQ(CountyDate(-8 * kHour, TimeZone::Default()), "1970-01-01");
  EXPECT_EQ(CountyDate(-8 * kHour - 1, TimeZone::Default()), "1969-12-31");
}

TEST(TimeZoneTest, CountyDateTimeIsTheWallClockInTheCounty) {
  EXPECT_EQ(CountyDateTime(kDec1At2330Shanghai, TimeZone::Default()), "2026-12-01 23:30");
  EXPECT_EQ(CountyDateTime(kDec1At2330Shanghai, TimeZone::Utc()), "2026-12-01 15:30");
  EXPECT_EQ(CountyDateTime(kDec1At2330Shanghai + 59'999, TimeZone::Default()), "2026-12-01 23:30");
  EXPECT_EQ(CountyDateTime(-1, TimeZone::Utc()), "1969-12-31 23:59");
}

}  // namespace
}  // namespace qiaomen::base
