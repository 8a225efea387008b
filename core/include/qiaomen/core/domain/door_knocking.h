#pragma once
// Door-knocking (入户走访) rules on a finished visit, the same on the device (Store::RecordVisit)
// and at the county (the sync's visit check): a refusal's reason and escalation to the village
// committee, the safety notice (告知书) and its proof, a village's "no shelter" record, and which
// visits are return visits. Pure: no SQL, no I/O. Thread-safe.

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::domain {

// The longest refusal note, in bytes of UTF-8 (about 200 Chinese characters).
inline constexpr size_t kMaxRefusalNoteBytes = 600;

// Checks the door-knocking fields of `visit`, made on a subject of kind `subject_kind`
// (SUBJECT_KIND_UNSPECIFIED when the checker does not know it: the kind checks are skipped).
// `require_reason`: a refused visit must carry its Refusal with a reason (the device; the county
// passes false, so refused visits of devices older than the field stay acceptable).
// InvalidArgument with a sentence saying what to fix when:
//  - a refusal is given on a visit that was not refused, or has no reason, or an unknown one;
//  - the reason is "other" without a note, or the note is longer than kMaxRefusalNoteBytes;
//  - the notice is delivered without proof: neither its photo nor the resident's signature;
//  - the notice's photo is not among the visit's photos (Visit.photos, covered by its signature);
//  - NO_SHELTER is recorded on a subject that is not a village, or a village subject's visit is
//    neither checked nor no_shelter.
Status CheckDoorKnocking(const v1::Visit& visit, v1::SubjectKind subject_kind, bool require_reason);

// Whether a checklist made for subjects of kind `wanted` may be used on a subject of kind `kind`:
// the same kind, either unspecified, or a village's record (VILLAGE) with a facility checklist (the
// record answers for the shelter the village should have: "no shelter").
bool ChecklistFitsSubject(v1::SubjectKind wanted, v1::SubjectKind kind);

// A visit as the return-visit count sees it.
struct TaskVisit {
  std::string visit_id;
  std::string task_id;  // empty for an unplanned visit (never a return visit)
  int64_t finished_at_ms = 0;
  v1::VisitOutcome outcome = v1::VISIT_OUTCOME_UNSPECIFIED;
};

// The ids of the return visits (回访) among `visits`: each visit of a task that an earlier visit of
// the same task (by finish time, then id) found nobody home or was refused. Every replica that
// holds the same visits names the same ones, whatever order they arrived in.
std::set<std::string> ReturnVisitIds(std::vector<TaskVisit> visits);

}  // namespace qiaomen::core::domain
