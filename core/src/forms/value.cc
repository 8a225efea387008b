#include "qiaomen/core/forms/value.h"

#include <cmath>
#include <cstdio>

#include "qiaomen/base/civil_date.h"

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

std::optional<int64_t> ParseDate(std::string_view text) { return base::ParseIsoDate(text); }

std::string FormatDate(int64_t days) { return base::FormatIsoDate(days); }

}  // namespace qiaomen::core::forms
