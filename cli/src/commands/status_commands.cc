// status: what is waiting to go, what the server refused, when this device last synced.
#include "../profile_session_open.h"
#include "../progress_bar.h"
#include "../records_view.h"
#include "../sync_glue.h"
#include "qiaomen/cli/command.h"

namespace qiaomen::cli {
namespace {

core::Status Status(const core::Args&, CliContext& ctx) {
  QM_ASSIGN_OR_RETURN(auto session, OpenSession(ctx));
  auto config = session->LoadConfig();
  auto sync_store = MakeSyncStore(*session);
  QM_ASSIGN_OR_RETURN(int64_t pending, sync_store->PendingChangeCount());
  QM_ASSIGN_OR_RETURN(auto photos, sync_store->PendingPhotos());
  int64_t photo_bytes = 0;
  for (const auto& p : photos) photo_bytes += p.size;
  QM_ASSIGN_OR_RETURN(auto quarantined, session->store().ListQuarantined());
  QM_ASSIGN_OR_RETURN(auto state, session->store().GetSyncState());
  std::string server = config.ok() ? config->server_url : "";
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("device_id", IdText(session->info().device_id))
        .Field("worker_id", session->info().worker_id)
        .Field("server", server)
        .Field("scope", config.ok() ? config->scope : "")
        .Field("pending_changes", pending)
        .Field("pending_photos", static_cast<int64_t>(photos.size()))
        .Field("pending_photo_bytes", photo_bytes)
        .Field("last_sync_ms", state.last_sync_ms)
        .Field("applied_through", static_cast<int64_t>(state.applied_through))
        .Field("last_seq", static_cast<int64_t>(state.last_seq));
    json.Key("quarantined").BeginArray();
    for (const auto& q : quarantined) {
      json.BeginObject()
          .Field("seq", static_cast<int64_t>(q.change.seq()))
          .Field("entity", v1::Entity_Name(q.change.entity()))
          .Field("record_id", IdText(q.change.record_id()))
          .Field("code", q.code)
          .Field("reason", q.reason)
          .Field("at_ms", q.quarantined_at_ms)
          .EndObject();
    }
    json.EndArray().EndObject();
    ctx.out << json.str();
    return core::Status::Ok();
  }
  ctx.out << "Device " << IdText(session->info().device_id) << " of " << session->info().worker_id
          << "\n"
          << "  server:           " << (server.empty() ? "(not enrolled)" : server) << "\n"
          << "  last sync:        " << TimeText(state.last_sync_ms) << "\n"
          << "  pending changes:  " << pending << "\n"
          << "  pending photos:   " << photos.size() << " (" << Bytes(photo_bytes) << ")\n"
          << "  quarantined:      " << quarantined.size() << "\n";
  for (const auto& q : quarantined) {
    ctx.out << "    #" << q.change.seq() << " " << v1::Entity_Name(q.change.entity()) << " "
            << IdText(q.change.record_id()) << " (" << q.code << "): " << q.reason << "\n";
  }
  return core::Status::Ok();
}

}  // namespace

void AddStatusCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "status",
      "pending changes and photos, refused changes, last sync, server",
      "Usage: qiaomen status [--json]\n\n"
      "Shows what waits to be sent (changes, photos and their bytes), the changes the server\n"
      "refused with its reasons (kept on the device for a person to review), when this device\n"
      "last synced and with which server.\n",
      {{}, {}},
      Status});
}

}  // namespace qiaomen::cli
