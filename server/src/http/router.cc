#include <zlib.h>

#include <algorithm>

#include "qiaomen/server/http.h"

namespace qiaomen::server {

std::optional<std::string> HttpRequest::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (key == name) return value;
  }
  return std::nullopt;
}

HttpResponse TextResponse(int status, std::string text) {
  HttpResponse r;
  r.status = status;
  if (!text.empty() && text.back() != '\n') text.push_back('\n');
  r.body = std::move(text);
  r.Set("Content-Type", "text/plain; charset=utf-8");
  return r;
}

void Router::Add(std::string method, std::string pattern, HttpHandler handler) {
  routes_.push_back({std::move(method), std::move(pattern), std::move(handler)});
}

bool Router::Matches(const std::string& pattern, const std::string& path) {
  if (!pattern.empty() && pattern.back() == '*') {
    return path.compare(0, pattern.size() - 1, pattern, 0, pattern.size() - 1) == 0;
  }
  return pattern == path;
}

std::string Router::RouteOf(const HttpRequest& request) const {
  for (const auto& route : routes_) {
    if (Matches(route.pattern, request.path)) return route.pattern;
  }
  return "";
}

HttpResponse Router::Handle(const HttpRequest& request) const {
  std::string allow;
  for (const auto& route : routes_) {
    if (!Matches(route.pattern, request.path)) continue;
    if (route.method == request.method) return route.handler(request);
    if (allow.find(route.method) == std::string::npos)
      allow += (allow.empty() ? "" : ", ") + route.method;
  }
  if (!allow.empty()) {
    return TextResponse(405, "Method " + request.method + " is not allowed here.")
        .Set("Allow", allow);
  }
  return TextResponse(404, "There is nothing at " + request.path + ".");
}

std::string DecodeContentEncoding(HttpRequest& request, size_t max_size) {
  auto encoding = request.Header("content-encoding");
  if (!encoding || *encoding == "identity" || encoding->empty()) return "";
  if (*encoding != "gzip" && *encoding != "deflate") {
    return "Content-Encoding " + *encoding + " is not supported; send gzip or no encoding.";
  }
  z_stream zs{};
  // 15 + 32: zlib detects gzip or zlib headers.
  if (inflateInit2(&zs, 15 + 32) != Z_OK) return "The body could not be decompressed.";
  std::string out;
  zs.next_in = reinterpret_cast<Bytef*>(request.body.data());
  zs.avail_in = static_cast<uInt>(request.body.size());
  char chunk[16384];
  int rc = Z_OK;
  while (rc != Z_STREAM_END) {
    zs.next_out = reinterpret_cast<Bytef*>(chunk);
    zs.avail_out = sizeof chunk;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return "The gzip body is corrupt or truncated.";
    }
    out.append(chunk, sizeof chunk - zs.avail_out);
    if (out.size() > max_size) {
      inflateEnd(&zs);
      return "The decompressed body is larger than the limit of " + std::to_string(max_size) +
             " bytes.";
    }
    if (rc == Z_OK && zs.avail_in == 0 && zs.avail_out != 0) {
      inflateEnd(&zs);
      return "The gzip body is truncated.";
    }
  }
  inflateEnd(&zs);
  request.body = std::move(out);
  auto& headers = request.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [](const auto& h) { return h.first == "content-encoding"; }),
                headers.end());
  return "";
}

}  // namespace qiaomen::server
