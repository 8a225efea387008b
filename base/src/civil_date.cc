#include "qiaomen/base/civil_date.h"

#include <cstdio>

namespace qiaomen::base {
namespace {

// Howard Hinnant's days_from_civil / civil_from_days (public domain algorithms).
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

struct Civil {
  int64_t year;
  unsigned month;
  unsigned day;
};

Civil CivilFromDays(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  return {y + (m <= 2), m, d};
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

}  // namespace

std::optional<int64_t> ParseIsoDate(std::string_view t) {
  if (t.size() != 10 || t[4] != '-' || t[7] != '-') return std::nullopt;
  int parts[3] = {0, 0, 0};
  const int starts[3] = {0, 5, 8};
  const int lens[3] = {4, 2, 2};
  for (int p = 0; p < 3; ++p) {
    for (int i = 0; i < lens[p]; ++i) {
      const char c = t[static_cast<size_t>(starts[p] + i)];
      if (c < '0' || c > '9') return std::nullopt;
      parts[p] = parts[p] * 10 + (c - '0');
    }
  }
  const int y = parts[0], m = parts[1], d = parts[2];
  if (y < kMinYear || y > kMaxYear || m < 1 || m > 12 || d < 1) return std::nullopt;
  static constexpr int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int days_in_month = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  if (d > days_in_month) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

Result<int64_t> ParseIsoDateOrError(std::string_view text, std::string_view what) {
  if (auto days = ParseIsoDate(text)) return *days;
  return InvalidArgument(std::string(what) + " '" + std::string(text) +
                         "' is not a real day: write it as YYYY-MM-DD, e.g. 2026-12-01.");
}

std::string FormatIsoDate(int64_t days) {
  const Civil c = CivilFromDays(days);
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(c.year), c.month,
                c.day);
  return buf;
}

Result<std::string> AddDays(std::string_view date, int64_t days) {
  QM_ASSIGN_OR_RETURN(int64_t start, ParseIsoDateOrError(date, "The date"));
  const int64_t min = DaysFromCivil(kMinYear, 1, 1);
  const int64_t max = DaysFromCivil(kMaxYear, 12, 31);
  // Compared before adding, so a huge `days` cannot overflow.
  if (days > max - start || days < min - start) {
    return InvalidArgument(std::to_string(days) + " days from " + std::string(date) +
                           " is outside the years " + std::to_string(kMinYear) + " to " +
                           std::to_string(kMaxYear) + ".");
  }
  return FormatIsoDate(start + days);
}

}  // namespace qiaomen::base
