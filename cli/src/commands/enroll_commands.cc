// enroll: creates the profile (keys + store) and registers the device's public key with the county.
#include <unistd.h>

#include <filesystem>

#include "../device_open.h"
#include "../records_view.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/exit_code.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/sync/client_config.h"
#include "qiaomen/v1/sync.pb.h"

namespace qiaomen::cli {
namespace {

core::Result<std::string> NewPin(CliContext& ctx) {
  QM_ASSIGN_OR_RETURN(auto pin, ReadPin(ctx, "new", Msg::kPromptNewPin));
  if (pin.size() < 4) return core::InvalidArgument("The PIN must have at least 4 characters.");
  if (std::getenv("QIAOMEN_PIN") == nullptr && std::getenv("QIAOMEN_NEW_PIN") == nullptr) {
    QM_ASSIGN_OR_RETURN(auto again, ReadPin(ctx, "confirm", Msg::kPromptPinAgain));
    if (again != pin) return core::InvalidArgument("The two PINs differ; nothing was changed.");
  }
  return pin;
}

// A failed enrolment as the person reads it: the server out of reach, or the code refused (a new
// profile only: re-enrolling a known device is refused with the server's own what-to-do).
core::Status ExplainEnrolFailure(CliContext& ctx, const core::Status& status,
                                 const std::string& server, bool new_profile) {
  switch (status.code()) {
    case core::Code::kUnavailable:
    case core::Code::kDeadlineExceeded:
      return ctx.Explain(status, Msg::kFailUnreachable, {server});
    case core::Code::kUnauthenticated:
      return new_profile ? ctx.Explain(core::ServerRefusal(status), Msg::kFailCodeRefused)
                         : core::ServerRefusal(status);
    default:
      return status;
  }
}

core::Status Enroll(const core::Args& args, CliContext& ctx) {
  sync::EnrollOptions options;
  QM_ASSIGN_OR_RETURN(options.server_url, args.Require("server"));
  QM_ASSIGN_OR_RETURN(options.code, args.Require("code"));
  options.ca_cert = args.Get("ca-cert").value_or("");
  options.pin_sha256 = args.Get("pin-sha256").value_or("");
  char host[256] = "qiaomen-cli";
  ::gethostname(host, sizeof host - 1);
  options.device_name = args.Get("name").value_or(std::string("qiaomen on ") + host);
  options.keys.kdf = ctx.kdf;
  auto key_store = KeyStoreFor(ctx);
  std::unique_ptr<sync::FieldDevice> device;
  int64_t unsent = -1;  // -1: a new profile
  // An enrolment whose answer never came is taken up by the new-profile branch (the same PIN
  // finishes it as the same device; FieldDevice::Enroll).
  if (std::filesystem::exists(core::profile::KeyFilePath(ctx.data_dir)) &&
      !sync::EnrolmentUnfinished(ctx.data_dir)) {
    // A profile here already (revoked, token lost, a new code from township staff): it keeps its
    // device id and its unsent work, and registers again under the new code.
    QM_ASSIGN_OR_RETURN(device, OpenDevice(ctx, key_store));
    QM_RETURN_IF_ERROR(
        ExplainEnrolFailure(ctx, device->Reenroll(options), options.server_url, false));
    QM_ASSIGN_OR_RETURN(auto status, device->Status());
    unsent = status.pending_changes;
  } else {
    QM_ASSIGN_OR_RETURN(std::string pin, NewPin(ctx));
    auto enrolled =
        sync::FieldDevice::Enroll(ctx.data_dir, pin, options, {ctx.clock, ctx.random, key_store});
    if (!enrolled.ok()) {
      return ExplainEnrolFailure(ctx, enrolled.status(), options.server_url, true);
    }
    device = std::move(enrolled).value();
  }
  const sync::ClientConfig& config = device->config();
  const std::string& server = config.server_url;
  const std::string& device_id = device->profile().info().device_id;
  if (ctx.json) {
    JsonWriter json;
    json.BeginObject()
        .Field("device_id", IdText(device_id))
        .Field("worker_id", config.worker_id)
        .Field("worker_name", config.worker_name)
        .Field("role", config.role)
        .Field("scope", config.scope)
        .Field("county", config.county_name)
        .Field("server", server)
        .Field("reenrolled", unsent >= 0)
        .Field("unsent_changes", std::max<int64_t>(unsent, 0))
        .EndObject();
    ctx.out << json.str();
  } else {
    ctx.out << ctx.T(unsent >= 0 ? Msg::kReenrolled : Msg::kEnrolled,
                     {IdText(device_id), config.worker_name, config.worker_id, config.role,
                      config.scope, config.county_name, std::to_string(unsent)});
  }
  return core::Status::Ok();
}

// --server must be an http:// or https:// address with a host: anything else is a typo on the
// command line, told before a PIN is asked for.
core::Status CheckServerUrl(const core::Args& args) {
  const std::string url = args.Get("server").value_or("");
  if (url.empty()) return core::InvalidArgument("--server URL is required. See --help.");
  for (const char* scheme : {"http://", "https://"}) {
    const std::string_view s(scheme);
    if (url.rfind(s, 0) == 0 && url.size() > s.size() && url[s.size()] != '/' &&
        url[s.size()] != ':' && url.find(' ') == std::string::npos) {
      return core::Status::Ok();
    }
  }
  return core::InvalidArgument("--server " + url +
                               " is not a server address; write it like "
                               "https://county.example.cn or http://127.0.0.1:8080.");
}

}  // namespace

void AddEnrollCommands(std::vector<Command>& commands) {
  commands.push_back(
      Command{"enroll",
              Msg::kSummaryEnroll,
              Msg::kUsageEnroll,
              {{"server", "code", "ca-cert", "pin-sha256", "name"}, {}, {"server", "code"}},
              Enroll,
              CheckServerUrl});
}

}  // namespace qiaomen::cli
