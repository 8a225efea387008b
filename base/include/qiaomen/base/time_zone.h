#pragma once
// The county's day. A county has one time zone (default Asia/Shanghai); "today", hazard deadlines,
// task due dates and report days are all the calendar day an instant falls on in that zone, and
// CountyDate below is the one function that answers it, on the device and on the server.
// IANA zones come from the operating system's tz database (/usr/share/zoneinfo, read by Howard
// Hinnant's date/tz library built with USE_OS_TZDB).

#include <cstdint>
#include <string>
#include <string_view>

#include "qiaomen/base/status.h"

namespace date {
class time_zone;
}

namespace qiaomen::base {

// The zone a county has until its administrator sets another.
inline constexpr std::string_view kDefaultCountyTimeZone = "Asia/Shanghai";

// An IANA time zone (or a fixed offset). A cheap value: copy it freely. Thread-safe: the zone
// data it points to is loaded once per process and never changes.
class TimeZone {
 public:
  // The zone named `name`, e.g. "Asia/Shanghai", "Asia/Urumqi", "UTC". InvalidArgument with a
  // sentence when the name is empty or not a zone of this machine's tz database (or the database
  // is missing: then the sentence says to install tzdata).
  static Result<TimeZone> Load(std::string_view name);

  // Asia/Shanghai. When the machine has no tz database (Android keeps its own elsewhere) it is the
  // fixed offset UTC+8, which is what China Standard Time has been since 1991 (no daylight saving).
  static TimeZone Default();

  // UTC (a fixed zero offset; needs no tz database).
  static TimeZone Utc();

  // The name it was loaded with ("Asia/Shanghai").
  const std::string& name() const { return name_; }

  // Seconds east of UTC at the instant `unix_ms` (28800 for Asia/Shanghai).
  int64_t OffsetSeconds(int64_t unix_ms) const;

 private:
  TimeZone(std::string name, const date::time_zone* zone, int64_t fixed_offset_seconds)
      : name_(std::move(name)), zone_(zone), fixed_offset_seconds_(fixed_offset_seconds) {}

  std::string name_;
  const date::time_zone* zone_ = nullptr;  // null: the fixed offset
  int64_t fixed_offset_seconds_ = 0;
};

// THE county day: "YYYY-MM-DD" of the calendar day the instant `unix_ms` (milliseconds since
// 1970-01-01 UTC) falls on in `zone`. A visit finished at 2026-12-01 23:30 in Asia/Shanghai
// (15:30 UTC) is on "2026-12-01". Thread-safe.
std::string CountyDate(int64_t unix_ms, const TimeZone& zone);

// "YYYY-MM-DD HH:MM" of `unix_ms` in `zone`, the way people in the county read a time: a visit
// at 15:30 UTC shows as "2026-12-01 23:30" in Asia/Shanghai. Thread-safe.
std::string CountyDateTime(int64_t unix_ms, const TimeZone& zone);

// The same day as a day number (days since 1970-01-01), for arithmetic with civil_date.h.
int64_t CountyDayNumber(int64_t unix_ms, const TimeZone& zone);

}  // namespace qiaomen::base
