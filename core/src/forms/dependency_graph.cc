#include "forms/dependency_graph.h"

#include <algorithm>

namespace qiaomen::core::forms::internal {
namespace {

// Walks backwards along unresolved dependencies until a node repeats: that loop is a cycle.
std::vector<int> FindCycle(const TemplateData& d, const std::vector<std::vector<int>>& deps,
                           const std::vector<int>& indegree) {
  int start = -1;
  for (int n = 0; n < d.node_count && start < 0; ++n) {
    if (indegree[static_cast<size_t>(n)] > 0) start = n;
  }
  std::vector<int> path;
  std::vector<int> seen_at(static_cast<size_t>(d.node_count), -1);
  int n = start;
  while (seen_at[static_cast<size_t>(n)] < 0) {
    seen_at[static_cast<size_t>(n)] = static_cast<int>(path.size());
    path.push_back(n);
    for (int dep : deps[static_cast<size_t>(n)]) {
      if (indegree[static_cast<size_t>(dep)] > 0) {
        n = dep;
        break;
      }
    }
  }
  std::vector<int> cycle(path.begin() + seen_at[static_cast<size_t>(n)], path.end());
  std::reverse(cycle.begin(), cycle.end());
  return cycle;
}

}  // namespace

std::vector<int> BuildDependencyGraph(
    TemplateData& d, const std::function<std::vector<int>(const Expression&)>& nodes_of) {
  const int n_items = static_cast<int>(d.items.size());
  d.node_count = d.HazardNode(static_cast<int>(d.hazards.size()));
  d.dependents.assign(static_cast<size_t>(d.node_count), {});
  d.order.clear();
  std::vector<std::vector<int>> deps(static_cast<size_t>(d.node_count));
  auto edge = [&](int from, int to) {
    auto& out = d.dependents[static_cast<size_t>(from)];
    if (std::find(out.begin(), out.end(), to) != out.end()) return;
    out.push_back(to);
    deps[static_cast<size_t>(to)].push_back(from);
  };
  for (size_t s = 0; s < d.sections.size(); ++s) {
    for (int from : nodes_of(d.sections[s].relevant)) edge(from, static_cast<int>(s));
    if (d.sections[s].count_item >= 0) {
      edge(d.ItemNode(d.sections[s].count_item), d.SectionNode(static_cast<int>(s)));
    }
  }
  for (int i = 0; i < n_items; ++i) {
    const auto& it = d.items[static_cast<size_t>(i)];
    edge(d.SectionNode(it.section), d.ItemNode(i));
    for (int from : nodes_of(it.relevant)) edge(from, d.ItemNode(i));
    edge(d.ItemNode(i), d.ChecksNode(i));
    for (int from : nodes_of(it.required)) edge(from, d.ChecksNode(i));
    for (int from : nodes_of(it.constraint)) edge(from, d.ChecksNode(i));
    for (int from : nodes_of(it.choice_filter)) edge(from, d.ChecksNode(i));
  }
  for (size_t c = 0; c < d.computed.size(); ++c) {
    const int node = d.ComputedNode(static_cast<int>(c));
    for (int from : nodes_of(d.computed[c].expression)) edge(from, node);
  }
  for (size_t h = 0; h < d.hazards.size(); ++h) {
    const int node = d.HazardNode(static_cast<int>(h));
    for (int from : nodes_of(d.hazards[h].when)) edge(from, node);
    if (d.hazards[h].photo_item >= 0) edge(d.ItemNode(d.hazards[h].photo_item), node);
  }
  // Kahn's algorithm; what is left over lies on or behind a cycle.
  std::vector<int> indegree(static_cast<size_t>(d.node_count));
  for (int n = 0; n < d.node_count; ++n) {
    indegree[static_cast<size_t>(n)] = static_cast<int>(deps[static_cast<size_t>(n)].size());
  }
  std::vector<int> ready;
  for (int n = d.node_count - 1; n >= 0; --n) {
    if (indegree[static_cast<size_t>(n)] == 0) ready.push_back(n);
  }
  while (!ready.empty()) {
    const int n = ready.back();
    ready.pop_back();
    d.order.push_back(n);
    for (int m : d.dependents[static_cast<size_t>(n)]) {
      if (--indegree[static_cast<size_t>(m)] == 0) ready.push_back(m);
    }
  }
  d.position.assign(static_cast<size_t>(d.node_count), -1);
  for (size_t k = 0; k < d.order.size(); ++k) {
    d.position[static_cast<size_t>(d.order[k])] = static_cast<int>(k);
  }
  if (static_cast<int>(d.order.size()) == d.node_count) return {};
  return FindCycle(d, deps, indegree);
}

std::string NodeName(const TemplateData& d, int node) {
  int index = 0;
  switch (d.KindOf(node, &index)) {
    case NodeKind::kSection:
      return "section " + d.sections[static_cast<size_t>(index)].proto->id();
    case NodeKind::kItemValue:
      return d.items[static_cast<size_t>(index)].proto->id();
    case NodeKind::kComputed:
      return d.computed[static_cast<size_t>(index)].proto->id();
    default:
      return "?";
  }
}

}  // namespace qiaomen::core::forms::internal
