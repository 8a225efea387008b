#include "merge/resolve.h"

#include <tuple>

#include "qiaomen/core/merge/field_schema.h"

namespace qiaomen::core::merge::internal {

std::string ValueBytes(const v1::FieldValue& value) { return value.SerializeAsString(); }

bool WriteLess(const Register& a, const Register& b) {
  if (a.hlc != b.hlc) return a.hlc < b.hlc;
  if (a.device_id != b.device_id) return a.device_id < b.device_id;
  const std::string va = ValueBytes(a.value);
  const std::string vb = ValueBytes(b.value);
  if (va != vb) return va < vb;
  return a.base_hlc < b.base_hlc;
}

bool SameWrite(const Register& a, const Register& b) {
  return !WriteLess(a, b) && !WriteLess(b, a);
}

bool StampLess(const Register& a, const Register& b) {
  return std::tie(a.hlc, a.device_id) < std::tie(b.hlc, b.device_id);
}

bool IsSeverityField(v1::Entity entity, const std::string& field) {
  return entity == v1::ENTITY_HAZARD && field == "severity";
}

bool Beats(v1::Entity entity, const std::string& field, const Register& a, const Register& b) {
  if (IsSeverityField(entity, field)) {
    const int ra = SeverityRank(a.value.text());
    const int rb = SeverityRank(b.value.text());
    if (ra != rb) return ra > rb;
  }
  return WriteLess(b, a);
}

namespace {

// The visible write of one field. For plain registers the greatest write: it is never seen by
// another (a write that saw it would carry a greater hlc). For severity, the greatest by (severity,
// write order) among the writes no other write saw, so only an editor who saw "major" lowers it.
const Register* Winner(v1::Entity entity, const std::string& field,
                       const std::vector<Register>& writes) {
  if (writes.empty()) return nullptr;
  if (!IsSeverityField(entity, field)) return &writes.back();
  const Register* best = nullptr;
  for (const Register& w : writes) {
    bool seen = false;
    for (const Register& other : writes) {
      if (&other != &w && Saw(other, w)) {
        seen = true;
        break;
      }
    }
    if (seen) continue;
    if (best == nullptr || Beats(entity, field, w, *best)) best = &w;
  }
  return best;
}

}  // namespace

void Recompute(RecordState& state) {
  state.fields.clear();
  const Register* latest_update = nullptr;
  for (const auto& [field, writes] : state.history) {
    const Register* winner = Winner(state.entity, field, writes);
    if (winner != nullptr) state.fields.emplace(field, *winner);
    for (const Register& w : writes) {
      if (latest_update == nullptr || StampLess(*latest_update, w)) latest_update = &w;
    }
  }
  if (state.tombstones.empty()) {
    state.deleted = false;
    state.flagged = false;
    state.deleted_hlc = 0;
    state.deleted_by.clear();
    return;
  }
  const Register& latest_delete = state.tombstones.back();
  state.deleted_hlc = latest_delete.hlc;
  state.deleted_by = latest_delete.device_id;
  // A delete removes the record only when its editor saw every update; an update it did not see
  // (concurrent with it, whatever the clocks say, or made after it) beats it: the record stays,
  // flagged.
  bool seen_all = latest_update == nullptr;
  for (const Register& tombstone : state.tombstones) {
    if (latest_update != nullptr && DeleteSaw(tombstone, *latest_update)) seen_all = true;
  }
  state.deleted = seen_all;
  state.flagged = !state.deleted;
}

}  // namespace qiaomen::core::merge::internal
