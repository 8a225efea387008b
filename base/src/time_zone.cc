#include "qiaomen/base/time_zone.h"

#include <date/tz.h>

#include <chrono>
#include <cstdio>
#include <exception>

#include "qiaomen/base/civil_date.h"

namespace qiaomen::base {
namespace {

constexpr int64_t kMsPerDay = 86'400'000;
constexpr int64_t kChinaStandardOffsetSeconds = 8 * 3600;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

}  // namespace

Result<TimeZone> TimeZone::Load(std::string_view name) {
  if (name.empty()) {
    return InvalidArgument("The time zone is empty; give an IANA name such as Asia/Shanghai.");
  }
  // date/tz reports an unknown name, and a missing or unreadable tz database, by throwing.
  try {
    const date::time_zone* zone = date::locate_zone(name);
    return TimeZone(std::string(name), zone, 0);
  } catch (const std::exception& e) {
    return InvalidArgument("'" + std::string(name) + "' is not a time zone this machine knows (" +
                           e.what() +
                           "). Give an IANA name such as Asia/Shanghai; if that fails too, "
                           "install the tzdata package.");
  }
}

TimeZone TimeZone::Default() {
  auto zone = Load(kDefaultCountyTimeZone);
  if (zone.ok()) return *zone;
  return TimeZone(std::string(kDefaultCountyTimeZone), nullptr, kChinaStandardOffsetSeconds);
}

TimeZone TimeZone::Utc() { return TimeZone("UTC", nullptr, 0); }

int64_t TimeZone::OffsetSeconds(int64_t unix_ms) const {
  if (zone_ == nullptr) return fixed_offset_seconds_;
  const auto instant = date::sys_seconds(std::chrono::seconds(FloorDiv(unix_ms, 1000)));
  return zone_->get_info(instant).offset.count();
}

int64_t CountyDayNumber(int64_t unix_ms, const TimeZone& zone) {
  return FloorDiv(unix_ms + zone.OffsetSeconds(unix_ms) * 1000, kMsPerDay);
}

std::string CountyDate(int64_t unix_ms, const TimeZone& zone) {
  return FormatIsoDate(CountyDayNumber(unix_ms, zone));
}

std::string CountyDateTime(int64_t unix_ms, const TimeZone& zone) {
  const int64_t local_ms = unix_ms + zone.OffsetSeconds(unix_ms) * 1000;
  const int64_t minute_of_day = (local_ms - FloorDiv(local_ms, kMsPerDay) * kMsPerDay) / 60'000;
  char hh_mm[8];
  std::snprintf(hh_mm, sizeof hh_mm, "%02d:%02d", static_cast<int>(minute_of_day / 60),
                static_cast<int>(minute_of_day % 60));
  return CountyDate(unix_ms, zone) + " " + hh_mm;
}

}  // namespace qiaomen::base
