#pragma once
// Helpers for the forms tests: read shipped files, and write answers as short strings whose
// meaning follows the item's kind ("yes", "coal_stove", "indoor,flying_lead", "2.5",
// "2026-01-31", "photos:2", "30.1,112.2").

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/v1/answers.pb.h"

namespace qiaomen::core::forms::testing {

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string ChecklistPath(const std::string& name) {
  return std::string(QIAOMEN_SOURCE_DIR) + "/checklists/" + name;
}

inline std::vector<std::string> Split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::string cur;
  std::istringstream in(s);
  while (std::getline(in, cur, sep)) {
    if (!cur.empty()) out.push_back(cur);
  }
  return out;
}

// Builds an answer for `item_id` of `tpl` from `text`; fails the test for an unknown item.
inline v1::Answer MakeAnswer(const CompiledTemplate& tpl, const std::string& item_id,
                             const std::string& text) {
  v1::Answer a;
  a.set_item_id(item_id);
  const v1::Item* item = tpl.FindItem(item_id);
  if (item == nullptr) {
    ADD_FAILURE() << "no item " << item_id << " in " << tpl.key();
    return a;
  }
  v1::AnswerValue* v = a.mutable_value();
  switch (item->kind()) {
    case v1::YES_NO_NA:
      v->set_yes_no(text == "yes" ? v1::YES : text == "no" ? v1::NO : v1::NOT_APPLICABLE);
      break;
    case v1::SINGLE_CHOICE:
      v->set_choice(text);
      break;
    case v1::MULTI_CHOICE:
      v->mutable_choices();
      for (const std::string& c : Split(text, ',')) v->mutable_choices()->add_codes(c);
      break;
    case v1::INTEGER:
      v->set_integer(std::stoll(text));
      break;
    case v1::DECIMAL:
      v->set_decimal(std::stod(text));
      break;
    case v1::TEXT:
      v->set_text(text);
      break;
    case v1::DATE:
      v->set_date(text);
      break;
    case v1::PHOTO:
    case v1::SIGNATURE: {
      const int n = std::stoi(text.substr(text.find(':') + 1));
      v->mutable_photos();
      for (int i = 0; i < n; ++i)
        v->mutable_photos()->add_photo_ids(std::string(16, static_cast<char>('a' + i)));
      break;
    }
    case v1::LOCATION: {
      auto parts = Split(text, ',');
      v->mutable_location()->set_latitude(std::stod(parts.at(0)));
      v->mutable_location()->set_longitude(std::stod(parts.at(1)));
      break;
    }
    default:
      break;
  }
  return a;
}

}  // namespace qiaomen::core::forms::testing
