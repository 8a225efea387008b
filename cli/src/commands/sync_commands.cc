// sync: push this device's work to the county server and pull what is new in its scope.
#include <mutex>
#include <set>

#include "../profile_session_open.h"
#include "../progress_bar.h"
#include "../records_view.h"
#include "../server_link.h"
#include "../sync_glue.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/sync/sleeper.h"
#include "qiaomen/sync/sync_engine.h"

namespace qiaomen::cli {
namespace {

core::Status Sync(const core::Args& args, CliContext& ctx) {
  int retries = 6;
  if (auto r = args.Get("retries")) {
    char* end = nullptr;
    long v = std::strtol(r->c_str(), &end, 10);
    if (r->empty() || *end != '\0' || v < 0 || v > 100) {
      return core::InvalidArgument("--retries must be a whole number from 0 to 100.");
    }
    retries = static_cast<int>(v);
  }
  QM_ASSIGN_OR_RETURN(auto session, OpenSession(ctx));
  QM_ASSIGN_OR_RETURN(auto config, session->LoadConfig());
  auto transport = MakeTransport(config);
  auto sync_store = MakeSyncStore(*session);

  std::set<uint64_t> quarantined_before;
  QM_ASSIGN_OR_RETURN(auto before, session->store().ListQuarantined());
  for (const auto& q : before) quarantined_before.insert(q.change.seq());
  int64_t photo_payload = 0;
  QM_ASSIGN_OR_RETURN(auto pending_photos, sync_store->PendingPhotos());
  for (const auto& p : pending_photos) photo_payload += p.size;

  sync::SyncConfig sync_config;
  sync_config.server_url = config.server_url;
  sync_config.token = config.token;
  sync_config.backoff.base_ms = 500;
  sync_config.backoff.cap_ms = 8'000;
  sync_config.backoff.max_attempts = retries + 1;
  if (auto chunk = args.Get("chunk-kb")) {
    sync_config.chunk_initial_bytes = std::max(4, std::atoi(chunk->c_str())) * 1024;
    sync_config.chunk_min_bytes =
        std::min(sync_config.chunk_min_bytes, sync_config.chunk_initial_bytes);
  }
  sync::SyncEngine engine(sync_config,
                          {*transport, *sync_store, ctx.clock, ctx.random, sync::RealSleeper()});
  bool show_progress = !ctx.json && (ctx.out_is_terminal || args.Has("progress"));
  ProgressView view(ctx.out, ctx.out_is_terminal);
  std::mutex mu;
  if (show_progress) {
    engine.SetProgressCallback([&](const sync::SyncProgress& p) {
      std::lock_guard<std::mutex> lock(mu);
      view.Update(p);
    });
  }
  sync::SyncReport report = engine.Run();
  if (show_progress) view.Finish();
  if (report.status.ok()) {
    session->store().SetLastSyncMillis(ctx.clock.NowMillis()).IgnoreError();
  }
  QM_ASSIGN_OR_RETURN(auto after, session->store().ListQuarantined());
  std::vector<core::store::QuarantinedChange> rejected;
  for (const auto& q : after) {
    if (quarantined_before.count(q.change.seq()) == 0) rejected.push_back(q);
  }
  QM_ASSIGN_OR_RETURN(auto still_pending, sync_store->PendingPhotos());
  int64_t left = 0;
  for (const auto& p : still_pending) left += p.size;
  int64_t photo_payload_sent = photo_payload - left;

  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("ok", report.status.ok())
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
        .Field("photos_pending_bytes", left);
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
    if (!report.status.ok()) json.Field("error", report.status.message());
    json.EndObject();
    ctx.out << json.str();
  } else {
    ctx.out << report.Summary() << " " << Bytes(report.wire_bytes_sent) << " sent, "
            << Bytes(report.wire_bytes_received) << " received";
    if (report.retries > 0) ctx.out << ", " << report.retries << " retries";
    ctx.out << ".\n";
    for (const auto& q : rejected) {
      ctx.out << "  refused change #" << q.change.seq() << " (" << q.code << "): " << q.reason
              << "\n";
    }
  }
  if (report.needs_reenrolment) {
    return core::Unauthenticated(
        "The server no longer accepts this device's token. Ask township "
        "staff for a new code and enrol again; unsent work stays here.");
  }
  if (!report.status.ok()) return ExplainNetworkError(report.status, config.server_url);
  return core::Status::Ok();
}

}  // namespace

void AddSyncCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "sync",
      "send this device's work to the county server and fetch what is new",
      "Usage: qiaomen sync [--retries N] [--progress] [--chunk-kb N] [--json]\n\n"
      "Sends the pending changes (visits, edits, hazard steps) in batches, receives the changes\n"
      "in this device's scope, then uploads the photos (resumable: a cut link resumes where it\n"
      "stopped). A progress bar is drawn on a terminal (--progress: plain progress lines\n"
      "elsewhere); otherwise one summary line. A transient failure is retried N times (default\n"
      "6) with growing pauses. --json prints pushed, pulled, photos sent, bytes and the changes\n"
      "the server refused with its reasons (they stay on the device, see `qiaomen status`).\n",
      {{"retries", "chunk-kb"}, {"progress"}},
      Sync});
}

}  // namespace qiaomen::cli
