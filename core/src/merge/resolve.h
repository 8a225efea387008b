#pragma once
// Orders and rules shared by the merge and by decoding a stored state: the visible value of a field
// and the deleted/flagged flags are functions of the write history alone, recomputed from it.

#include <string>

#include "qiaomen/core/merge/record_state.h"

namespace qiaomen::core::merge::internal {

// The deterministic bytes of a value (FieldValue has no maps, so its serialization is canonical).
std::string ValueBytes(const v1::FieldValue& value);

// The total order of writes: (hlc, device_id, value bytes, base_hlc).
bool WriteLess(const Register& a, const Register& b);
bool SameWrite(const Register& a, const Register& b);
// The order of stamps: (hlc, device_id).
bool StampLess(const Register& a, const Register& b);

// True when `later` saw `earlier`: later.base_hlc >= earlier.hlc.
inline bool Saw(const Register& later, const Register& earlier) {
  return later.base_hlc >= earlier.hlc;
}
// True when the delete `tombstone` saw the write `update` (so it removes what that write set): its
// editor saw a stamp at or past the update's. A tombstone recorded without one (an older app) saw
// what is stamped before it, the rule such deletes were made under.
inline bool DeleteSaw(const Register& tombstone, const Register& update) {
  if (tombstone.base_hlc == 0) return !StampLess(tombstone, update);
  return tombstone.base_hlc >= update.hlc;
}
// Neither write saw the other.
inline bool Concurrent(const Register& a, const Register& b) { return !Saw(a, b) && !Saw(b, a); }

// True when the field is resolved by severity rather than by stamp.
bool IsSeverityField(v1::Entity entity, const std::string& field);

// True when `a` beats `b` in a pair of concurrent writes of `field`.
bool Beats(v1::Entity entity, const std::string& field, const Register& a, const Register& b);

// Recomputes `fields`, `deleted`, `deleted_hlc`, `deleted_by` and `flagged` from `history` and
// `tombstones` (which must be sorted and free of duplicates).
void Recompute(RecordState& state);

}  // namespace qiaomen::core::merge::internal
