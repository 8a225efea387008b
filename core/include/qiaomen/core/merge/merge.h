#pragma once
// The merge: how one change to a mutable record (subject, task, hazard) applies to its state. Pure:
// no SQL, no I/O, no clock. The device and the county server run this same code, so both end with
// the same state and the same conflict log whatever order changes reach them in.
//
// Rules (../shared/DESIGN.md, Sync -> Conflicts):
// - Different fields of one record both survive: each field is its own register.
// - One field: the write with the higher (hlc, device_id) wins (device id breaks hlc ties).
// - A write whose base_hlc >= another write's hlc saw that value: a causal overwrite, never a
//   conflict. Two writes where neither saw the other are concurrent.
// - HAZARD "severity": among the writes no later write saw, the higher severity wins (major beats
//   general) whatever the hlc; equal severities fall back to (hlc, device_id). So a major finding
//   is never silently downgraded by a concurrent edit, but an editor who saw "major" may lower it.
// - Deletes: a delete carries the newest stamp its editor saw (Change.seen_hlc). A record is
//   deleted when some delete saw every field write. An update a delete did not see (concurrent
//   with it, whatever the clocks say, or made after it) beats it: the record stays and is
//   `flagged` for review. A delete without seen_hlc (an older app) saw everything stamped before
//   it.
// - Applying a change twice is a no-op (changed == false, no conflicts).
// - The state after a set of changes, and the union of the conflicts reported along the way,
//   are the same for every order of application (every write is kept in RecordState::history).
//
// Conflict log: one entry per pair of concurrent writes of one field with different values (the
// pair's winner by the rules above, the loser, rule "lww" or "severity_max"), and one entry per
// pair (update a delete did not see, that delete) with rule "update_beats_delete" and field "".
// Each pair is reported exactly once, by the ApplyChange call that brings its second member, so
// callers may simply append `conflicts`; ConflictKey() names a pair if they want to dedupe
// defensively. The pair's winner is not necessarily the field's current value (a third write may
// beat both).

#include <optional>
#include <string>
#include <vector>

#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/merge/record_state.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::core::merge {

struct ConflictEntry {
  v1::Entity entity = v1::ENTITY_UNSPECIFIED;
  std::string record_id;  // raw bytes
  std::string field;      // "" for a record-level conflict (update_beats_delete)
  Register winner;        // for update_beats_delete: value unset, the update's stamp and device
  Register loser;         // for update_beats_delete: the delete's stamp and device
  std::string rule;       // "lww" | "severity_max" | "update_beats_delete"
};

struct MergeResult {
  RecordState state;                     // the record after the change
  std::vector<ConflictEntry> conflicts;  // pairs completed by this change (see above)
  bool changed = false;                  // false when the change was already applied
};

// Applies `change` to `current` (nullopt when this replica has never seen the record; a field
// change for an unknown record is accepted, as creates and updates may arrive in any order).
// Accepts entity SUBJECT, TASK or HAZARD with body `fields` (create or update), `deleted` (true),
// or for HAZARD `hazard` (a creation, converted by HazardToFieldSets). InvalidArgument, with a
// sentence saying what is wrong, for: another entity or body, an empty record id, a record id or
// entity that differs from `current`'s, a device id that is not 16 bytes, hlc 0, no fields, a field
// named twice, an unknown field name, a wrong value kind/word, or an id field that is not UUID
// text, or a change carrying a `history` (only snapshots do: ApplySnapshot). A FieldSet.base_hlc
// or a delete's seen_hlc at or above the change's hlc is clamped to hlc - 1. Editors set
// FieldSet.base_hlc to the `hlc` of the visible Register they saw (0 for none). Thread-safe (pure).
Result<MergeResult> ApplyChange(const std::optional<RecordState>& current,
                                const v1::Change& change);

// Applies a snapshot of a record from the county (a Change whose `history` holds every write and
// tombstone the county merged, each with its own stamp, writer and base): the result is the state
// and the conflicts of applying each of those writes as its own change, so a device bootstrapped
// from a snapshot merges later changes exactly like the devices that met every change. The body is
// ignored (it holds the visible values for older readers). InvalidArgument for an empty history, an
// entry without a stamp or a 16-byte device id, or a field or value the schema refuses; nothing is
// applied then. Thread-safe (pure).
Result<MergeResult> ApplySnapshot(const std::optional<RecordState>& current,
                                  const v1::Change& change);

// Re-stamps what one change wrote (the writes and tombstones of `device_id` stamped `from`) with
// `to`, as the county server does when it re-bases a stamp far in the future of its clock; base
// stamps of the re-stamped writes are clamped below `to` as ApplyChange would have. Then the
// visible values and flags are recomputed, so the device that made the change ends in the state
// the server and every other device compute. Returns false (state unchanged) when nothing carried
// that stamp. Pure.
bool RebaseStamp(RecordState& state, const std::string& device_id, HlcStamp from, HlcStamp to);

// Takes out what one change wrote (the writes and tombstones of `device_id` stamped `stamp`), as a
// device does when the county refused that change: no other replica has it, so the record must
// read as if it had never been made. Fields left with no write are gone; then the visible values
// and flags are recomputed. Returns false (state unchanged) when nothing carried that stamp; a
// state left with no history and no tombstones stands for no record at all. Pure.
bool WithdrawStamp(RecordState& state, const std::string& device_id, HlcStamp stamp);

// The register writes a hazard creation stands for: severity ("general"/"major"), deadline,
// responsible, category, description, legal_basis, rule_id, template_id, and subject_id/visit_id as
// UUID text (omitted when empty). base_hlc 0. InvalidArgument for SEVERITY_UNSPECIFIED or an id
// that is not 16 bytes.
Result<std::vector<v1::FieldSet>> HazardToFieldSets(const v1::Hazard& hazard);

// A stable identity of a conflict pair: entity, record id, field, both stamps and devices (hex).
std::string ConflictKey(const ConflictEntry& entry);

// A sorted, de-duplicated, stable text of `entries` for tests and reports.
std::string CanonicalConflictDump(const std::vector<ConflictEntry>& entries);

}  // namespace qiaomen::core::merge
