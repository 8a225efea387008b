#include "qiaomen/core/forms/form_session.h"

#include <algorithm>
#include <functional>
#include <queue>
#include <utility>

#include "forms/answer_check.h"
#include "forms/template_data.h"
#include "qiaomen/core/forms/evaluator.h"

namespace qiaomen::core::forms {

using internal::AnswerState;
using internal::CompiledItem;
using internal::CompiledSection;
using internal::NodeKind;
using internal::TemplateData;

// Answers, visibility and checks are kept per cell: one per item, or one per possible instance for
// an item of a repeat (CompiledItem::first_cell). Expressions read the current instance
// (current_), which each node's evaluation sets and aggregates move.
class FormSession::Impl : public EvalEnv {
 public:
  Impl(CompiledTemplate tpl, int64_t today) : tpl_(std::move(tpl)), d_(tpl_.data()), today_(today) {
    const auto cells = static_cast<size_t>(d_.item_cells);
    answers_.resize(cells);
    visible_.assign(cells, false);
    missing_.assign(cells, false);
    touched_.assign(cells, false);
    failure_.assign(cells, 0);
    section_visible_.assign(d_.sections.size(), false);
    count_.assign(d_.sections.size(), 0);
    added_.assign(d_.sections.size(), 0);
    computed_.resize(d_.computed.size());
    fired_.assign(static_cast<size_t>(d_.hazard_cells), false);
    queued_.assign(static_cast<size_t>(d_.node_count), false);
  }

