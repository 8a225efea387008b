#pragma once
// The server's current state of one record, kept beside the change log so that a new device can be
// bootstrapped from a snapshot. Mutable records (subject, task, hazard) are a set of per-field
// registers, each with the stamp and device of the write that won; append-only records (visit,
// photo, hazard event, admin unit, campaign) are their creating change.

#include <map>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::server {

struct Register {
  v1::FieldValue value;
  uint64_t hlc = 0;
  std::string device_id;
};

// A value that lost a merge, for the conflict log.
struct LostWrite {
  std::string field;
  std::string kept;  // printable
  std::string lost;
  std::string lost_device;
  uint64_t lost_hlc = 0;
  std::string rule;  // "lww", "severity_max", "update_beats_delete"
};

struct MutableState {
  std::map<std::string, Register> fields;
  bool deleted = false;
  uint64_t deleted_hlc = 0;
  bool flagged = false;  // an update arrived concurrently with a delete: the record stays, flagged

  std::string Serialize() const;
  static core::Result<MutableState> Parse(const std::string& bytes);

  // Text of a register, or "" when absent (for placement and reports).
  std::string TextOf(const std::string& field) const;
  int64_t IntOf(const std::string& field) const;
};

// Turns a whole Hazard/Subject/Task message into field sets (used for a hazard created with all
// its fields and for snapshots). Bytes fields become lower-case hex text.
std::vector<v1::FieldSet> FieldsOfMessage(const google::protobuf::Message& message);

// Merges one change into `state`. Same field: the later HLC wins, device id breaks ties; the loser
// is reported in `lost` when the values differ. Domain rules first: severity keeps the higher; an
// update concurrent with a delete keeps the record (flagged). Never fails.
void MergeChange(const v1::Change& change, MutableState& state, std::vector<LostWrite>& lost);

// The snapshot form of a mutable record: a create carrying every register.
v1::Change SnapshotChange(const v1::Change& last, const MutableState& state);

std::string PrintValue(const v1::FieldValue& value);

}  // namespace qiaomen::server
