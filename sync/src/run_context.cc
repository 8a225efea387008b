#include "run_context.h"

namespace qiaomen::sync::internal {

core::Status RunContext::StopStatus() const {
  if (!cancel.cancelled()) return core::Status::Ok();
  return stop_status_();
}

core::Result<HttpResponse> RunContext::SendOnce(HttpRequest request, std::string_view what,
                                                std::optional<int64_t>* retry_after_ms,
                                                bool* link_failed) {
  if (link_failed != nullptr) *link_failed = false;
  QM_RETURN_IF_ERROR(StopStatus());
  request.headers.emplace_back("Authorization", "Bearer " + config.token);
  request.cancel = &cancel;
  auto result = deps.transport.Send(request);
  {
    std::lock_guard lock(report_mu);
    ++report.round_trips;
    if (result.ok()) {
      report.wire_bytes_sent += result->bytes_sent;
      report.wire_bytes_received += result->bytes_received;
      rtt_ewma_ms =
          rtt_ewma_ms == 0 ? result->elapsed_ms : (rtt_ewma_ms * 3 + result->elapsed_ms) / 4;
      if (result->bytes_sent + result->bytes_received < 16 * 1024 && result->elapsed_ms > 0 &&
          (min_rtt_ms == 0 || result->elapsed_ms < min_rtt_ms)) {
        min_rtt_ms = result->elapsed_ms;
      }
    }
  }
  if (!result.ok()) {
    // A cancel aborts the transfer with kCancelled; say why it was cancelled (user or offline).
    if (result.status().code() == core::Code::kCancelled) return StopStatus();
    if (link_failed != nullptr) *link_failed = true;
    return result.status().WithContext(what);
  }
  const int status = result->status;
  if (status == 401) {
    std::lock_guard lock(report_mu);
    report.needs_reenrolment = true;
    return core::Unauthenticated(
        "The county server no longer accepts this device (HTTP 401). Enrol it again with a new "
        "code from township staff; nothing saved on the device is lost.");
  }
  if (status == 403) {
    return core::PermissionDenied(std::string(what) +
                                  ": the county server refused this device access (HTTP 403). "
                                  "Ask township staff to check the worker's grids and role.");
  }
  if (status == 408 || status == 425 || status == 429 || status >= 500) {
    if (auto header = result->Header("retry-after")) {
      *retry_after_ms = ParseRetryAfterMs(*header, deps.clock.NowMillis());
    }
    return core::Unavailable(std::string(what) + ": the county server is busy or failing (HTTP " +
                             std::to_string(status) + "); sync will try again.");
  }
  return result;
}

core::Status RunContext::WaitBeforeRetry(const core::Status& why,
                                         std::optional<int64_t> retry_after_ms) {
  QM_RETURN_IF_ERROR(StopStatus());
  std::optional<int64_t> delay;
  int attempts;
  {
    std::lock_guard lock(backoff_mu_);
    delay = backoff_.NextDelayMs(retry_after_ms);
    attempts = backoff_.attempts();
  }
  if (!delay) {
    return core::Status(why.code(), why.message() + " Gave up after " + std::to_string(attempts) +
                                        " attempts; sync will run again later.");
  }
  {
    std::lock_guard lock(report_mu);
    ++report.retries;
  }
  Progress({.phase = SyncProgress::Phase::kWaiting,
            .message = "Waiting " + std::to_string((*delay + 999) / 1000) +
                       " s before trying again: " + why.message()});
  if (!deps.sleeper.SleepFor(*delay, cancel)) return StopStatus();
  return core::Status::Ok();
}

core::Status RunContext::RetryAtOnce(const core::Status& why) {
  QM_RETURN_IF_ERROR(StopStatus());
  {
    std::lock_guard lock(report_mu);
    ++report.retries;
  }
  Progress({.phase = SyncProgress::Phase::kWaiting,
            .message = "Trying again at once: " + why.message()});
  return core::Status::Ok();
}

core::Result<HttpResponse> RunContext::SendWithRetry(HttpRequest request, std::string_view what) {
  while (true) {
    std::optional<int64_t> retry_after;
    auto result = SendOnce(request, what, &retry_after);
    if (result.ok()) {
      ResetBackoff();
      return result;
    }
    if (!IsTransientNetworkError(result.status())) return result.status();
    QM_RETURN_IF_ERROR(WaitBeforeRetry(result.status(), retry_after));
  }
}

}  // namespace qiaomen::sync::internal
