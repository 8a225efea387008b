#pragma once
// What one sync run shares between its parts (metadata loop, photo uploader): the engine's deps,
// the cancel flag, the report being filled in, and the HTTP exchange with retries.

#include <atomic>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "qiaomen/sync/backoff.h"
#include "qiaomen/sync/sync_engine.h"

namespace qiaomen::sync::internal {

class RunContext {
 public:
  RunContext(const SyncConfig& config_in, SyncDeps& deps_in, CancelFlag& cancel_in,
             std::function<core::Status()> stop_status, std::function<LinkKind()> link,
             std::function<void(const SyncProgress&)> progress, SyncReport& report_in)
      : config(config_in),
        deps(deps_in),
        cancel(cancel_in),
        stop_status_(std::move(stop_status)),
        link_(std::move(link)),
        progress_(std::move(progress)),
        report(report_in) {}

  // Sends `request` with the token and retries transient failures (link errors, 408, 429, 5xx)
  // after a backoff wait that honours Retry-After. Returns the response for any other status,
  // except 401 (Unauthenticated, sets needs_reenrolment) and 403 (PermissionDenied). Errors:
  // the stop status when cancelled or offline; the last transient error when the retry budget is
  // spent; permanent transport errors as they are.
  core::Result<HttpResponse> SendWithRetry(HttpRequest request, std::string_view what);

  // One attempt, counted in the report. Transient HTTP statuses come back as kUnavailable errors
  // with `*retry_after_ms` set when the server sent Retry-After; 401/403 as above. When
  // `link_failed` is given, it is set to whether the exchange failed without any HTTP answer (a
  // cut, a reset, a timeout) rather than with a status.
  core::Result<HttpResponse> SendOnce(HttpRequest request, std::string_view what,
                                      std::optional<int64_t>* retry_after_ms,
                                      bool* link_failed = nullptr);

  // Counts a retry that goes at once, without a backoff wait (a cut in an upload that was making
  // progress: the link was working a moment ago). Ok to go on; the stop status otherwise.
  core::Status RetryAtOnce(const core::Status& why);

  // Waits before the next attempt after `why`. Ok to go on; the stop status when cancelled; `why`
  // (with "gave up after N attempts") when the retry budget is spent.
  core::Status WaitBeforeRetry(const core::Status& why, std::optional<int64_t> retry_after_ms);
  void ResetBackoff() { backoff_.Reset(); }

  // Non-ok when the run must stop now (cancel or offline).
  core::Status StopStatus() const;
  LinkKind link() const { return link_(); }
  void Progress(const SyncProgress& progress) const {
    if (progress_) progress_(progress);
  }
  std::string Url(std::string_view path) const { return config.server_url + std::string(path); }

  const SyncConfig& config;
  SyncDeps& deps;
  CancelFlag& cancel;
  std::mutex store_mu;      // SyncStore calls are serialised
  int64_t rtt_ewma_ms = 0;  // average exchange time, for the ETA
  // The shortest exchange of this run that carried little data (under 16 KB both ways): the
  // link's round trip as near as the run knows it (0: none yet).
  std::atomic<int64_t> min_rtt_ms{0};

 private:
  std::function<core::Status()> stop_status_;
  std::function<LinkKind()> link_;
  std::function<void(const SyncProgress&)> progress_;
  Backoff backoff_{config.backoff, deps.random};
  std::mutex backoff_mu_;

 public:
  SyncReport& report;
  std::mutex report_mu;
};

}  // namespace qiaomen::sync::internal
