#pragma once
// The server's current state of one record, kept beside the change log so that a new device can be
// bootstrapped from a snapshot. Mutable records (subject, task, hazard) are merged by core's merge
// (`merge::ApplyChange`, the same code the device runs) and stored as its encoded RecordState;
// append-only records (visit, photo, hazard event, admin unit, campaign) are their creating change.

#include <string>

#include "qiaomen/core/merge/merge.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::server {

// The visible value of `field` as text ("" when unset): texts joined with ',', integers in decimal.
std::string RegisterText(const core::merge::RecordState& state, const std::string& field);

// The snapshot form of a mutable record: its whole history (every write and tombstone with its own
// stamp, writer and base, which devices merge with merge::ApplySnapshot), stamped with the newest
// register's stamp, with a body for older readers: a create carrying every visible register
// (base_hlc = the register's stamp), or a tombstone when deleted.
v1::Change SnapshotChange(const core::merge::RecordState& state);

// Printable value for the conflict log.
std::string PrintValue(const v1::FieldValue& value);

}  // namespace qiaomen::server
