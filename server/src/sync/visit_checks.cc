#include "sync/visit_checks.h"

#include <span>

#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/core/forms/evaluation.h"

namespace qiaomen::server {

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
