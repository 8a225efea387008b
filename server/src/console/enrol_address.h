#pragma once
// The server address an enrolment QR code tells phones. It must not come from a request header
// anyone can forge: `serve --public-url` names it; without it, the address the browser used is
// taken only when it is this machine's own (loopback) or the listener's. Pure functions.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

// The address serve listens on, and the one it is reached at when it says so.
struct PublicAddress {
  std::string public_url;    // serve --public-url, checked by ParsePublicUrl; "" when not given
  std::string listen_host;   // serve --listen's host ("0.0.0.0", "192.168.1.10", "127.0.0.1")
  uint16_t listen_port = 0;  // the port it listens on (after binding port 0)
  bool tls = false;          // the listener speaks TLS
};

// `url` as --public-url takes it: http:// or https:// and a host with an optional port, nothing
// after it but one optional '/' (dropped); https:// when serve has a TLS certificate (the QR code
// carries that certificate's pin, which a phone sends only over TLS). InvalidArgument naming
// --public-url and saying what to give otherwise.
core::Result<std::string> ParsePublicUrl(std::string_view url, bool tls);

// The server address for a QR code of a request whose Host header is `host`: the public URL when
// there is one; else "http(s)://HOST" when HOST names a loopback address (localhost, 127.x, ::1)
// or the listener's host and port; nullopt otherwise (the page then says the link could not be
// trusted, and gives the code as text only).
std::optional<std::string> EnrolServerUrl(const PublicAddress& address, std::string_view host);

}  // namespace qiaomen::server
