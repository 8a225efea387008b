// status: what is waiting to go, what the server refused, when this device last synced.
#include "../device_open.h"
#include "../progress_bar.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"

namespace qiaomen::cli {
namespace {

// How much of this device's work a restore of the county's last backup would need again.
std::string BackupText(const sync::DeviceStatus& status, const CliContext& ctx) {
  if (status.released_through > status.backed_up_through) {
    return ctx.T(Msg::kBackupReleasedUnbacked, {std::to_string(status.backed_up_through + 1),
                                                std::to_string(status.released_through)});
  }
  if (status.applied_through == 0) return ctx.T(Msg::kBackupNothingSent);
  if (status.backed_up_through == 0) return ctx.T(Msg::kBackupNoneYet);
  if (status.backed_up_through >= status.applied_through) return ctx.T(Msg::kBackupAll);
  return ctx.T(Msg::kBackupUpTo,
               {std::to_string(status.backed_up_through),
                std::to_string(status.applied_through - status.backed_up_through)});
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
  const base::TimeZone& zone = device->profile().county_time_zone();
  ctx.out << ctx.T(Msg::kStatusDevice, {IdText(status.device_id), status.worker_id})
          << ctx.T(Msg::kStatusServer, {server.empty() ? ctx.T(Msg::kStatusNotEnrolled) : server})
          << ctx.T(Msg::kStatusZone, {status.county_time_zone})
          << ctx.T(Msg::kStatusLastSync, {TimeText(status.last_sync_ms, zone, ctx.language)})
          << ctx.T(Msg::kStatusPendingChanges, {std::to_string(status.pending_changes)})
          << ctx.T(Msg::kStatusPendingPhotos,
                   {std::to_string(status.pending_photos), Bytes(status.pending_photo_bytes)})
          << ctx.T(Msg::kStatusDrafts, {std::to_string(status.drafts)})
          << ctx.T(Msg::kStatusBackup, {BackupText(status, ctx)})
          << ctx.T(Msg::kStatusRefused, {std::to_string(quarantined.size())});
  if (!quarantined.empty()) ctx.out << ctx.T(Msg::kRefusedHint);
  return core::Status::Ok();
}

}  // namespace

void AddStatusCommands(std::vector<Command>& commands) {
  commands.push_back(Command{"status", Msg::kSummaryStatus, Msg::kUsageStatus, {{}, {}}, Status});
}

}  // namespace qiaomen::cli
