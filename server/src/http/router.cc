#include <algorithm>

#include "qiaomen/base/gzip.h"
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
  auto inflated = base::GzipDecompress(request.body, max_size, base::Compressed::kGzipOrZlib);
  if (!inflated.ok()) return inflated.status().message();
  request.body = std::move(inflated).value();
  auto& headers = request.headers;
  headers.erase(std::remove_if(headers.begin(), headers.end(),
                               [](const auto& h) { return h.first == "content-encoding"; }),
                headers.end());
  return "";
}

namespace {

// True when `accept` (an Accept-Encoding value) takes gzip: "gzip" or "*" listed without q=0.
bool AcceptsGzip(const std::string& accept) {
  size_t start = 0;
  while (start < accept.size()) {
    size_t end = accept.find(',', start);
    if (end == std::string::npos) end = accept.size();
    std::string item = accept.substr(start, end - start);
    start = end + 1;
    size_t semi = item.find(';');
    std::string coding = item.substr(0, semi);
    coding.erase(0, coding.find_first_not_of(' '));
    while (!coding.empty() && coding.back() == ' ') coding.pop_back();
    for (char& c : coding) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (coding != "gzip" && coding != "*") continue;
    if (semi != std::string::npos) {
      std::string params = item.substr(semi + 1);
      params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
      if (params == "q=0" || params.rfind("q=0.0", 0) == 0 || params == "q=0.") continue;
    }
    return true;
  }
  return false;
}

}  // namespace

void EncodeResponse(const HttpRequest& request, HttpResponse& response) {
  constexpr size_t kMinBytes = 1024;
  if (response.body.size() < kMinBytes) return;
  auto accept = request.Header("accept-encoding");
  if (!accept || !AcceptsGzip(*accept)) return;
  std::string type;
  for (const auto& [name, value] : response.headers) {
    std::string lower = name;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (lower == "content-encoding") return;
    if (lower == "content-type") type = value;
  }
  if (type.rfind("application/x-protobuf", 0) != 0 && type.rfind("text/", 0) != 0 &&
      type.rfind("application/json", 0) != 0) {
    return;
  }
  std::string out = base::GzipCompress(response.body);
  if (out.size() >= response.body.size()) return;  // keep it as it is
  response.body = std::move(out);
  response.Set("Content-Encoding", "gzip");
  response.Set("Vary", "Accept-Encoding");
}

}  // namespace qiaomen::server
