// FieldDevice: enrolment of a new profile, and re-enrolment of an existing one under a new code.

#include <filesystem>

#include "qiaomen/base/file_system.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/sync/field_device.h"
#include "qiaomen/sync/server_link.h"
#include "qiaomen/v1/sync.pb.h"

namespace qiaomen::sync {
namespace {

// Removes a profile whose enrolment did not finish, with its server settings.
void DiscardEnrolment(const std::string& dir, core::keys::KeyStore& key_store,
                      base::FileSystem& fs) {
  core::profile::DiscardProfileFiles(dir, key_store);
  fs.Remove(ClientConfigPath(dir)).IgnoreError();  // not there when the county refused
  fs.Remove(UnfinishedEnrolmentPath(dir)).IgnoreError();
}

// The server settings the options name, checked before anything is made or sent.
core::Result<ClientConfig> SettingsOf(const EnrollOptions& options) {
  ClientConfig config;
  config.server_url = options.server_url;
  while (!config.server_url.empty() && config.server_url.back() == '/') {
    config.server_url.pop_back();
  }
  if (config.server_url.rfind("http://", 0) != 0 && config.server_url.rfind("https://", 0) != 0) {
    return core::InvalidArgument(
        "The server address must be a URL such as https://county.example.");
  }
  if (options.code.empty()) {
    return core::InvalidArgument("Type the one-time code township staff gave you.");
  }
  config.ca_cert = options.ca_cert;
  config.pin_sha256 = NormalizePin(options.pin_sha256);
  if (!config.ca_cert.empty() && !std::filesystem::is_regular_file(config.ca_cert)) {
    return core::InvalidArgument("The CA file " + config.ca_cert + " does not exist.");
  }
  return config;
}

// Registers the profile's device id and signing key with the county under the options' code (and
// `current_token` when the device has one) and fills `config` from the answer. Unauthenticated
// for a code refused (401), PermissionDenied for a device refused (403, 409); nothing is saved.
core::Result<v1::EnrollResponse> Register(core::profile::Profile& profile,
                                          const EnrollOptions& options, ClientConfig& config,
                                          const std::string& current_token, core::Clock& clock,
                                          Transport* transport) {
  v1::EnrollRequest request;
  request.set_code(options.code);
  request.set_device_id(profile.info().device_id);
  const auto& pk = profile.keys().signing_public_key();
  request.set_device_public_key(std::string(pk.begin(), pk.end()));
  request.set_device_name(options.device_name);
  std::unique_ptr<CurlTransport> own_transport;
  if (transport == nullptr) {
    own_transport = MakeTransport(config);
    transport = own_transport.get();
  }
  HttpRequest http;
  http.method = "POST";
  http.url = config.server_url + "/v1/enroll";
  http.headers = {{"Content-Type", "application/x-protobuf"}};
  if (!current_token.empty()) http.headers.push_back({"Authorization", "Bearer " + current_token});
  http.body = request.SerializeAsString();
  auto response = transport->Send(http);
  if (!response.ok()) return ExplainNetworkError(response.status(), config.server_url);
  if (response->status != 200) {
    std::string why = response->body.substr(0, 300);
    if (response->status == 401)
      return core::Unauthenticated("The server refused the code: " + why);
    if (response->status == 403 || response->status == 409) {
      return core::PermissionDenied("The server refused this device: " + why);
    }
    return core::FailedPrecondition("The server answered " + std::to_string(response->status) +
                                    ": " + why);
  }
  v1::EnrollResponse enrolled;
  if (!enrolled.ParseFromString(response->body) || enrolled.token().empty()) {
    return core::FailedPrecondition(
        "The server's answer to the enrolment is not one a Qiaomen county server sends. Check the "
        "server address.");
  }
  config.token = enrolled.token();
  config.worker_id = enrolled.worker_id();
  config.worker_name = enrolled.worker_name();
  config.role = enrolled.role();
  config.scope = enrolled.scope();
  config.county_name = enrolled.county_name();
  // An older server sends no key: the device learns it at a later sync (ExportBundle says so).
  if (enrolled.county_bundle_key().size() == 32) {
    config.county_bundle_key = enrolled.county_bundle_key();
  }
  config.enrolled_at_ms = clock.NowMillis();
  return enrolled;
}

// Keeps the settings the server gave: the encrypted settings file, the worker, the county's zone.
core::Status Adopt(core::profile::Profile& profile, const ClientConfig& config,
                   const v1::EnrollResponse& enrolled, base::FileSystem& fs) {
  QM_RETURN_IF_ERROR(
      SaveClientConfig(ClientConfigPath(profile.dir()), config, profile.keys().data_key(), fs));
  QM_RETURN_IF_ERROR(profile.SetWorker(config.worker_id));
  // A zone this device's tz database does not know is not worth failing the enrolment for: the
  // default stays and every sync says so (DeviceSyncResult::unknown_county_time_zone).
  if (!enrolled.county_time_zone().empty()) {
    profile.SetCountyTimeZone(enrolled.county_time_zone()).IgnoreError();
  }
  return core::Status::Ok();
}

}  // namespace

core::Result<std::unique_ptr<FieldDevice>> FieldDevice::Enroll(const std::string& dir,
                                                               std::string_view pin,
                                                               const EnrollOptions& options,
                                                               const FieldDeviceDeps& deps,
                                                               Transport* transport) {
  QM_ASSIGN_OR_RETURN(ClientConfig config, SettingsOf(options));
  const core::profile::ProfileDeps profile_deps{
      .clock = deps.clock, .random = deps.random, .key_store = deps.key_store, .fs = deps.fs};
  std::unique_ptr<core::profile::Profile> profile;
  bool taken_up = false;
  if (EnrolmentUnfinished(dir, *deps.fs)) {
    // A profile without server settings is an enrolment whose answer never came (a cut link, a
    // server stopped before it answered): the county may have enrolled this device id already,
    // and finishes it for the same device asking again (see Directory::Enroll).
    auto unfinished = core::profile::Profile::Open(dir, pin, profile_deps);
    if (unfinished.ok()) {
      profile = std::move(*unfinished);
      taken_up = true;
    } else {
      // Another PIN than the first try's, or keys that will not open: it holds nothing (no
      // server settings, so no work), and a new profile is made in its place.
      DiscardEnrolment(dir, deps.key_store, *deps.fs);
    }
  } else if (auto keys = base::FileExists(*deps.fs, core::profile::KeyFilePath(dir)); !keys.ok()) {
    return keys.status();
  } else if (*keys) {
    return core::AlreadyExists("There is already an enrolled profile in " + dir +
                               ". Use another folder for a second profile.");
  }
  if (profile == nullptr) {
    // The profile (keys first) is made before the server hears of it: the server must learn the
    // device's public key.
    core::profile::ProfileOptions profile_options;
    profile_options.keys = options.keys;
    profile_options.device_id = core::Uuid::NewV7(deps.clock, deps.random).ToBytes();
    QM_ASSIGN_OR_RETURN(profile,
                        core::profile::Profile::Create(dir, pin, profile_options, profile_deps));
    // Marked until the county's answer is kept, so that a lost answer can be taken up again.
    // Durably: after a power loss the mark must still say that the county may know this device.
    if (auto marked = base::WriteFileAtomically(*deps.fs, UnfinishedEnrolmentPath(dir), "");
        !marked.ok()) {
      profile.reset();
      DiscardEnrolment(dir, deps.key_store, *deps.fs);
      return marked.WithContext("marking the enrolment as begun");
    }
  }
  // A refusal removes the half-made profile again. When the request may have reached the county
  // (no answer came) or was taken but not saved here, the profile stays for the next try.
  auto fail = [&](const core::Status& s, bool county_may_know) {
    profile.reset();
    if (!county_may_know) DiscardEnrolment(dir, deps.key_store, *deps.fs);
    return s;
  };
  auto enrolled = Register(*profile, options, config, "", deps.clock, transport);
  if (!enrolled.ok()) {
    const core::Code code = enrolled.status().code();
    if (taken_up && code == core::Code::kPermissionDenied) {
      // The county knows this device under the code whose answer was lost, and this is another
      // code (township staff gave a new one): it enrols a new device. Once: nothing is unfinished
      // after the discard.
      profile.reset();
      DiscardEnrolment(dir, deps.key_store, *deps.fs);
      return Enroll(dir, pin, options, deps, transport);
    }
    return fail(enrolled.status(),
                code == core::Code::kUnavailable || code == core::Code::kDeadlineExceeded);
  }
  if (auto s = Adopt(*profile, config, *enrolled, *deps.fs); !s.ok()) return fail(s, true);
  // The settings are kept (durably) first: a mark left by a power loss here is harmless, since
  // a profile with settings is not an unfinished enrolment.
  deps.fs->Remove(UnfinishedEnrolmentPath(dir)).IgnoreError();
  return std::unique_ptr<FieldDevice>(new FieldDevice(std::move(profile), std::move(config), deps));
}

core::Status FieldDevice::Reenroll(const EnrollOptions& options, Transport* transport) {
  QM_ASSIGN_OR_RETURN(ClientConfig config, SettingsOf(options));
  // The bundle key stays until the server names one; the old token proves this device (a lost or
  // revoked one needs a code issued for it).
  config.county_bundle_key = config_.county_bundle_key;
  QM_ASSIGN_OR_RETURN(auto enrolled,
                      Register(*profile_, options, config, config_.token, deps_.clock, transport));
  QM_RETURN_IF_ERROR(Adopt(*profile_, config, enrolled, *deps_.fs));
  config_ = std::move(config);
  return core::Status::Ok();
}

}  // namespace qiaomen::sync
