// POST /v1/enroll and POST /v1/sync: protobuf bodies in both directions.
#include "qiaomen/server/api.h"
#include "qiaomen/v1/sync.pb.h"
#include "util/crash_points.h"

namespace qiaomen::server {
namespace {

constexpr const char* kProtobuf = "application/x-protobuf";
// The app sends batches of 500; a batch is one transaction, so its size is capped.
constexpr int kMaxChangesPerSync = 2000;

// 400 unless the body is declared as protobuf.
bool CheckContentType(const HttpRequest& request, HttpResponse* error) {
  auto type = request.Header("content-type");
  std::string base = type ? type->substr(0, type->find(';')) : "";
  while (!base.empty() && base.back() == ' ') base.pop_back();
  if (base != kProtobuf) {
    *error = TextResponse(400, "The body must be sent as Content-Type: application/x-protobuf.");
    return false;
  }
  return true;
}

HttpResponse ProtobufResponse(const google::protobuf::Message& message) {
  HttpResponse r;
  r.Set("Content-Type", kProtobuf);
  r.Set("Cache-Control", "no-store");
  r.body = message.SerializeAsString();
  return r;
}

int HttpStatusOf(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kInvalidArgument:
      return 400;
    case core::Code::kUnauthenticated:
      return 401;
    case core::Code::kPermissionDenied:
      return 403;
    case core::Code::kNotFound:
      return 404;
    case core::Code::kAlreadyExists:
      return 409;
    case core::Code::kResourceExhausted:
      return 429;
    case core::Code::kUnavailable:
    case core::Code::kAborted:
    case core::Code::kDeadlineExceeded:
      return 503;
    default:
      return 500;
  }
}

HttpResponse ErrorResponse(const core::Status& s) {
  HttpResponse r = TextResponse(HttpStatusOf(s), s.message());
  if (r.status == 503) r.Set("Retry-After", "5");
  return r;
}

}  // namespace

void AddSyncRoutes(Router& router, ApiContext& context) {
  router.Add("POST", "/v1/enroll", [&context](const HttpRequest& request) {
    HttpResponse error;
    if (!CheckContentType(request, &error)) return error;
    v1::EnrollRequest enroll;
    if (!enroll.ParseFromString(request.body)) {
      return TextResponse(400, "The body is not an EnrollRequest.");
    }
    // Re-enrolling an enrolled device id needs its current token.
    std::string current_token;
    if (auto auth = request.Header("authorization"); auth && auth->rfind("Bearer ", 0) == 0) {
      current_token = auth->substr(7);
    }
    Worker worker;
    core::Result<std::string> token = core::Internal("not enrolled yet");
    {
      crash_points::PathScope crash_path("enrol");
      token =
          context.directory.Enroll(enroll.code(), enroll.device_id(), enroll.device_public_key(),
                                   enroll.device_name(), current_token, &worker);
      if (token.ok()) crash_points::Step("answer");  // enrolled, the answer not sent yet
    }
    if (!token.ok()) return ErrorResponse(token.status());
    context.metrics.Add("devices_enrolled");
    v1::EnrollResponse out;
    out.set_token(*token);
    out.set_worker_id(worker.id);
    out.set_worker_name(worker.name);
    out.set_role(worker.role);
    out.set_scope(worker.scope.ToString());
    out.set_server_id(context.storage.identity().server_id);
    out.set_county_name(context.storage.identity().county_name);
    out.set_county_time_zone(context.storage.identity().county_time_zone);
    out.set_county_bundle_key(context.storage.identity().bundle_public_key);
    return ProtobufResponse(out);
  });

  router.Add("POST", "/v1/sync", [&context](const HttpRequest& request) {
    HttpResponse error;
    Principal principal;
    if (!AuthorizeRequest(context, request, &principal, &error)) return error;
    if (!CheckContentType(request, &error)) return error;
    v1::SyncRequest sync;
    if (!sync.ParseFromString(request.body)) {
      return TextResponse(400, "The body is not a SyncRequest.");
    }
    if (sync.changes_size() > kMaxChangesPerSync) {
      return TextResponse(413, "Send at most " + std::to_string(kMaxChangesPerSync) +
                                   " changes in one sync request; send the rest in the next.");
    }
    auto response = context.sync.Sync(principal, sync);
    if (!response.ok()) return ErrorResponse(response.status());
    return ProtobufResponse(*response);
  });
}

}  // namespace qiaomen::server
