// import-bundle: a device's changes and photos brought on a file (no signal at all), applied as if
// the device had synced them: the same scope checks, merge rules and visit checks, idempotent by
// the device's change seq and by photo hash.
#include <algorithm>

#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/bundle/bundle_file.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/blob_store.h"
#include "qiaomen/server/bundle_keys.h"
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

// Opens `file` with the key its format needs: a sealed (v2) bundle with the county's bundle secret
// key (beside the database unless --bundle-key names where it is kept); an old token-keyed (v1)
// one with the key from the device's token hash, after a warning on `out`.
core::Result<v1::Bundle> OpenForImport(const core::Args& args, Storage& storage,
                                       const DeviceRecord& device,
                                       const core::bundle::BundleHeader& header,
                                       std::string_view file, const std::string& path,
                                       std::ostream& out) {
  const std::string& pk = device.principal.device.public_key;
  const std::span<const uint8_t> device_key(reinterpret_cast<const uint8_t*>(pk.data()), pk.size());
  if (header.format == core::bundle::BundleFormat::kSealed) {
    const std::string key_path =
        args.Get("bundle-key").value_or(BundleSecretKeyPath(storage.data_dir()));
    QM_ASSIGN_OR_RETURN(auto county,
                        LoadBundleSecretKey(key_path, storage.identity().bundle_public_key));
    return core::bundle::OpenSealedBundle(file, county, device_key);
  }
  out << CountySay(LanguageOf(args), CountyMsg::kBundleOldFormat,
                   {path, device.principal.worker.name});
  const std::string& hash = device.token_sha256;
  auto key =
      core::bundle::KeyFromTokenHash({reinterpret_cast<const uint8_t*>(hash.data()), hash.size()});
  return core::bundle::OpenBundle(file, key, device_key);
}

core::Status ImportBundle(const core::Args& args, std::ostream& out) {
  if (args.positionals().size() != 1) return core::InvalidArgument("Give one bundle FILE.");
  const std::string& path = args.positionals()[0];
  auto file = base::ReadFile(path);
  if (!file.ok()) return core::InvalidArgument(file.status().message());
  auto header = core::bundle::ReadBundleHeader(*file);
  if (!header.ok()) {
    return core::InvalidArgument(path + " is not a Qiaomen bundle (" + header.status().message() +
                                 ").");
  }
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  core::Clock& clock = core::SystemClock();
  Directory directory(*storage, clock);
  const std::string& device_id = header->device_id;
  QM_ASSIGN_OR_RETURN(DeviceRecord device, directory.FindDevice(device_id));
  auto bundle = OpenForImport(args, *storage, device, *header, *file, path, out);
  if (!bundle.ok()) {
    return core::Status(
        bundle.status().code(),
        path + " cannot be read: " + bundle.status().message() + " Nothing was imported.");
  }
  ImportSummary summary;
  BlobStore blobs(*storage, clock);
  QM_RETURN_IF_ERROR(StorePhotos(blobs, *bundle, device_id, summary));
  Metrics metrics;
  SyncService sync(*storage, clock, metrics);
  QM_RETURN_IF_ERROR(ApplyChanges(sync, device, *bundle, summary));

  const core::domain::Language language = LanguageOf(args);
  out << CountySay(
      language, CountyMsg::kBundleImported,
      {device.principal.worker.name, device.principal.worker.id, std::to_string(summary.applied),
       std::to_string(summary.duplicate), std::to_string(summary.rejected),
       std::to_string(summary.photos_new), std::to_string(summary.photos_known)});
  for (const auto& r : summary.rejections) {
    out << CountySay(language, CountyMsg::kBundleRejectedLine, {r});
  }
  if (summary.not_reached > 0) {
    out << CountySay(language, CountyMsg::kBundleNotReached, {std::to_string(summary.not_reached)});
  }
  return core::Status::Ok();
}

core::Status ShowOrReplaceBundleKey(const core::Args& args, std::ostream& out) {
  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
  std::string public_key = storage->identity().bundle_public_key;
  const std::string path = BundleSecretKeyPath(storage->data_dir());
  if (args.Has("replace")) {
    auto conn = storage->pool().Acquire();
    QM_ASSIGN_OR_RETURN(
        public_key, ReplaceBundleKey(*conn, storage->data_dir(), core::SystemClock().NowMillis()));
    out << CountySay(LanguageOf(args), CountyMsg::kBundleKeyReplaced, {path});
  }
  const core::domain::Language language = LanguageOf(args);
  out << CountySay(language, CountyMsg::kBundleKeySecret, {path})
      << (FileExists(path) ? "" : CountySay(language, CountyMsg::kBundleKeyMissing))
      << CountySay(language, CountyMsg::kBundleKeyFingerprint,
                   {base::HexEncode(Sha256(public_key)).substr(0, 16)});
  return core::Status::Ok();
}

}  // namespace

void AddBundleCommand(std::vector<Command>& commands) {
  commands.push_back(Command{"import-bundle",
                             CountyMsg::kSummaryImportBundle,
                             CountyMsg::kUsageImportBundle,
                             {{"data", "db", "bundle-key"}, {}},
                             ImportBundle});
  commands.push_back(Command{"bundle-key",
                             CountyMsg::kSummaryBundleKey,
                             CountyMsg::kUsageBundleKey,
                             {{"data", "db"}, {"replace"}},
                             ShowOrReplaceBundleKey});
}

}  // namespace qiaomen::server
