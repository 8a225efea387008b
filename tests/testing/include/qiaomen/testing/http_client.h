#pragma once
// A minimal blocking HTTP/1.1 client for tests (Boost.Beast), one connection per request.
// The device's real transport is libcurl (sync/); this one lets tests send exactly the bytes
// and headers they mean to, including malformed ones.

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-case names; repeated ones joined by '\n'
  std::string body;
  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

using HttpHeaders = std::vector<std::pair<std::string, std::string>>;

// Sends one request to 127.0.0.1:port. Unavailable when the connection fails.
core::Result<HttpReply> HttpRequest(uint16_t port, const std::string& method,
                                    const std::string& target, const HttpHeaders& headers = {},
                                    const std::string& body = "");

// Writes `raw` bytes to the server and returns whatever it answers before closing (for malformed
// request tests).
core::Result<std::string> RawExchange(uint16_t port, const std::string& raw);

}  // namespace qiaomen::testing

#include <functional>

namespace qiaomen::testing {
// Sends `first`, waits 300 ms, calls `between`, waits 300 ms, sends `rest`, and returns what the
// server answers before closing (for drain and slow-client tests).
core::Result<std::string> SlowExchange(uint16_t port, const std::string& first,
                                       const std::function<void()>& between,
                                       const std::string& rest);
}  // namespace qiaomen::testing
