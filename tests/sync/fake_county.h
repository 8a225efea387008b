#pragma once
// An in-memory county server behind the Transport interface, for engine unit tests: POST /v1/sync
// (per-device applied-through, a change log pulled by cursor, an epoch), tus photo uploads (create
// by sha256, HEAD, PATCH with sha1 checksums; 409 and 460 as the standard says) and fault
// injection before or after a request is processed. Thread-safe (one mutex).

#include <sodium.h>

#include <functional>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <vector>

#include "qiaomen/base/base64.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/sha1.h"
#include "qiaomen/sync/transport.h"
#include "qiaomen/v1/sync.pb.h"

namespace qiaomen::sync::testing {

inline std::string Sha256Hex(std::string_view data) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return base::HexEncode(std::string_view(reinterpret_cast<char*>(digest), sizeof(digest)));
}

struct Fault {
  enum class Kind { kNone, kFailBefore, kDropAfter, kStatus, kTimeout };
  Kind kind = Kind::kNone;
  int status = 0;
  HttpHeaders headers{};
};

class FakeCounty : public Transport {
 public:
  struct Upload {
    int64_t length = 0;
    std::string bytes;
  };

  core::Result<HttpResponse> Send(const HttpRequest& request) override {
    std::lock_guard lock(mu);
    requests.push_back(request);
    const int index = static_cast<int>(requests.size()) - 1;
    if (request.cancel != nullptr && request.cancel->cancelled()) {
      return core::Cancelled("cancelled");
    }
    if (on_request) on_request(request, index);
    Fault f = fault ? fault(request, index) : Fault{};
    if (f.kind == Fault::Kind::kFailBefore) return core::Unavailable("connection reset (test)");
    if (f.kind == Fault::Kind::kTimeout) return core::DeadlineExceeded("stalled (test)");
    if (f.kind == Fault::Kind::kStatus) {
      return HttpResponse{.status = f.status, .headers = f.headers, .body = "refused (test)"};
    }
    if (send_twice) Handle(request);
    HttpResponse resp = Handle(request);
    resp.bytes_sent = static_cast<int64_t>(request.body.size()) + 200;
    resp.bytes_received = static_cast<int64_t>(resp.body.size()) + 150;
    resp.elapsed_ms =
        rtt_ms + (bytes_per_ms > 0 ? static_cast<int64_t>(request.body.size()) / bytes_per_ms : 0);
    if (f.kind == Fault::Kind::kDropAfter) return core::Unavailable("response lost (test)");
    return resp;
  }

  int CountRequests(const std::string& method, const std::string& path_part) {
    std::lock_guard lock(mu);
    int n = 0;
    for (const auto& r : requests) {
      n += r.method == method && r.url.find(path_part) != std::string::npos;
    }
    return n;
  }

  // --- server state (public for tests to inspect and shape) ---
  std::mutex mu;
  std::string token = "secret";
  std::string epoch = "epoch-1";
  std::map<std::string, uint64_t> applied;  // device id -> highest contiguous seq
  std::vector<v1::Change> log;              // every change applied, in order
  std::set<uint64_t> reject_seqs;           // seqs refused with a reason
  uint64_t server_hlc = 0;
  uint64_t rebase_above = UINT64_MAX;  // changes stamped above this are re-based to ++rebase_to
  uint64_t rebase_to = 0;
  int64_t server_time_ms = 0;                // the server's wall clock in answers (0: not sent)
  std::map<std::string, Upload> uploads;     // sha256 hex -> partial upload
  std::map<std::string, std::string> blobs;  // sha256 hex -> complete verified bytes
  std::vector<HttpRequest> requests;
  std::function<Fault(const HttpRequest&, int)> fault;
  std::function<void(const HttpRequest&, int)> on_request;
  bool send_twice = false;
  // Speaks POST /v1/photo-status and tus creation-with-upload (like qiaomen-county); off: an
  // older server that answers 404 there and ignores a creation's body.
  bool photo_status = false;
  int64_t rtt_ms = 10;
  int64_t bytes_per_ms = 0;  // simulated link speed for elapsed_ms (0: instant)

 private:
  static std::string Path(const std::string& url) {
    size_t scheme = url.find("://");
    size_t slash = url.find('/', scheme == std::string::npos ? 0 : scheme + 3);
    return slash == std::string::npos ? "/" : url.substr(slash);
  }
  static std::string HeaderOf(const HttpRequest& r, std::string_view name) {
    HttpResponse tmp{.headers = r.headers};
    return tmp.Header(name).value_or("");
  }

  HttpResponse Handle(const HttpRequest& r) {
    if (HeaderOf(r, "authorization") != "Bearer " + token) return {.status = 401};
    std::string path = Path(r.url);
    if (r.method == "POST" && path == "/v1/sync") return Sync(r);
    if (r.method == "POST" && path == "/v1/photo-status" && photo_status) return Status(r);
    if (r.method == "POST" && path == "/v1/photos") return Create(r);
    if (path.starts_with("/v1/photos/")) return Photo(r, path.substr(11));
    return {.status = 404};
  }

