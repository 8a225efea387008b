// tus 1.0.0 under /v1/photos/: core, creation, creation-with-upload, checksum (sha1, sha256),
// expiration. The upload URL is /v1/photos/<sha256 hex>, so creating the same photo twice finds
// the same upload. Outside tus, POST /v1/photo-status answers for many photos at once what the
// server holds of each, so a device sends no byte of a photo the county already has.

#include "qiaomen/base/base64.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/http_date.h"
#include "qiaomen/base/sha1.h"
#include "qiaomen/server/api.h"
#include "util/bytes.h"
#include "util/crash_points.h"

namespace qiaomen::server {
namespace {

constexpr const char* kTusVersion = "1.0.0";
constexpr const char* kPrefix = "/v1/photos/";
constexpr const char* kTusExtensions = "creation,creation-with-upload,checksum,expiration";

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
  if (!state.complete && state.expires_ms > 0)
    r.Set("Upload-Expires", base::FormatHttpDate(state.expires_ms));
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
      auto value = base::Base64Decode(pair.substr(space + 1));
      if (!value) return "";
      if (value->size() == 32) return base::HexEncode(*value);
      std::string hex = *value;
      for (char& c : hex) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      return base::IsLowerHex(hex, 32) ? hex : "";
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

// Checks Upload-Checksum (when sent) against the body. Fills a 400 (malformed) or a 460 (the body
// is not what the device sent) otherwise.
bool CheckChecksum(ApiContext& context, const HttpRequest& request, HttpResponse* error) {
  auto checksum = request.Header("upload-checksum");
  if (!checksum) return true;
  size_t space = checksum->find(' ');
  std::string algorithm = checksum->substr(0, space);
  auto expected =
      space == std::string::npos ? std::nullopt : base::Base64Decode(checksum->substr(space + 1));
  if (!expected || (algorithm != "sha1" && algorithm != "sha256")) {
    *error = TusText(400, "Upload-Checksum must be `sha1 <base64>` or `sha256 <base64>`.");
    return false;
  }
  std::string actual = algorithm == "sha1" ? base::Sha1(request.body) : Sha256(request.body);
  if (!ConstantTimeEquals(actual, *expected)) {
    context.metrics.Add("tus_checksum_mismatch");
    *error = TusText(460, "Checksum Mismatch: the chunk was not stored; send it again.");
    return false;
  }
  return true;
}

bool IsChunkType(const HttpRequest& request) {
  auto type = request.Header("content-type");
  return type && type->substr(0, type->find(';')) == "application/offset+octet-stream";
}

// The answer to a failed Append, as tus statuses.
HttpResponse AppendError(ApiContext& context, const core::Status& status) {
  switch (status.code()) {
    case core::Code::kNotFound:
      return TusText(404, status.message());
    case core::Code::kFailedPrecondition:
      return TusText(409, status.message());
    case core::Code::kInvalidArgument:
      return TusText(400, status.message());
    case core::Code::kCorruption:
      context.metrics.Add("tus_sha256_mismatch");
      return TusText(460, status.message());
    default:
      return TusText(500, status.message());
  }
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
  if (!request.body.empty() && !IsChunkType(request)) {
    return TusText(415,
                   "A body sent with the creation must be Content-Type: "
                   "application/offset+octet-stream.");
  }
  const std::string& device = principal.device.device_id;
  auto state = context.blobs.Create(hex, length, device, metadata);
  if (!state.ok()) {
    switch (state.status().code()) {
      case core::Code::kInvalidArgument:
        return TusText(400, state.status().message());
      case core::Code::kResourceExhausted:
        context.metrics.Add("tus_quota_exceeded");
        return TusText(429, state.status().message()).Set("Retry-After", "60");
      default:
        return TusText(503, state.status().message()).Set("Retry-After", "5");
    }
  }
  const std::string location = std::string(kPrefix) + hex;
  if (!request.body.empty()) {
    // creation-with-upload: the body is the upload's first bytes, from offset 0. Nothing of it is
    // kept unless it passes its checksum and the upload is still at offset 0: a photo the server
    // already holds (whole or in part) keeps what it has, and the answer's Upload-Offset says
    // where the device goes on.
    HttpResponse error;
    if (state->complete || state->offset != 0) {
      context.metrics.Add("tus_creation_body_ignored");
    } else if (!CheckChecksum(context, request, &error)) {
      SetState(error, *state);
      return error.Set("Location", location);
    } else {
      auto appended = context.blobs.Append(hex, device, 0, request.body);
      if (!appended.ok()) {
        if (appended.status().code() != core::Code::kFailedPrecondition) {
          HttpResponse r = AppendError(context, appended.status()).Set("Location", location);
          if (auto now = context.blobs.Get(hex, device); now.ok()) SetState(r, *now);
          return r;
        }
        // Another request moved the offset in between: keep its bytes, say where it is now.
        context.metrics.Add("tus_creation_body_ignored");
        appended = context.blobs.Get(hex, device);
        if (!appended.ok()) return AppendError(context, appended.status());
      } else if (appended->complete) {
        context.metrics.Add("blobs_committed");
      }
      state = std::move(appended);
    }
  }
  HttpResponse r = Tus(HttpResponse{});
  r.status = 201;
  r.Set("Location", location);
  SetState(r, *state);
  return r;
}

// POST /v1/photo-status: the body lists sha256 hex digests, one a line (at most
// kMaxStatusLines); the answer has one line for each, in order: `<hex> stored` (the server has the
// whole photo), `<hex> partial <offset>` (an upload holds that many bytes) or `<hex> none`.
constexpr int kMaxStatusLines = 1000;

HttpResponse PhotoStatus(ApiContext& context, const HttpRequest& request,
                         const Principal& principal) {
  std::string out;
  int lines = 0;
  size_t start = 0;
  while (start < request.body.size()) {
    size_t end = request.body.find('\n', start);
    if (end == std::string::npos) end = request.body.size();
    std::string hex = request.body.substr(start, end - start);
    start = end + 1;
    if (!hex.empty() && hex.back() == '\r') hex.pop_back();
    if (hex.empty()) continue;
    if (!base::IsLowerHex(hex, 32)) {
      return TusText(400, "Each line must be a sha256 as 64 lower-case hex digits.");
    }
    if (++lines > kMaxStatusLines) {
      return TusText(
          413, "Ask for at most " + std::to_string(kMaxStatusLines) + " photos in one request.");
    }
    // Only the device's own uploads and photos its scope references (or it uploaded): nobody
    // learns what other devices hold.
    auto state = context.blobs.Lookup(hex, principal.device.device_id, principal.worker.scope);
    if (!state.ok()) {
      if (state.status().code() != core::Code::kNotFound) {
        return TusText(503, state.status().message()).Set("Retry-After", "5");
      }
      out += hex + " none\n";
    } else if (state->complete) {
      out += hex + " stored\n";
    } else {
      out += hex + " partial " + std::to_string(state->offset) + "\n";
    }
  }
  HttpResponse r = Tus(HttpResponse{});
  r.status = 200;
  r.body = std::move(out);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  r.Set("Tus-Extension", kTusExtensions);
  return r;
}

HttpResponse Patch(ApiContext& context, const HttpRequest& request, const Principal& principal) {
  if (!IsChunkType(request)) {
    return TusText(415, "PATCH bodies must be Content-Type: application/offset+octet-stream.");
  }
  int64_t offset = 0;
  auto offset_header = request.Header("upload-offset");
  if (!offset_header || !ParseInt(*offset_header, &offset)) {
    return TusText(400, "Upload-Offset is required and must be a whole number.");
  }
  HttpResponse error;
  if (!CheckChecksum(context, request, &error)) return error;
  // Only to the device's own upload: what another device sends never touches it.
  auto state =
      context.blobs.Append(UploadId(request), principal.device.device_id, offset, request.body);
  if (!state.ok()) return AppendError(context, state.status());
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
    r.Set("Tus-Extension", kTusExtensions);
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
    crash_points::PathScope crash_path("tus");
    HttpResponse r = Create(context, request, principal);
    crash_points::Step("answer");
    return r;
  };
  router.Add("POST", "/v1/photo-status", [&context](const HttpRequest& request) {
    HttpResponse error;
    Principal principal;
    if (!AuthorizeRequest(context, request, &principal, &error)) return Tus(error);
    if (!CheckVersion(request, &error)) return error;
    return PhotoStatus(context, request, principal);
  });
  router.Add("POST", "/v1/photos/*", create);
  router.Add("POST", "/v1/photos", create);
  router.Add("HEAD", "/v1/photos/*", [&context](const HttpRequest& request) {
    HttpResponse error;
    Principal principal;
    if (!AuthorizeRequest(context, request, &principal, &error)) return Tus(error);
    if (!CheckVersion(request, &error)) return error;
    auto state =
        context.blobs.Lookup(UploadId(request), principal.device.device_id, principal.worker.scope);
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
    crash_points::PathScope crash_path("tus");
    HttpResponse r = Patch(context, request, principal);
    crash_points::Step("answer");
    return r;
  });
}

}  // namespace qiaomen::server
