#pragma once
// Calendar days as the county writes them: strict ISO "YYYY-MM-DD" in the proleptic Gregorian
// calendar, and day arithmetic on them. A day is also a number: days since 1970-01-01 (negative
// before). Which day an instant falls on is the time zone's business (time_zone.h).

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qiaomen/base/status.h"

namespace qiaomen::base {

// The years a date may name: field records never need more, and a typo such as 0226 or 20260
// is refused instead of stored.
inline constexpr int kMinYear = 1900;
inline constexpr int kMaxYear = 2999;

// Days since 1970-01-01 of a strict "YYYY-MM-DD" (ten characters, years kMinYear..kMaxYear).
// nullopt when malformed or not a real day: "2026-02-30", "2026-13-03", "2026-1-5",
// "2026-01-05T00:00". Thread-safe.
std::optional<int64_t> ParseIsoDate(std::string_view text);

// The same as ParseIsoDate, with an InvalidArgument sentence naming `what` ("--due", "the
// deadline") and the text when it is not a real day.
Result<int64_t> ParseIsoDateOrError(std::string_view text, std::string_view what);

// "YYYY-MM-DD" of a day number (the inverse of ParseIsoDate). Thread-safe.
std::string FormatIsoDate(int64_t days);

// The date `days` days after `date` (before, when negative): AddDays("2026-12-31", 1) is
// "2027-01-01". InvalidArgument when `date` is not a real day or the result leaves the years
// kMinYear..kMaxYear.
Result<std::string> AddDays(std::string_view date, int64_t days);

}  // namespace qiaomen::base
