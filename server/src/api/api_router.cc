#include "qiaomen/server/api.h"

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

Router BuildApiRouter(ApiContext& context) {
  Router router;
  router.Add("GET", "/v1/health", [&context](const HttpRequest&) {
    auto conn = context.storage.pool().Acquire();
    auto ok = conn->Query("SELECT 1");
    if (!ok.ok()) return TextResponse(503, "The database is not reachable.");
    HttpResponse r;
    r.Set("Content-Type", "application/json");
    r.body = "{\"status\":\"ok\",\"county\":\"" + context.storage.identity().county_name + "\"}\n";
    return r;
  });
  router.Add("GET", "/metrics", [&context](const HttpRequest&) {
    HttpResponse r;
    r.Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    r.body = context.metrics.Render();
    return r;
  });
  AddSyncRoutes(router, context);
  AddTusRoutes(router, context);
  return router;
}

}  // namespace qiaomen::server
