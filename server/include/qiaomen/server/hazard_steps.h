#pragma once
// The county's own steps on a hazard a device found: 复查 (reinspected, passed or failed), 销号
// (closed), 挂牌督办 (escalated), 立案查处 (case opened), a new deadline (ordered), and the
// judgement of a suspected major hazard (疑似重大隐患: suspected, confirmed major or downgraded to
// general, as 消防救援大队 or the competent department decided). Each is a
// hazard event the server records as its own change, so it reaches every device whose scope holds
// the hazard with their next sync, and the hazard's state everywhere is derived from the same log.
// Thread-safe (each call takes its own pooled connection).

#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/scope.h"
#include "qiaomen/server/storage.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::server {

struct CountyHazardStep {
  std::string hazard_id;  // 16 raw bytes
  v1::HazardEventKind kind = v1::HAZARD_EVENT_KIND_UNSPECIFIED;
  bool passed = true;  // REINSPECTED: whether the rectification held
  std::string actor;   // who took the step, e.g. "staff:zhang" (shown in the hazard's history)
  std::string note;
  Scope scope = Scope::County();  // the staff member's: a hazard outside it is not found
};

// Records `step` after every event of the hazard's log. NotFound when the hazard is not on the
// server or outside `step.scope` (alike, so a town cannot learn of another's hazards);
// InvalidArgument for FOUND or RECTIFIED (a device's steps: the worker on site records them) or an
// unknown kind; FailedPrecondition with the state machine's sentence when the hazard's state does
// not allow the step (e.g. closing one that was not reinspected). Returns the state after it.
core::Result<core::domain::HazardState> RecordCountyHazardStep(Storage& storage, core::Clock& clock,
                                                               core::Random& random,
                                                               const CountyHazardStep& step);

}  // namespace qiaomen::server
