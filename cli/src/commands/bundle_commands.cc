// export-bundle: this device's unsent changes and photos on an encrypted, signed file.
#include <fcntl.h>
#include <unistd.h>

#include <cstring>

#include "../profile_session_open.h"
#include "../progress_bar.h"
#include "../records_view.h"
#include "../sync_glue.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/bundle/bundle_file.h"

namespace qiaomen::cli {
namespace {

core::Status WriteFileDurably(const std::string& path, const std::string& bytes) {
  std::string tmp = path + ".tmp";
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) return core::IOError("Cannot write " + tmp + ": " + std::strerror(errno) + ".");
  size_t off = 0;
  while (off < bytes.size()) {
    ssize_t n = ::write(fd, bytes.data() + off, bytes.size() - off);
    if (n <= 0) {
      ::close(fd);
      ::unlink(tmp.c_str());
      return core::IOError("Cannot write " + tmp + ": " + std::strerror(errno) + ".");
    }
    off += static_cast<size_t>(n);
  }
  bool ok = ::fsync(fd) == 0;
  ::close(fd);
  if (!ok || ::rename(tmp.c_str(), path.c_str()) != 0) {
    ::unlink(tmp.c_str());
    return core::IOError("Cannot save " + path + ": " + std::strerror(errno) + ".");
  }
  return core::Status::Ok();
}

core::Status Export(const core::Args& args, CliContext& ctx) {
  if (args.positionals().size() != 1) return core::InvalidArgument("Give the bundle file: FILE.");
  QM_ASSIGN_OR_RETURN(auto session, OpenSession(ctx));
  QM_ASSIGN_OR_RETURN(auto config, session->LoadConfig());
  auto sync_store = MakeSyncStore(*session);
  v1::Bundle bundle;
  bundle.set_device_id(session->info().device_id);
  bundle.set_worker_id(session->info().worker_id);
  bundle.set_created_at_ms(ctx.clock.NowMillis());
  QM_ASSIGN_OR_RETURN(auto changes, sync_store->NextOutboxBatch(1'000'000, SIZE_MAX / 2));
  for (auto& c : changes) *bundle.add_changes() = std::move(c);
  QM_ASSIGN_OR_RETURN(auto photos, sync_store->PendingPhotos());
  int64_t photo_bytes = 0;
  for (const auto& p : photos) {
    QM_ASSIGN_OR_RETURN(std::string data, sync_store->ReadPhoto(p));
    auto* out = bundle.add_photos();
    std::string raw;
    for (size_t i = 0; i + 1 < p.sha256_hex.size(); i += 2) {
      raw.push_back(static_cast<char>(std::stoi(p.sha256_hex.substr(i, 2), nullptr, 16)));
    }
    out->set_sha256(raw);
    photo_bytes += static_cast<int64_t>(data.size());
    out->set_data(std::move(data));
  }
  auto key = core::bundle::KeyFromToken(config.token);
  QM_ASSIGN_OR_RETURN(std::string file,
                      core::bundle::SealBundle(bundle, key, session->keys().signing_secret_key()));
  QM_RETURN_IF_ERROR(WriteFileDurably(args.positionals()[0], file));
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("file", args.positionals()[0])
        .Field("changes", static_cast<int64_t>(bundle.changes_size()))
        .Field("photos", static_cast<int64_t>(bundle.photos_size()))
        .Field("photo_bytes", photo_bytes)
        .Field("bytes", static_cast<int64_t>(file.size()))
        .EndObject();
    ctx.out << json.str();
  } else {
    ctx.out << "Wrote " << args.positionals()[0] << ": " << bundle.changes_size() << " changes and "
            << bundle.photos_size() << " photos (" << Bytes(static_cast<int64_t>(file.size()))
            << ", encrypted and signed). Import it at the county with `qiaomen-county "
               "import-bundle`; the next sync confirms it here.\n";
  }
  return core::Status::Ok();
}

}  // namespace

void AddBundleCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "export-bundle",
      "write the unsent changes and photos to an encrypted, signed file",
      "Usage: qiaomen export-bundle FILE [--json]\n\n"
      "For teams with no signal at all: FILE carries every change and photo the server has not\n"
      "confirmed yet, encrypted for this device's county and signed with this device's key.\n"
      "The county imports it with `qiaomen-county import-bundle --data DIR FILE`; importing it\n"
      "twice changes nothing. The work stays pending here until a sync confirms it.\n",
      {{}, {}},
      Export});
}

}  // namespace qiaomen::cli
