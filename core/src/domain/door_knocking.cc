#include "qiaomen/core/domain/door_knocking.h"

#include <algorithm>
#include <map>
#include <tuple>

#include "qiaomen/core/domain/labels.h"

namespace qiaomen::core::domain {
namespace {

Status CheckRefusal(const v1::Visit& visit, bool require_reason) {
  if (!visit.has_refusal()) {
    if (require_reason && visit.outcome() == v1::REFUSED) {
      return InvalidArgument(
          "A refused visit needs its reason: " + std::string(RefusalReasonCodes()) + ".");
    }
    return Status::Ok();
  }
  if (visit.outcome() != v1::REFUSED) {
    return InvalidArgument(
        "A refusal reason belongs to a refused visit only; set the outcome to refused or remove "
        "the reason.");
  }
  const v1::Refusal& refusal = visit.refusal();
  if (refusal.reason() == v1::REFUSAL_REASON_UNSPECIFIED ||
      RefusalReasonLabel(refusal.reason()).code == "unspecified") {
    return InvalidArgument("Choose the refusal's reason: " + std::string(RefusalReasonCodes()) +
                           ".");
  }
  if (refusal.reason() == v1::OTHER_REASON && refusal.note().empty()) {
    return InvalidArgument(
        "The refusal's reason is \"other\" (其他); say what it was in its note.");
  }
  if (refusal.note().size() > kMaxRefusalNoteBytes) {
    return InvalidArgument("The refusal's note is too long; keep it under " +
                           std::to_string(kMaxRefusalNoteBytes / 3) + " Chinese characters.");
  }
  return Status::Ok();
}

Status CheckNotice(const v1::Visit& visit) {
  if (!visit.has_notice()) return Status::Ok();
  const v1::NoticeDelivery& notice = visit.notice();
  if (!notice.photo_id().empty()) {
    const bool listed =
        std::any_of(visit.photos().begin(), visit.photos().end(),
                    [&](const v1::PhotoRef& ref) { return ref.photo_id() == notice.photo_id(); });
    if (!listed) {
      return InvalidArgument(
          "The notice's (告知书) photo is not one of the visit's photos; take it during the "
          "visit.");
    }
  }
  if (notice.delivered() && notice.photo_id().empty() && visit.signature_photo_id().empty()) {
    return InvalidArgument(
        "A delivered notice (告知书) needs its proof: photograph it, or have the resident sign.");
  }
  return Status::Ok();
}

Status CheckVillage(const v1::Visit& visit, v1::SubjectKind kind) {
  if (kind == v1::SUBJECT_KIND_UNSPECIFIED) return Status::Ok();
  if (visit.outcome() == v1::NO_SHELTER && kind != v1::VILLAGE) {
    return InvalidArgument(
        "\"No emergency shelter\" (无应急避难场所) is recorded on the village itself; choose the "
        "village's record instead of this " +
        std::string(SubjectKindLabel(kind).code) + ".");
  }
  if (kind == v1::VILLAGE && visit.outcome() != v1::NO_SHELTER && visit.outcome() != v1::CHECKED) {
    return InvalidArgument(
        "A village's record is either checked or has no emergency shelter (no_shelter).");
  }
  return Status::Ok();
}

}  // namespace

Status CheckDoorKnocking(const v1::Visit& visit, v1::SubjectKind subject_kind,
                         bool require_reason) {
  QM_RETURN_IF_ERROR(CheckRefusal(visit, require_reason));
  QM_RETURN_IF_ERROR(CheckNotice(visit));
  return CheckVillage(visit, subject_kind);
}

bool ChecklistFitsSubject(v1::SubjectKind wanted, v1::SubjectKind kind) {
  return wanted == v1::SUBJECT_KIND_UNSPECIFIED || kind == v1::SUBJECT_KIND_UNSPECIFIED ||
         wanted == kind || (kind == v1::VILLAGE && wanted == v1::FACILITY);
}

std::set<std::string> ReturnVisitIds(std::vector<TaskVisit> visits) {
  std::sort(visits.begin(), visits.end(), [](const TaskVisit& a, const TaskVisit& b) {
    return std::tie(a.task_id, a.finished_at_ms, a.visit_id) <
           std::tie(b.task_id, b.finished_at_ms, b.visit_id);
  });
  std::set<std::string> out;
  std::map<std::string, bool> came_back;  // task: an earlier visit found nobody home or refused
  for (const TaskVisit& v : visits) {
    if (v.task_id.empty()) continue;
    bool& due = came_back[v.task_id];
    if (due) out.insert(v.visit_id);
    if (v.outcome == v1::NOBODY_HOME || v.outcome == v1::REFUSED) due = true;
  }
  return out;
}

}  // namespace qiaomen::core::domain
