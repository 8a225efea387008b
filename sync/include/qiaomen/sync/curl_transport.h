#pragma once
// The real Transport, on libcurl: HTTP/2 where the server offers it over TLS, gzip both ways, TLS
// verification always on, optional public-key pinning, the proxy from the environment
// (http_proxy/https_proxy/no_proxy, libcurl's default), and low-speed limits instead of a short
// total timeout so a slow but moving upload is never killed.

#include <cstdint>
#include <memory>
#include <string>

#include "qiaomen/sync/transport.h"

namespace qiaomen::sync {

struct CurlTransportOptions {
  // PEM file of the CAs to trust instead of the system store (a county's own CA). Empty: system.
  std::string ca_file{};
  // "sha256//<base64>;sha256//<base64>": the server's public key must be one of these.
  // Empty: no pinning (the CA chain is still verified).
  std::string pinned_public_key{};
  // Plain http:// is refused for any host but loopback unless this is set (a lab network).
  bool allow_insecure_http = false;
  int64_t connect_timeout_ms = 20'000;
  // A transfer slower than low_speed_bytes_per_s for low_speed_time_s is given up (transient).
  int64_t low_speed_bytes_per_s = 64;
  int64_t low_speed_time_s = 30;
  std::string user_agent = "qiaomen/0.1";
};

// Thread-safe: each call takes an idle libcurl handle from a pool (a handle keeps its connections
// alive between requests, so a sync run reuses one TLS connection). Handles are freed with the
// transport.
class CurlTransport final : public Transport {
 public:
  explicit CurlTransport(CurlTransportOptions options = {});
  ~CurlTransport() override;
  CurlTransport(const CurlTransport&) = delete;
  CurlTransport& operator=(const CurlTransport&) = delete;

  core::Result<HttpResponse> Send(const HttpRequest& request) override;

 private:
  struct Pool;
  CurlTransportOptions options_;
  std::unique_ptr<Pool> pool_;
};

}  // namespace qiaomen::sync
