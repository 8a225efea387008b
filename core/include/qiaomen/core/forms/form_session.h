#pragma once
// The incremental engine: one visit's answers in progress on the phone. Setting one answer
// re-evaluates only what depends on it (through the template's dependency graph) and stops where
// a recomputed value did not change.

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core::forms {

class FormSession {
 public:
  // Starts with no answers and evaluates everything once. Errors: InvalidArgument when
  // ctx.today is not YYYY-MM-DD. The session keeps `tpl` alive. Not thread-safe.
  static Result<std::unique_ptr<FormSession>> Create(const CompiledTemplate& tpl,
                                                     const EvalContext& ctx);
  ~FormSession();
  FormSession(const FormSession&) = delete;
  FormSession& operator=(const FormSession&) = delete;

  // Sets (or, when answer.value has no kind set, clears) one item's answer and re-evaluates its
  // dependents. Errors, leaving the session unchanged: InvalidArgument for an unknown item or a
  // value of the wrong kind.
  Status SetAnswer(const v1::Answer& answer);
  Status ClearAnswer(std::string_view item_id);

  // Sets many answers and evaluates the whole template once. Stops at the first bad answer,
  // with the answers before it applied.
  Status SetAnswers(const std::vector<v1::Answer>& answers);

  bool IsVisible(std::string_view item_id) const;
  Evaluation Snapshot() const;

  // How many graph nodes (a section's or item's visibility, a computed value, an item's checks,
  // a hazard rule) have been evaluated since creation or the last reset. For tests and benchmarks.
  uint64_t node_evaluations() const;
  void ResetNodeEvaluations();

 private:
  class Impl;
  explicit FormSession(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace qiaomen::core::forms
