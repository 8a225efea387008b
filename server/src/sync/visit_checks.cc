#include "sync/visit_checks.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>
#include <sodium.h>

namespace qiaomen::server {

std::string VisitSigningBytes(const v1::Visit& visit) {
  v1::Visit copy = visit;
  copy.clear_device_signature();
  std::string out;
  google::protobuf::io::StringOutputStream stream(&out);
  google::protobuf::io::CodedOutputStream coded(&stream);
  coded.SetSerializationDeterministic(true);
  copy.SerializeToCodedStream(&coded);
  return out;
}

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
                                 "`qiaomen-county publish-template` and the visit will be "
                                 "accepted when it is sent again.");
  }
  if (visit.device_signature().size() != crypto_sign_BYTES) {
    return core::PermissionDenied("The visit is not signed by the device.");
  }
  if (visit.device_id() != device.device_id) {
    return core::PermissionDenied("The visit was signed by another device.");
  }
  std::string bytes = VisitSigningBytes(visit);
  if (crypto_sign_verify_detached(
          reinterpret_cast<const unsigned char*>(visit.device_signature().data()),
          reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
          reinterpret_cast<const unsigned char*>(device.public_key.data())) != 0) {
    return core::PermissionDenied(
        "The visit's device signature does not verify: its content or photo hashes were changed "
        "after it was signed.");
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
