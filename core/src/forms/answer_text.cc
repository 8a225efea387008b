#include "qiaomen/core/forms/answer_text.h"

#include <cstdio>

namespace qiaomen::core::forms {
namespace {

using domain::Language;

std::string ChoiceLabel(const v1::Item& item, const std::string& code, Language language) {
  for (const auto& choice : item.choices()) {
    if (choice.code() == code) return TextIn(choice.label(), language);
  }
  return code;
}

// Shortest form that keeps what was typed: 2.5, not 2.500000.
std::string Number(double v) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.10g", v);
  return buf;
}

std::string WithUnit(std::string number, const v1::Item& item) {
  return item.unit().empty() ? number : number + " " + item.unit();
}

}  // namespace

std::string TextIn(const v1::LocalizedText& text, Language language) {
  const std::string& wanted = language == Language::kZh ? text.zh() : text.en();
  if (!wanted.empty()) return wanted;
  return language == Language::kZh ? text.en() : text.zh();
}

std::string AnswerText(const v1::Item& item, const v1::AnswerValue& value, Language language) {
  const bool zh = language == Language::kZh;
  switch (value.kind_case()) {
    case v1::AnswerValue::kYesNo:
      switch (value.yes_no()) {
        case v1::YES:
          return zh ? "是" : "Yes";
        case v1::NO:
          return zh ? "否" : "No";
        case v1::NOT_APPLICABLE:
          return zh ? "不适用" : "N/A";
        default:
          return "";
      }
    case v1::AnswerValue::kChoice:
      return ChoiceLabel(item, value.choice(), language);
    case v1::AnswerValue::kChoices: {
      std::string text;
      for (const auto& code : value.choices().codes()) {
        if (!text.empty()) text += zh ? "、" : ", ";
        text += ChoiceLabel(item, code, language);
      }
      return text;
    }
    case v1::AnswerValue::kInteger:
      return WithUnit(std::to_string(value.integer()), item);
    case v1::AnswerValue::kDecimal:
      return WithUnit(Number(value.decimal()), item);
    case v1::AnswerValue::kText:
      return value.text();
    case v1::AnswerValue::kDate:
      return value.date();
    case v1::AnswerValue::kPhotos: {
      const int n = value.photos().photo_ids_size();
      if (item.kind() == v1::SIGNATURE) {
        if (n == 0) return zh ? "未签名" : "Not signed";
        return zh ? "已签名" : "Signed";
      }
      return std::to_string(n) + (zh ? " 张照片" : (n == 1 ? " photo" : " photos"));
    }
    case v1::AnswerValue::kLocation: {
      const v1::GeoPoint& p = value.location();
      return std::string(zh ? "纬度 " : "lat ") + Number(p.latitude()) +
             (zh ? "，经度 " : ", lon ") + Number(p.longitude());
    }
    case v1::AnswerValue::KIND_NOT_SET:
      break;
  }
  return "";
}

}  // namespace qiaomen::core::forms
