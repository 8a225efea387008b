#pragma once
// The work a revoked device kept and sent after township staff let it back (enroll-code
// --device): what it is, whose household, when it was made on the phone, and whether it was made
// before the revocation (unsent work the phone kept) or while the device was revoked (made by a
// phone the county had stopped trusting: a lost or stolen one, for instance). The county accepts
// both, since nothing a worker did is dropped, and reviews them: `qiaomen-county revoked-work`.

#include <cstdint>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct RevokedWork {
  std::string device;         // its id as `devices` lists it (UUID text)
  std::string worker;         // "gw-wang 王网格" (the id alone when the worker is gone)
  int64_t seq = 0;            // the change's number on its device
  std::string entity;         // "visit", "hazard_event"...
  std::string subject;        // "H001 王秀英"; "" when the change names none the county knows
  int64_t revoked_ms = 0;     // when the device was revoked
  int64_t reinstated_ms = 0;  // when it was let back
  int64_t made_ms = 0;        // the phone's clock when the change was made
  int64_t received_ms = 0;    // when the county received it
  // Made on the phone between the revocation and the re-enrolment (by the phone's clock).
  bool made_while_revoked = false;
};

// Every change a device sent after a re-enrolment that ended one of its revoked periods and that
// the county had not received before the revocation (a higher seq than it had applied then),
// made before the re-enrolment; by revocation, then seq. A revocation not yet ended by a
// re-enrolment has no such work. Internal/Unavailable when the database cannot be read.
core::Result<std::vector<RevokedWork>> LoadRevokedWork(Storage& storage);

}  // namespace qiaomen::server
