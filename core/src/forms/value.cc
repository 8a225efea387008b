#include "qiaomen/core/forms/value.h"

#include <cmath>
#include <cstdio>

namespace qiaomen::core::forms {

std::string_view TypeName(Type type) {
  switch (type) {
    case Type::kUnknown:
      return "unknown";
    case Type::kBool:
      return "true/false";
    case Type::kNumber:
      return "number";
    case Type::kString:
      return "text";
    case Type::kDate:
      return "date";
    case Type::kChoices:
      return "multiple choice";
    case Type::kPhotos:
      return "photos";
    case Type::kLocation:
      return "location";
  }
  return "unknown";
}

bool operator==(const Value& a, const Value& b) {
  if (a.kind != b.kind) return false;
  switch (a.kind) {
    case Value::Kind::kNull:
      return true;
    case Value::Kind::kBool:
      return a.boolean == b.boolean;
    case Value::Kind::kNumber:
      return a.number == b.number;
    case Value::Kind::kString:
      return a.text == b.text;
    case Value::Kind::kDate:
      return a.days == b.days;
  }
  return false;
}

std::string ToString(const Value& v) {
  switch (v.kind) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return v.boolean ? "true" : "false";
    case Value::Kind::kNumber: {
      if (std::isfinite(v.number) && v.number == std::floor(v.number) &&
          std::fabs(v.number) < 1e15) {
        return std::to_string(static_cast<int64_t>(v.number));
      }
      char buf[64];
      std::snprintf(buf, sizeof buf, "%.10g", v.number);
      return buf;
    }
    case Value::Kind::kString:
      return "'" + std::string(v.text) + "'";
    case Value::Kind::kDate:
      return FormatDate(v.days);
  }
  return "null";
}

namespace {
// Howard Hinnant's days_from_civil / civil_from_days.
int64_t DaysFromCivil(int64_t y, unsigned m, unsigned d) {
  y -= m <= 2;
  const int64_t era = (y >= 0 ? y : y - 399) / 400;
  const unsigned yoe = static_cast<unsigned>(y - era * 400);
  const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
  const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + static_cast<int64_t>(doe) - 719468;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }
}  // namespace

std::optional<int64_t> ParseDate(std::string_view t) {
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
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return std::nullopt;
  static const int kDays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const int dim = kDays[m - 1] + (m == 2 && IsLeap(y) ? 1 : 0);
  if (d > dim) return std::nullopt;
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

std::string FormatDate(int64_t z) {
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const unsigned doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  y += m <= 2;
  char buf[32];
  std::snprintf(buf, sizeof buf, "%04lld-%02u-%02u", static_cast<long long>(y), m, d);
  return buf;
}

}  // namespace qiaomen::core::forms
