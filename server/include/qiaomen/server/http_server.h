#pragma once
// The HTTP/1.1 listener (Boost.Beast on Asio): async I/O on a few threads, handlers on a worker
// pool, strict per-connection timeouts, header and body limits, optional TLS, and a graceful drain
// on SIGTERM/SIGINT (stop accepting, finish in-flight requests, close idle connections).

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/server/http.h"
#include "qiaomen/server/metrics.h"

namespace qiaomen::server {

struct HttpServerOptions {
  std::string host = "127.0.0.1";
  uint16_t port = 0;     // 0: an ephemeral port (see HttpServer::port())
  std::string tls_cert;  // PEM files; both empty: plain HTTP
  std::string tls_key;
  int io_threads = 2;
  int worker_threads = 8;
  size_t max_header_bytes = 16 * 1024;
  size_t max_body_bytes = 8 * 1024 * 1024;
  // Larger bodies allowed for paths with this prefix (tus PATCH chunks).
  std::string large_body_prefix = "/v1/photos/";
  size_t max_large_body_bytes = 16 * 1024 * 1024;
  // The whole header must arrive within this; the body must make progress at least this often.
  std::chrono::milliseconds header_timeout{15000};
  std::chrono::milliseconds body_stall_timeout{30000};
  std::chrono::milliseconds idle_timeout{60000};
  std::chrono::milliseconds drain_timeout{25000};
  // Beyond these a new connection is closed at once (0: no cap). Per address: the peer's IP.
  int max_connections = 2048;
  int max_connections_per_address = 128;
  // A body must arrive at this average rate at least, after a grace period: trickling a byte
  // now and then does not hold a connection. 0: no minimum rate.
  size_t min_body_bytes_per_second = 1024;
  std::chrono::milliseconds body_grace{10000};
  // Called on a worker thread with the request's header (no body yet) before the body is read.
  // A response returned is sent instead of reading the body, and the connection is closed.
  std::function<std::optional<HttpResponse>(const HttpRequest&)> header_check;
};

class HttpServer {
 public:
  // `router` and `metrics` must outlive the server.
  HttpServer(HttpServerOptions options, const Router& router, Metrics& metrics);
  ~HttpServer();
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds and listens. IOError when the address cannot be bound (address_in_use() then says
  // whether another program holds the port); InvalidArgument for bad TLS files or a host that is
  // not an IP address.
  core::Status Listen();
  // After a Listen() that failed: whether the port was in use. False otherwise.
  bool address_in_use() const;
  uint16_t port() const;

  // Serves until SIGTERM/SIGINT or Stop(), then drains: the listener closes (new connections are
  // refused), idle connections close, and a request whose header has arrived is read to its end,
  // handled and answered. Returns when every connection is closed or after
  // options.drain_timeout, whichever comes first. Blocks the calling thread.
  void Run();
  // Starts the drain from any thread.
  void Stop();
  // After Run(): connections still open when the drain deadline passed (their requests were
  // dropped unanswered). 0 after a clean drain.
  int abandoned_connections() const;

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace qiaomen::server
