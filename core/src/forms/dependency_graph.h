#pragma once
// The dependency graph of a checklist: which section, item, computed value, item check and hazard
// rule must be re-evaluated when a value changes, in one topological order. Built once when a
// template is compiled; the incremental engine walks it after every answer.

#include <functional>
#include <string>
#include <vector>

#include "forms/template_data.h"
#include "qiaomen/core/forms/expression.h"

namespace qiaomen::core::forms::internal {

// Fills d.node_count, d.dependents, d.order (a topological order of the nodes that are not on or
// behind a cycle) and d.position (-1 for the others) from the parsed expressions; `nodes_of` names
// the nodes an expression reads (value slots as d.SlotNode, and the section node of each repeat
// whose instances it reads or counts). The section node of a repeat counted by an item depends on
// that item. Returns the nodes of one cycle in dependency order (a is
// read by b ...) when the graph has one, else an empty vector.
std::vector<int> BuildDependencyGraph(
    TemplateData& d, const std::function<std::vector<int>(const Expression&)>& nodes_of);

// A node as a template author knows it: "section s1", an item id, a computed value id ("?" for
// the others).
std::string NodeName(const TemplateData& d, int node);

}  // namespace qiaomen::core::forms::internal