  // --- EvalEnv ---
  Value SlotValue(int slot) const override {
    const auto n = static_cast<int>(d_.items.size());
    if (slot >= n) return computed_[static_cast<size_t>(slot - n)].get();
    const int cell = CellOf(slot, current_);
    return cell >= 0 && visible_[static_cast<size_t>(cell)]
               ? answers_[static_cast<size_t>(cell)].value
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
  int64_t InstanceCount(int repeat) const override {
    return repeat >= 0 && repeat < static_cast<int>(count_.size())
               ? count_[static_cast<size_t>(repeat)]
               : 0;
  }
  int CurrentInstance() const override { return current_; }
  int SwitchInstance(int instance) const override { return std::exchange(current_, instance); }

  // --- engine ---
  int ItemIndex(std::string_view id) const {
    auto it = d_.item_index.find(id);
    return it == d_.item_index.end() ? -1 : it->second;
  }
  int SectionIndex(std::string_view id) const {
    for (size_t s = 0; s < d_.sections.size(); ++s) {
      if (d_.sections[s].proto->id() == id) return static_cast<int>(s);
    }
    return -1;
  }
  // The cell of item `index` in `instance`; -1 when the instance does not fit the item.
  int CellOf(int index, int instance) const {
    if (index < 0 || index >= static_cast<int>(d_.items.size())) return -1;
    const CompiledItem& item = d_.items[static_cast<size_t>(index)];
    if (item.repeat < 0) return item.first_cell;
    if (instance < 1 || instance > item.cells) return -1;
    return item.first_cell + instance - 1;
  }

  Status Read(const v1::Answer& answer, int* cell, AnswerState* state) const {
    const int index = ItemIndex(answer.item_id());
    if (index < 0) {
      return InvalidArgument("Item '" + answer.item_id() + "' is not in checklist " + tpl_.key() +
                             "; answer only the items of the template the visit was made with.");
    }
    const CompiledItem& item = d_.items[static_cast<size_t>(index)];
    if (item.proto->kind() == v1::NOTE) {
      return InvalidArgument("Item '" + answer.item_id() +
                             "' is a note (guidance text) and takes no answer; leave it out.");
    }
    *cell = CellOf(index, static_cast<int>(std::min<uint32_t>(answer.instance(), 1000000)));
    if (item.repeat < 0 && answer.instance() != 0) {
      return InvalidArgument("Item '" + answer.item_id() +
                             "' is not in a repeat group; answer it without an instance.");
    }
    if (*cell < 0) {
      return InvalidArgument("Item '" + answer.item_id() + "' is in repeat group '" +
                             d_.sections[static_cast<size_t>(item.repeat)].proto->id() +
                             "'; give its answer an instance from 1 to " +
                             std::to_string(item.cells) + ".");
    }
    return internal::ReadAnswer(item, answer.value(), state);
  }

  int ItemOfCell(int cell) const {
    // Items are few; cells are laid out in item order.
    auto it = std::upper_bound(d_.items.begin(), d_.items.end(), cell,
                               [](int c, const CompiledItem& item) { return c < item.first_cell; });
    return static_cast<int>(it - d_.items.begin()) - 1;
  }

  void Store(int cell, AnswerState&& state) {
    AnswerState& slot = answers_[static_cast<size_t>(cell)];
    slot = std::move(state);
    internal::BindValue(d_.items[static_cast<size_t>(ItemOfCell(cell))], &slot);
  }

  Status Set(const v1::Answer& answer) {
    int cell = -1;
    AnswerState state;
    QM_RETURN_IF_ERROR(Read(answer, &cell, &state));
    Store(cell, std::move(state));
    touched_[static_cast<size_t>(cell)] = true;
    Changed(ItemOfCell(cell), cell);
    Propagate();
    return Status::Ok();
  }

  // Queues what an answer change in `cell` of item `index` affects.
  void Changed(int index, int cell) {
    // The item's own checks always; its readers only if they can see it.
    Enqueue(d_.ChecksNode(index));
    if (visible_[static_cast<size_t>(cell)]) EnqueueDependents(d_.ItemNode(index));
    const int repeat = d_.items[static_cast<size_t>(index)].repeat;
    if (repeat >= 0) Enqueue(d_.SectionNode(repeat));  // an open-ended count may change
  }

  Status SetMany(const std::vector<v1::Answer>& answers) {
    for (const v1::Answer& answer : answers) {
      int cell = -1;
      AnswerState state;
      QM_RETURN_IF_ERROR(Read(answer, &cell, &state));
      Store(cell, std::move(state));
      touched_[static_cast<size_t>(cell)] = true;
    }
    EvaluateAll();
    return Status::Ok();
  }

  void EvaluateAll() {
    for (int node : d_.order) EvaluateNode(node);
  }

  void ApplyDefaults() {
    for (size_t i = 0; i < d_.items.size(); ++i) {
      const CompiledItem& item = d_.items[i];
      if (!item.has_default) continue;
      const int instances = item.repeat < 0 ? 1 : count_[static_cast<size_t>(item.repeat)];
      for (int k = 1; k <= instances; ++k) {
        const int cell = CellOf(static_cast<int>(i), k);
        if (touched_[static_cast<size_t>(cell)]) continue;
        AnswerState state;
        if (!internal::ReadAnswer(item, item.default_value, &state).ok()) continue;
        Store(cell, std::move(state));
        touched_[static_cast<size_t>(cell)] = true;
      }
    }
    EvaluateAll();
  }

  Status OpenEnded(std::string_view section_id, int* s) const {
    *s = SectionIndex(section_id);
    if (*s < 0 || !d_.sections[static_cast<size_t>(*s)].repeats() ||
        d_.sections[static_cast<size_t>(*s)].fixed_count > 0 ||
        d_.sections[static_cast<size_t>(*s)].count_item >= 0) {
      return InvalidArgument("Section '" + std::string(section_id) +
                             "' is not a repeat group the worker adds to; its instances are "
                             "counted by the checklist.");
    }
    return Status::Ok();
  }

  Status AddInstance(std::string_view section_id) {
    int s = -1;
    QM_RETURN_IF_ERROR(OpenEnded(section_id, &s));
    const CompiledSection& sec = d_.sections[static_cast<size_t>(s)];
    const int now = std::max(count_[static_cast<size_t>(s)], HighestAnswered(s));
    if (now >= sec.max_instances) {
      return InvalidArgument("Section '" + std::string(section_id) + "' has its most instances (" +
                             std::to_string(sec.max_instances) + ") already.");
    }
    added_[static_cast<size_t>(s)] = now + 1;
    EvaluateAll();
    ApplyDefaults();
    return Status::Ok();
  }

  Status RemoveInstance(std::string_view section_id, uint32_t instance) {
    int s = -1;
    QM_RETURN_IF_ERROR(OpenEnded(section_id, &s));
    const CompiledSection& sec = d_.sections[static_cast<size_t>(s)];
    const int now = count_[static_cast<size_t>(s)];
    if (instance < 1 || static_cast<int>(instance) > now) {
      return InvalidArgument("Section '" + std::string(section_id) + "' has no instance " +
                             std::to_string(instance) + ".");
    }
    if (now <= sec.min_instances) {
      return InvalidArgument("Section '" + std::string(section_id) + "' needs at least " +
                             std::to_string(sec.min_instances) + " instances.");
    }
    for (const CompiledItem& item : d_.items) {
      if (item.repeat != s) continue;
      for (int k = static_cast<int>(instance); k < item.cells; ++k) {
        const auto to = static_cast<size_t>(item.first_cell + k - 1);
        answers_[to] = answers_[to + 1];
        internal::BindValue(item, &answers_[to]);
        touched_[to] = touched_[to + 1];
      }
      const auto last = static_cast<size_t>(item.first_cell + item.cells - 1);
      answers_[last] = AnswerState{};
      touched_[last] = false;
    }
    added_[static_cast<size_t>(s)] = now - 1;
    EvaluateAll();
    return Status::Ok();
  }

  int InstanceCountOf(std::string_view section_id) const {
    const int s = SectionIndex(section_id);
    return s < 0 ? 0 : count_[static_cast<size_t>(s)];
  }

  bool IsVisible(std::string_view id, uint32_t instance) const {
    const int cell = CellOf(ItemIndex(id), static_cast<int>(std::min<uint32_t>(instance, 1000000)));
    return cell >= 0 && visible_[static_cast<size_t>(cell)];
  }

  std::vector<std::string> OfferedChoices(std::string_view id, uint32_t instance) const {
    const int index = ItemIndex(id);
    if (index < 0) return {};
    const CompiledItem& item = d_.items[static_cast<size_t>(index)];
    const int k = static_cast<int>(std::min<uint32_t>(instance, 1000000));
    const int before = SwitchInstance(item.repeat < 0 ? 0 : k);
    std::vector<std::string> out;
    for (size_t c = 0; c < item.codes.size() && item.proto->choices_size() > 0; ++c) {
      if (Offered(item, c)) out.push_back(item.codes[c]);
    }
    SwitchInstance(before);
    return out;
  }

  std::vector<v1::Answer> Answers() const {
    std::vector<v1::Answer> out;
    for (const CompiledItem& item : d_.items) {
      for (int k = 0; k < item.cells; ++k) {
        const AnswerState& a = answers_[static_cast<size_t>(item.first_cell + k)];
        if (a.answer.kind_case() == v1::AnswerValue::KIND_NOT_SET) continue;
        v1::Answer& answer = out.emplace_back();
        answer.set_item_id(item.proto->id());
        if (item.repeat >= 0) answer.set_instance(static_cast<uint32_t>(k + 1));
        *answer.mutable_value() = a.answer;
      }
    }
    return out;
  }

  Evaluation Snapshot() const;
  void SnapshotCell(const CompiledItem& item, int c, Evaluation* out) const;

  uint64_t evaluations_ = 0;

 private:
  const AnswerState* Visible(int slot) const {
    const int cell = CellOf(slot, current_);
    if (cell < 0) return nullptr;
    const AnswerState& a = answers_[static_cast<size_t>(cell)];
    return visible_[static_cast<size_t>(cell)] && a.answered ? &a : nullptr;
  }

  // Whether choice `c` of `item` is offered under its choice filter, in the current instance.
  bool Offered(const CompiledItem& item, size_t c) const {
    if (item.choice_filter.empty() || item.filters[c].empty()) return true;
    const Value v = EvaluateExpression(item.choice_filter, *this);
    return v.kind == Value::Kind::kString && v.text == item.filters[c];
  }

  // The highest instance of repeat `s` with an answer, 0 when none.
  int HighestAnswered(int s) const {
    int highest = 0;
    for (const CompiledItem& item : d_.items) {
      if (item.repeat != s) continue;
      for (int k = item.cells; k > highest; --k) {
        if (answers_[static_cast<size_t>(item.first_cell + k - 1)].answered) {
          highest = k;
          break;
        }
      }
    }
    return highest;
  }

  int CountInstances(int s) const {
    const CompiledSection& sec = d_.sections[static_cast<size_t>(s)];
    if (!sec.repeats() || !section_visible_[static_cast<size_t>(s)]) return 0;
    if (sec.fixed_count > 0) return std::min(sec.fixed_count, sec.max_instances);
    if (sec.count_item >= 0) {
      const auto cell =
          static_cast<size_t>(d_.items[static_cast<size_t>(sec.count_item)].first_cell);
      // An answer out of the item's own range counts nothing until it is corrected.
      const Value v =
          visible_[cell] && !answers_[cell].has_problem ? answers_[cell].value : Value::Null();
      if (v.kind != Value::Kind::kNumber || !(v.number > 0)) return 0;
      return static_cast<int>(std::min<double>(v.number, sec.max_instances));
    }
    const int n = std::max({sec.min_instances, added_[static_cast<size_t>(s)], HighestAnswered(s)});
    return std::min(n, sec.max_instances);
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

  // Instances item or rule cells stand for: 1 (instance 0) outside a repeat.
  static int FirstInstance(int repeat) { return repeat < 0 ? 0 : 1; }

  // Returns whether the node's output changed.
  bool EvaluateNode(int node) {
    ++evaluations_;
    int i = 0;
    current_ = 0;
    switch (d_.KindOf(node, &i)) {
      case NodeKind::kSection: {
        const auto s = static_cast<size_t>(i);
        const bool v = Condition(d_.sections[s].relevant, true);
        const bool changed = v != section_visible_[s];
        section_visible_[s] = v;
        const int count = CountInstances(i);
        const bool recount = count != count_[s];
        count_[s] = count;
        return changed || recount;
      }
      case NodeKind::kItemValue: {
        const auto& item = d_.items[static_cast<size_t>(i)];
        bool changed = false;
        const bool section = section_visible_[static_cast<size_t>(item.section)];
        for (int c = 0; c < item.cells; ++c) {
          const int k = FirstInstance(item.repeat) + c;
          current_ = k;
          const bool exists = item.repeat < 0 || k <= count_[static_cast<size_t>(item.repeat)];
          const bool v = section && exists && Condition(item.relevant, true);
          const auto cell = static_cast<size_t>(item.first_cell + c);
          changed = changed || v != visible_[cell];
          visible_[cell] = v;
        }
        return changed;
      }
      case NodeKind::kComputed: {
        const Value v = EvaluateExpression(d_.computed[static_cast<size_t>(i)].expression, *this);
        OwnedValue& slot = computed_[static_cast<size_t>(i)];
        if (v == slot.get()) return false;
        slot.Assign(v);
        return true;
      }
      case NodeKind::kItemChecks: {
        const auto& item = d_.items[static_cast<size_t>(i)];
        for (int c = 0; c < item.cells; ++c) {
          current_ = FirstInstance(item.repeat) + c;
          EvaluateChecks(item, item.first_cell + c);
        }
        return false;
      }
      case NodeKind::kHazard: {
        const auto& h = d_.hazards[static_cast<size_t>(i)];
        for (int c = 0; c < h.cells; ++c) {
          const int k = FirstInstance(h.repeat) + c;
          current_ = k;
          const bool exists = h.repeat < 0 || k <= count_[static_cast<size_t>(h.repeat)];
          fired_[static_cast<size_t>(h.first_cell + c)] = exists && Condition(h.when, false);
        }
        return false;
      }
    }
    return false;
  }

  void EvaluateChecks(const CompiledItem& item, int cell_index) {
    const auto cell = static_cast<size_t>(cell_index);
    const AnswerState& a = answers_[cell];
    bool missing = false;
    uint8_t failure = 0;
    if (visible_[cell]) {
      if (!a.answered) {
        missing = Condition(item.required, false);
      } else if (a.has_problem) {
        failure = 1;
      } else if (!item.constraint.empty() && IsFalse(item.constraint)) {
        failure = 2;
      } else if (!item.choice_filter.empty() && !AllOffered(item, a)) {
        failure = 3;
      }
    }
    missing_[cell] = missing;
    failure_[cell] = failure;
  }

  bool AllOffered(const CompiledItem& item, const AnswerState& a) const {
    auto offered = [&](const std::string& code) {
      auto it = std::find(item.codes.begin(), item.codes.end(), code);
      return it != item.codes.end() && Offered(item, static_cast<size_t>(it - item.codes.begin()));
    };
    if (a.answer.kind_case() == v1::AnswerValue::kChoice) return offered(a.answer.choice());
    for (const std::string& code : a.answer.choices().codes()) {
      if (!offered(code)) return false;
    }
    return true;
  }

  friend class FormSession;
  CompiledTemplate tpl_;
  const TemplateData& d_;
  int64_t today_;
  mutable int current_ = 0;  // the instance expressions read now; 0 outside a repeat
  std::vector<AnswerState> answers_;
  std::vector<bool> visible_, missing_, touched_, section_visible_, fired_, queued_;
  std::vector<uint8_t> failure_;  // 0 none, 1 the item's own bounds, 2 its constraint, 3 filter
  std::vector<int> count_;        // per section: instances now (repeats only)
  std::vector<int> added_;        // per open-ended repeat: instances the worker made
  std::vector<OwnedValue> computed_;
  std::priority_queue<int, std::vector<int>, std::greater<>> queue_;
};

namespace {

v1::LocalizedText Named(const v1::LocalizedText& instance, const v1::LocalizedText& title) {
  v1::LocalizedText out;
  out.set_zh(instance.zh() + "：" + title.zh());
  out.set_en(instance.en() + ": " + title.en());
  return out;
}

}  // namespace

void FormSession::Impl::SnapshotCell(const CompiledItem& item, int c, Evaluation* out) const {
  static const v1::LocalizedText kNotOffered = [] {
    v1::LocalizedText t;
    t.set_zh("所选选项不适用于前面的回答，请重新选择。");
    t.set_en("The choice does not fit an earlier answer; choose again.");
    return t;
  }();
  Evaluation& e = *out;
  const auto cell = static_cast<size_t>(item.first_cell + c);
  if (!visible_[cell]) return;
  const std::string key =
      ItemKey(item.proto->id(), static_cast<uint32_t>(FirstInstance(item.repeat) + c));
  if (item.proto->kind() == v1::NOTE) {
    e.visible_notes.push_back(key);
    return;
  }
  e.visible_items.push_back(key);
  if (answers_[cell].answered) ++e.answered_visible;
  if (missing_[cell]) e.missing_required.push_back(key);
  if (failure_[cell] == 1) e.constraint_failures.push_back({key, answers_[cell].problem});
  if (failure_[cell] == 2) e.constraint_failures.push_back({key, item.proto->constraint_message()});
  if (failure_[cell] == 3) e.constraint_failures.push_back({key, kNotOffered});
}

Evaluation FormSession::Impl::Snapshot() const {
  Evaluation e;
  // In the order a person goes through the form: a repeat's items instance by instance.
  for (size_t first = 0, end = 0; first < d_.items.size(); first = end) {
    end = first;
    while (end < d_.items.size() && d_.items[end].section == d_.items[first].section) ++end;
    for (int c = 0; c < d_.items[first].cells; ++c) {
      for (size_t i = first; i < end; ++i) {
        const CompiledItem& item = d_.items[i];
        SnapshotCell(item, c, &e);
      }
    }
  }
  e.completeness = e.visible_items.empty() ? 1.0
                                           : static_cast<double>(e.answered_visible) /
                                                 static_cast<double>(e.visible_items.size());
  for (size_t c = 0; c < d_.computed.size(); ++c) {
    e.computed.emplace(d_.computed[c].proto->id(), computed_[c]);
  }
  for (size_t s = 0; s < d_.sections.size(); ++s) {
    if (d_.sections[s].repeats()) e.instances.emplace(d_.sections[s].proto->id(), count_[s]);
  }
  for (const internal::CompiledHazard& h : d_.hazards) {
    for (int c = 0; c < h.cells; ++c) {
      if (!fired_[static_cast<size_t>(h.first_cell + c)]) continue;
      const int k = FirstInstance(h.repeat) + c;
      const v1::HazardRule& r = *h.proto;
      const v1::LocalizedText title =
          h.repeat < 0 ? r.title()
                       : Named(InstanceLabel(*d_.sections[static_cast<size_t>(h.repeat)].proto, k),
                               r.title());
      if (r.emergency()) {
        e.emergencies.push_back(
            {r.id(), static_cast<uint32_t>(k), title,
             std::vector<v1::LocalizedText>(r.actions().begin(), r.actions().end())});
        continue;
      }
      DerivedHazard dh;
      dh.rule_id = r.id();
      dh.instance = static_cast<uint32_t>(k);
      dh.category = r.category();
      dh.title = title;
      dh.severity = r.severity();
      dh.deadline_days = r.deadline_days();
      dh.legal_basis = r.legal_basis();
      dh.photo_required = r.photo_required();
      if (h.photo_item >= 0) {
        const auto& photo = d_.items[static_cast<size_t>(h.photo_item)];
        dh.photo_item = ItemKey(photo.proto->id(), photo.repeat < 0 ? 0 : static_cast<uint32_t>(k));
        const int before = SwitchInstance(k);
        dh.photo_missing = r.photo_required() && PhotoCount(h.photo_item) == 0;
        SwitchInstance(before);
      } else {
        dh.photo_item = r.photo_item();
      }
      dh.urgency = r.urgency();
      dh.suspected_major = r.suspected_major();
      e.hazards.push_back(std::move(dh));
    }
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

Status FormSession::ClearAnswer(std::string_view item_id, uint32_t instance) {
  v1::Answer empty;
  empty.set_item_id(std::string(item_id));
  empty.set_instance(instance);
  return impl_->Set(empty);
}

Status FormSession::SetAnswers(const std::vector<v1::Answer>& answers) {
  return impl_->SetMany(answers);
}

void FormSession::ApplyDefaults() { impl_->ApplyDefaults(); }
Status FormSession::AddInstance(std::string_view section_id) {
  return impl_->AddInstance(section_id);
}
Status FormSession::RemoveInstance(std::string_view section_id, uint32_t instance) {
  return impl_->RemoveInstance(section_id, instance);
}
int FormSession::InstanceCount(std::string_view section_id) const {
  return impl_->InstanceCountOf(section_id);
}
bool FormSession::IsVisible(std::string_view item_id, uint32_t instance) const {
  return impl_->IsVisible(item_id, instance);
}
std::vector<std::string> FormSession::OfferedChoices(std::string_view item_id,
                                                     uint32_t instance) const {
  return impl_->OfferedChoices(item_id, instance);
}
std::vector<v1::Answer> FormSession::Answers() const { return impl_->Answers(); }
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

std::string ItemKey(std::string_view item_id, uint32_t instance) {
  std::string key(item_id);
  if (instance > 0) key += "[" + std::to_string(instance) + "]";
  return key;
}

bool ParseItemKey(std::string_view key, std::string* item_id, uint32_t* instance) {
  *instance = 0;
  const size_t open = key.find('[');
  if (open == std::string_view::npos) {
    item_id->assign(key);
    return !key.empty() && key.find(']') == std::string_view::npos;
  }
  if (open == 0 || key.back() != ']' || open + 2 >= key.size()) return false;
  uint64_t n = 0;
  for (size_t i = open + 1; i + 1 < key.size(); ++i) {
    if (key[i] < '0' || key[i] > '9' || n > 100000) return false;
    n = n * 10 + static_cast<uint64_t>(key[i] - '0');
  }
  if (n == 0) return false;
  item_id->assign(key.substr(0, open));
  *instance = static_cast<uint32_t>(n);
  return true;
}

}  // namespace qiaomen::core::forms
