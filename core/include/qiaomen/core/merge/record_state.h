#pragma once
// The merged state of one mutable record (subject, task, hazard): one register per field, its write
// history, and its tombstones. Plain values, produced by ApplyChange (merge.h) and persisted by the
// caller (the device store, the county server) — as an opaque blob through EncodeRecordState, plus
// whatever columns it indexes from `fields`.

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/hlc.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::core::merge {

// One write of one field: the value, the stamp of the change that wrote it, who wrote it, and the
// stamp of the register value its editor saw. Writes are totally ordered by (hlc, device_id, value
// bytes); a device never issues two changes with one hlc, so in practice (hlc, device_id) decides.
struct Register {
  v1::FieldValue value;
  HlcStamp hlc = 0;
  std::string device_id;  // 16 raw bytes
  // FieldSet.base_hlc of the write (clamped below hlc). For a tombstone: the delete's seen_hlc
  // (clamped below hlc; 0 for a delete recorded without one, which saw everything before it).
  HlcStamp base_hlc = 0;
};

struct RecordState {
  v1::Entity entity = v1::ENTITY_UNSPECIFIED;
  std::string record_id;  // raw bytes as in Change.record_id

  // The visible value of each field that was ever written (the winner of `history`). Read these.
  std::map<std::string, Register> fields;

  // Every write ever applied, per field, ascending by (hlc, device_id, value). The merge needs the
  // history so that the result and the conflict log do not depend on the order changes arrive in;
  // it grows by one entry per edit of the field (edits of one field are few).
  std::map<std::string, std::vector<Register>> history;

  // Every delete ever applied, ascending by (hlc, device_id); `value` unset.
  std::vector<Register> tombstones;

  // True when some delete saw every field write: the record is gone from lists.
  bool deleted = false;
  HlcStamp deleted_hlc = 0;  // the latest delete's stamp and device (also set when not `deleted`)
  std::string deleted_by;
  // An update beat a concurrent delete: the record stays, flagged for township staff to review.
  bool flagged = false;
};

// A stable, sorted, human-readable text of `states` (sorted by entity then record id; ids in hex;
// fields, history and tombstones in order). Two replicas converged iff their dumps are equal.
std::string CanonicalDump(const std::vector<RecordState>& states);

// A deterministic binary encoding of `state` (protobuf wire bytes) for storage, and its inverse.
// Decode returns Corruption for bytes it cannot read.
std::string EncodeRecordState(const RecordState& state);
Result<RecordState> DecodeRecordState(std::string_view bytes);

// "text:\"abc\"", "integer:3", "texts:[\"a\",\"b\"]", "boolean:true", "unset": for dumps and logs.
std::string DescribeValue(const v1::FieldValue& value);

}  // namespace qiaomen::core::merge
