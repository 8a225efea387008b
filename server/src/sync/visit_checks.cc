#include "sync/visit_checks.h"

#include <span>

#include "qiaomen/core/domain/door_knocking.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/core/forms/evaluation.h"
#include "store/record_state.h"

namespace qiaomen::server {
namespace {

// The stored kind of the visited subject; SUBJECT_KIND_UNSPECIFIED when the server does not know
// the subject or its kind (the placement checks deal with an unknown subject).
core::Result<v1::SubjectKind> StoredSubjectKind(SqlConnection& conn,
                                                const std::string& subject_id) {
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT state FROM records WHERE entity = $1 AND record_id = $2",
                                 {Int(v1::ENTITY_SUBJECT), Blob(subject_id)}));
  if (rows.empty()) return v1::SUBJECT_KIND_UNSPECIFIED;
  QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(rows[0].Bytes(0)));
  return core::domain::SubjectKindFromCode(RegisterText(state, "kind"))
      .value_or(v1::SUBJECT_KIND_UNSPECIFIED);
}

// InvalidArgument when the checklist is made for another kind of subject than the one visited
// (a subject the server does not know, or one without a kind, is left to the placement checks).
core::Status CheckSubjectKind(SqlConnection& conn, const core::forms::CompiledTemplate& tpl,
                              const std::string& subject_id) {
  const v1::SubjectKind wanted = tpl.proto().subject_kind();
  if (wanted == v1::SUBJECT_KIND_UNSPECIFIED) return core::Status::Ok();
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT state FROM records WHERE entity = $1 AND record_id = $2",
                                 {Int(v1::ENTITY_SUBJECT), Blob(subject_id)}));
  if (rows.empty()) return core::Status::Ok();
  QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(rows[0].Bytes(0)));
  const std::string kind = RegisterText(state, "kind");
  const std::string_view wanted_code = core::domain::SubjectKindLabel(wanted).code;
  if (kind.empty() || kind == wanted_code) return core::Status::Ok();
  if (auto known = core::domain::SubjectKindFromCode(kind);
      known && core::domain::ChecklistFitsSubject(wanted, *known)) {
    return core::Status::Ok();
  }
  return core::InvalidArgument("Checklist " + tpl.key() + " is for subjects of kind " +
                               std::string(wanted_code) + ", and the visited subject is " + kind +
                               ". It was not applied and stays in the quarantine list for review.");
}

}  // namespace

core::Status CheckVisit(SqlConnection& conn, TemplateCache& templates, const v1::Visit& visit,
                        const Device& device, const base::TimeZone& zone, std::string* evidence) {
  if (visit.id().size() != 16 || visit.subject_id().size() != 16) {
    return core::InvalidArgument("The visit's id or subject id is not a 16-byte id.");
  }
  auto tpl = templates.Get(conn, visit.template_id(), visit.template_version());
  if (!tpl.ok()) {
    // Not published, or stored before the checker and no longer passing it: the visit's problem.
    if (tpl.status().code() != core::Code::kNotFound &&
        tpl.status().code() != core::Code::kCorruption) {
      return tpl.status();
    }
    return core::InvalidArgument(tpl.status().message() +
                                 " This visit stays in the quarantine list for review.");
  }
  // Door-knocking fields (refusal, notice, a village's no-shelter record): the device's rules. A
  // refused visit of a device older than the refusal reason stays acceptable without one.
  QM_ASSIGN_OR_RETURN(v1::SubjectKind kind, StoredSubjectKind(conn, visit.subject_id()));
  if (core::Status door = core::domain::CheckDoorKnocking(visit, kind, /*require_reason=*/false);
      !door.ok()) {
    return core::InvalidArgument(door.message() +
                                 " The visit was not applied and stays in the quarantine list for "
                                 "review.");
  }
  if (visit.device_id() != device.device_id) {
    return core::PermissionDenied("The visit was signed by another device.");
  }
  core::Status verified = core::evidence::VerifyVisit(
      visit, std::span<const uint8_t>(reinterpret_cast<const uint8_t*>(device.public_key.data()),
                                      device.public_key.size()));
  if (!verified.ok()) {
    return core::PermissionDenied(
        "The visit's device signature does not verify (" + verified.message() +
        "): its content or photo hashes were changed after it was signed, or it is not signed.");
  }
  for (const auto& photo : visit.photos()) {
    if (photo.sha256().size() != 32) {
      return core::InvalidArgument("A photo of the visit has no valid SHA-256.");
    }
  }
  const int64_t made_ms =
      visit.finished_at_ms() > 0 ? visit.finished_at_ms() : visit.started_at_ms();
  if (made_ms <= 0) {
    return core::InvalidArgument("The visit has no start or finish time; record when it was made.");
  }
  QM_RETURN_IF_ERROR(CheckSubjectKind(conn, *tpl, visit.subject_id()));
  core::Status valid = core::forms::ValidateVisit(
      *tpl, visit, core::forms::EvalContext{base::CountyDate(made_ms, zone)});
  if (!valid.ok()) {
    return core::InvalidArgument(
        "The visit does not pass checklist " + tpl->key() + ": " + valid.message() +
        " It was not applied and stays in the quarantine list for review.");
  }
  *evidence = "signed";
  return core::Status::Ok();
}

}  // namespace qiaomen::server
