#pragma once
// The /v1 HTTP API and its routing table: health, metrics, enrolment, sync and tus photo upload.

#include <optional>

#include "qiaomen/core/clock.h"
#include "qiaomen/server/blob_store.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/http.h"
#include "qiaomen/server/metrics.h"
#include "qiaomen/server/rate_limiter.h"
#include "qiaomen/server/storage.h"
#include "qiaomen/server/sync_service.h"

namespace qiaomen::server {

// What the handlers share. Everything must outlive the router built from it.
struct ApiContext {
  Storage& storage;
  core::Clock& clock;
  Metrics& metrics;
  Directory& directory;
  SyncService& sync;
  BlobStore& blobs;
  RateLimiter& limiter;
  // Requests without a valid token (enrolment, health, bad tokens, unknown paths), keyed by the
  // peer address. Null: not limited.
  RateLimiter* anonymous_limiter = nullptr;
};

// The routing table of the county server.
Router BuildApiRouter(ApiContext& context);

// Handler groups, each in its own file.
void AddSyncRoutes(Router& router, ApiContext& context);
void AddTusRoutes(Router& router, ApiContext& context);

// Checks a request from its header alone, before its body is read: a request to the sync or photo
// API without a valid token is answered 401 at once, and requests without a valid token are
// limited per address (429). Nullopt when the body may be read.
std::optional<HttpResponse> CheckRequestHead(ApiContext& context, const HttpRequest& head);

// Authenticates the bearer token and applies the rate limit. On failure returns false and fills
// `error` with the 401 or 429 response.
bool AuthorizeRequest(ApiContext& context, const HttpRequest& request, Principal* principal,
                      HttpResponse* error);

}  // namespace qiaomen::server
