// serve: the HTTP server on one data directory / database.
#include <csignal>
#include <iostream>

#include "admin/enrol_qr.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "console/enrol_address.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/api.h"
#include "qiaomen/server/bundle_keys.h"
#include "qiaomen/server/console.h"
#include "qiaomen/server/http_server.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

core::Result<double> NumberOption(const core::Args& args, const std::string& name,
                                  double fallback) {
  auto text = args.Get(name);
  if (!text) return fallback;
  try {
    size_t used = 0;
    double v = std::stod(*text, &used);
    if (used != text->size() || v < 0) throw std::invalid_argument(name);
    return v;
  } catch (const std::exception&) {
    return core::InvalidArgument("--" + name + " must be a non-negative number.");
  }
}

// True for an address only this machine can reach (127.0.0.0/8, ::1, localhost).
bool IsLoopbackHost(const std::string& host) {
  return host == "localhost" || host == "::1" || host == "[::1]" || host.rfind("127.", 0) == 0;
}

core::Status Serve(const core::Args& args, std::ostream& out) {
  HttpServerOptions options;
  options.tls_cert = args.Get("tls-cert").value_or("");
  std::string public_url;
  if (auto url = args.Get("public-url")) {
    QM_ASSIGN_OR_RETURN(public_url, ParsePublicUrl(*url, !options.tls_cert.empty()));
  }
  std::string listen = args.Get("listen").value_or("127.0.0.1:8080");
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) {
    return core::InvalidArgument("--listen must be HOST:PORT, e.g. 0.0.0.0:8443.");
  }
  options.host = listen.substr(0, colon);
  try {
    int p = std::stoi(listen.substr(colon + 1));
    if (p < 0 || p > 65535) throw std::out_of_range("port");
    options.port = static_cast<uint16_t>(p);
  } catch (const std::exception&) {
    return core::InvalidArgument("--listen must be HOST:PORT with a port from 0 to 65535.");
  }
  options.tls_key = args.Get("tls-key").value_or("");
  QM_ASSIGN_OR_RETURN(double workers, NumberOption(args, "workers", 8));
  QM_ASSIGN_OR_RETURN(double rate, NumberOption(args, "rate-limit", 50));
  QM_ASSIGN_OR_RETURN(double burst, NumberOption(args, "rate-burst", 200));
  QM_ASSIGN_OR_RETURN(double max_body, NumberOption(args, "max-body", 8 * 1024 * 1024));
  QM_ASSIGN_OR_RETURN(double drain, NumberOption(args, "drain-timeout", 25));
  QM_ASSIGN_OR_RETURN(double max_connections, NumberOption(args, "max-connections", 2048));
  QM_ASSIGN_OR_RETURN(double per_address, NumberOption(args, "max-connections-per-address", 128));
  QM_ASSIGN_OR_RETURN(double min_body_rate, NumberOption(args, "min-body-rate", 1024));
  QM_ASSIGN_OR_RETURN(double anonymous_rate, NumberOption(args, "anonymous-rate-limit", 10));
  QM_ASSIGN_OR_RETURN(double anonymous_burst, NumberOption(args, "anonymous-rate-burst", 60));
  options.max_connections = static_cast<int>(max_connections);
  options.max_connections_per_address = static_cast<int>(per_address);
  options.min_body_bytes_per_second = static_cast<size_t>(min_body_rate);
  options.drain_timeout = std::chrono::milliseconds(static_cast<int64_t>(drain * 1000));
  options.worker_threads = std::max(1, static_cast<int>(workers));
  options.max_body_bytes = static_cast<size_t>(max_body);

  QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args, options.worker_threads));
  core::Clock& clock = core::SystemClock();
  Metrics metrics;
  Directory directory(*storage, clock);
  SyncService sync(*storage, clock, metrics);
  BlobStore blobs(*storage, clock);
  RateLimiter limiter(clock, rate, std::max(1.0, burst));
  RateLimiter anonymous(clock, anonymous_rate, std::max(1.0, anonymous_burst));
  ApiContext context{*storage, clock, metrics, directory, sync, blobs, limiter, &anonymous};
  Router router = BuildApiRouter(context);
  StaffAccounts staff(*storage);
  ConsoleSessions sessions(*storage, clock);
  LoginThrottle throttle(*storage, clock);
  ConsoleContext console{*storage,
                         clock,
                         staff,
                         sessions,
                         throttle,
                         blobs,
                         core::SecureRandom(),
                         !options.tls_cert.empty(),
                         "",
                         public_url,
                         options.host,
                         0};
  if (console.tls) {
    // serve has read the certificate already: a pin that cannot be computed leaves QR codes
    // unpinned.
    console.tls_pin_sha256 = PublicKeyPinOfCertificate(options.tls_cert).value_or("");
  }
  AddConsoleRoutes(router, console);
  options.header_check = [&context](const HttpRequest& head) {
    return CheckRequestHead(context, head);
  };
  blobs.Expire().status().IgnoreError();

  HttpServer server(options, router, metrics);
  const core::domain::Language language = LanguageOf(args);
  if (core::Status listening = server.Listen(); !listening.ok()) {
    if (!server.address_in_use()) return listening;
    return core::IOError(CountySay(language, CountyMsg::kServePortInUse,
                                   {options.host, std::to_string(options.port)}));
  }
  std::string address = options.host + ":" + std::to_string(server.port());
  console.listen_port = server.port();
  out << CountySay(language, CountyMsg::kServing,
                   {storage->identity().county_name,
                    (options.tls_cert.empty() ? "http://" : "https://") + address})
      << std::endl;
  if (options.tls_cert.empty() && !IsLoopbackHost(options.host)) {
    out << CountySay(language, CountyMsg::kServeNoTls, {options.host}) << std::endl;
  }
  if (!FileExists(BundleSecretKeyPath(storage->data_dir()))) {
    out << CountySay(language, CountyMsg::kServeNoBundleKey,
                     {BundleSecretKeyPath(storage->data_dir())})
        << std::endl;
  }
  if (auto ready = args.Get("ready-file")) {
    QM_RETURN_IF_ERROR(base::WriteFileAtomically(*ready, address + "\n", 0640));
  }
  server.Run();
  // The drain is over and only this thread is left. A further SIGTERM (a supervisor repeating
  // itself) must not kill the process halfway through closing the database: leaving Run() lets
  // the signal set restore the default action, so block the signals for the rest of the exit.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
  if (int abandoned = server.abandoned_connections(); abandoned > 0) {
    out << CountySay(language, CountyMsg::kServeStoppedAtDeadline, {std::to_string(abandoned)})
        << std::endl;
  } else {
    out << CountySay(language, CountyMsg::kServeStopped) << std::endl;
  }
  return core::Status::Ok();
}

}  // namespace

void AddServeCommand(std::vector<Command>& commands) {
  commands.push_back(Command{
      "serve",
      CountyMsg::kSummaryServe,
      CountyMsg::kUsageServe,
      {{"data", "db", "listen", "tls-cert", "tls-key", "ready-file", "workers", "rate-limit",
        "rate-burst", "max-body", "drain-timeout", "max-connections", "max-connections-per-address",
        "min-body-rate", "anonymous-rate-limit", "anonymous-rate-burst", "public-url"},
       {}},
      Serve});
}

}  // namespace qiaomen::server
