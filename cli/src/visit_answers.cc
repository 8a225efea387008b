#include "visit_answers.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <cstdint>

#include "qiaomen/core/forms/evaluation.h"

namespace qiaomen::cli {
namespace {

using google::protobuf::Value;

std::string KindName(v1::ItemKind kind) {
  switch (kind) {
    case v1::YES_NO_NA:
      return "yes/no/n.a. (\"yes\", \"no\" or \"na\")";
    case v1::SINGLE_CHOICE:
      return "single choice (one code as a string)";
    case v1::MULTI_CHOICE:
      return "multiple choice (a list of codes)";
    case v1::INTEGER:
      return "whole number";
    case v1::DECIMAL:
      return "number";
    case v1::TEXT:
      return "text";
    case v1::DATE:
      return "date (\"YYYY-MM-DD\")";
    case v1::PHOTO:
    case v1::SIGNATURE:
      return "photo (give the files under \"photos\")";
    case v1::LOCATION:
      return "location ({\"latitude\": .., \"longitude\": ..})";
    default:
      return "unknown kind";
  }
}

// Fills `out` from `json` for an item of `kind`; false when the JSON has the wrong shape.
bool Convert(v1::ItemKind kind, const Value& v, v1::AnswerValue& out) {
  switch (kind) {
    case v1::YES_NO_NA: {
      if (v.kind_case() == Value::kBoolValue) {
        out.set_yes_no(v.bool_value() ? v1::YES : v1::NO);
        return true;
      }
      if (v.kind_case() != Value::kStringValue) return false;
      const std::string& s = v.string_value();
      if (s == "yes")
        out.set_yes_no(v1::YES);
      else if (s == "no")
        out.set_yes_no(v1::NO);
      else if (s == "na" || s == "n/a" || s == "not_applicable")
        out.set_yes_no(v1::NOT_APPLICABLE);
      else
        return false;
      return true;
    }
    case v1::SINGLE_CHOICE:
      if (v.kind_case() != Value::kStringValue) return false;
      out.set_choice(v.string_value());
      return true;
    case v1::MULTI_CHOICE:
      if (v.kind_case() == Value::kStringValue) {
        out.mutable_choices()->add_codes(v.string_value());
        return true;
      }
      if (v.kind_case() != Value::kListValue) return false;
      out.mutable_choices();
      for (const auto& c : v.list_value().values()) {
        if (c.kind_case() != Value::kStringValue) return false;
        out.mutable_choices()->add_codes(c.string_value());
      }
      return true;
    case v1::INTEGER:
      if (v.kind_case() != Value::kNumberValue ||
          std::floor(v.number_value()) != v.number_value() || std::fabs(v.number_value()) > 9e15) {
        return false;
      }
      out.set_integer(static_cast<int64_t>(v.number_value()));
      return true;
    case v1::DECIMAL:
      if (v.kind_case() != Value::kNumberValue) return false;
      out.set_decimal(v.number_value());
      return true;
    case v1::TEXT:
      if (v.kind_case() != Value::kStringValue) return false;
      out.set_text(v.string_value());
      return true;
    case v1::DATE:
      if (v.kind_case() != Value::kStringValue) return false;
      out.set_date(v.string_value());
      return true;
    case v1::LOCATION: {
      if (v.kind_case() != Value::kStructValue) return false;
      const auto& f = v.struct_value().fields();
      auto lat = f.find("latitude");
      auto lon = f.find("longitude");
      if (lat == f.end() || lon == f.end() || lat->second.kind_case() != Value::kNumberValue ||
          lon->second.kind_case() != Value::kNumberValue) {
        return false;
      }
      out.mutable_location()->set_latitude(lat->second.number_value());
      out.mutable_location()->set_longitude(lon->second.number_value());
      return true;
    }
    default:
      return false;
  }
}

// `key` is an item id, or for an item of a repeat group the id and instance: "cylinder_ok[2]".
// False, with the problem in `errors`, when it names no item or the instance does not fit.
bool FindKeyedItem(const std::string& key, const core::forms::CompiledTemplate& tpl,
                   std::vector<core::profile::ItemError>& errors, const v1::Item** item,
                   uint32_t* instance) {
  std::string id;
  *item = core::forms::ParseItemKey(key, &id, instance) ? tpl.FindItem(id) : nullptr;
  if (*item == nullptr) {
    errors.push_back({key, "is not an item of checklist " + tpl.key()});
    return false;
  }
  const v1::Section* repeat = tpl.RepeatOf(id);
  if (repeat == nullptr && *instance != 0) {
    errors.push_back({key, "is not in a repeat group; write \"" + id + "\" without [N]"});
    return false;
  }
  const int max = repeat == nullptr ? 0 : tpl.MaxInstances(repeat->id());
  if (repeat != nullptr && (*instance == 0 || *instance > static_cast<uint32_t>(max))) {
    errors.push_back({key, "is asked once per " + repeat->title().zh() + "; write \"" + id +
                               "[1]\" ... \"" + id + "[" + std::to_string(max) +
                               "]\" for each one"});
    return false;
  }
  return true;
}

}  // namespace

std::vector<v1::Answer> TypedAnswers(const VisitFile& file,
                                     const core::forms::CompiledTemplate& tpl,
                                     std::vector<core::profile::ItemError>& errors) {
  std::vector<v1::Answer> answers;
  for (const auto& [key, json] : file.answers) {
    const v1::Item* item = nullptr;
    uint32_t instance = 0;
    if (!FindKeyedItem(key, tpl, errors, &item, &instance)) continue;
    const std::string& item_id = key;
    if (item->kind() == v1::PHOTO || item->kind() == v1::SIGNATURE) {
      errors.push_back({item_id, "is a photo item: list its files under \"photos\""});
      continue;
    }
    Value value;
    v1::Answer answer;
    answer.set_item_id(item->id());
    answer.set_instance(instance);
    if (!google::protobuf::util::JsonStringToMessage(json, &value).ok() ||
        !Convert(item->kind(), value, *answer.mutable_value())) {
      errors.push_back({item_id, "needs a " + KindName(item->kind()) + ", not " + json});
      continue;
    }
    answers.push_back(std::move(answer));
  }
  for (const auto& [item_id, paths] : file.photos) {
    const v1::Item* item = nullptr;
    uint32_t instance = 0;
    if (!FindKeyedItem(item_id, tpl, errors, &item, &instance)) continue;
    if (item->kind() != v1::PHOTO && item->kind() != v1::SIGNATURE) {
      errors.push_back({item_id, "takes a " + KindName(item->kind()) + ", not photos"});
    }
  }
  return answers;
}

}  // namespace qiaomen::cli
