#include <algorithm>

#include "merge/resolve.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/merge/merge.h"

namespace qiaomen::core::merge {
namespace {

std::string Side(const Register& r) {
  return std::to_string(r.hlc) + "/" + base::HexEncode(r.device_id) + " " + DescribeValue(r.value);
}

}  // namespace

std::string ConflictKey(const ConflictEntry& entry) {
  return std::string(EntityName(entry.entity)) + " " + base::HexEncode(entry.record_id) + " " +
         (entry.field.empty() ? "-" : entry.field) + " winner " + Side(entry.winner) + " loser " +
         Side(entry.loser);
}

std::string CanonicalConflictDump(const std::vector<ConflictEntry>& entries) {
  std::vector<std::string> lines;
  lines.reserve(entries.size());
  for (const ConflictEntry& e : entries) lines.push_back(ConflictKey(e) + " rule " + e.rule);
  std::sort(lines.begin(), lines.end());
  lines.erase(std::unique(lines.begin(), lines.end()), lines.end());
  std::string out;
  for (const std::string& line : lines) out += line + "\n";
  return out;
}

}  // namespace qiaomen::core::merge
