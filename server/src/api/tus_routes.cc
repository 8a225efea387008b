// tus 1.0.0 under /v1/photos/: core, creation, checksum (sha1, sha256), expiration.
// The upload URL is /v1/photos/<sha256 hex>, so creating the same photo twice finds the same
// upload.
#include <ctime>

#include "qiaomen/server/api.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

constexpr const char* kTusVersion = "1.0.0";
constexpr const char* kPrefix = "/v1/photos/";

std::string HttpDate(int64_t ms) {
  std::time_t t = static_cast<std::time_t>(ms / 1000);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%a, %d %b %Y %H:%M:%S GMT", &tm);
  return buf;
}

HttpResponse Tus(HttpResponse r) {
  r.Set("Tus-Resumable", kTusVersion);
  r.Set("Cache-Control", "no-store");
  return r;
}

HttpResponse TusText(int status, std::string text) {
  return Tus(TextResponse(status, std::move(text)));
}

void SetState(HttpResponse& r, const UploadState& state) {
  r.Set("Upload-Offset", std::to_string(state.offset));
  r.Set("Upload-Length", std::to_string(state.length));
  if (!state.complete && state.expires_ms > 0) r.Set("Upload-Expires", HttpDate(state.expires_ms));
}

bool ParseInt(const std::string& text, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  int64_t v = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *out = v;
  return true;
}

// The sha256 from Upload-Metadata ("key base64,key base64"): base64 of the 64 hex digits or of
// the 32 raw bytes. Empty when absent or malformed.
std::string Sha256FromMetadata(const std::string& metadata) {
  size_t start = 0;
  while (start <= metadata.size()) {
    size_t end = metadata.find(',', start);
    std::string pair = metadata.substr(start, end == std::string::npos ? end : end - start);
    while (!pair.empty() && pair.front() == ' ') pair.erase(0, 1);
    size_t space = pair.find(' ');
    if (pair.substr(0, space) == "sha256" && space != std::string::npos) {
      auto value = Base64Decode(pair.substr(space + 1));
      if (!value) return "";
      if (value->size() == 32) return HexEncode(*value);
      std::string hex = *value;
      for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return IsSha256Hex(hex) ? hex : "";
    }
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return "";
}

// Checks the Tus-Resumable header; fills a 412 otherwise.
bool CheckVersion(const HttpRequest& request, HttpResponse* error) {
  auto v = request.Header("tus-resumable");
  if (v && *v == kTusVersion) return true;
  *error = TusText(412, "Send Tus-Resumable: 1.0.0.").Set("Tus-Version", kTusVersion);
  return false;
}

std::string UploadId(const HttpRequest& request) {
  std::string id = request.path.substr(std::string(kPrefix).size());
  return id;
}

HttpResponse Create(ApiContext& context, const HttpRequest& request, const Principal& principal) {
  if (request.Header("upload-defer-length")) {
    return TusText(400, "Upload-Defer-Length is not supported: send Upload-Length.");
  }
  int64_t length = 0;
  auto length_header = request.Header("upload-length");
  if (!length_header || !ParseInt(*length_header, &length)) {
    return TusText(400, "Upload-Length is required and must be a whole number.");
  }
  if (length > BlobStore::kMaxBlobBytes) {
    return TusText(413, "The photo is larger than " + std::to_string(BlobStore::kMaxBlobBytes) +
                            " bytes.")
        .Set("Tus-Max-Size", std::to_string(BlobStore::kMaxBlobBytes));
  }
  std::string metadata = request.Header("upload-metadata").value_or("");
  std::string hex = Sha256FromMetadata(metadata);
  if (hex.empty()) {
    return TusText(400, "Upload-Metadata must carry `sha256 <base64 of the hex or raw digest>`.");
  }
  auto state = context.blobs.Create(hex, length, principal.device.device_id, metadata);
  if (!state.ok()) {
    return TusText(state.status().code() == core::Code::kInvalidArgument ? 400 : 503,
                   state.status().message());
  }
  HttpResponse r = Tus(HttpResponse{});
  r.status = 201;
  r.Set("Location", std::string(kPrefix) + hex);
  SetState(r, *state);
  return r;
}

HttpResponse Patch(ApiContext& context, const HttpRequest& request) {
  auto type = request.Header("content-type");
  if (!type || type->substr(0, type->find(';')) != "application/offset+octet-stream") {
    return TusText(415, "PATCH bodies must be Content-Type: application/offset+octet-stream.");
  }
  int64_t offset = 0;
  auto offset_header = request.Header("upload-offset");
  if (!offset_header || !ParseInt(*offset_header, &offset)) {
    return TusText(400, "Upload-Offset is required and must be a whole number.");
  }
  if (auto checksum = request.Header("upload-checksum")) {
    size_t space = checksum->find(' ');
    std::string algorithm = checksum->substr(0, space);
    auto expected =
        space == std::string::npos ? std::nullopt : Base64Decode(checksum->substr(space + 1));
    if (!expected || (algorithm != "sha1" && algorithm != "sha256")) {
      return TusText(400, "Upload-Checksum must be `sha1 <base64>` or `sha256 <base64>`.");
    }
    std::string actual = algorithm == "sha1" ? Sha1(request.body) : Sha256(request.body);
    if (!ConstantTimeEquals(actual, *expected)) {
      context.metrics.Add("tus_checksum_mismatch");
      return TusText(460, "Checksum Mismatch: the chunk was not stored; send it again.");
    }
  }
  auto state = context.blobs.Append(UploadId(request), offset, request.body);
  if (!state.ok()) {
    switch (state.status().code()) {
      case core::Code::kNotFound:
        return TusText(404, state.status().message());
      case core::Code::kFailedPrecondition:
        return TusText(409, state.status().message());
      case core::Code::kInvalidArgument:
        return TusText(400, state.status().message());
      case core::Code::kCorruption:
        context.metrics.Add("tus_sha256_mismatch");
        return TusText(460, state.status().message());
      default:
        return TusText(500, state.status().message());
    }
  }
  if (state->complete) context.metrics.Add("blobs_committed");
  HttpResponse r = Tus(HttpResponse{});
  r.status = 204;
  SetState(r, *state);
  return r;
}

}  // namespace

