#pragma once
// Who may do what: each change from a device is checked against its worker's role (the table in
// docs/server-api.md) and attributed to the authenticated worker. Pure functions; thread-safe.

#include "qiaomen/core/status.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::server {

// PermissionDenied, with a sentence naming the role and who may, when `principal`'s role may not
// make `change`, or when the change names another worker as its author (Visit.worker_id,
// HazardEvent.actor). `record_exists` says whether the record is stored already (a field change
// to a new record creates it).
core::Status CheckRoleAndActor(const Principal& principal, const v1::Change& change,
                               bool record_exists);

}  // namespace qiaomen::server
