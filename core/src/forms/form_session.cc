#include "qiaomen/core/forms/form_session.h"

#include <functional>
#include <queue>

#include "forms/answer_check.h"
#include "forms/template_data.h"
#include "qiaomen/core/forms/evaluator.h"

namespace qiaomen::core::forms {

using internal::AnswerState;
using internal::NodeKind;
using internal::TemplateData;

class FormSession::Impl : public EvalEnv {
 public:
  Impl(CompiledTemplate tpl, int64_t today) : tpl_(std::move(tpl)), d_(tpl_.data()), today_(today) {
    answers_.resize(d_.items.size());
    visible_.assign(d_.items.size(), false);
    missing_.assign(d_.items.size(), false);
    failure_.assign(d_.items.size(), 0);
    section_visible_.assign(d_.sections.size(), false);
    computed_.resize(d_.computed.size());
    fired_.assign(d_.hazards.size(), false);
    queued_.assign(static_cast<size_t>(d_.node_count), false);
  }

  // --- EvalEnv ---
  Value SlotValue(int slot) const override {
    const auto n = static_cast<int>(d_.items.size());
    if (slot >= n) return computed_[static_cast<size_t>(slot - n)].get();
    return visible_[static_cast<size_t>(slot)] ? answers_[static_cast<size_t>(slot)].value
                                               : Value::Null();
  }
  bool IsSelected(int slot, std::string_view code) const override {
    const AnswerState* a = Visible(slot);
    if (a == nullptr) return false;
    switch (a->answer.kind_case()) {
      case v1::AnswerValue::kChoices:
        for (const std::string& c : a->answer.choices().codes()) {
          if (c == code) return true;
        }
        return false;
      case v1::AnswerValue::kChoice:
      case v1::AnswerValue::kYesNo:
        return a->value.kind == Value::Kind::kString && a->value.text == code;
      default:
        return false;
    }
  }
  int64_t CountSelected(int slot) const override {
    const AnswerState* a = Visible(slot);
    return a == nullptr ? 0 : a->answer.choices().codes_size();
  }
  int64_t PhotoCount(int slot) const override {
    const AnswerState* a = Visible(slot);
    return a == nullptr ? 0 : a->photo_count;
  }
  bool IsAnswered(int slot) const override {
    const auto n = static_cast<int>(d_.items.size());
    if (slot >= n) return !computed_[static_cast<size_t>(slot - n)].get().is_null();
    return Visible(slot) != nullptr;
  }
  int64_t Today() const override { return today_; }

  // --- engine ---
  int ItemIndex(std::string_view id) const {
    auto it = d_.item_index.find(id);
    return it == d_.item_index.end() ? -1 : it->second;
  }

  Status Read(const v1::Answer& answer, int* index, AnswerState* state) const {
    *index = ItemIndex(answer.item_id());
    if (*index < 0) {
      return InvalidArgument("Item '" + answer.item_id() + "' is not in checklist " + tpl_.key() +
                             "; answer only the items of the template the visit was made with.");
    }
    return internal::ReadAnswer(d_.items[static_cast<size_t>(*index)], answer.value(), state);
  }

  void Store(int index, AnswerState&& state) {
    AnswerState& slot = answers_[static_cast<size_t>(index)];
    slot = std::move(state);
    internal::BindValue(d_.items[static_cast<size_t>(index)], &slot);
  }

  Status Set(const v1::Answer& answer) {
    int index = -1;
    AnswerState state;
    QM_RETURN_IF_ERROR(Read(answer, &index, &state));
    Store(index, std::move(state));
    // The item's own checks always; its readers only if they can see it.
    Enqueue(d_.ChecksNode(index));
    if (visible_[static_cast<size_t>(index)]) EnqueueDependents(d_.ItemNode(index));
    Propagate();
    return Status::Ok();
  }

  Status SetMany(const std::vector<v1::Answer>& answers) {
    for (const v1::Answer& answer : answers) {
      int index = -1;
      AnswerState state;
      QM_RETURN_IF_ERROR(Read(answer, &index, &state));
      Store(index, std::move(state));
    }
    EvaluateAll();
    return Status::Ok();
  }

