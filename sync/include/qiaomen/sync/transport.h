#pragma once
// The seam between the sync engine and the network: one HTTP request in, one response out. The
// engine speaks only this interface; CurlTransport is the real one, tests pass fakes.

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::sync {

// A flag another thread sets to stop work in flight. Thread-safe. The owner keeps it alive for as
// long as any request that points to it.
class CancelFlag {
 public:
  void Cancel() { cancelled_.store(true, std::memory_order_release); }
  void Reset() { cancelled_.store(false, std::memory_order_release); }
  bool cancelled() const { return cancelled_.load(std::memory_order_acquire); }

 private:
  std::atomic<bool> cancelled_{false};
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

struct HttpRequest {
  std::string method = "GET";  // GET, HEAD, POST, PATCH, ...
  std::string url{};           // absolute: https://county.example/v1/sync
  HttpHeaders headers{};       // sent as given (Content-Length is added by the transport)
  std::string body{};
  // Compress `body` with gzip and send "Content-Encoding: gzip". Use for protobuf batches, not for
  // JPEG bytes (they do not shrink).
  bool gzip_body = false;
  // 0: the transport's default. A request that makes no progress is ended by the low-speed limit
  // of the transport, not by a short total timeout (a photo on a slow link takes minutes).
  int64_t connect_timeout_ms = 0;
  int64_t total_timeout_ms = 0;        // 0: none
  const CancelFlag* cancel = nullptr;  // optional; when set mid-request the call ends kCancelled
};

struct HttpResponse {
  int status = 0;
  HttpHeaders headers{};  // names in lower case, in the order received
  std::string body{};     // decoded (gzip responses are inflated)
  // What this exchange cost on the wire (headers and body, both directions, as the transport saw
  // them) and how long it took: the engine sizes photo chunks from these.
  int64_t bytes_sent = 0;
  int64_t bytes_received = 0;
  int64_t elapsed_ms = 0;

  // The first header of that name (case-insensitive), if any.
  std::optional<std::string> Header(std::string_view name) const;
};

// Sends HTTP requests. Implementations must be thread-safe: the engine may run photo uploads in
// parallel.
class Transport {
 public:
  virtual ~Transport() = default;

  // Performs one exchange. Any HTTP status (including 4xx and 5xx) is a response, not an error.
  // Errors are for exchanges that did not complete:
  //   kUnavailable       transient: refused, reset, DNS failure, connection cut mid-transfer
  //   kDeadlineExceeded  transient: connect timeout, low-speed limit, total timeout
  //   kCancelled         request.cancel was set
  //   kInvalidArgument   permanent: malformed URL, plain http:// to a remote host not allowed
  //   kFailedPrecondition permanent: TLS verification or public-key pin failed
  virtual core::Result<HttpResponse> Send(const HttpRequest& request) = 0;
};

// True for errors worth retrying after a pause (the link, not the request, was at fault).
bool IsTransientNetworkError(const core::Status& status);

// True for a host that never leaves this machine: 127.0.0.0/8, ::1, localhost.
bool IsLoopbackHost(std::string_view host);

// The host part of an http(s) URL ("[::1]" gives "::1"); empty if the URL has none.
std::string UrlHost(std::string_view url);

}  // namespace qiaomen::sync
