#pragma once
// What the engine reports about one visit's answers, and the one-shot entry points the store and
// the county server call.

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::forms {

// Injected so that today() never reads the system clock.
struct EvalContext {
  std::string today;  // YYYY-MM-DD
};

// How the evaluation names one answer: the item id, or for an item of a repeat group the id and
// the instance, "cylinder_valve[2]". Every item id in an Evaluation is such a key.
std::string ItemKey(std::string_view item_id, uint32_t instance);
// Splits a key made by ItemKey; false when `key` is not "id" or "id[N]" with N >= 1.
bool ParseItemKey(std::string_view key, std::string* item_id, uint32_t* instance);

struct ItemProblem {
  std::string item_id;  // an ItemKey
  v1::LocalizedText message;
};

struct DerivedHazard {
  std::string rule_id;
  // A rule inside a repeat group derives one hazard per instance where it holds: which one
  // (1, 2, ...), and `title` starts with the instance's name (第 2 个气瓶：...). 0 otherwise.
  // (rule_id, instance) names the finding within a visit.
  uint32_t instance = 0;
  std::string category;
  v1::LocalizedText title;
  v1::Severity severity = v1::SEVERITY_UNSPECIFIED;
  uint32_t deadline_days = 0;
  v1::LocalizedText legal_basis;
  bool photo_required = false;
  std::string photo_item;      // the item (an ItemKey) that should hold the proof, may be empty
  bool photo_missing = false;  // photo_required, photo_item set, and it holds no photo
  v1::Urgency urgency = v1::URGENCY_UNSPECIFIED;  // as the rule says; unspecified: by deadline
  bool suspected_major = false;                   // 疑似重大隐患, for the county to judge
};

// An emergency rule that fired (e.g. a gas leak): what the worker must do now. Not a hazard.
struct Emergency {
  std::string rule_id;
  uint32_t instance = 0;  // as DerivedHazard::instance
  v1::LocalizedText title;
  std::vector<v1::LocalizedText> actions;  // in order
};

struct Evaluation {
  std::vector<std::string> visible_items;        // ItemKeys in template order, without notes
  std::vector<std::string> visible_notes;        // NOTE items shown, as ItemKeys
  std::vector<std::string> missing_required;     // visible, required and unanswered
  std::vector<ItemProblem> constraint_failures;  // visible, answered and invalid
  std::map<std::string, OwnedValue> computed;
  std::vector<DerivedHazard> hazards;    // in rule order
  std::vector<Emergency> emergencies;    // in rule order; they do not affect complete()
  std::map<std::string, int> instances;  // repeat section id -> its number of instances now
  int answered_visible = 0;
  // answered_visible / visible_items.size(); 1 when nothing is visible.
  double completeness = 1;

  // Nothing missing or invalid and every required hazard photo present: the visit may be
  // finished as "checked".
  bool complete() const;
};

// Evaluates `answers` against `tpl` in one go. Errors: InvalidArgument when ctx.today is not
// YYYY-MM-DD, an answer names an unknown item, an item (instance) is answered twice, an answer's
// kind does not match its item, or its instance does not fit (0 outside a repeat, 1..max inside)
// (the message names the item). Defaults are not applied: the answers are what was recorded.
Result<Evaluation> Evaluate(const CompiledTemplate& tpl, const std::vector<v1::Answer>& answers,
                            const EvalContext& ctx);

// The county server's check of a submitted visit: template id@version match, every answer well
// formed, and for outcome CHECKED nothing required missing, no constraint failing and every
// required hazard photo present; in every repeat instance. today() is the UTC date of
// finished_at_ms (else started_at_ms). Errors: InvalidArgument listing every problem as "item 'x':
// ...".
Status ValidateVisit(const CompiledTemplate& tpl, const v1::Visit& visit);
// The same with today() given explicitly.
Status ValidateVisit(const CompiledTemplate& tpl, const v1::Visit& visit, const EvalContext& ctx);

}  // namespace qiaomen::core::forms
