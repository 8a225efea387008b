#include "visit_builder.h"

#include <algorithm>

#include "checklist_catalog.h"
#include "records_view_dates.h"
#include "visit_answers.h"

namespace qiaomen::cli {
namespace {

std::string Text(const v1::LocalizedText& t) { return t.en().empty() ? t.zh() : t.en(); }

}  // namespace

struct VisitBuilder::Impl {
  core::forms::TemplateRegistry checklists;
};

VisitBuilder::VisitBuilder(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
VisitBuilder::~VisitBuilder() = default;

core::Result<std::unique_ptr<VisitBuilder>> VisitBuilder::Load(const std::string& profile_dir) {
  auto impl = std::make_unique<Impl>();
  QM_ASSIGN_OR_RETURN(impl->checklists, LoadChecklists(profile_dir));
  return std::unique_ptr<VisitBuilder>(new VisitBuilder(std::move(impl)));
}

core::Result<std::vector<v1::Hazard>> VisitBuilder::Build(
    const VisitFile& file, const std::map<std::string, std::vector<std::string>>& photo_ids,
    v1::Visit& visit, std::vector<ItemError>& errors) const {
  std::vector<v1::Hazard> hazards;
  if (file.template_id.empty()) return hazards;
  auto tpl = file.template_version != 0
                 ? impl_->checklists.Get(file.template_id, file.template_version)
                 : impl_->checklists.Latest(file.template_id);
  if (!tpl.ok()) {
    return core::InvalidArgument(
        "this device has no checklist '" + file.template_id +
        (file.template_version ? "@" + std::to_string(file.template_version) : std::string()) +
        "'. Check the \"template\" field.");
  }
  visit.set_template_id(tpl->id());
  visit.set_template_version(tpl->version());
  auto answers = TypedAnswers(file, *tpl, photo_ids, errors);
  for (auto& a : answers) *visit.add_answers() = std::move(a);
  // The well-formed answers are still evaluated, so one pass lists every problem: a wrong kind of
  // answer and the required items still missing (an item already named is not named twice).
  const bool well_formed = errors.empty();
  int64_t when = file.finished_at_ms ? file.finished_at_ms : file.started_at_ms;
  core::forms::EvalContext eval{UtcDate(when)};
  std::vector<v1::Answer> list(visit.answers().begin(), visit.answers().end());
  QM_ASSIGN_OR_RETURN(auto evaluation, core::forms::Evaluate(*tpl, list, eval));
  if (file.outcome == v1::CHECKED) {
    for (auto& problem : CompletenessErrors(evaluation)) {
      const bool named = std::any_of(errors.begin(), errors.end(), [&](const ItemError& e) {
        return e.item_id == problem.item_id;
      });
      if (!named) errors.push_back(std::move(problem));
    }
  }
  if (!well_formed) return hazards;
  for (const auto& d : evaluation.hazards) {
    v1::Hazard h;
    h.set_template_id(tpl->id());
    h.set_rule_id(d.rule_id);
    h.set_category(d.category);
    h.set_severity(d.severity);
    if (d.deadline_days > 0) h.set_deadline(UtcDate(when + int64_t{d.deadline_days} * 86'400'000));
    h.set_legal_basis(Text(d.legal_basis));
    h.set_description(Text(d.title));
    hazards.push_back(std::move(h));
  }
  return hazards;
}

}  // namespace qiaomen::cli
