#include "qiaomen/core/merge/merge.h"

#include <algorithm>
#include <set>
#include <utility>

#include "merge/resolve.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/hlc.h"

namespace qiaomen::core::merge {
namespace {

using internal::Beats;
using internal::Concurrent;
using internal::SameWrite;
using internal::StampLess;
using internal::ValueBytes;
using internal::WriteLess;

std::string Describe(const v1::Change& change) {
  std::string text = "The " + std::string(EntityName(change.entity())) + " change";
  if (!change.change_id().empty()) text += " " + base::HexEncode(change.change_id());
  return text;
}

Status CheckEnvelope(const std::optional<RecordState>& current, const v1::Change& change) {
  if (!IsFieldMerged(change.entity())) {
    return InvalidArgument(Describe(change) +
                           " is not for a subject, task or hazard; only those are merged field by "
                           "field (visits, photos and hazard events are stored once by id).");
  }
  if (change.record_id().empty()) {
    return InvalidArgument(Describe(change) + " names no record; send the record id with it.");
  }
  if (change.device_id().size() != 16) {
    return InvalidArgument(Describe(change) + " carries a device id of " +
                           std::to_string(change.device_id().size()) +
                           " bytes; a device id is 16 bytes.");
  }
  if (change.hlc() == 0) {
    return InvalidArgument(Describe(change) + " has no timestamp; stamp it with the device clock.");
  }
  if (current.has_value() &&
      (current->entity != change.entity() || current->record_id != change.record_id())) {
    return InvalidArgument(Describe(change) + " is for " +
                           std::string(EntityName(change.entity())) + " " +
                           base::HexEncode(change.record_id()) +
                           ", not for the record it was applied to; apply it to its own record.");
  }
  return Status::Ok();
}

// The field writes a change stands for, validated against the schema.
Result<std::vector<v1::FieldSet>> FieldSetsOf(const v1::Change& change) {
  std::vector<v1::FieldSet> sets;
  if (change.body_case() == v1::Change::kFields) {
    sets.assign(change.fields().fields().begin(), change.fields().fields().end());
  } else if (change.body_case() == v1::Change::kHazard) {
    if (change.entity() != v1::ENTITY_HAZARD) {
      return InvalidArgument(Describe(change) + " carries a hazard body; send it as a hazard.");
    }
    if (!change.hazard().id().empty() && change.hazard().id() != change.record_id()) {
      return InvalidArgument(Describe(change) +
                             " creates a hazard whose id differs from the change's record id; "
                             "make them the same.");
    }
    QM_ASSIGN_OR_RETURN(sets, HazardToFieldSets(change.hazard()));
  }
  if (sets.empty()) {
    return InvalidArgument(Describe(change) + " sets no field; send at least one.");
  }
  std::set<std::string> names;
  for (const v1::FieldSet& set : sets) {
    QM_RETURN_IF_ERROR(ValidateFieldValue(change.entity(), set.field(), set.value())
                           .WithContext(Describe(change)));
    if (!names.insert(set.field()).second) {
      return InvalidArgument(Describe(change) + " sets the field \"" + set.field() +
                             "\" twice; set each field once per change.");
    }
  }
  return sets;
}

ConflictEntry FieldConflict(const RecordState& state, const std::string& field, const Register& a,
                            const Register& b) {
  const bool a_wins = Beats(state.entity, field, a, b);
  ConflictEntry entry;
  entry.entity = state.entity;
  entry.record_id = state.record_id;
  entry.field = field;
  entry.winner = a_wins ? a : b;
  entry.loser = a_wins ? b : a;
  const bool by_severity =
      internal::IsSeverityField(state.entity, field) &&
      SeverityRank(entry.winner.value.text()) != SeverityRank(entry.loser.value.text());
  entry.rule = by_severity ? "severity_max" : "lww";
  return entry;
}

ConflictEntry DeleteConflict(const RecordState& state, const Register& update,
                             const Register& tombstone) {
  ConflictEntry entry;
  entry.entity = state.entity;
  entry.record_id = state.record_id;
  entry.winner.hlc = update.hlc;
  entry.winner.device_id = update.device_id;
  entry.loser = tombstone;
  entry.rule = "update_beats_delete";
  return entry;
}

// True when some field already holds a write with this change's stamp.
bool HasUpdateStamp(const RecordState& state, const Register& stamp) {
  for (const auto& [field, writes] : state.history) {
    for (const Register& w : writes) {
      if (!StampLess(w, stamp) && !StampLess(stamp, w)) return true;
    }
  }
  return false;
}

// Inserts `write` into sorted `writes`; false if it is already there.
bool InsertSorted(std::vector<Register>& writes, const Register& write) {
  auto it = std::lower_bound(writes.begin(), writes.end(), write, WriteLess);
  if (it != writes.end() && SameWrite(*it, write)) return false;
  writes.insert(it, write);
  return true;
}

void ApplyDelete(const Register& tombstone, MergeResult& out) {
  RecordState& state = out.state;
  if (!InsertSorted(state.tombstones, tombstone)) return;
  out.changed = true;
  // Every update this delete did not see beats it; report each such update once.
  std::vector<Register> stamps;
  for (const auto& [field, writes] : state.history) {
    for (const Register& w : writes) {
      if (!internal::DeleteSaw(tombstone, w)) stamps.push_back(w);
    }
  }
  std::sort(stamps.begin(), stamps.end(), StampLess);
  stamps.erase(std::unique(stamps.begin(), stamps.end(),
                           [](const Register& a, const Register& b) {
                             return !StampLess(a, b) && !StampLess(b, a);
                           }),
               stamps.end());
  for (const Register& update : stamps) {
    out.conflicts.push_back(DeleteConflict(state, update, tombstone));
  }
}

void ApplyWrites(const v1::Change& change, const std::vector<v1::FieldSet>& sets,
                 MergeResult& out) {
  RecordState& state = out.state;
  Register stamp;
  stamp.hlc = change.hlc();
  stamp.device_id = change.device_id();
  const bool new_stamp = !HasUpdateStamp(state, stamp);
  bool wrote = false;
  for (const v1::FieldSet& set : sets) {
    Register write = stamp;
    write.value = set.value();
    // A base at or past the change's own stamp cannot be true; clamping keeps "a write that saw
    // another has the greater stamp", which the severity rule relies on.
    write.base_hlc = std::min<HlcStamp>(set.base_hlc(), change.hlc() - 1);
    std::vector<Register>& writes = state.history[set.field()];
    auto it = std::lower_bound(writes.begin(), writes.end(), write, WriteLess);
    if (it != writes.end() && SameWrite(*it, write)) continue;
    // Each concurrent pair with different values is reported by whichever member arrives second.
    const std::string value_bytes = ValueBytes(write.value);
    for (const Register& other : writes) {
      if (Concurrent(write, other) && ValueBytes(other.value) != value_bytes) {
        out.conflicts.push_back(FieldConflict(state, set.field(), write, other));
      }
    }
    writes.insert(it, std::move(write));
    wrote = true;
  }
  if (!wrote) return;
  out.changed = true;
  if (new_stamp) {
    for (const Register& tombstone : state.tombstones) {
      if (!internal::DeleteSaw(tombstone, stamp)) {
        out.conflicts.push_back(DeleteConflict(state, stamp, tombstone));
      }
    }
  }
}

// A tombstone from a delete change: the editor's seen stamp, clamped below its own like a base.
Register TombstoneOf(HlcStamp hlc, const std::string& device_id, HlcStamp seen_hlc) {
  Register tombstone;
  tombstone.hlc = hlc;
  tombstone.device_id = device_id;
  tombstone.base_hlc = std::min<HlcStamp>(seen_hlc, hlc - 1);
  return tombstone;
}

MergeResult Start(const std::optional<RecordState>& current, const v1::Change& change) {
  MergeResult out;
  if (current.has_value()) {
    out.state = *current;
  } else {
    out.state.entity = change.entity();
    out.state.record_id = change.record_id();
    out.changed = true;
  }
  return out;
}

Status CheckStampedWrite(const v1::Change& change, const v1::StampedWrite& w, bool tombstone) {
  if (w.hlc() == 0 || w.device_id().size() != 16) {
    return InvalidArgument(Describe(change) +
                           " carries a history entry without a stamp or a 16-byte device id; the "
                           "county server sent a malformed snapshot.");
  }
  if (tombstone) return Status::Ok();
  return ValidateFieldValue(change.entity(), w.field(), w.value()).WithContext(Describe(change));
}

}  // namespace

Result<MergeResult> ApplyChange(const std::optional<RecordState>& current,
                                const v1::Change& change) {
  QM_RETURN_IF_ERROR(CheckEnvelope(current, change));
  if (change.has_history()) {
    return InvalidArgument(Describe(change) +
                           " carries a record history, which only the county's snapshot pages "
                           "may; send field changes or a delete.");
  }
  MergeResult out = Start(current, change);
  if (change.body_case() == v1::Change::kDeleted) {
    if (!change.deleted()) {
      return InvalidArgument(Describe(change) +
                             " is a delete marked false; send a field change to restore a record.");
    }
    ApplyDelete(TombstoneOf(change.hlc(), change.device_id(), change.seen_hlc()), out);
  } else if (change.body_case() == v1::Change::kFields ||
             change.body_case() == v1::Change::kHazard) {
    QM_ASSIGN_OR_RETURN(std::vector<v1::FieldSet> sets, FieldSetsOf(change));
    ApplyWrites(change, sets, out);
  } else {
    return InvalidArgument(Describe(change) +
                           " carries neither field values nor a delete; a subject, task or hazard "
                           "changes only through those.");
  }
  if (out.changed) internal::Recompute(out.state);
  return out;
}

Result<MergeResult> ApplySnapshot(const std::optional<RecordState>& current,
                                  const v1::Change& change) {
  QM_RETURN_IF_ERROR(CheckEnvelope(current, change));
  const v1::RecordHistory& history = change.history();
  if (history.writes().empty() && history.tombstones().empty()) {
    return InvalidArgument(Describe(change) +
                           " is a snapshot without a history; the county server sent a malformed "
                           "snapshot.");
  }
  for (const v1::StampedWrite& w : history.writes()) {
    QM_RETURN_IF_ERROR(CheckStampedWrite(change, w, /*tombstone=*/false));
  }
  for (const v1::StampedWrite& t : history.tombstones()) {
    QM_RETURN_IF_ERROR(CheckStampedWrite(change, t, /*tombstone=*/true));
  }
  MergeResult out = Start(current, change);
  // Each write as the change that made it: the same state and conflicts as on the replicas that
  // met those changes one by one, in whatever order.
  for (const v1::StampedWrite& w : history.writes()) {
    v1::Change one;
    one.set_hlc(w.hlc());
    one.set_device_id(w.device_id());
    v1::FieldSet set;
    set.set_field(w.field());
    *set.mutable_value() = w.value();
    set.set_base_hlc(w.base_hlc());
    ApplyWrites(one, {set}, out);
  }
  for (const v1::StampedWrite& t : history.tombstones()) {
    ApplyDelete(TombstoneOf(t.hlc(), t.device_id(), t.base_hlc()), out);
  }
  if (out.changed) internal::Recompute(out.state);
  return out;
}

bool RebaseStamp(RecordState& state, const std::string& device_id, HlcStamp from, HlcStamp to) {
  if (from == to || to == 0) return false;
  bool changed = false;
  auto rebase = [&](std::vector<Register>& writes) {
    bool touched = false;
    for (Register& w : writes) {
      if (w.hlc != from || w.device_id != device_id) continue;
      w.hlc = to;
      w.base_hlc = std::min<HlcStamp>(w.base_hlc, to - 1);
      touched = true;
    }
    if (!touched) return;
    std::sort(writes.begin(), writes.end(), WriteLess);
    writes.erase(std::unique(writes.begin(), writes.end(), SameWrite), writes.end());
    changed = true;
  };
  for (auto& [field, writes] : state.history) rebase(writes);
  rebase(state.tombstones);
  if (changed) internal::Recompute(state);
  return changed;
}

bool WithdrawStamp(RecordState& state, const std::string& device_id, HlcStamp stamp) {
  auto mine = [&](const Register& w) { return w.hlc == stamp && w.device_id == device_id; };
  bool changed = false;
  for (auto it = state.history.begin(); it != state.history.end();) {
    const size_t before = it->second.size();
    std::erase_if(it->second, mine);
    changed = changed || it->second.size() != before;
    it = it->second.empty() ? state.history.erase(it) : std::next(it);
  }
  changed = std::erase_if(state.tombstones, mine) > 0 || changed;
  if (changed) internal::Recompute(state);
  return changed;
}

}  // namespace qiaomen::core::merge
