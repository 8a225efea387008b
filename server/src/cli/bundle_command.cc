// import-bundle: a device's changes and photos brought on a file (no signal at all), applied as if
// the device had synced them: the same scope checks, merge rules and visit checks, idempotent by
// the device's change seq and by photo hash.
#include <algorithm>

#include "cli/command.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/bundle/bundle_file.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/blob_store.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/metrics.h"
#include "qiaomen/server/sync_service.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

struct ImportSummary {
  int applied = 0, duplicate = 0, rejected = 0, not_reached = 0;
  int photos_new = 0, photos_known = 0;
  std::vector<std::string> rejections;
};

core::Status StorePhotos(BlobStore& blobs, const v1::Bundle& bundle, const std::string& device_id,
                         ImportSummary& summary) {
  for (const auto& photo : bundle.photos()) {
    std::string hex = base::HexEncode(photo.sha256());
    if (photo.sha256().size() != 32 || Sha256(photo.data()) != photo.sha256()) {
      return core::Corruption("A photo in the bundle does not match its SHA-256 (" + hex +
                              "); the file is damaged. Export the bundle again on the device.");
    }
    if (blobs.HasBlob(hex)) {
      ++summary.photos_known;
      continue;
    }
    QM_ASSIGN_OR_RETURN(auto state, blobs.Create(hex, static_cast<int64_t>(photo.data().size()),
                                                 device_id, "bundle"));
    if (!state.complete) {
      // An upload cut earlier may have left a part: continue from where it stands.
      QM_ASSIGN_OR_RETURN(state,
                          blobs.Append(hex, device_id, state.offset,
                                       photo.data().substr(static_cast<size_t>(state.offset))));
    }
    ++summary.photos_new;
  }
  return core::Status::Ok();
}

core::Status ApplyChanges(SyncService& sync, const DeviceRecord& device, const v1::Bundle& bundle,
                          ImportSummary& summary) {
  std::vector<v1::Change> changes(bundle.changes().begin(), bundle.changes().end());
  std::sort(changes.begin(), changes.end(),
            [](const v1::Change& a, const v1::Change& b) { return a.seq() < b.seq(); });
  const uint64_t held = device.principal.device.applied_seq;
  if (!changes.empty() && changes.front().seq() > held + 1) {
    return core::FailedPrecondition(
        "The bundle starts at change " + std::to_string(changes.front().seq()) +
        " but the county holds this device's changes only through " + std::to_string(held) +
        ": import the device's earlier bundle first, or let it sync. No change was imported (its "
        "photos, checked by hash, are kept).");
  }
  constexpr size_t kBatch = 200;
  for (size_t at = 0; at < changes.size(); at += kBatch) {
    v1::SyncRequest request;
    for (size_t i = at; i < std::min(changes.size(), at + kBatch); ++i) {
      *request.add_changes() = changes[i];
    }
    request.set_max_pull(0);
    QM_ASSIGN_OR_RETURN(auto response, sync.Sync(device.principal, request));
    for (const auto& r : response.results()) {
      switch (r.outcome()) {
        case v1::ChangeResult::APPLIED:
          ++summary.applied;
          break;
        case v1::ChangeResult::DUPLICATE:
          ++summary.duplicate;
          break;
        default:
          ++summary.rejected;
          summary.rejections.push_back("change " + std::to_string(r.seq()) + ": " + r.reason());
      }
    }
    summary.not_reached += request.changes_size() - response.results_size();
  }
  return core::Status::Ok();
}

core::Status ImportBundle(const core::Args& args, std::ostream& out) {
  if (args.positionals().size() != 1) return core::InvalidArgument("Give one bundle FILE.");
  const std::string& path = args.positionals()[0];
  auto file = base::ReadFile(path);
  if (!file.ok()) return core::InvalidArgument(file.status().message());
  auto device_id = core::bundle::BundleDeviceId(*file);
  if (!device_id.ok()) {
    return core::InvalidArgument(path + " is not a Qiaomen bundle (" +
                                 device_id.status().message() + ").");
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  core::Clock& clock = core::SystemClock();
  Directory directory(*storage, clock);
  QM_ASSIGN_OR_RETURN(DeviceRecord device, directory.FindDevice(*device_id));
  auto key = core::bundle::KeyFromTokenHash(
      {reinterpret_cast<const uint8_t*>(device.token_sha256.data()), device.token_sha256.size()});
  const std::string& pk = device.principal.device.public_key;
  auto bundle = core::bundle::OpenBundle(*file, key,
                                         {reinterpret_cast<const uint8_t*>(pk.data()), pk.size()});
  if (!bundle.ok()) {
    return core::Status(bundle.status().code(),
                        path + " cannot be read: " + bundle.status().message() +
                            " Nothing was imported. If the device enrolled again since it wrote "
                            "the file, export a new bundle on it.");
  }
  ImportSummary summary;
  BlobStore blobs(*storage, clock);
  QM_RETURN_IF_ERROR(StorePhotos(blobs, *bundle, *device_id, summary));
  Metrics metrics;
  SyncService sync(*storage, clock, metrics);
  QM_RETURN_IF_ERROR(ApplyChanges(sync, device, *bundle, summary));

  out << "Imported the bundle of " << device.principal.worker.name << " ("
      << device.principal.worker.id << "): " << summary.applied << " changes applied, "
      << summary.duplicate << " already here, " << summary.rejected << " rejected; "
      << summary.photos_new << " photos stored, " << summary.photos_known << " already here.\n";
  for (const auto& r : summary.rejections) out << "  rejected " << r << "\n";
  if (summary.not_reached > 0) {
    out << "  " << summary.not_reached
        << " changes were not reached (a gap in the device's changes); sync the device.\n";
  }
  return core::Status::Ok();
}

}  // namespace

void AddBundleCommand(std::vector<Command>& commands) {
  commands.push_back(Command{
      "import-bundle",
      "import a device's changes and photos carried on a bundle file (no signal at all)",
      "Usage: qiaomen-county import-bundle --data DIR FILE\n\n"
      "FILE was written on a device with `qiaomen export-bundle FILE`. It is checked against the\n"
      "device's enrolment key and decrypted with the key the county shares with that device, then\n"
      "applied exactly as a sync would (scope, merge rules, visit checks). Importing the same\n"
      "bundle again, or a bundle whose changes the device has synced since, changes nothing.\n",
      {{"data", "db"}, {}},
      ImportBundle});
}

}  // namespace qiaomen::server
