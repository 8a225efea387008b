#pragma once
// A hazard's status is never stored: it is derived from its append-only event log by this state
// machine. found 发现 -> ordered 限期整改 -> rectified 已整改 -> reinspected 复查 (passed: ready to
// close; failed: back to ordered) -> closed 销号. Overdue 逾期, escalated 挂牌督办 and case opened
// 立案查处 are flags that may be raised while the hazard is open. Nothing follows closed.
// Pure: no SQL, no I/O. Thread-safe.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::domain {

// HazardStatus, Language and the status and flag labels are in labels.h.

struct HazardState {
  // 0 for a hazard with no events yet (only FOUND may come first).
  int64_t event_count = 0;
  HazardStatus status = HazardStatus::kFound;
  bool overdue = false;
  bool escalated = false;
  bool case_opened = false;
  int failed_reinspections = 0;
  int64_t found_at_ms = 0;
  int64_t last_event_at_ms = 0;
  int64_t closed_at_ms = 0;  // 0 while open
  // Set by DeriveHazardState only: ids of events in the log that the machine refused (e.g. two
  // devices rectified the same hazard offline; the later one is kept in the log but does not move
  // the state), in the order they were met.
  std::vector<std::string> ignored_event_ids;

  bool is_open() const { return event_count > 0 && status != HazardStatus::kClosed; }
};

// The state after `event`. FailedPrecondition with a sentence saying why and what to do when the
// transition is impossible, e.g. "A hazard that is closed cannot be rectified again; open a new
// finding instead." InvalidArgument for HAZARD_EVENT_KIND_UNSPECIFIED. Allowed:
//   FOUND        only as the first event
//   ORDERED      from found or ordered (a new deadline)
//   RECTIFIED    from ordered
//   REINSPECTED  from rectified; passed -> reinspected, failed -> ordered
//   CLOSED       from reinspected (passed)
//   OVERDUE, ESCALATED, CASE_OPENED  while open (any status but closed); repeating one is harmless
Result<HazardState> Transition(const HazardState& state, const v1::HazardEvent& event);

// The state of a hazard from its whole event log, in any order, duplicates (same id) counted once.
// Events are applied FOUND first, then by (at_ms, id), so every replica derives the same state; an
// event the machine refuses at its place is skipped and listed in ignored_event_ids (append-only
// logs from offline devices can disagree; the log itself is never rewritten).
// InvalidArgument when `events` is empty or holds no FOUND event.
Result<HazardState> DeriveHazardState(std::vector<v1::HazardEvent> events);

}  // namespace qiaomen::core::domain
