#include "photo_uploader.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <optional>
#include <string_view>

#include "qiaomen/base/base64.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/sha1.h"

namespace qiaomen::sync::internal {
namespace {

constexpr const char* kTusVersion = "1.0.0";

std::optional<int64_t> ParseOffset(const HttpResponse& resp) {
  auto header = resp.Header("upload-offset");
  if (!header) return std::nullopt;
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(header->data(), header->data() + header->size(), value);
  if (ec != std::errc() || ptr != header->data() + header->size() || value < 0) return std::nullopt;
  return value;
}

// Location may be absolute or a path on the server.
std::string ResolveLocation(const RunContext& run, const std::string& location) {
  if (location.starts_with("http://") || location.starts_with("https://")) return location;
  return run.Url(location.starts_with("/") ? location : "/" + location);
}

struct Upload {
  std::string url;
  int64_t offset = 0;
};

HttpRequest CreateRequest(RunContext& run, const PendingPhoto& photo) {
  return HttpRequest{.method = "POST",
                     .url = run.Url("/v1/photos"),
                     .headers = {{"Tus-Resumable", kTusVersion},
                                 {"Upload-Length", std::to_string(photo.size)},
                                 {"Upload-Metadata",
                                  "sha256 " + base::Base64Encode(photo.sha256_hex) + ",photo_id " +
                                      base::Base64Encode(base::HexEncode(photo.photo_id))}}};
}

core::Status Refused(const PendingPhoto& photo, const HttpResponse& resp) {
  return core::InvalidArgument("The county server refused photo " + photo.sha256_hex.substr(0, 12) +
                               " (HTTP " + std::to_string(resp.status) + ": " +
                               resp.body.substr(0, 200) + "); it stays on the device.");
}

// The upload named by a creation answer; offset -1 when the answer gave none.
core::Result<Upload> UploadOf(RunContext& run, const PendingPhoto& photo,
                              const HttpResponse& resp) {
  auto location = resp.Header("location");
  if (!location || location->empty()) {
    return core::Internal("The county server did not say where to upload photo " +
                          photo.sha256_hex.substr(0, 12) + "; update the server.");
  }
  Upload upload{.url = ResolveLocation(run, *location), .offset = -1};
  if (auto offset = ParseOffset(resp)) upload.offset = *offset;
  return upload;
}

core::Result<Upload> Create(RunContext& run, const PendingPhoto& photo) {
  QM_ASSIGN_OR_RETURN(HttpResponse resp,
                      run.SendWithRetry(CreateRequest(run, photo), "Starting a photo upload"));
  if (resp.status != 200 && resp.status != 201 && resp.status != 204) {
    return Refused(photo, resp);
  }
  return UploadOf(run, photo, resp);
}

core::Result<int64_t> AskOffset(RunContext& run, const std::string& url) {
  HttpRequest req{.method = "HEAD", .url = url, .headers = {{"Tus-Resumable", kTusVersion}}};
  QM_ASSIGN_OR_RETURN(HttpResponse resp,
                      run.SendWithRetry(req, "Asking how much of a photo arrived"));
  if (resp.status == 404 || resp.status == 410) return -1;  // expired: create again
  auto offset = ParseOffset(resp);
  if (resp.status / 100 != 2 || !offset) {
    return core::Internal("The county server gave no upload offset (HTTP " +
                          std::to_string(resp.status) + "); update the server.");
  }
  return *offset;
}

void AddChunkHeaders(HttpRequest& req, int64_t offset, const std::string& chunk) {
  req.headers.emplace_back("Upload-Offset", std::to_string(offset));
  req.headers.emplace_back("Content-Type", "application/offset+octet-stream");
  req.headers.emplace_back("Upload-Checksum", "sha1 " + base::Base64Encode(base::Sha1(chunk)));
}

constexpr size_t kStatusBatch = 500;

}  // namespace

core::Result<ServerPhotos> AskServerPhotos(RunContext& run,
                                           const std::vector<PendingPhoto>& photos) {
  ServerPhotos out;
  out.has.assign(photos.size(), ServerHas::kUnknown);
  for (size_t start = 0; start < photos.size(); start += kStatusBatch) {
    const size_t end = std::min(photos.size(), start + kStatusBatch);
    std::string body;
    for (size_t i = start; i < end; ++i) body += photos[i].sha256_hex + "\n";
    HttpRequest req{.method = "POST",
                    .url = run.Url("/v1/photo-status"),
                    .headers = {{"Tus-Resumable", kTusVersion}, {"Content-Type", "text/plain"}},
                    .body = std::move(body),
                    .gzip_body = run.config.gzip};
    QM_ASSIGN_OR_RETURN(HttpResponse resp,
                        run.SendWithRetry(std::move(req), "Asking which photos the server has"));
    // An older server (404, 405) or one that cannot answer now: every photo asks for itself.
    if (resp.status != 200) return ServerPhotos{.has = std::vector<ServerHas>(photos.size())};
    if (start == 0) {
      out.creation_with_upload =
          resp.Header("tus-extension").value_or("").find("creation-with-upload") !=
          std::string::npos;
    }
    // One line per photo asked, in order: "<hex> stored|none|partial <offset>".
    size_t pos = 0;
    for (size_t i = start; i < end && pos < resp.body.size(); ++i) {
      size_t eol = resp.body.find('\n', pos);
      if (eol == std::string::npos) eol = resp.body.size();
      std::string_view line(resp.body.data() + pos, eol - pos);
      pos = eol + 1;
      const std::string& hex = photos[i].sha256_hex;
      if (!line.starts_with(hex) || line.size() < hex.size() + 2) continue;
      std::string_view state = line.substr(hex.size() + 1);
      if (state == "stored") {
        out.has[i] = ServerHas::kWhole;
      } else if (state == "none") {
        out.has[i] = ServerHas::kNothing;
      } else if (state.starts_with("partial")) {
        out.has[i] = ServerHas::kPart;
      }
    }
  }
  return out;
}

int64_t ChunkSizer::NextChunkBytes() {
  std::lock_guard lock(mu_);
  if (bytes_per_ms_ <= 0) return config_.chunk_initial_bytes;
  auto wanted = static_cast<int64_t>(bytes_per_ms_ * static_cast<double>(config_.chunk_target_ms));
  return std::clamp(wanted, config_.chunk_min_bytes, config_.chunk_max_bytes);
}

void ChunkSizer::Observe(int64_t bytes, int64_t elapsed_ms) {
  double rate = static_cast<double>(bytes) / static_cast<double>(std::max<int64_t>(elapsed_ms, 1));
  std::lock_guard lock(mu_);
  bytes_per_ms_ = bytes_per_ms_ <= 0 ? rate : 0.5 * bytes_per_ms_ + 0.5 * rate;
  const auto elapsed = static_cast<double>(std::max<int64_t>(elapsed_ms, 1));
  exchange_ms_ = exchange_ms_ <= 0 ? elapsed : 0.75 * exchange_ms_ + 0.25 * elapsed;
}

int ChunkSizer::UploadsToFillTheLink(int64_t rtt_ms) {
  std::lock_guard lock(mu_);
  if (exchange_ms_ <= 0 || rtt_ms <= 0) return 0;
  const double sending = std::max(exchange_ms_ - static_cast<double>(rtt_ms), 1.0);
  return static_cast<int>(std::min(std::ceil(exchange_ms_ / sending), 64.0)) + 2;
}

int64_t ChunkSizer::BytesPerSecond() {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(bytes_per_ms_ * 1000);
}

core::Result<PhotoOutcome> UploadPhoto(RunContext& run, ChunkSizer& sizer,
                                       const PendingPhoto& photo, ServerHas has,
                                       bool creation_with_upload,
                                       const std::function<void(int64_t)>& on_bytes) {
  if (has == ServerHas::kWhole) {
    std::lock_guard lock(run.store_mu);
    QM_RETURN_IF_ERROR(run.deps.store.MarkPhotoUploaded(photo.photo_id));
    return PhotoOutcome::kAlreadyOnServer;
  }
  std::string data;
  bool data_loaded = false;
  bool sent_any = false;
  int checksum_failures = 0;
  // Whether this worker's last exchange went through: a cut right after progress is retried at
  // once (the link was working a moment ago), a second failure in a row waits for the backoff.
  bool progressed = true;
  auto load = [&]() -> core::Status {
    if (data_loaded) return core::Status::Ok();
    std::lock_guard lock(run.store_mu);
    QM_ASSIGN_OR_RETURN(data, run.deps.store.ReadPhoto(photo));
    data_loaded = true;
    if (static_cast<int64_t>(data.size()) != photo.size) {
      return core::Corruption("Photo " + photo.sha256_hex.substr(0, 12) + " on the device has " +
                              std::to_string(data.size()) + " bytes, not the " +
                              std::to_string(photo.size) + " recorded; it was not sent.");
    }
    return core::Status::Ok();
  };
  auto held = [&] { return run.config.photos_wifi_only && run.link() != LinkKind::kUnmetered; };
  auto count_sent = [&](int64_t n) {
    std::lock_guard lock(run.report_mu);
    run.report.photo_bytes_sent += n;
    sent_any = true;
  };
  auto count_resent = [&] {
    std::lock_guard lock(run.report_mu);
    ++run.report.chunks_resent;
  };
  auto wait_after = [&](const core::Status& why, std::optional<int64_t> retry_after,
                        bool link_failed) -> core::Status {
    if (progressed && link_failed) {
      progressed = false;
      return run.RetryAtOnce(why);
    }
    progressed = false;
    return run.WaitBeforeRetry(why, retry_after);
  };
  auto too_many_checksum_failures = [&] {
    return core::Corruption("Photo " + photo.sha256_hex.substr(0, 12) +
                            " failed its checksum three times in a row; the link corrupts "
                            "data. It stays on the device; try another network.");
  };

  bool send_first = creation_with_upload && has == ServerHas::kNothing;
  for (int creations = 0; creations < 3; ++creations) {
    Upload upload;
    if (send_first) {
      // creation-with-upload: the creation carries the first chunk.
      send_first = false;
      QM_RETURN_IF_ERROR(run.StopStatus());
      if (held()) return PhotoOutcome::kHeldForWifi;
      QM_RETURN_IF_ERROR(load());
      const int64_t n = std::min(sizer.NextChunkBytes(), photo.size);
      HttpRequest req = CreateRequest(run, photo);
      req.body = data.substr(0, static_cast<size_t>(n));
      AddChunkHeaders(req, 0, req.body);
      std::optional<int64_t> retry_after;
      bool link_failed = false;
      auto resp = run.SendOnce(std::move(req), "Sending a photo", &retry_after, &link_failed);
      count_sent(n);
      if (!resp.ok()) {
        if (!IsTransientNetworkError(resp.status())) return resp.status();
        QM_RETURN_IF_ERROR(wait_after(resp.status(), retry_after, link_failed));
        // Whether the server created the upload and kept the chunk is unknown: create without a
        // body, which says where the upload stands.
        QM_ASSIGN_OR_RETURN(upload, Create(run, photo));
        if (upload.offset < 0) {
          QM_ASSIGN_OR_RETURN(upload.offset, AskOffset(run, upload.url));
        }
        if (upload.offset < 0) continue;
        if (upload.offset < n) count_resent();
      } else if (resp->status == 201 || resp->status == 460) {
        QM_ASSIGN_OR_RETURN(upload, UploadOf(run, photo, *resp));
        if (resp->status == 460) {
          ++checksum_failures;
          count_resent();
        } else {
          run.ResetBackoff();
          progressed = true;
          sizer.Observe(n, resp->elapsed_ms);
        }
        if (upload.offset < 0) {
          QM_ASSIGN_OR_RETURN(upload.offset, AskOffset(run, upload.url));
        }
        if (upload.offset < 0) continue;
      } else {
        return Refused(photo, *resp);
      }
      if (upload.offset >= photo.size && n < photo.size) {
        sent_any = false;  // the whole photo arrived from elsewhere first: our chunk was dropped
      } else if (upload.offset > 0) {
        on_bytes(std::min(upload.offset, photo.size));
      }
    } else {
      QM_ASSIGN_OR_RETURN(upload, Create(run, photo));
      if (upload.offset < 0) {
        QM_ASSIGN_OR_RETURN(upload.offset, AskOffset(run, upload.url));
        if (upload.offset < 0) continue;
      }
    }
    while (upload.offset < photo.size) {
      QM_RETURN_IF_ERROR(run.StopStatus());
      if (held()) return PhotoOutcome::kHeldForWifi;
      QM_RETURN_IF_ERROR(load());
      const int64_t n = std::min(sizer.NextChunkBytes(), photo.size - upload.offset);
      HttpRequest req{
          .method = "PATCH",
          .url = upload.url,
          .headers = {{"Tus-Resumable", kTusVersion}},
          .body = data.substr(static_cast<size_t>(upload.offset), static_cast<size_t>(n))};
      AddChunkHeaders(req, upload.offset, req.body);
      std::optional<int64_t> retry_after;
      bool link_failed = false;
      auto resp = run.SendOnce(std::move(req), "Sending a photo", &retry_after, &link_failed);
      count_sent(n);
      const int64_t before = upload.offset;
      bool ask = false;
      if (!resp.ok()) {
        if (!IsTransientNetworkError(resp.status())) return resp.status();
        QM_RETURN_IF_ERROR(wait_after(resp.status(), retry_after, link_failed));
        ask = true;
      } else if (resp->status == 204 || resp->status == 200) {
        run.ResetBackoff();
        progressed = true;
        checksum_failures = 0;
        sizer.Observe(n, resp->elapsed_ms);
        upload.offset = ParseOffset(*resp).value_or(before + n);
        on_bytes(upload.offset - before);
        continue;
      } else if (resp->status == 409) {
        ask = true;  // our idea of the offset was stale (a response lost after the server kept it)
      } else if (resp->status == 460) {
        if (++checksum_failures >= 3) return too_many_checksum_failures();
        count_resent();
        continue;
      } else if (resp->status == 404 || resp->status == 410) {
        break;  // the server forgot the upload: create it again
      } else {
        return core::InvalidArgument(
            "The county server refused a part of photo " + photo.sha256_hex.substr(0, 12) +
            " (HTTP " + std::to_string(resp->status) + ": " + resp->body.substr(0, 200) + ").");
      }
      if (ask) {
        QM_ASSIGN_OR_RETURN(int64_t offset, AskOffset(run, upload.url));
        if (offset < 0) break;
        if (offset < before + n) count_resent();
        if (offset > before) on_bytes(offset - before);
        upload.offset = offset;
      }
    }
    if (upload.offset >= photo.size) {
      {
        std::lock_guard lock(run.store_mu);
        QM_RETURN_IF_ERROR(run.deps.store.MarkPhotoUploaded(photo.photo_id));
      }
      return sent_any ? PhotoOutcome::kUploaded : PhotoOutcome::kAlreadyOnServer;
    }
  }
  return core::Unavailable("The county server kept forgetting the upload of photo " +
                           photo.sha256_hex.substr(0, 12) + "; sync will try again later.");
}

}  // namespace qiaomen::sync::internal