  void EvaluateAll() {
    for (int node : d_.order) EvaluateNode(node);
  }

  bool IsVisible(std::string_view id) const {
    const int i = ItemIndex(id);
    return i >= 0 && visible_[static_cast<size_t>(i)];
  }

  Evaluation Snapshot() const;

  uint64_t evaluations_ = 0;

 private:
  const AnswerState* Visible(int slot) const {
    if (slot < 0 || slot >= static_cast<int>(d_.items.size())) return nullptr;
    const AnswerState& a = answers_[static_cast<size_t>(slot)];
    return visible_[static_cast<size_t>(slot)] && a.answered ? &a : nullptr;
  }

  void Enqueue(int node) {
    if (queued_[static_cast<size_t>(node)]) return;
    queued_[static_cast<size_t>(node)] = true;
    queue_.push(d_.position[static_cast<size_t>(node)]);
  }
  void EnqueueDependents(int node) {
    for (int m : d_.dependents[static_cast<size_t>(node)]) Enqueue(m);
  }

  // Recomputes queued nodes in topological order; a node whose output did not change does not
  // wake its dependents.
  void Propagate() {
    while (!queue_.empty()) {
      const int node = d_.order[static_cast<size_t>(queue_.top())];
      queue_.pop();
      queued_[static_cast<size_t>(node)] = false;
      if (EvaluateNode(node)) EnqueueDependents(node);
    }
  }

  bool Condition(const Expression& e, bool if_empty) const {
    return e.empty() ? if_empty : EvaluateExpression(e, *this).truthy();
  }

  // A constraint fails only when it is known to be false, not when an input is unanswered.
  bool IsFalse(const Expression& e) const {
    const Value v = EvaluateExpression(e, *this);
    return v.kind == Value::Kind::kBool && !v.boolean;
  }

  // Returns whether the node's output changed.
  bool EvaluateNode(int node) {
    ++evaluations_;
    int i = 0;
    switch (d_.KindOf(node, &i)) {
      case NodeKind::kSection: {
        const bool v = Condition(d_.sections[static_cast<size_t>(i)].relevant, true);
        const bool changed = v != section_visible_[static_cast<size_t>(i)];
        section_visible_[static_cast<size_t>(i)] = v;
        return changed;
      }
      case NodeKind::kItemValue: {
        const auto& item = d_.items[static_cast<size_t>(i)];
        const bool v =
            section_visible_[static_cast<size_t>(item.section)] && Condition(item.relevant, true);
        const bool changed = v != visible_[static_cast<size_t>(i)];
        visible_[static_cast<size_t>(i)] = v;
        return changed;
      }
      case NodeKind::kComputed: {
        const Value v = EvaluateExpression(d_.computed[static_cast<size_t>(i)].expression, *this);
        OwnedValue& slot = computed_[static_cast<size_t>(i)];
        if (v == slot.get()) return false;
        slot.Assign(v);
        return true;
      }
      case NodeKind::kItemChecks:
        EvaluateChecks(i);
        return false;
      case NodeKind::kHazard: {
        fired_[static_cast<size_t>(i)] = Condition(d_.hazards[static_cast<size_t>(i)].when, false);
        return false;
      }
    }
    return false;
  }

  void EvaluateChecks(int i) {
    const auto& item = d_.items[static_cast<size_t>(i)];
    const AnswerState& a = answers_[static_cast<size_t>(i)];
    bool missing = false;
    uint8_t failure = 0;
    if (visible_[static_cast<size_t>(i)]) {
      if (!a.answered) {
        missing = Condition(item.required, false);
      } else if (a.has_problem) {
        failure = 1;
      } else if (!item.constraint.empty() && IsFalse(item.constraint)) {
        failure = 2;
      }
    }
    missing_[static_cast<size_t>(i)] = missing;
    failure_[static_cast<size_t>(i)] = failure;
  }

