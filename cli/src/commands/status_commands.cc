// status: what is waiting to go, what the server refused, when this device last synced.
#include "../device_open.h"
#include "../progress_bar.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"

namespace qiaomen::cli {
namespace {

// How much of this device's work a restore of the county's last backup would need again.
std::string BackupText(const sync::DeviceStatus& status) {
  if (status.released_through > status.backed_up_through) {
    return "WARNING: changes #" + std::to_string(status.backed_up_through + 1) + " to #" +
           std::to_string(status.released_through) +
           " were sent but are in no county backup, and this phone no longer keeps them (its "
           "space for them is full). Ask the township to have the county run "
           "`qiaomen-county backup` every day.";
  }
  if (status.applied_through == 0) return "nothing sent yet";
  if (status.backed_up_through == 0) return "none of this device's changes yet (kept here)";
  if (status.backed_up_through >= status.applied_through) return "holds every change sent";
  return "holds changes up to #" + std::to_string(status.backed_up_through) + "; " +
         std::to_string(status.applied_through - status.backed_up_through) +
         " sent since are kept here until the next backup";
}

core::Status Status(const core::Args&, CliContext& ctx) {
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  QM_ASSIGN_OR_RETURN(sync::DeviceStatus status, device->Status());
  const std::string& server = status.server_url;
  const auto& quarantined = status.quarantined;
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("device_id", IdText(status.device_id))
        .Field("worker_id", status.worker_id)
        .Field("server", server)
        .Field("scope", status.scope)
        .Field("county_time_zone", status.county_time_zone)
        .Field("pending_changes", status.pending_changes)
        .Field("pending_photos", status.pending_photos)
        .Field("pending_photo_bytes", status.pending_photo_bytes)
        .Field("drafts", status.drafts)
        .Field("last_sync_ms", status.last_sync_ms)
        .Field("applied_through", static_cast<int64_t>(status.applied_through))
        .Field("last_seq", static_cast<int64_t>(status.last_seq))
        .Field("backed_up_through", static_cast<int64_t>(status.backed_up_through))
        .Field("released_through", static_cast<int64_t>(status.released_through));
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
  ctx.out << "Device " << IdText(status.device_id) << " of " << status.worker_id << "\n"
          << "  server:           " << (server.empty() ? "(not enrolled)" : server) << "\n"
          << "  county time zone: " << status.county_time_zone << "\n"
          << "  last sync:        " << TimeText(status.last_sync_ms) << "\n"
          << "  pending changes:  " << status.pending_changes << "\n"
          << "  pending photos:   " << status.pending_photos << " ("
          << Bytes(status.pending_photo_bytes) << ")\n"
          << "  unfinished visits: " << status.drafts << "\n"
          << "  county backup:    " << BackupText(status) << "\n"
          << "  refused:          " << quarantined.size() << "\n";
  if (!quarantined.empty()) {
    ctx.out << "    `qiaomen quarantine` lists them with their reasons; `qiaomen quarantine resend "
               "SEQ` sends one again once its cause is put right.\n";
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
