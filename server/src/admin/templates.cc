#include "admin/templates.h"

#include <google/protobuf/struct.pb.h>
#include <google/protobuf/util/json_util.h>

namespace qiaomen::server {
namespace {

// Until the forms engine is on main: the JSON must parse and name an id and a version.
core::Result<PublishedTemplate> CheckTemplate(const std::string& json) {
  google::protobuf::Struct doc;
  auto status = google::protobuf::util::JsonStringToMessage(json, &doc);
  if (!status.ok()) {
    return core::InvalidArgument(
        "The template is not valid JSON: " + std::string(status.message()) + ".");
  }
  PublishedTemplate t;
  auto id = doc.fields().find("id");
  auto version = doc.fields().find("version");
  if (id == doc.fields().end() || id->second.string_value().empty()) {
    return core::InvalidArgument("The template has no \"id\".");
  }
  if (version == doc.fields().end() || version->second.number_value() < 1) {
    return core::InvalidArgument("The template has no \"version\" of 1 or more.");
  }
  t.id = id->second.string_value();
  t.version = static_cast<uint32_t>(version->second.number_value());
  return t;
}

}  // namespace

core::Result<PublishedTemplate> PublishTemplate(Storage& storage, core::Clock& clock,
                                                const std::string& json) {
  QM_ASSIGN_OR_RETURN(auto t, CheckTemplate(json));
  auto conn = storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto rows, conn->Query("SELECT body FROM templates WHERE id = $1 AND "
                                             "version = $2",
                                             {Text(t.id), Int(t.version)}));
  if (!rows.empty()) {
    if (rows.front().Text(0) == json) return t;
    return core::AlreadyExists("Checklist " + t.id + " version " + std::to_string(t.version) +
                               " is published with other content; publish it as version " +
                               std::to_string(t.version + 1) + ".");
  }
  QM_RETURN_IF_ERROR(
      conn->Exec("INSERT INTO templates (id, version, body, published_ms) VALUES ($1,$2,$3,$4)",
                 {Text(t.id), Int(t.version), Text(json), Int(clock.NowMillis())}));
  return t;
}

}  // namespace qiaomen::server
