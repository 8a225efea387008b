#pragma once
// Evaluates a type-checked Expression against the answers of one visit.

#include <cstdint>
#include <string_view>

#include "qiaomen/core/forms/expression.h"
#include "qiaomen/core/forms/value.h"

namespace qiaomen::core::forms {

// What an expression can read. Slots are the ones the type checker resolved. A hidden item reads
// as unanswered everywhere.
class EvalEnv {
 public:
  virtual ~EvalEnv() = default;
  virtual Value SlotValue(int slot) const = 0;  // null when unanswered or hidden
  virtual bool IsSelected(int slot, std::string_view code) const = 0;
  virtual int64_t CountSelected(int slot) const = 0;
  virtual int64_t PhotoCount(int slot) const = 0;
  virtual bool IsAnswered(int slot) const = 0;
  virtual int64_t Today() const = 0;  // days since 1970-01-01
  // Repeat groups. Reads of a repeat's items (the calls above) see the current instance.
  // How many instances the repeat (a section index) has now; 0 by default.
  virtual int64_t InstanceCount(int /*repeat*/) const { return 0; }
  // The current instance, 1-based; 0 outside any repeat.
  virtual int CurrentInstance() const { return 0; }
  // Makes `instance` current and returns the one before; the evaluator restores it after an
  // aggregate. Envs without repeats ignore it.
  virtual int SwitchInstance(int /*instance*/) const { return 0; }
};

// Evaluates `expr` (already type-checked). An empty expression evaluates to null.
// Null means "unknown" (an unanswered or hidden item): comparisons and arithmetic with a null
// operand give null, division by zero gives null, and 'and', 'or', 'not' follow three-valued
// logic (false and null = false, true or null = true, otherwise null). The engine reads a null
// condition as false for relevant, required and hazard rules, and as "not failed" for a
// constraint. any() and all() read a null instance as not holding, count() counts instances
// that hold, sum() skips nulls (0 when none). Recursion is bounded by kMaxExpressionDepth.
// Thread-safe for distinct envs.
Value EvaluateExpression(const Expression& expr, const EvalEnv& env);

}  // namespace qiaomen::core::forms
