#include "forms/answer_check.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <set>

#include "qiaomen/core/forms/value.h"

namespace qiaomen::core::forms::internal {
namespace {

const char* KindName(v1::ItemKind kind) {
  switch (kind) {
    case v1::YES_NO_NA:
      return "yes_no_na";
    case v1::SINGLE_CHOICE:
      return "single_choice";
    case v1::MULTI_CHOICE:
      return "multi_choice";
    case v1::INTEGER:
      return "integer";
    case v1::DECIMAL:
      return "decimal";
    case v1::TEXT:
      return "text";
    case v1::DATE:
      return "date";
    case v1::PHOTO:
      return "photo";
    case v1::SIGNATURE:
      return "signature";
    case v1::LOCATION:
      return "location";
    default:
      return "unknown";
  }
}

bool KindFits(v1::ItemKind kind, v1::AnswerValue::KindCase c) {
  switch (kind) {
    case v1::YES_NO_NA:
      return c == v1::AnswerValue::kYesNo;
    case v1::SINGLE_CHOICE:
      return c == v1::AnswerValue::kChoice;
    case v1::MULTI_CHOICE:
      return c == v1::AnswerValue::kChoices;
    case v1::INTEGER:
      return c == v1::AnswerValue::kInteger;
    case v1::DECIMAL:
      return c == v1::AnswerValue::kDecimal || c == v1::AnswerValue::kInteger;
    case v1::TEXT:
      return c == v1::AnswerValue::kText;
    case v1::DATE:
      return c == v1::AnswerValue::kDate;
    case v1::PHOTO:
    case v1::SIGNATURE:
      return c == v1::AnswerValue::kPhotos;
    case v1::LOCATION:
      return c == v1::AnswerValue::kLocation;
    default:
      return false;
  }
}

void SetProblem(AnswerState* out, std::string zh, std::string en) {
  out->has_problem = true;
  out->problem.set_zh(std::move(zh));
  out->problem.set_en(std::move(en));
}

std::string Num(double d) { return ToString(Value::Number(d)); }

size_t CodePoints(const std::string& s) {
  size_t n = 0;
  for (unsigned char c : s) n += (c & 0xC0) != 0x80;
  return n;
}

void CheckRange(const v1::Item& item, double v, AnswerState* out) {
  const std::string unit = item.unit().empty() ? "" : " " + item.unit();
  if (!std::isfinite(v)) {
    SetProblem(out, "请输入有效数字。", "Enter a valid number.");
  } else if (item.has_min() && v < item.min()) {
    SetProblem(out, "数值不能小于 " + Num(item.min()) + unit + "。",
               "The value must be at least " + Num(item.min()) + unit + ".");
  } else if (item.has_max() && v > item.max()) {
    SetProblem(out, "数值不能大于 " + Num(item.max()) + unit + "。",
               "The value must be at most " + Num(item.max()) + unit + ".");
  }
}

bool HasCode(const CompiledItem& item, const std::string& code) {
  for (const std::string& c : item.codes) {
    if (c == code) return true;
  }
  return false;
}

}  // namespace

void BindValue(const CompiledItem& item, AnswerState* out) {
  const v1::AnswerValue& a = out->answer;
  out->value = Value::Null();
  if (!out->answered) return;
  switch (item.proto->kind()) {
    case v1::YES_NO_NA:
      out->value = Value::String(a.yes_no() == v1::YES  ? "yes"
                                 : a.yes_no() == v1::NO ? "no"
                                                        : "na");
      break;
    case v1::SINGLE_CHOICE:
      out->value = Value::String(a.choice());
      break;
    case v1::INTEGER:
      out->value = Value::Number(static_cast<double>(a.integer()));
      break;
    case v1::DECIMAL:
      out->value = Value::Number(a.kind_case() == v1::AnswerValue::kInteger
                                     ? static_cast<double>(a.integer())
                                     : a.decimal());
      if (!std::isfinite(out->value.number)) out->value = Value::Null();
      break;
    case v1::TEXT:
      out->value = Value::String(a.text());
      break;
    case v1::DATE: {
      auto days = ParseDate(a.date());
      if (days) out->value = Value::Date(*days);
      break;
    }
    default:
      break;  // choices, photos and locations are read through functions
  }
}

Status ReadAnswer(const CompiledItem& item, const v1::AnswerValue& value, AnswerState* out) {
  *out = AnswerState{};
  const v1::Item& p = *item.proto;
  if (value.kind_case() == v1::AnswerValue::KIND_NOT_SET) return Status::Ok();
  if (!KindFits(p.kind(), value.kind_case())) {
    return InvalidArgument("Item '" + p.id() + "' is a " + KindName(p.kind()) +
                           " item and cannot take this kind of answer; answer it as " +
                           KindName(p.kind()) + ".");
  }
  out->answer = value;
  const v1::AnswerValue& a = out->answer;
  switch (p.kind()) {
    case v1::YES_NO_NA:
      out->answered =
          a.yes_no() == v1::YES || a.yes_no() == v1::NO || a.yes_no() == v1::NOT_APPLICABLE;
      break;
    case v1::SINGLE_CHOICE:
      out->answered = !a.choice().empty();
      if (out->answered && !HasCode(item, a.choice())) {
        SetProblem(out, "选项“" + a.choice() + "”不在本题选项中。",
                   "Choice '" + a.choice() + "' is not one of this item's choices.");
      }
      break;
    case v1::MULTI_CHOICE: {
      out->answered = a.choices().codes_size() > 0;
      std::set<std::string> seen;
      for (const std::string& code : a.choices().codes()) {
        if (!HasCode(item, code)) {
          SetProblem(out, "选项“" + code + "”不在本题选项中。",
                     "Choice '" + code + "' is not one of this item's choices.");
          break;
        }
        if (!seen.insert(code).second) {
          SetProblem(out, "选项“" + code + "”重复。", "Choice '" + code + "' is selected twice.");
          break;
        }
      }
      break;
    }
    case v1::INTEGER:
      out->answered = true;
      CheckRange(p, static_cast<double>(a.integer()), out);
      break;
    case v1::DECIMAL:
      out->answered = true;
      CheckRange(p,
                 a.kind_case() == v1::AnswerValue::kInteger ? static_cast<double>(a.integer())
                                                            : a.decimal(),
                 out);
      break;
    case v1::TEXT: {
      out->answered = !a.text().empty();
      const uint32_t limit = p.max_length() ? p.max_length() : kDefaultTextLimit;
      if (CodePoints(a.text()) > limit) {
        SetProblem(out, "文字不能超过 " + std::to_string(limit) + " 个字。",
                   "The text must be at most " + std::to_string(limit) + " characters.");
      } else if (out->answered && item.pattern) {
        if (!MatchesTextPattern(*item.pattern, a.text())) {
          SetProblem(out, "格式不正确。", "The text is not in the expected format.");
        }
      }
      break;
    }
    case v1::DATE:
      out->answered = !a.date().empty();
      if (out->answered && !ParseDate(a.date())) {
        SetProblem(out, "日期格式应为 年-月-日，例如 2026-01-31。",
                   "Enter the date as YYYY-MM-DD, e.g. 2026-01-31.");
      }
      break;
    case v1::PHOTO:
    case v1::SIGNATURE: {
      out->photo_count = a.photos().photo_ids_size();
      out->answered = out->photo_count > 0;
      const int64_t min = p.kind() == v1::SIGNATURE ? 1 : p.min_photos();
      const int64_t max = p.kind() == v1::SIGNATURE ? 1 : p.max_photos();
      if (out->answered && out->photo_count < min) {
        SetProblem(out, "至少需要 " + std::to_string(min) + " 张照片。",
                   "Take at least " + std::to_string(min) + " photos.");
      } else if (max > 0 && out->photo_count > max) {
        SetProblem(out, "最多 " + std::to_string(max) + " 张照片。",
                   "Keep at most " + std::to_string(max) + " photos.");
      }
      break;
    }
    case v1::LOCATION: {
      out->answered = true;
      const auto& g = a.location();
      if (!(std::fabs(g.latitude()) <= 90) || !(std::fabs(g.longitude()) <= 180)) {
        SetProblem(out, "位置坐标无效。", "The location is not a valid position.");
      }
      break;
    }
    default:
      break;
  }
  BindValue(item, out);
  return Status::Ok();
}

Status ParseDefaultValue(const CompiledItem& item, v1::AnswerValue* out) {
  const std::string& text = item.proto->default_value();
  out->Clear();
  switch (item.proto->kind()) {
    case v1::YES_NO_NA:
      if (text == "yes") {
        out->set_yes_no(v1::YES);
      } else if (text == "no") {
        out->set_yes_no(v1::NO);
      } else if (text == "na") {
        out->set_yes_no(v1::NOT_APPLICABLE);
      } else {
        return InvalidArgument("a yes_no_na default is yes, no or na");
      }
      break;
    case v1::SINGLE_CHOICE:
      out->set_choice(text);
      break;
    case v1::MULTI_CHOICE: {
      size_t start = 0;
      while (start <= text.size()) {
        const size_t end = std::min(text.find(' ', start), text.size());
        if (end > start) out->mutable_choices()->add_codes(text.substr(start, end - start));
        start = end + 1;
      }
      break;
    }
    case v1::INTEGER: {
      int64_t v = 0;
      auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
      if (ec != std::errc() || ptr != text.data() + text.size()) {
        return InvalidArgument("'" + text + "' is not a whole number");
      }
      out->set_integer(v);
      break;
    }
    case v1::DECIMAL: {
      char* end = nullptr;
      const double v = std::strtod(text.c_str(), &end);
      if (end != text.c_str() + text.size() || !std::isfinite(v)) {
        return InvalidArgument("'" + text + "' is not a number");
      }
      out->set_decimal(v);
      break;
    }
    case v1::TEXT:
      out->set_text(text);
      break;
    case v1::DATE:
      out->set_date(text);
      break;
    default:
      return InvalidArgument("photo, signature, location and note items take no default");
  }
  AnswerState state;
  QM_RETURN_IF_ERROR(ReadAnswer(item, *out, &state));
  if (state.has_problem) {
    return InvalidArgument("the default is not a valid answer: " + state.problem.en());
  }
  return Status::Ok();
}

}  // namespace qiaomen::core::forms::internal
