#pragma once
// The incremental engine: one visit's answers in progress on the phone. Setting one answer
// re-evaluates only what depends on it (through the template's dependency graph) and stops where
// a recomputed value did not change.

#include <cstdint>
#include <memory>
#include <string>
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

  // Sets (or, when answer.value has no kind set, clears) one item's answer (for an item of a
  // repeat, of instance answer.instance) and re-evaluates its dependents. Errors, leaving the
  // session unchanged: InvalidArgument for an unknown item, a note, a value of the wrong kind, or
  // an instance that does not fit (0 outside a repeat, 1..max inside).
  Status SetAnswer(const v1::Answer& answer);
  Status ClearAnswer(std::string_view item_id, uint32_t instance = 0);

  // Sets many answers and evaluates the whole template once. Stops at the first bad answer,
  // with the answers before it applied.
  Status SetAnswers(const std::vector<v1::Answer>& answers);

  // Fills every item with a default_value that the worker has not set or cleared, in every
  // instance there is now, with its default. For a new visit: call it after creating the
  // session and again after an instance count changes. Never called by Evaluate or ValidateVisit.
  void ApplyDefaults();

  // Open-ended repeats (neither count nor countItem): adds an instance at the end (with its
  // defaults), or removes instance `instance` and renumbers the ones after it. Errors, leaving
  // the session unchanged: InvalidArgument when the section is not an open-ended repeat, the
  // count would leave min..max, or the instance does not exist.
  Status AddInstance(std::string_view section_id);
  Status RemoveInstance(std::string_view section_id, uint32_t instance);
  // Instances the repeat section has now; 0 for a section that does not repeat (or is hidden).
  int InstanceCount(std::string_view section_id) const;

  bool IsVisible(std::string_view item_id, uint32_t instance = 0) const;
  // The codes a choice item offers now (its choice filter applied), in template order.
  std::vector<std::string> OfferedChoices(std::string_view item_id, uint32_t instance = 0) const;
  // Every answer held, in template and instance order (what a draft stores).
  std::vector<v1::Answer> Answers() const;
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
