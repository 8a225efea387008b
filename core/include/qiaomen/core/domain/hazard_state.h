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
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/status.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::domain {

// HazardStatus, Language and the status and flag labels are in labels.h.

// An event the state machine refused at its place in a hazard's log, and why (Transition's
// sentence, e.g. "A hazard that is closed cannot be rectified again; open a new finding instead.").
struct IgnoredHazardEvent {
  std::string event_id;
  v1::HazardEventKind kind = v1::HAZARD_EVENT_KIND_UNSPECIFIED;
  std::string reason;
  bool operator==(const IgnoredHazardEvent&) const = default;
};

// One event of a hazard's log with the HLC stamp of the change that recorded it (the order in
// which events happened as far as anyone could see: a stamp is above every stamp its device had
// seen, whatever its wall clock said).
struct HazardLogEntry {
  HlcStamp hlc = 0;
  v1::HazardEvent event;
};

// Where a hazard stands on the question "is it major?" when its checklist could not say: a rule or
// a worker suspects it (疑似重大隐患), and 消防救援大队 or the competent department judges it, as
// the county records.
enum class MajorReview {
  kNone,        // not suspected: the severity register says it all
  kSuspected,   // 疑似重大隐患，待判定
  kConfirmed,   // 判定为重大隐患
  kDowngraded,  // 判定为一般隐患
};

struct HazardState {
  // 0 for a hazard with no events yet (only FOUND may come first).
  int64_t event_count = 0;
  HazardStatus status = HazardStatus::kFound;
  bool overdue = false;
  bool escalated = false;
  bool case_opened = false;
  bool fixed_on_site = false;  // closed by FIXED_ON_SITE (当场整改)
  int failed_reinspections = 0;
  MajorReview major_review = MajorReview::kNone;
  int64_t found_at_ms = 0;
  int64_t last_event_at_ms = 0;
  int64_t closed_at_ms = 0;  // 0 while open
  // Set by DeriveHazardState only: events in the log that the machine refused at their place (e.g.
  // two devices rectified the same hazard offline; the later one is kept in the log but does not
  // move the state), in the order they were met, each with the refusal's sentence, for the people
  // who look at the hazard.
  std::vector<IgnoredHazardEvent> ignored;

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
//   SUSPECTED_MAJOR  while open and not yet judged; repeating it is harmless
//   MAJOR_CONFIRMED, MAJOR_DOWNGRADED  while open and suspected; one judgement stands
//   FIXED_ON_SITE  from found or ordered, straight to closed; InvalidArgument without a photo
Result<HazardState> Transition(const HazardState& state, const v1::HazardEvent& event);

// Whether a hazard counts as major 重大隐患 in reports: confirmed by the county, or (not judged)
// its severity register says major. A suspected hazard not yet judged counts by its severity
// (general) and is counted apart as suspected (state.major_review).
bool CountsAsMajor(v1::Severity severity, const HazardState& state);

// The state of a hazard from its whole event log, in any order, duplicates (same id) counted once.
// Events are applied FOUND first, then by (hlc, id), so every replica derives the same state and a
// step is met after every step its device had seen (as the device checked it), however wrong the
// device's wall clock; an event the machine refuses at its place is skipped and listed in
// `ignored` with the reason (append-only logs from offline devices can disagree; the log itself is
// never rewritten). InvalidArgument when `log` is empty or holds no FOUND event.
Result<HazardState> DeriveHazardState(std::vector<HazardLogEntry> log);

}  // namespace qiaomen::core::domain