  HttpResponse Sync(const HttpRequest& r) {
    v1::SyncRequest req;
    if (!req.ParseFromString(r.body)) return {.status = 400};
    v1::SyncResponse resp;
    std::string device;
    for (const auto& c : req.changes()) {
      device = c.device_id();
      uint64_t& through = applied[device];
      auto* result = resp.add_results();
      result->set_seq(c.seq());
      if (c.seq() <= through) {
        result->set_outcome(v1::ChangeResult::DUPLICATE);
        for (const auto& held : log) {
          if (held.change_id() == c.change_id() && held.hlc() != c.hlc()) {
            result->set_applied_hlc(held.hlc());
          }
        }
      } else if (c.seq() != through + 1) {
        resp.mutable_results()->RemoveLast();
        break;
      } else if (reject_seqs.count(c.seq())) {
        result->set_outcome(v1::ChangeResult::REJECTED);
        result->set_code("invalid_argument");
        result->set_reason("Item q3 needs a number between 0 and 10.");
        through = c.seq();
      } else {
        result->set_outcome(v1::ChangeResult::APPLIED);
        log.push_back(c);
        if (c.hlc() > rebase_above) {  // the real server re-bases far-future stamps
          log.back().set_hlc(++rebase_to);
          result->set_applied_hlc(rebase_to);
        }
        through = c.seq();
        server_hlc = std::max<uint64_t>(server_hlc, log.back().hlc());
      }
    }
    // Like the real server, the mark of the authenticated device, with or without changes. One
    // token serves every device here: a request without changes is attributed only when a single
    // device ever pushed.
    if (!device.empty()) {
      resp.set_applied_through_seq(applied[device]);
    } else if (applied.size() == 1) {
      resp.set_applied_through_seq(applied.begin()->second);
    }
    // Pull: the log after the cursor, without the asking device's own changes.
    size_t pos = req.cursor().empty() ? 0 : std::stoul(req.cursor());
    if (req.server_epoch() != epoch) pos = 0;
    uint32_t max = req.max_pull() == 0 ? 100 : req.max_pull();
    while (pos < log.size() && static_cast<uint32_t>(resp.changes_size()) < max) {
      if (log[pos].device_id() != device || device.empty()) *resp.add_changes() = log[pos];
      ++pos;
    }
    resp.set_next_cursor(std::to_string(pos));
    resp.set_more(pos < log.size());
    resp.set_server_epoch(epoch);
    resp.set_server_hlc(server_hlc);
    resp.set_server_time_ms(server_time_ms);
    return {.status = 200, .body = resp.SerializeAsString()};
  }

  HttpResponse Create(const HttpRequest& r) {
    std::string meta = HeaderOf(r, "upload-metadata");
    size_t at = meta.find("sha256 ");
    if (at == std::string::npos) return {.status = 400};
    std::string sha =
        base::Base64Decode(meta.substr(at + 7, meta.find(',', at) - at - 7)).value_or("");
    int64_t length = std::stoll(HeaderOf(r, "upload-length"));
    HttpResponse resp{.status = 201, .headers = {{"location", "/v1/photos/" + sha}}};
    if (blobs.count(sha)) {
      resp.headers.emplace_back("upload-offset", std::to_string(length));
    } else if (!uploads.count(sha)) {
      uploads[sha].length = length;
    }
    if (photo_status && !r.body.empty() && !blobs.count(sha)) {
      // creation-with-upload: the body is the first chunk, kept when the upload is at 0.
      Upload& up = uploads[sha];
      if (HeaderOf(r, "upload-checksum") != "sha1 " + base::Base64Encode(base::Sha1(r.body))) {
        resp.status = 460;
      } else if (up.bytes.empty()) {
        up.bytes = r.body;
        if (static_cast<int64_t>(up.bytes.size()) == up.length && Sha256Hex(up.bytes) == sha) {
          blobs[sha] = up.bytes;
          uploads.erase(sha);
        }
      }
      const int64_t offset =
          blobs.count(sha) ? length : static_cast<int64_t>(uploads[sha].bytes.size());
      resp.headers.emplace_back("upload-offset", std::to_string(offset));
    }
    return resp;
  }

  HttpResponse Status(const HttpRequest& r) {
    HttpResponse resp{.status = 200,
                      .headers = {{"tus-extension", "creation,creation-with-upload,checksum"}}};
    size_t pos = 0;
    while (pos < r.body.size()) {
      size_t eol = r.body.find('\n', pos);
      std::string sha = r.body.substr(pos, eol - pos);
      pos = eol == std::string::npos ? r.body.size() : eol + 1;
      if (blobs.count(sha)) {
        resp.body += sha + " stored\n";
      } else if (uploads.count(sha)) {
        resp.body += sha + " partial " + std::to_string(uploads[sha].bytes.size()) + "\n";
      } else {
        resp.body += sha + " none\n";
      }
    }
    return resp;
  }

  HttpResponse Photo(const HttpRequest& r, const std::string& sha) {
    if (blobs.count(sha)) {
      auto size = std::to_string(blobs[sha].size());
      return {.status = r.method == "HEAD" ? 200 : 409,
              .headers = {{"upload-offset", size}, {"upload-length", size}}};
    }
    auto it = uploads.find(sha);
    if (it == uploads.end()) return {.status = 404};
    Upload& up = it->second;
    if (r.method == "HEAD") {
      return {.status = 200,
              .headers = {{"upload-offset", std::to_string(up.bytes.size())},
                          {"upload-length", std::to_string(up.length)}}};
    }
    if (r.method != "PATCH") return {.status = 405};
    if (std::stoll(HeaderOf(r, "upload-offset")) != static_cast<int64_t>(up.bytes.size())) {
      return {.status = 409};
    }
    std::string checksum = HeaderOf(r, "upload-checksum");
    if (checksum != "sha1 " + base::Base64Encode(base::Sha1(r.body))) return {.status = 460};
    up.bytes += r.body;
    if (static_cast<int64_t>(up.bytes.size()) == up.length) {
      if (Sha256Hex(up.bytes) != sha) {
        uploads.erase(it);
        return {.status = 460};
      }
      blobs[sha] = up.bytes;
      uploads.erase(sha);
      return {.status = 204, .headers = {{"upload-offset", std::to_string(blobs[sha].size())}}};
    }
    return {.status = 204, .headers = {{"upload-offset", std::to_string(up.bytes.size())}}};
  }
};

}  // namespace qiaomen::sync::testing
