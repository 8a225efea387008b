#include "backup/manifest.h"

#include <google/protobuf/util/json_util.h>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"

namespace qiaomen::server {

std::string BlobRelativePath(const std::string& hex) {
  if (hex.size() < 3) return "";
  return "blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
}

bool IsValidPartPath(const std::string& path) {
  if (path.rfind("database-", 0) == 0) {
    size_t dot = path.find('.');
    if (dot == std::string::npos || dot == 9) return false;
    for (size_t i = 9; i < dot; ++i) {
      if (path[i] < '0' || path[i] > '9') return false;
    }
    std::string ext = path.substr(dot);
    return ext == ".sqlite" || ext == ".pgdump";
  }
  if (path.size() != 6 + 2 + 1 + 62 || path.rfind("blobs/", 0) != 0 || path[8] != '/') {
    return false;
  }
  return base::IsLowerHex(path.substr(6, 2) + path.substr(9), 32);
}

core::Status WriteManifest(const std::string& dir, const v1::BackupManifest& manifest) {
  google::protobuf::util::JsonPrintOptions options;
  options.add_whitespace = true;
  options.preserve_proto_field_names = true;
  std::string json;
  auto status = google::protobuf::util::MessageToJsonString(manifest, &json, options);
  if (!status.ok()) return core::Internal("Cannot write the backup manifest as JSON.");
  return base::WriteFileAtomically(dir + "/" + kManifestName, json, 0640);
}

core::Result<v1::BackupManifest> ReadManifest(const std::string& dir) {
  const std::string path = dir + "/" + kManifestName;
  auto json = base::ReadFile(path);
  if (!json.ok() && json.status().code() == core::Code::kNotFound) {
    return core::FailedPrecondition(
        "The backup in " + dir + " has no " + kManifestName +
        ": it is incomplete (interrupted, or still being written) or " + dir +
        " is not a backup directory. Take a new backup with `qiaomen-county backup`, or name "
        "the right directory.");
  }
  if (!json.ok()) return json.status();
  v1::BackupManifest manifest;
  google::protobuf::util::JsonParseOptions options;
  auto status = google::protobuf::util::JsonStringToMessage(*json, &manifest, options);
  if (!status.ok() || manifest.format() != kManifestFormat ||
      !IsValidPartPath(manifest.database().path())) {
    return core::FailedPrecondition("The manifest " + path +
                                    " is damaged or from an unknown version: this backup cannot be "
                                    "checked or restored. Use another backup.");
  }
  return manifest;
}

void Progress::Step() {
  ++done_;
  auto now = std::chrono::steady_clock::now();
  if (done_ < total_ && now - last_ < std::chrono::seconds(2)) return;
  last_ = now;
  BackupEvent event;
  event.kind = kind_;
  event.done = done_;
  event.total = total_;
  report_(event);
}

}  // namespace qiaomen::server
