// enroll: creates the profile (keys + store) and registers the device's public key with the county.
#include <unistd.h>

#include <filesystem>

#include "../profile_session_open.h"
#include "../records_view.h"
#include "../server_link.h"
#include "qiaomen/cli/command.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/v1/sync.pb.h"

namespace qiaomen::cli {
namespace {

core::Result<std::string> NewPin(CliContext& ctx) {
  QM_ASSIGN_OR_RETURN(auto pin, ctx.pins.ReadPin("new", "New PIN (at least 4 characters): "));
  if (pin.size() < 4) return core::InvalidArgument("The PIN must have at least 4 characters.");
  if (std::getenv("QIAOMEN_PIN") == nullptr && std::getenv("QIAOMEN_NEW_PIN") == nullptr) {
    QM_ASSIGN_OR_RETURN(auto again, ctx.pins.ReadPin("confirm", "The same PIN again: "));
    if (again != pin) return core::InvalidArgument("The two PINs differ; nothing was changed.");
  }
  return pin;
}

core::Status Enroll(const core::Args& args, CliContext& ctx) {
  QM_ASSIGN_OR_RETURN(std::string server, args.Require("server"));
  QM_ASSIGN_OR_RETURN(std::string code, args.Require("code"));
  while (!server.empty() && server.back() == '/') server.pop_back();
  if (server.rfind("http://", 0) != 0 && server.rfind("https://", 0) != 0) {
    return core::InvalidArgument("--server must be a URL such as https://county.example.");
  }
  if (std::filesystem::exists(core::profile::KeyFilePath(ctx.data_dir))) {
    return core::AlreadyExists("There is already an enrolled profile in " + ctx.data_dir +
                               ". Use another --data directory for a second profile.");
  }
  ClientConfig config;
  config.server_url = server;
  config.ca_cert = args.Get("ca-cert").value_or("");
  config.pin_sha256 = NormalizePin(args.Get("pin-sha256").value_or(""));
  if (!config.ca_cert.empty() && !std::filesystem::is_regular_file(config.ca_cert)) {
    return core::InvalidArgument("The CA file " + config.ca_cert + " does not exist.");
  }
  QM_ASSIGN_OR_RETURN(std::string pin, NewPin(ctx));

  // The profile (keys first) is made before the server hears of it: the server must learn the
  // device's public key. If the server says no, the half-made profile is removed again.
  std::string device_id = core::Uuid::NewV7(ctx.clock, ctx.random).ToBytes();
  QM_ASSIGN_OR_RETURN(auto session, ProfileSession::Create(ctx, pin, "", device_id));
  auto fail = [&](const core::Status& s) {
    session.reset();
    ProfileSession::Discard(ctx);
    return s;
  };
  v1::EnrollRequest request;
  request.set_code(code);
  request.set_device_id(device_id);
  const auto& pk = session->keys().signing_public_key();
  request.set_device_public_key(std::string(pk.begin(), pk.end()));
  char host[256] = "qiaomen-cli";
  ::gethostname(host, sizeof host - 1);
  request.set_device_name(args.Get("name").value_or(std::string("qiaomen on ") + host));
  auto transport = MakeTransport(config);
  sync::HttpRequest http;
  http.method = "POST";
  http.url = server + "/v1/enroll";
  http.headers = {{"Content-Type", "application/x-protobuf"}};
  http.body = request.SerializeAsString();
  auto response = transport->Send(http);
  if (!response.ok()) return fail(ExplainNetworkError(response.status(), server));
  if (response->status != 200) {
    std::string why = response->body.substr(0, 300);
    if (response->status == 401) {
      return fail(core::Unauthenticated("The server refused the code: " + why));
    }
    return fail(core::FailedPrecondition("The server answered " + std::to_string(response->status) +
                                         ": " + why));
  }
  v1::EnrollResponse enrolled;
  if (!enrolled.ParseFromString(response->body) || enrolled.token().empty()) {
    return fail(
        core::FailedPrecondition("The server's answer to the enrolment is not one a "
                                 "Qiaomen county server sends. Check --server."));
  }
  config.token = enrolled.token();
  config.worker_id = enrolled.worker_id();
  config.worker_name = enrolled.worker_name();
  config.role = enrolled.role();
  config.scope = enrolled.scope();
  config.county_name = enrolled.county_name();
  config.enrolled_at_ms = ctx.clock.NowMillis();
  if (auto s = session->SaveConfig(config); !s.ok()) return fail(s);
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
        .EndObject();
    ctx.out << json.str();
  } else {
    ctx.out << "Enrolled device " << IdText(device_id) << " for " << config.worker_name << " ("
            << config.worker_id << ", " << config.role << ", " << config.scope << ") with "
            << config.county_name << ". Run `qiaomen sync` to fetch the tasks.\n";
  }
  return core::Status::Ok();
}

}  // namespace

void AddEnrollCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "enroll",
      "create this device's profile and register it with the county server",
      "Usage: qiaomen enroll --server URL --code CODE [--ca-cert FILE] [--pin-sha256 HASH]\n"
      "         [--name DEVICE_NAME] [--json]\n\n"
      "Creates the encrypted profile in --data (keys wrapped by your PIN, the store, the photo\n"
      "vault) and registers the device's signing key with the server using the one-time CODE\n"
      "from township staff. The PIN comes from QIAOMEN_PIN or is asked for twice. --ca-cert\n"
      "trusts the county's own CA; --pin-sha256 pins the server's public key\n"
      "(sha256//BASE64, as `curl --pinnedpubkey`). If the server refuses, nothing is kept.\n",
      {{"server", "code", "ca-cert", "pin-sha256", "name"}, {}},
      Enroll});
}

}  // namespace qiaomen::cli
