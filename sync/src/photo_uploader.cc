#include "photo_uploader.h"

#include <algorithm>
#include <charconv>

#include "encoding.h"

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

core::Result<Upload> Create(RunContext& run, const PendingPhoto& photo) {
  HttpRequest req{
      .method = "POST",
      .url = run.Url("/v1/photos"),
      .headers = {{"Tus-Resumable", kTusVersion},
                  {"Upload-Length", std::to_string(photo.size)},
                  {"Upload-Metadata", "sha256 " + Base64Encode(photo.sha256_hex) + ",photo_id " +
                                          Base64Encode(HexEncode(photo.photo_id))}}};
  QM_ASSIGN_OR_RETURN(HttpResponse resp, run.SendWithRetry(req, "Starting a photo upload"));
  if (resp.status != 200 && resp.status != 201 && resp.status != 204) {
    return core::InvalidArgument("The county server refused photo " +
                                 photo.sha256_hex.substr(0, 12) + " (HTTP " +
                                 std::to_string(resp.status) + ": " + resp.body.substr(0, 200) +
                                 "); it stays on the device.");
  }
  auto location = resp.Header("location");
  if (!location || location->empty()) {
    return core::Internal("The county server did not say where to upload photo " +
                          photo.sha256_hex.substr(0, 12) + "; update the server.");
  }
  Upload upload{.url = ResolveLocation(run, *location), .offset = -1};
  if (auto offset = ParseOffset(resp)) upload.offset = *offset;
  return upload;
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

}  // namespace

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
}

int64_t ChunkSizer::BytesPerSecond() {
  std::lock_guard lock(mu_);
  return static_cast<int64_t>(bytes_per_ms_ * 1000);
}

core::Result<PhotoOutcome> UploadPhoto(RunContext& run, ChunkSizer& sizer,
                                       const PendingPhoto& photo,
                                       const std::function<void(int64_t)>& on_bytes) {
  std::string data;
  bool data_loaded = false;
  bool sent_any = false;
  int checksum_failures = 0;
  for (int creations = 0; creations < 3; ++creations) {
    QM_ASSIGN_OR_RETURN(Upload upload, Create(run, photo));
    if (upload.offset < 0) {
      QM_ASSIGN_OR_RETURN(upload.offset, AskOffset(run, upload.url));
      if (upload.offset < 0) continue;
    }
    while (upload.offset < photo.size) {
      QM_RETURN_IF_ERROR(run.StopStatus());
      if (run.config.photos_wifi_only && run.link() != LinkKind::kUnmetered) {
        return PhotoOutcome::kHeldForWifi;
      }
      if (!data_loaded) {
        std::lock_guard lock(run.store_mu);
        QM_ASSIGN_OR_RETURN(data, run.deps.store.ReadPhoto(photo));
        data_loaded = true;
        if (static_cast<int64_t>(data.size()) != photo.size) {
          return core::Corruption("Photo " + photo.sha256_hex.substr(0, 12) +
                                  " on the device has " + std::to_string(data.size()) +
                                  " bytes, not the " + std::to_string(photo.size) +
                                  " recorded; it was not sent.");
        }
      }
      const int64_t n = std::min(sizer.NextChunkBytes(), photo.size - upload.offset);
      std::string chunk = data.substr(static_cast<size_t>(upload.offset), static_cast<size_t>(n));
      HttpRequest req{.method = "PATCH",
                      .url = upload.url,
                      .headers = {{"Tus-Resumable", kTusVersion},
                                  {"Upload-Offset", std::to_string(upload.offset)},
                                  {"Content-Type", "application/offset+octet-stream"},
                                  {"Upload-Checksum", "sha1 " + Base64Encode(Sha1(chunk))}},
                      .body = std::move(chunk)};
      std::optional<int64_t> retry_after;
      auto resp = run.SendOnce(std::move(req), "Sending a photo", &retry_after);
      {
        std::lock_guard lock(run.report_mu);
        run.report.photo_bytes_sent += n;
      }
      sent_any = true;
      const int64_t before = upload.offset;
      bool ask = false;
      if (!resp.ok()) {
        if (!IsTransientNetworkError(resp.status())) return resp.status();
        QM_RETURN_IF_ERROR(run.WaitBeforeRetry(resp.status(), retry_after));
        ask = true;
      } else if (resp->status == 204 || resp->status == 200) {
        run.ResetBackoff();
        checksum_failures = 0;
        sizer.Observe(n, resp->elapsed_ms);
        upload.offset = ParseOffset(*resp).value_or(before + n);
        on_bytes(upload.offset - before);
        continue;
      } else if (resp->status == 409) {
        ask = true;  // our idea of the offset was stale (a response lost after the server kept it)
      } else if (resp->status == 460) {
        if (++checksum_failures >= 3) {
          return core::Corruption("Photo " + photo.sha256_hex.substr(0, 12) +
                                  " failed its checksum three times in a row; the link corrupts "
                                  "data. It stays on the device; try another network.");
        }
        std::lock_guard lock(run.report_mu);
        ++run.report.chunks_resent;
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
        if (offset < before + n) {
          std::lock_guard lock(run.report_mu);
          ++run.report.chunks_resent;
        }
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
