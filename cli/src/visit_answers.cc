#include "visit_answers.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

#include <cmath>
#include <cstdint>
#include <optional>

#include "qiaomen/core/forms/evaluation.h"
#include "records_view.h"

namespace qiaomen::cli {
namespace {

using google::protobuf::Value;

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
template <typename Problem>
bool FindKeyedItem(const std::string& key, const core::forms::CompiledTemplate& tpl,
                   Problem problem, const v1::Item** item, uint32_t* instance) {
  std::string id;
  *item = core::forms::ParseItemKey(key, &id, instance) ? tpl.FindItem(id) : nullptr;
  if (*item == nullptr) {
    problem(key, Msg::kItemNotInChecklist, {tpl.key()});
    return false;
  }
  // The two below are English sentences for now (Msg::kProblemRaw in both languages).
  const v1::Section* repeat = tpl.RepeatOf(id);
  if (repeat == nullptr && *instance != 0) {
    problem(key, Msg::kProblemRaw, {"is not in a repeat group; write \"" + id + "\" without [N]"});
    return false;
  }
  const int max = repeat == nullptr ? 0 : tpl.MaxInstances(repeat->id());
  if (repeat != nullptr && (*instance == 0 || *instance > static_cast<uint32_t>(max))) {
    problem(key, Msg::kProblemRaw,
            {"is asked once per " + repeat->title().en() + "; write \"" + id + "[1]\" ... \"" + id +
             "[" + std::to_string(max) + "]\" for each one"});
    return false;
  }
  return true;
}

}  // namespace

Msg ItemKindMsg(v1::ItemKind kind) {
  switch (kind) {
    case v1::YES_NO_NA:
      return Msg::kItemYesNoNa;
    case v1::SINGLE_CHOICE:
      return Msg::kItemSingleChoice;
    case v1::MULTI_CHOICE:
      return Msg::kItemMultiChoice;
    case v1::INTEGER:
      return Msg::kItemInteger;
    case v1::DECIMAL:
      return Msg::kItemDecimal;
    case v1::TEXT:
      return Msg::kItemText;
    case v1::DATE:
      return Msg::kItemDate;
    case v1::PHOTO:
      return Msg::kItemPhoto;
    case v1::SIGNATURE:
      return Msg::kItemSignature;
    case v1::LOCATION:
      return Msg::kItemLocation;
    case v1::NOTE:
      return Msg::kChecklistNote;
    default:
      return Msg::kItemUnknown;
  }
}

std::vector<v1::Answer> TypedAnswers(const VisitFile& file,
                                     const core::forms::CompiledTemplate& tpl,
                                     std::vector<FileProblem>& errors) {
  // A problem names the item; the kind of answer it takes is said in the reader's language.
  auto problem = [&](const std::string& item, Msg what, std::vector<std::string> args = {},
                     std::optional<Msg> label = std::nullopt) {
    errors.push_back({FileProblem::Where::kItem, item, what, std::move(args), label});
  };
  std::vector<v1::Answer> answers;
  for (const auto& [key, json] : file.answers) {
    const v1::Item* item = nullptr;
    uint32_t instance = 0;
    if (!FindKeyedItem(key, tpl, problem, &item, &instance)) continue;
    const std::string& item_id = key;
    if (item->kind() == v1::PHOTO || item->kind() == v1::SIGNATURE) {
      problem(item_id, Msg::kItemIsPhoto);
      continue;
    }
    Value value;
    v1::Answer answer;
    answer.set_item_id(item->id());
    answer.set_instance(instance);
    if (!google::protobuf::util::JsonStringToMessage(json, &value).ok() ||
        !Convert(item->kind(), value, *answer.mutable_value())) {
      problem(item_id, Msg::kItemNeedsKind, {json}, ItemKindMsg(item->kind()));
      continue;
    }
    answers.push_back(std::move(answer));
  }
  for (const auto& [item_id, paths] : file.photos) {
    const v1::Item* item = nullptr;
    uint32_t instance = 0;
    if (!FindKeyedItem(item_id, tpl, problem, &item, &instance)) continue;
    if (item->kind() != v1::PHOTO && item->kind() != v1::SIGNATURE) {
      problem(item_id, Msg::kItemTakesNoPhotos, {}, ItemKindMsg(item->kind()));
    }
  }
  return answers;
}

std::vector<FileProblem> CompletenessProblems(const core::forms::Evaluation& evaluation,
                                              core::domain::Language language) {
  // The same list as core::profile::CompletenessErrors, said from the catalogue.
  std::vector<FileProblem> problems;
  auto item = [&](const std::string& id, Msg what, std::vector<std::string> args = {}) {
    problems.push_back({FileProblem::Where::kItem, id, what, std::move(args)});
  };
  for (const auto& id : evaluation.missing_required) item(id, Msg::kItemUnanswered);
  for (const auto& failure : evaluation.constraint_failures) {
    const std::string text = In(failure.message, language);
    if (text.empty()) {
      item(failure.item_id, Msg::kItemConstraint);
    } else {
      item(failure.item_id, Msg::kProblemRaw, {text});
    }
  }
  for (const auto& hazard : evaluation.hazards) {
    if (!hazard.photo_missing) continue;
    const std::string title = In(hazard.title, language);
    item(hazard.photo_item, Msg::kItemHazardPhoto, {title.empty() ? hazard.category : title});
  }
  return problems;
}

}  // namespace qiaomen::cli
