#include <set>

#include "forms/answer_check.h"
#include "forms/template_data.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/forms/form_session.h"

namespace qiaomen::core::forms {
namespace {

Status CheckUniqueItems(const std::vector<v1::Answer>& answers) {
  std::set<std::string> seen;
  for (const v1::Answer& a : answers) {
    if (!seen.insert(ItemKey(a.item_id(), a.instance())).second) {
      return InvalidArgument("Item '" + ItemKey(a.item_id(), a.instance()) +
                             "' is answered more than once; keep one answer per item.");
    }
  }
  return Status::Ok();
}

std::string UtcDate(int64_t ms) { return base::CountyDate(ms, base::TimeZone::Utc()); }

}  // namespace

Result<Evaluation> Evaluate(const CompiledTemplate& tpl, const std::vector<v1::Answer>& answers,
                            const EvalContext& ctx) {
  QM_RETURN_IF_ERROR(CheckUniqueItems(answers));
  QM_ASSIGN_OR_RETURN(auto session, FormSession::Create(tpl, ctx));
  QM_RETURN_IF_ERROR(session->SetAnswers(answers));
  return session->Snapshot();
}

Status ValidateVisit(const CompiledTemplate& tpl, const v1::Visit& visit) {
  const int64_t ms = visit.finished_at_ms() > 0 ? visit.finished_at_ms() : visit.started_at_ms();
  if (ms <= 0) {
    return InvalidArgument("The visit has no start or finish time; record when it was made.");
  }
  return ValidateVisit(tpl, visit, EvalContext{UtcDate(ms)});
}

Status ValidateVisit(const CompiledTemplate& tpl, const v1::Visit& visit, const EvalContext& ctx) {
  if (visit.template_id() != tpl.id() || visit.template_version() != tpl.version()) {
    return InvalidArgument("The visit was made with checklist " + visit.template_id() + "@" +
                           std::to_string(visit.template_version()) +
                           " but is being checked "
                           "against " +
                           tpl.key() + "; use the template version the visit names.");
  }
  std::vector<std::string> problems;
  std::vector<v1::Answer> usable;
  std::set<std::string> seen;
  const auto& d = tpl.data();
  for (const v1::Answer& a : visit.answers()) {
    const std::string key = ItemKey(a.item_id(), a.instance());
    auto it = d.item_index.find(a.item_id());
    if (it == d.item_index.end()) {
      problems.push_back("item '" + a.item_id() + "': is not in this checklist");
      continue;
    }
    const internal::CompiledItem& item = d.items[static_cast<size_t>(it->second)];
    if (item.repeat < 0 && a.instance() != 0) {
      problems.push_back("item '" + key + "': is not in a repeat group and has no instances");
      continue;
    }
    if (item.repeat >= 0 &&
        (a.instance() < 1 || a.instance() > static_cast<uint32_t>(item.cells))) {
      problems.push_back("item '" + key + "': is in a repeat group of at most " +
                         std::to_string(item.cells) + " instances, numbered from 1");
      continue;
    }
    if (!seen.insert(key).second) {
      problems.push_back("item '" + key + "': is answered more than once");
      continue;
    }
    internal::AnswerState state;
    Status st = internal::ReadAnswer(item, a.value(), &state);
    if (!st.ok()) {
      problems.push_back("item '" + key + "': the answer has the wrong kind for a " +
                         "question of this type");
      continue;
    }
    usable.push_back(a);
  }
  QM_ASSIGN_OR_RETURN(auto session, FormSession::Create(tpl, ctx));
  QM_RETURN_IF_ERROR(session->SetAnswers(usable));
  const Evaluation e = session->Snapshot();
  // Answers are judged for every outcome; completeness only when the visit says it checked.
  for (const ItemProblem& p : e.constraint_failures) {
    problems.push_back("item '" + p.item_id + "': " + p.message.en());
  }
  if (visit.outcome() == v1::CHECKED) {
    for (const std::string& id : e.missing_required) {
      problems.push_back("item '" + id + "': is required but not answered");
    }
    for (const DerivedHazard& h : e.hazards) {
      if (h.photo_missing) {
        problems.push_back("item '" + h.photo_item + "': hazard rule '" + h.rule_id +
                           "' needs a photo as proof");
      }
    }
  }
  if (problems.empty()) return Status::Ok();
  std::string msg = "The visit does not satisfy checklist " + tpl.key() + " (" +
                    std::to_string(problems.size()) + " problem" +
                    (problems.size() == 1 ? "" : "s") + "); correct the answers and submit again: ";
  for (size_t i = 0; i < problems.size(); ++i) msg += (i ? "; " : "") + problems[i];
  msg += ".";
  return InvalidArgument(std::move(msg));
}

}  // namespace qiaomen::core::forms
