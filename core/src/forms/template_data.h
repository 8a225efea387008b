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
#include "qiaomen/v1/template.pb.h"

namespace qiaomen::core::forms::internal {

struct CompiledItem {
  const v1::Item* proto = nullptr;  // points into TemplateData::proto
  int section = 0;
  Expression relevant, required, constraint;
  std::vector<std::string> codes;  // choice codes (yes, no, na for yes_no_na)
  std::shared_ptr<const TextPattern> pattern;
};

struct CompiledSection {
  const v1::Section* proto = nullptr;
  Expression relevant;
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
