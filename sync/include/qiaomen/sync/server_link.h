#pragma once
// The field device's HTTP to the county server: a CurlTransport set up from the profile's server
// settings, and the wording of "cannot reach the server" errors.

#include <memory>
#include <string>

#include "qiaomen/sync/client_config.h"
#include "qiaomen/sync/curl_transport.h"

namespace qiaomen::sync {

std::unique_ptr<CurlTransport> MakeTransport(const ClientConfig& config);

// Rewords a transport error (refused, timed out, TLS) as what the person can do about it.
core::Status ExplainNetworkError(const core::Status& status, const std::string& server_url);

// "sha256//BASE64" from "sha256//BASE64" or a bare BASE64; "" stays "".
std::string NormalizePin(const std::string& pin);

}  // namespace qiaomen::sync
