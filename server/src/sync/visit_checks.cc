#include "sync/visit_checks.h"

#include <span>

#include "qiaomen/core/evidence/visit_signature.h"

namespace qiaomen::server {

core::Status CheckVisit(SqlConnection& conn, const v1::Visit& visit, const Device& device,
                        std::string* evidence) {
  if (visit.id().size() != 16 || visit.subject_id().size() != 16) {
    return core::InvalidArgument("The visit's id or subject id is not a 16-byte id.");
  }
  auto tmpl = conn.QueryOne("SELECT body FROM templates WHERE id = $1 AND version = $2",
                            {Text(visit.template_id()), Int(visit.template_version())});
  if (!tmpl.ok()) {
    if (tmpl.status().code() != core::Code::kNotFound) return tmpl.status();
    return core::InvalidArgument("The checklist " + visit.template_id() + " version " +
                                 std::to_string(visit.template_version()) +
                                 " is not published on the county server; publish it with "
                                 "`qiaomen-county publish-template`; this visit stays in the "
                                 "device's quarantine list for review.");
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
  *evidence = "signed";
  return core::Status::Ok();
}

}  // namespace qiaomen::server