  friend class FormSession;
  CompiledTemplate tpl_;
  const TemplateData& d_;
  int64_t today_;
  std::vector<AnswerState> answers_;
  std::vector<bool> visible_, missing_, section_visible_, fired_, queued_;
  std::vector<uint8_t> failure_;  // 0 none, 1 the item's own bounds, 2 its constraint
  std::vector<OwnedValue> computed_;
  std::priority_queue<int, std::vector<int>, std::greater<>> queue_;
};

Evaluation FormSession::Impl::Snapshot() const {
  Evaluation e;
  for (size_t i = 0; i < d_.items.size(); ++i) {
    const std::string& id = d_.items[i].proto->id();
    if (!visible_[i]) continue;
    e.visible_items.push_back(id);
    if (answers_[i].answered) ++e.answered_visible;
    if (missing_[i]) e.missing_required.push_back(id);
    if (failure_[i] == 1) e.constraint_failures.push_back({id, answers_[i].problem});
    if (failure_[i] == 2)
      e.constraint_failures.push_back({id, d_.items[i].proto->constraint_message()});
  }
  e.completeness = e.visible_items.empty() ? 1.0
                                           : static_cast<double>(e.answered_visible) /
                                                 static_cast<double>(e.visible_items.size());
  for (size_t c = 0; c < d_.computed.size(); ++c) {
    e.computed.emplace(d_.computed[c].proto->id(), computed_[c]);
  }
  for (size_t h = 0; h < d_.hazards.size(); ++h) {
    if (!fired_[h]) continue;
    const v1::HazardRule& r = *d_.hazards[h].proto;
    if (r.emergency()) {
      e.emergencies.push_back(
          {r.id(), r.title(),
           std::vector<v1::LocalizedText>(r.actions().begin(), r.actions().end())});
      continue;
    }
    DerivedHazard dh;
    dh.rule_id = r.id();
    dh.category = r.category();
    dh.title = r.title();
    dh.severity = r.severity();
    dh.deadline_days = r.deadline_days();
    dh.legal_basis = r.legal_basis();
    dh.photo_required = r.photo_required();
    dh.photo_item = r.photo_item();
    dh.photo_missing = r.photo_required() && d_.hazards[h].photo_item >= 0 &&
                       PhotoCount(d_.hazards[h].photo_item) == 0;
    dh.urgency = r.urgency();
    dh.suspected_major = r.suspected_major();
    e.hazards.push_back(std::move(dh));
  }
  return e;
}

Result<std::unique_ptr<FormSession>> FormSession::Create(const CompiledTemplate& tpl,
                                                         const EvalContext& ctx) {
  auto today = ParseDate(ctx.today);
  if (!today) {
    return InvalidArgument("The evaluation date '" + ctx.today +
                           "' is not a date; pass today as YYYY-MM-DD.");
  }
  auto impl = std::make_unique<Impl>(tpl, *today);
  impl->EvaluateAll();
  return std::unique_ptr<FormSession>(new FormSession(std::move(impl)));
}

FormSession::FormSession(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
FormSession::~FormSession() = default;

Status FormSession::SetAnswer(const v1::Answer& answer) { return impl_->Set(answer); }

Status FormSession::ClearAnswer(std::string_view item_id) {
  v1::Answer empty;
  empty.set_item_id(std::string(item_id));
  return impl_->Set(empty);
}

Status FormSession::SetAnswers(const std::vector<v1::Answer>& answers) {
  return impl_->SetMany(answers);
}

bool FormSession::IsVisible(std::string_view item_id) const { return impl_->IsVisible(item_id); }
Evaluation FormSession::Snapshot() const { return impl_->Snapshot(); }
uint64_t FormSession::node_evaluations() const { return impl_->evaluations_; }
void FormSession::ResetNodeEvaluations() { impl_->evaluations_ = 0; }

bool Evaluation::complete() const {
  if (!missing_required.empty() || !constraint_failures.empty()) return false;
  for (const DerivedHazard& h : hazards) {
    if (h.photo_missing) return false;
  }
  return true;
}

}  // namespace qiaomen::core::forms
