#include <cstdio>

#include "qiaomen/server/api.h"
#include "qiaomen/server/backup.h"

namespace qiaomen::server {

bool AuthorizeRequest(ApiContext& context, const HttpRequest& request, Principal* principal,
                      HttpResponse* error) {
  auto header = request.Header("authorization");
  const std::string prefix = "Bearer ";
  if (!header || header->compare(0, prefix.size(), prefix) != 0) {
    *error = TextResponse(401, "Send the device token as `Authorization: Bearer TOKEN`.")
                 .Set("WWW-Authenticate", "Bearer");
    return false;
  }
  auto result = context.directory.Authenticate(header->substr(prefix.size()));
  if (!result.ok()) {
    if (result.status().code() == core::Code::kUnauthenticated) {
      *error = TextResponse(401, result.status().message()).Set("WWW-Authenticate", "Bearer");
    } else {
      *error = TextResponse(503, "The server cannot check the token now; try again later.")
                   .Set("Retry-After", "5");
    }
    return false;
  }
  if (int64_t wait = context.limiter.Admit(result->device.device_id); wait > 0) {
    context.metrics.Add("rate_limited");
    *error = TextResponse(429, "Too many requests from this device; wait and try again.")
                 .Set("Retry-After", std::to_string(wait));
    return false;
  }
  *principal = std::move(result).value();
  return true;
}

namespace {

// A JSON string literal: quotes, backslashes and control characters escaped.
std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (char c : text) {
    unsigned char u = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += c;
    } else if (u < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", u);
      out += buf;
    } else {
      out += c;
    }
  }
  return out + "\"";
}

bool NeedsToken(const HttpRequest& head) {
  if (head.path.rfind("/v1/sync", 0) == 0 || head.path.rfind("/v1/photo-status", 0) == 0) {
    return true;
  }
  return head.path.rfind("/v1/photos", 0) == 0 && head.method != "OPTIONS";
}

}  // namespace

std::optional<HttpResponse> CheckRequestHead(ApiContext& context, const HttpRequest& head) {
  auto limited = [&]() -> std::optional<HttpResponse> {
    if (context.anonymous_limiter == nullptr) return std::nullopt;
    int64_t wait = context.anonymous_limiter->Admit(head.remote);
    if (wait == 0) return std::nullopt;
    context.metrics.Add("rate_limited_anonymous");
    return TextResponse(429,
                        "Too many requests without a device token from this address; wait "
                        "and try again.")
        .Set("Retry-After", std::to_string(wait));
  };
  if (!NeedsToken(head)) return limited();
  auto header = head.Header("authorization");
  const std::string prefix = "Bearer ";
  if (header && header->compare(0, prefix.size(), prefix) == 0) {
    auto principal = context.directory.Authenticate(header->substr(prefix.size()));
    if (principal.ok()) return std::nullopt;
    if (principal.status().code() != core::Code::kUnauthenticated) {
      return TextResponse(503, "The server cannot check the token now; try again later.")
          .Set("Retry-After", "5");
    }
  }
  if (auto refused = limited()) return refused;
  HttpResponse r =
      TextResponse(401, header ? "The device token is unknown or revoked. Enrol the device again."
                               : "Send the device token as `Authorization: Bearer TOKEN`.")
          .Set("WWW-Authenticate", "Bearer");
  if (head.path.rfind("/v1/photo", 0) == 0) r.Set("Tus-Resumable", "1.0.0");
  return r;
}

Router BuildApiRouter(ApiContext& context) {
  Router router;
  router.Add("GET", "/v1/health", [&context](const HttpRequest&) {
    auto conn = context.storage.pool().Acquire();
    auto ok = conn->Query("SELECT 1");
    if (!ok.ok()) return TextResponse(503, "The database is not reachable.");
    HttpResponse r;
    r.Set("Content-Type", "application/json");
    r.body = "{\"status\":\"ok\",\"county\":" + JsonString(context.storage.identity().county_name) +
             "}\n";
    return r;
  });
  router.Add("GET", "/metrics", [&context](const HttpRequest&) {
    HttpResponse r;
    r.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.body = context.metrics.Render();
    // For an alert on backups older than a day: time() - this > 86400 (0: never backed up).
    auto conn = context.storage.pool().Acquire();
    auto last = LastBackupMs(*conn);
    if (last.ok()) {
      r.body +=
          "# HELP qiaomen_last_backup_timestamp_seconds When the last backup noted by the database "
          "was taken (0: none).\n# TYPE qiaomen_last_backup_timestamp_seconds gauge\n"
          "qiaomen_last_backup_timestamp_seconds " +
          std::to_string(*last / 1000) + "\n";
    }
    return r;
  });
  AddSyncRoutes(router, context);
  AddTusRoutes(router, context);
  return router;
}

}  // namespace qiaomen::server
