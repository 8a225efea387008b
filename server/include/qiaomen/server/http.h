#pragma once
// HTTP requests and responses as the handlers see them, independent of the socket library, so the
// handlers and the router can be tested and fuzzed without sockets.

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace qiaomen::server {

struct HttpRequest {
  std::string method;                                        // "GET", "POST", ...
  std::string target;                                        // as sent, with the query
  std::string path;                                          // target without the query
  std::vector<std::pair<std::string, std::string>> headers;  // names lower-cased
  std::string body;
  std::string remote;  // peer address, for logs

  // The first header named `name` (lower-case), if any.
  std::optional<std::string> Header(std::string_view name) const;
};

struct HttpResponse {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  HttpResponse& Set(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
};

// A response with a short text body: the reason, as a sentence.
HttpResponse TextResponse(int status, std::string text);

// Request handlers run on the server's worker threads and must be thread-safe.
using HttpHandler = std::function<HttpResponse(const HttpRequest&)>;

// A routing table: exact paths, or prefixes ending in '*' ("/v1/photos/*"). The first match wins.
// 404 when no path matches; 405 with Allow when the path matches but the method does not.
class Router {
 public:
  void Add(std::string method, std::string pattern, HttpHandler handler);
  HttpResponse Handle(const HttpRequest& request) const;
  // The pattern a request would be routed to ("" when none): the metrics label.
  std::string RouteOf(const HttpRequest& request) const;

 private:
  struct Route {
    std::string method;
    std::string pattern;
    HttpHandler handler;
  };
  static bool Matches(const std::string& pattern, const std::string& path);
  std::vector<Route> routes_;
};

// Decodes a `Content-Encoding: gzip` (or deflate) body in place, refusing output above
// `max_size`. Returns an error sentence, or empty on success (also when not encoded).
std::string DecodeContentEncoding(HttpRequest& request, size_t max_size);

// Compresses `response`'s body with gzip when the request accepts it (`Accept-Encoding: gzip`),
// the body is protobuf, text or JSON of at least 1 KB and not encoded already: sync pages and
// answers shrink on the slow links devices use. Sets Content-Encoding and Vary.
void EncodeResponse(const HttpRequest& request, HttpResponse& response);

}  // namespace qiaomen::server
