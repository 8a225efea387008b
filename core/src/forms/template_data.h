#pragma once
// The compiled form of a template: parsed expressions and the dependency graph the engine walks.
// Private to core/src/forms.

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "forms/text_pattern.h"
#include "qiaomen/core/forms/expression.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/v1/answers.pb.h"
#include "qiaomen/v1/template.pb.h"

namespace qiaomen::core::forms::internal {

// The most instances a repeat group may have.
inline constexpr int kMaxRepeatInstances = 50;

struct CompiledItem {
  const v1::Item* proto = nullptr;  // points into TemplateData::proto
  int section = 0;
  int repeat = -1;  // the section index when the section repeats, else -1
  int cells = 1;    // answers the engine keeps: 1, or the repeat's most instances
  int first_cell = 0;
  Expression relevant, required, constraint, choice_filter;
  std::vector<std::string> codes;    // choice codes (yes, no, na for yes_no_na)
  std::vector<std::string> filters;  // choice filter values, beside `codes`
  std::shared_ptr<const TextPattern> pattern;
  bool has_default = false;
  v1::AnswerValue default_value;  // parsed from proto->default_value()
};

struct CompiledSection {
  const v1::Section* proto = nullptr;
  Expression relevant;
  // Repeat groups (0 and -1 when the section does not repeat).
  int max_instances = 0;
  int fixed_count = 0;    // > 0: a fixed count
  int count_item = -1;    // the integer item whose answer counts the instances
  int min_instances = 0;  // open-ended: at least this many
  bool repeats() const { return max_instances > 0; }
};

struct CompiledComputed {
  const v1::ComputedValue* proto = nullptr;
  Expression expression;
  Type type = Type::kUnknown;
};

struct CompiledHazard {
  const v1::HazardRule* proto = nullptr;
  Expression when;
  int photo_item = -1;  // item index, -1 when none
  int repeat = -1;      // checked per instance of this repeat (section index), -1: once
  int cells = 1;
  int first_cell = 0;
};

// Graph nodes, numbered: sections, then item values, computed values, item checks, hazards.
enum class NodeKind : uint8_t { kSection, kItemValue, kComputed, kItemChecks, kHazard };

struct TemplateData {
  v1::ChecklistTemplate proto;
  std::vector<CompiledSection> sections;
  std::vector<CompiledItem> items;
  std::vector<CompiledComputed> computed;
  std::vector<CompiledHazard> hazards;
  std::map<std::string, int, std::less<>> item_index;      // id -> item index
  std::map<std::string, int, std::less<>> computed_index;  // id -> computed index
  int item_cells = 0;    // answers kept: one per item, or per instance for items of a repeat
  int hazard_cells = 0;  // likewise for hazard rules

  // Dependency graph. A value slot is an item index, or items.size() + computed index.
  int node_count = 0;
  std::vector<std::vector<int>> dependents;  // node -> nodes to recompute when it changes
  std::vector<int> order;                    // all nodes in topological order
  std::vector<int> position;                 // node -> index in `order`

  int SectionNode(int s) const { return s; }
  int ItemNode(int i) const { return static_cast<int>(sections.size()) + i; }
  int ComputedNode(int c) const { return ItemNode(static_cast<int>(items.size())) + c; }
  int ChecksNode(int i) const { return ComputedNode(static_cast<int>(computed.size())) + i; }
  int HazardNode(int h) const { return ChecksNode(static_cast<int>(items.size())) + h; }
  int SlotNode(int slot) const {
    return slot < static_cast<int>(items.size())
               ? ItemNode(slot)
               : ComputedNode(slot - static_cast<int>(items.size()));
  }
  NodeKind KindOf(int node, int* index) const {
    const int s = static_cast<int>(sections.size()), n = static_cast<int>(items.size()),
              c = static_cast<int>(computed.size());
    if (node < s) return *index = node, NodeKind::kSection;
    if (node < s + n) return *index = node - s, NodeKind::kItemValue;
    if (node < s + n + c) return *index = node - s - n, NodeKind::kComputed;
    if (node < s + 2 * n + c) return *index = node - s - n - c, NodeKind::kItemChecks;
    return *index = node - s - 2 * n - c, NodeKind::kHazard;
  }
};

}  // namespace qiaomen::core::forms::internal
