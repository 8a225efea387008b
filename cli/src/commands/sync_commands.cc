// sync: push this device's work to the county server and pull what is new in its scope.
#include <cerrno>
#include <functional>
#include <mutex>

#include "../device_open.h"
#include "../progress_bar.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/exit_code.h"

namespace qiaomen::cli {
namespace {

// The report's summary for people (SyncReport::Summary is the log's English line).
std::string SummaryText(const sync::SyncReport& report, const CliContext& ctx) {
  std::string text = ctx.T(Msg::kSyncSummary, {std::to_string(report.changes_pushed),
                                               std::to_string(report.photos_uploaded),
                                               std::to_string(report.changes_pulled)});
  const std::string space = ctx.language == core::domain::Language::kZh ? "" : " ";
  if (report.photos_already_on_server > 0) {
    text +=
        space + ctx.T(Msg::kSyncAlreadyOnServer, {std::to_string(report.photos_already_on_server)});
  }
  if (report.changes_quarantined > 0) {
    text += space + ctx.T(Msg::kSyncRefusedCount, {std::to_string(report.changes_quarantined)});
  }
  constexpr int64_t kClockWarningMs = 10 * 60'000;
  const int64_t skew = report.device_clock_skew_ms;
  if (skew > kClockWarningMs || skew < -kClockWarningMs) {
    const std::string minutes = std::to_string((skew > 0 ? skew : -skew) / 60'000);
    text +=
        space + ctx.T(skew > 0 ? Msg::kSyncClockSkewAhead : Msg::kSyncClockSkewBehind, {minutes});
  }
  if (report.photos_held_for_wifi) text += space + ctx.T(Msg::kSyncHeldForWifi);
  if (report.epoch_reset) text += space + ctx.T(Msg::kSyncEpochReset);
  if (!report.status.ok()) {
    // A revoked device and an unreachable server are said on their own line from the catalogue.
    const core::Code code = report.status.code();
    const bool explained = code == core::Code::kUnauthenticated ||
                           code == core::Code::kUnavailable ||
                           code == core::Code::kDeadlineExceeded;
    text += space + (explained ? ctx.T(Msg::kSyncStoppedSeeBelow)
                               : ctx.T(Msg::kSyncStopped, {report.status.message()}));
  }
  return text;
}

// A whole number from `low` to `high` in option `name`, or `fallback` when it is not given.
core::Result<int64_t> WholeNumber(const core::Args& args, const char* name, int64_t low,
                                  int64_t high, int64_t fallback, const char* what) {
  auto text = args.Get(name);
  if (!text) return fallback;
  char* end = nullptr;
  errno = 0;
  long long v = std::strtoll(text->c_str(), &end, 10);
  if (text->empty() || *end != '\0' || errno != 0 || v < low || v > high) {
    return core::InvalidArgument("--" + std::string(name) + " must be a whole number" + what +
                                 " from " + std::to_string(low) + " to " + std::to_string(high) +
                                 "; '" + *text + "' is not.");
  }
  return static_cast<int64_t>(v);
}

core::Result<int64_t> Retries(const core::Args& args) {
  return WholeNumber(args, "retries", 0, 100, 6, "");
}
// Megabytes of sent changes kept beyond the county's last backup; -1: the default.
core::Result<int64_t> KeepSentMb(const core::Args& args) {
  return WholeNumber(args, "keep-sent-mb", 0, 1'000'000, -1, " of megabytes (default 64)");
}

// The first photo chunk's size in KB; 0: the engine's default.
core::Result<int64_t> ChunkKb(const core::Args& args) {
  return WholeNumber(args, "chunk-kb", 4, 65'536, 0, " of kilobytes");
}

core::Status CheckSync(const core::Args& args) {
  QM_RETURN_IF_ERROR(Retries(args).status());
  QM_RETURN_IF_ERROR(ChunkKb(args).status());
  return KeepSentMb(args).status();
}

core::Status Sync(const core::Args& args, CliContext& ctx) {
  sync::SyncOptions options;
  QM_ASSIGN_OR_RETURN(int64_t retries, Retries(args));
  options.retries = static_cast<int>(retries);
  QM_ASSIGN_OR_RETURN(int64_t keep_mb, KeepSentMb(args));
  if (keep_mb >= 0) options.journal_cap_bytes = keep_mb << 20;
  QM_ASSIGN_OR_RETURN(int64_t chunk_kb, ChunkKb(args));
  options.chunk_initial_bytes = chunk_kb * 1024;
  auto key_store = KeyStoreFor(ctx);
  QM_ASSIGN_OR_RETURN(auto device, OpenDevice(ctx, key_store));
  bool show_progress = !ctx.json && (ctx.out_is_terminal || args.Has("progress"));
  ProgressView view(ctx.out, ctx.out_is_terminal, ctx.language);
  std::mutex mu;
  std::function<void(const sync::SyncProgress&)> progress;
  if (show_progress) {
    progress = [&](const sync::SyncProgress& p) {
      std::lock_guard<std::mutex> lock(mu);
      view.Update(p);
    };
  }
  sync::DeviceSyncResult result = device->Sync(options, progress);
  if (show_progress) view.Finish();
  const sync::SyncReport& report = result.report;
  const auto& rejected = result.refused;
  const int64_t left = result.photo_bytes_pending;
  const int64_t photo_payload_sent = result.photo_payload_sent;
  core::Status failure = core::ServerRefusal(result.status);
  if (result.status.code() == core::Code::kUnauthenticated) {
    failure =
        ctx.Explain(failure, Msg::kFailDeviceRevoked, {IdText(device->profile().info().device_id)});
  } else if (result.status.code() == core::Code::kUnavailable ||
             result.status.code() == core::Code::kDeadlineExceeded) {
    failure = ctx.Explain(failure, Msg::kFailUnreachable, {device->config().server_url});
  }

  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("ok", failure.ok())
        .Field("pushed", report.changes_pushed)
        .Field("pulled", report.changes_pulled)
        .Field("photos_sent", report.photos_uploaded)
        .Field("photos_already_on_server", report.photos_already_on_server)
        .Field("photo_payload_bytes", photo_payload_sent)
        .Field("photo_bytes_sent", report.photo_bytes_sent)
        .Field("chunks_resent", report.chunks_resent)
        .Field("bytes_sent", report.wire_bytes_sent)
        .Field("bytes_received", report.wire_bytes_received)
        .Field("round_trips", report.round_trips)
        .Field("retries", report.retries)
        .Field("rebased", report.changes_rebased)
        .Field("clock_skew_ms", report.device_clock_skew_ms)
        .Field("photos_pending_bytes", left)
        .Field("backed_up_through", static_cast<int64_t>(result.backed_up_through))
        .Field("released_through", static_cast<int64_t>(result.released_through));
    json.Key("rejected").BeginArray();
    for (const auto& q : rejected) {
      json.BeginObject()
          .Field("seq", static_cast<int64_t>(q.change.seq()))
          .Field("record_id", IdText(q.change.record_id()))
          .Field("code", q.code)
          .Field("reason", q.reason)
          .EndObject();
    }
    json.EndArray();
    // The same error object as every command's (code, exit_code, message), worded as the
    // status this command ends with.
    if (!failure.ok()) {
      json.Key("error").BeginObject();
      const std::string& shown = ctx.failure_text.empty() ? failure.message() : ctx.failure_text;
      WriteError(json, core::Status(failure.code(), shown), ExitCodeFor(failure));
      json.EndObject();
    }
    json.EndObject();
    ctx.out << json.str();
    ctx.printed_json = true;  // with the error in it
  } else {
    ctx.out << SummaryText(report, ctx)
            << ctx.T(Msg::kSyncBytes,
                     {Bytes(report.wire_bytes_sent), Bytes(report.wire_bytes_received)});
    if (report.retries > 0) ctx.out << ctx.T(Msg::kSyncRetries, {std::to_string(report.retries)});
    ctx.out << (ctx.language == core::domain::Language::kZh ? "。\n" : ".\n");
    if (!result.unknown_county_time_zone.empty()) {
      ctx.out << ctx.T(Msg::kSyncUnknownZone, {result.unknown_county_time_zone,
                                               device->profile().county_time_zone().name()});
    }
    for (const auto& q : rejected) {
      ctx.out << ctx.T(Msg::kSyncRefusedChange, {std::to_string(q.change.seq()),
                                                 RefusalText(q.code, ctx.language), q.reason});
    }
    if (!rejected.empty()) ctx.out << ctx.T(Msg::kRefusedHint);
    if (result.released_through > result.backed_up_through) {
      ctx.out << ctx.T(Msg::kBackupReleasedUnbacked, {std::to_string(result.backed_up_through + 1),
                                                      std::to_string(result.released_through)})
              << "\n";
    }
  }
  return failure;
}

}  // namespace

void AddSyncCommands(std::vector<Command>& commands) {
  commands.push_back(Command{"sync",
                             Msg::kSummarySync,
                             Msg::kUsageSync,
                             {{"retries", "chunk-kb", "keep-sent-mb"}, {"progress"}},
                             Sync,
                             CheckSync});
}

}  // namespace qiaomen::cli
