#pragma once
// A checklist template that passed the checker, ready to evaluate. Cheap to copy (shared,
// immutable); safe to read from several threads.

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/template.pb.h"

namespace qiaomen::core::forms {

namespace internal {
struct TemplateData;
}

// Size limits the checker enforces so a hostile template cannot exhaust a phone.
inline constexpr size_t kMaxTemplateJsonBytes = 4 * 1024 * 1024;
inline constexpr int kMaxItems = 2000;
inline constexpr int kMaxComputed = 500;
inline constexpr int kMaxHazardRules = 1000;
inline constexpr int kMaxChoices = 200;
inline constexpr size_t kMaxPatternLength = 200;
inline constexpr uint32_t kDefaultTextLimit = 2000;

class CompiledTemplate {
 public:
  const v1::ChecklistTemplate& proto() const;
  const std::string& id() const;
  uint32_t version() const;
  // "household_winter@3"
  std::string key() const;
  // The item with this id, or nullptr.
  const v1::Item* FindItem(std::string_view item_id) const;
  // The repeat section the item is in, or nullptr (also for unknown ids).
  const v1::Section* RepeatOf(std::string_view item_id) const;
  // The most instances the repeat section `section_id` may have; 0 when it does not repeat.
  int MaxInstances(std::string_view section_id) const;
  int item_count() const;

  // Internal: the engine's view. Not for callers outside core/src/forms.
  const internal::TemplateData& data() const { return *data_; }

 private:
  friend Result<CompiledTemplate> CompileTemplate(v1::ChecklistTemplate);
  explicit CompiledTemplate(std::shared_ptr<const internal::TemplateData> data)
      : data_(std::move(data)) {}
  std::shared_ptr<const internal::TemplateData> data_;
};

// How instance `n` (1-based) of repeat section `section` is named: its instance_label with {n}
// replaced ("第 2 个气瓶" / "cylinder 2"), or the section title and number ("燃气（第 2 个）" /
// "Gas (2)"). Pure.
v1::LocalizedText InstanceLabel(const v1::Section& section, int n);

// Checks a template and compiles its expressions. Refuses, with InvalidArgument whose message
// lists every problem as "item 'x', field 'relevant', column 7: ..." (or "section", "computed",
// "hazard rule"): missing or duplicate ids, unknown item references, dependency cycles, syntax and
// type errors, undefined choice codes, hazard rules without a category or severity, missing zh/en
// labels, bad ranges and patterns, and templates over the size limits.
Result<CompiledTemplate> CompileTemplate(v1::ChecklistTemplate tpl);

// Parses the protobuf JSON mapping of ChecklistTemplate (unknown fields are refused, so typos are
// caught) and then runs CompileTemplate. Errors: InvalidArgument naming the JSON problem or the
// item and field at fault.
Result<CompiledTemplate> LoadTemplateJson(std::string_view json);

}  // namespace qiaomen::core::forms
