#include "console/enrol_address.h"

#include <utility>

#include "qiaomen/core/enrol/enrol_link.h"

namespace qiaomen::server {
namespace {

// A Host header's host and port ("[::1]:8080" -> "::1", "8080"; "example.cn" -> "example.cn", "").
std::pair<std::string, std::string> SplitHost(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const size_t close = host.find(']');
    if (close == std::string_view::npos) return {std::string(host), ""};
    std::string_view rest = host.substr(close + 1);
    return {std::string(host.substr(1, close - 1)),
            rest.starts_with(":") ? std::string(rest.substr(1)) : std::string()};
  }
  const size_t colon = host.rfind(':');
  if (colon == std::string_view::npos || host.find(':') != colon) return {std::string(host), ""};
  return {std::string(host.substr(0, colon)), std::string(host.substr(colon + 1))};
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

// Whether `url` is one the enrolment link can carry.
bool LinkAccepts(const std::string& url) {
  return core::enrol::FormatEnrolLink({url, "AAAAA-AAAAA", ""}).ok();
}

}  // namespace

core::Result<std::string> ParsePublicUrl(std::string_view url, bool tls) {
  std::string text(url);
  if (text.ends_with("/")) text.pop_back();
  const bool https = text.starts_with("https://");
  const size_t scheme = https ? 8 : text.starts_with("http://") ? 7 : 0;
  if (scheme == 0 || text.size() == scheme ||
      text.find_first_of("/?#@ ", scheme) != std::string::npos || !LinkAccepts(text)) {
    return core::InvalidArgument(
        "--public-url must be the address phones reach this server at, as "
        "https://county.example.cn or http://192.168.1.10:8080 (no path), not '" +
        std::string(url) + "'.");
  }
  if (tls && !https) {
    return core::InvalidArgument(
        "--public-url must start with https:// when serve has --tls-cert: the enrolment QR "
        "codes carry the certificate's pin, which phones use over TLS only.");
  }
  return text;
}

std::optional<std::string> EnrolServerUrl(const PublicAddress& address, std::string_view host) {
  if (!address.public_url.empty()) return address.public_url;
  // A host name or address and a port: nothing a URL would read as a path, query or user.
  if (host.find_first_not_of(
          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-:[]") !=
      std::string_view::npos) {
    return std::nullopt;
  }
  const auto [name, port] = SplitHost(host);
  if (name.empty()) return std::nullopt;
  const std::string default_port = address.tls ? "443" : "80";
  // A listener on every address (0.0.0.0, ::) names none: a Host of "0.0.0.0" is no address.
  const bool wildcard = address.listen_host.empty() || address.listen_host == "0.0.0.0" ||
                        address.listen_host == "::" || address.listen_host == "[::]";
  const bool listener = !wildcard && name == address.listen_host &&
                        (port == std::to_string(address.listen_port) ||
                         (port.empty() && std::to_string(address.listen_port) == default_port));
  if (!IsLoopback(name) && !listener) return std::nullopt;
  const std::string url = (address.tls ? "https://" : "http://") + std::string(host);
  if (!LinkAccepts(url)) return std::nullopt;
  return url;
}

}  // namespace qiaomen::server