void AddTusRoutes(Router& router, ApiContext& context) {
  auto options = [](const HttpRequest&) {
    HttpResponse r = Tus(HttpResponse{});
    r.status = 204;
    r.Set("Tus-Version", kTusVersion);
    r.Set("Tus-Extension", "creation,checksum,expiration");
    r.Set("Tus-Checksum-Algorithm", "sha1,sha256");
    r.Set("Tus-Max-Size", std::to_string(BlobStore::kMaxBlobBytes));
    return r;
  };
  router.Add("OPTIONS", "/v1/photos/*", options);
  router.Add("OPTIONS", "/v1/photos", options);
  auto create = [&context](const HttpRequest& request) {
    HttpResponse error;
    Principal principal;
    if (!AuthorizeRequest(context, request, &principal, &error)) return Tus(error);
    if (!CheckVersion(request, &error)) return error;
    if (request.path != kPrefix && request.path != "/v1/photos") {
      return TusText(405, "Create uploads with POST /v1/photos/.");
    }
    return Create(context, request, principal);
  };
  router.Add("POST", "/v1/photos/*", create);
  router.Add("POST", "/v1/photos", create);
  router.Add("HEAD", "/v1/photos/*", [&context](const HttpRequest& request) {
    HttpResponse error;
    Principal principal;
    if (!AuthorizeRequest(context, request, &principal, &error)) return Tus(error);
    if (!CheckVersion(request, &error)) return error;
    auto state = context.blobs.Get(UploadId(request));
    if (!state.ok()) return TusText(404, state.status().message());
    HttpResponse r = Tus(HttpResponse{});
    SetState(r, *state);
    return r;
  });
  router.Add("PATCH", "/v1/photos/*", [&context](const HttpRequest& request) {
    HttpResponse error;
    Principal principal;
    if (!AuthorizeRequest(context, request, &principal, &error)) return Tus(error);
    if (!CheckVersion(request, &error)) return error;
    return Patch(context, request);
  });
}

}  // namespace qiaomen::server
