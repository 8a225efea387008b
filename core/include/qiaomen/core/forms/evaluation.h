#pragma once
// What the engine reports about one visit's answers, and the one-shot entry points the store and
// the county server call.

#include <cstdint>
#include <map>
#include <string>
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

struct ItemProblem {
  std::string item_id;
  v1::LocalizedText message;
};

struct DerivedHazard {
  std::string rule_id;
  std::string category;
  v1::LocalizedText title;
  v1::Severity severity = v1::SEVERITY_UNSPECIFIED;
  uint32_t deadline_days = 0;
  v1::LocalizedText legal_basis;
  bool photo_required = false;
  std::string photo_item;      // the item that should hold the proof, may be empty
  bool photo_missing = false;  // photo_required, photo_item set, and it holds no photo
  v1::Urgency urgency = v1::URGENCY_UNSPECIFIED;  // as the rule says; unspecified: by deadline
  bool suspected_major = false;                   // 疑似重大隐患, for the county to judge
};

// An emergency rule that fired (e.g. a gas leak): what the worker must do now. Not a hazard.
struct Emergency {
  std::string rule_id;
  v1::LocalizedText title;
  std::vector<v1::LocalizedText> actions;  // in order
};

struct Evaluation {
  std::vector<std::string> visible_items;        // in template order
  std::vector<std::string> missing_required;     // visible, required and unanswered
  std::vector<ItemProblem> constraint_failures;  // visible, answered and invalid
  std::map<std::string, OwnedValue> computed;
  std::vector<DerivedHazard> hazards;  // in rule order
  std::vector<Emergency> emergencies;  // in rule order; they do not affect complete()
  int answered_visible = 0;
  // answered_visible / visible_items.size(); 1 when nothing is visible.
  double completeness = 1;

  // Nothing missing or invalid and every required hazard photo present: the visit may be
  // finished as "checked".
  bool complete() const;
};

// Evaluates `answers` against `tpl` in one go. Errors: InvalidArgument when ctx.today is not
// YYYY-MM-DD, an answer names an unknown item, an item is answered twice, or an answer's kind
// does not match its item (the message names the item).
Result<Evaluation> Evaluate(const CompiledTemplate& tpl, const std::vector<v1::Answer>& answers,
                            const EvalContext& ctx);

// The county server's check of a submitted visit: template id@version match, every answer well
// formed, and for outcome CHECKED nothing required missing, no constraint failing and every
// required hazard photo present. today() is the UTC date of finished_at_ms (else started_at_ms).
// Errors: InvalidArgument listing every problem as "item 'x': ...".
Status ValidateVisit(const CompiledTemplate& tpl, const v1::Visit& visit);
// The same with today() given explicitly.
Status ValidateVisit(const CompiledTemplate& tpl, const v1::Visit& visit, const EvalContext& ctx);

}  // namespace qiaomen::core::forms
