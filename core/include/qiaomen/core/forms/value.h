#pragma once
// Values of the forms expression language and the calendar arithmetic behind dates.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qiaomen::core::forms {

// The static type of an expression. kUnknown stands in after an error so that one mistake is
// reported once. kChoices, kPhotos and kLocation are item kinds that only functions may read.
enum class Type { kUnknown, kBool, kNumber, kString, kDate, kChoices, kPhotos, kLocation };

// "bool", "number", ... as used in error messages.
std::string_view TypeName(Type type);

// A runtime value. kNull is an unanswered or hidden item (or a division by zero). Strings are
// views: into the template for literals, into the session's answers for item values; a Value
// never outlives the evaluation that made it unless copied into an OwnedValue.
struct Value {
  enum class Kind : uint8_t { kNull, kBool, kNumber, kString, kDate };
  Kind kind = Kind::kNull;
  bool boolean = false;
  double number = 0;  // kNumber
  int64_t days = 0;   // kDate: days since 1970-01-01
  std::string_view text;

  static Value Null() { return {}; }
  static Value Bool(bool b) {
    Value v;
    v.kind = Kind::kBool;
    v.boolean = b;
    return v;
  }
  static Value Number(double n) {
    Value v;
    v.kind = Kind::kNumber;
    v.number = n;
    return v;
  }
  static Value String(std::string_view s) {
    Value v;
    v.kind = Kind::kString;
    v.text = s;
    return v;
  }
  static Value Date(int64_t d) {
    Value v;
    v.kind = Kind::kDate;
    v.days = d;
    return v;
  }
  bool is_null() const { return kind == Kind::kNull; }
  // True only for Bool(true): null counts as false in every condition.
  bool truthy() const { return kind == Kind::kBool && boolean; }
};

bool operator==(const Value& a, const Value& b);
inline bool operator!=(const Value& a, const Value& b) { return !(a == b); }

// A Value that owns its text; what the engine keeps for computed values.
class OwnedValue {
 public:
  OwnedValue() = default;
  explicit OwnedValue(const Value& v) { Assign(v); }
  OwnedValue(const OwnedValue& other) { Assign(other.get()); }
  OwnedValue& operator=(const OwnedValue& other) {
    if (this != &other) Assign(other.get());
    return *this;
  }
  void Assign(const Value& v) {
    storage_.assign(v.text.data(), v.text.size());
    value_ = v;
    value_.text = storage_;
  }
  const Value& get() const { return value_; }

 private:
  std::string storage_;
  Value value_;
};

// Renders a value for messages and goldens: null, true, 3, 2.5, 'text', 2026-01-31.
std::string ToString(const Value& v);

// Parses a strict YYYY-MM-DD Gregorian date (years 1900..2999) to days since 1970-01-01;
// nullopt when malformed or not a real day (2026-02-30). The forms engine's name for
// base::ParseIsoDate (qiaomen/base/civil_date.h).
std::optional<int64_t> ParseDate(std::string_view text);
// The inverse of ParseDate.
std::string FormatDate(int64_t days);

}  // namespace qiaomen::core::forms
