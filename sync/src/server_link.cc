#include "qiaomen/sync/server_link.h"

namespace qiaomen::sync {

std::unique_ptr<CurlTransport> MakeTransport(const ClientConfig& config) {
  CurlTransportOptions options;
  options.ca_file = config.ca_cert;
  options.pinned_public_key = NormalizePin(config.pin_sha256);
  options.connect_timeout_ms = 10'000;
  options.low_speed_time_s = 20;
  return std::make_unique<CurlTransport>(options);
}

core::Status ExplainNetworkError(const core::Status& status, const std::string& server_url) {
  switch (status.code()) {
    case core::Code::kUnavailable:
    case core::Code::kDeadlineExceeded:
      return core::Status(status.code(),
                          "Cannot reach the county server at " + server_url + " (" +
                              status.message() +
                              "). Nothing was lost: your work stays on this device. Check the "
                              "connection (mobile data or Wi-Fi) and run the command again "
                              "later.");
    case core::Code::kFailedPrecondition:
      return core::FailedPrecondition(
          "The server at " + server_url + " failed the TLS check (" + status.message() +
          "). Do not continue on this network; ask township staff for the county's CA file "
          "(--ca-cert) or key pin (--pin-sha256).");
    default:
      return status;
  }
}

std::string NormalizePin(const std::string& pin) {
  if (pin.empty() || pin.rfind("sha256//", 0) == 0) return pin;
  return "sha256//" + pin;
}

}  // namespace qiaomen::sync
