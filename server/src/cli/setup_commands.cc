// init, set-time-zone, add-worker, enroll-code, revoke-device.
#include "admin/enrol_qr.h"
#include "cli/command.h"
#include "cli/county_messages.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/enrol/enrol_link.h"
#include "qiaomen/server/bundle_keys.h"
#include "qiaomen/server/directory.h"
#include "util/bytes.h"

namespace qiaomen::server {

core::Result<Worker> WorkerFromArgs(const core::Args& args) {
  Worker worker;
  QM_ASSIGN_OR_RETURN(worker.id, args.Require("id"));
  QM_ASSIGN_OR_RETURN(worker.name, args.Require("name"));
  QM_ASSIGN_OR_RETURN(worker.role, args.Require("role"));
  QM_ASSIGN_OR_RETURN(auto scope_text, args.Require("scope"));
  QM_ASSIGN_OR_RETURN(worker.scope, Scope::Parse(scope_text));
  return worker;
}

void AddSetupCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "init",
      CountyMsg::kSummaryInit,
      "Usage: qiaomen-county init --data DIR [--name NAME] [--time-zone ZONE]\n"
      "         [--db postgresql://...]\n\n"
      "Creates DIR with the database (SQLite DIR/county.db unless --db names PostgreSQL, which is\n"
      "then remembered in DIR/database-url), the photo blob store, a new server id and epoch, and\n"
      "the county's bundle key pair: devices seal offline bundles to its public key, and its\n"
      "secret key is the file DIR/county-bundle.key, not in the database. Back that file up apart\n"
      "from the database (see `qiaomen-county bundle-key --help`).\n"
      "ZONE is the county's IANA time zone (default Asia/Shanghai): report days, due dates and\n"
      "the devices' \"today\" are days in it. Refuses to touch an initialised store.\n",
      {{"data", "name", "db", "time-zone"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        StorageOptions options;
        QM_ASSIGN_OR_RETURN(options.data_dir, args.Require("data"));
        options.db_url = args.Get("db").value_or("");
        const std::string zone =
            args.Get("time-zone").value_or(std::string(base::kDefaultCountyTimeZone));
        QM_RETURN_IF_ERROR(Storage::Init(options, args.Get("name").value_or("County"), zone));
        out << CountySay(
            LanguageOf(args), CountyMsg::kInitialised,
            {options.data_dir, ResolveDbUrl(options), zone, BundleSecretKeyPath(options.data_dir)});
        return core::Status::Ok();
      }});
  commands.push_back(Command{
      "set-time-zone",
      CountyMsg::kSummarySetTimeZone,
      "Usage: qiaomen-county set-time-zone --data DIR ZONE\n\n"
      "ZONE is an IANA time zone name such as Asia/Shanghai or Asia/Urumqi. The report, campaign\n"
      "due dates and every device use the county's day in this zone; devices receive it with\n"
      "their next sync. A running server uses it after a restart.\n",
      {{"data", "db"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        if (args.positionals().size() != 1) {
          return core::InvalidArgument("Give exactly one ZONE, e.g. Asia/Shanghai.");
        }
        StorageOptions options;
        QM_ASSIGN_OR_RETURN(options.data_dir, args.Require("data"));
        options.db_url = args.Get("db").value_or("");
        QM_RETURN_IF_ERROR(Storage::SetTimeZone(options, args.positionals()[0]));
        out << CountySay(LanguageOf(args), CountyMsg::kTimeZoneSet, {args.positionals()[0]});
        return core::Status::Ok();
      }});
  commands.push_back(Command{
      "add-worker",
      CountyMsg::kSummaryAddWorker,
      "Usage: qiaomen-county add-worker --data DIR --id ID --name NAME\n"
      "         --role grid_worker|inspector|township|county --scope SCOPE\n\n"
      "SCOPE is `county`, `town:TOWN_ID` or `grids:GRID_ID[,GRID_ID...]`; the units must exist\n"
      "(they are created by import-subjects). Running it again updates the worker.\n",
      {{"data", "db", "id", "name", "role", "scope"}, {}, {"id", "name", "role", "scope"}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        QM_ASSIGN_OR_RETURN(Worker worker, WorkerFromArgs(args));
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        Directory directory(*storage, core::SystemClock());
        QM_RETURN_IF_ERROR(directory.AddWorker(worker));
        out << CountySay(
            LanguageOf(args), CountyMsg::kWorkerSaved,
            {worker.id, RoleText(worker.role, LanguageOf(args)), worker.scope.ToString()});
        return core::Status::Ok();
      }});
  commands.push_back(Command{
      "enroll-code",
      CountyMsg::kSummaryEnrollCode,
      "Usage: qiaomen-county enroll-code --data DIR --worker ID [--device DEVICE_ID]\n"
      "         [--qr FILE.png --server URL [--tls-cert FILE | --pin-sha256 HASH]]\n\n"
      "Prints a one-time code. The device sends it to POST /v1/enroll within 24 hours.\n"
      "Only its hash is stored. A code enrols a new device id; with --device (UUID or 32\n"
      "hex digits) it re-enrols that enrolled device instead, and only that one (for a\n"
      "phone that lost its token, or a revoked one let back: it keeps its profile and\n"
      "sends its unsent work; `devices` marks it as re-enrolled after revocation).\n\n"
      "With --qr it also draws a QR code on the terminal and writes it to FILE.png, holding\n"
      "--server (the address phones reach this server at), the code and the server's\n"
      "public-key pin: computed from --tls-cert (the certificate serve's --tls-cert takes) or\n"
      "given with --pin-sha256 (sha256//BASE64). The app enrols from a photo of it.\n",
      {{"data", "db", "worker", "device", "qr", "server", "tls-cert", "pin-sha256"},
       {},
       {"worker"}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        QM_ASSIGN_OR_RETURN(auto worker, args.Require("worker"));
        const auto language = LanguageOf(args);
        const std::string qr_path = args.Get("qr").value_or("");
        core::enrol::EnrolLink link;
        if (!qr_path.empty()) {
          // Everything that can refuse the QR code is checked before a code is issued.
          link.server_url = args.Get("server").value_or("");
          while (link.server_url.size() > 1 && link.server_url.back() == '/') {
            link.server_url.pop_back();
          }
          if (auto cert = args.Get("tls-cert"); cert.has_value()) {
            QM_ASSIGN_OR_RETURN(link.pin_sha256, PublicKeyPinOfCertificate(*cert));
          } else if (auto pin = args.Get("pin-sha256"); pin.has_value() && !pin->empty()) {
            link.pin_sha256 = pin->rfind("sha256//", 0) == 0 ? *pin : "sha256//" + *pin;
          }
          link.code = "AAAAA-AAAAA";
          if (auto made = core::enrol::FormatEnrolLink(link); !made.ok()) {
            return core::InvalidArgument(
                CountySay(language, CountyMsg::kEnrolQrCannotMake, {made.status().message()}));
          }
        }
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        Directory directory(*storage, core::SystemClock());
        QM_ASSIGN_OR_RETURN(auto code,
                            directory.IssueEnrollCode(worker, args.Get("device").value_or("")));
        if (qr_path.empty()) {
          out << code << "\n";
          return core::Status::Ok();
        }
        link.code = code;
        QM_ASSIGN_OR_RETURN(auto text, core::enrol::FormatEnrolLink(link));
        QM_ASSIGN_OR_RETURN(auto qr, EncodeQr(text));
        QM_ASSIGN_OR_RETURN(auto png, QrPng(qr));
        QM_RETURN_IF_ERROR(base::WriteFileAtomically(qr_path, png, 0644));
        const std::string pinned =
            link.pin_sha256.empty()
                ? CountySay(language, CountyMsg::kEnrolQrNotPinned)
                : CountySay(language, CountyMsg::kEnrolQrPinned, {link.pin_sha256});
        out << QrTerminalText(qr)
            << CountySay(language, CountyMsg::kEnrolQrWritten,
                         {code, qr_path, link.server_url, pinned});
        return core::Status::Ok();
      },
      [](const core::Args& args) -> core::Status {
        const auto language = LanguageOf(args);
        const bool qr = args.Get("qr").has_value();
        const bool any = args.Get("server") || args.Get("tls-cert") || args.Get("pin-sha256");
        if (!qr && any) {
          return core::InvalidArgument(CountySay(language, CountyMsg::kEnrolQrOptionsWithoutQr));
        }
        if (qr && args.Get("server").value_or("").empty()) {
          return core::InvalidArgument(CountySay(language, CountyMsg::kEnrolQrNeedsServer));
        }
        if (args.Get("tls-cert") && args.Get("pin-sha256")) {
          return core::InvalidArgument(CountySay(language, CountyMsg::kEnrolQrTwoPins));
        }
        return core::Status::Ok();
      }});
  commands.push_back(Command{
      "revoke-device",
      CountyMsg::kSummaryRevokeDevice,
      "Usage: qiaomen-county revoke-device --data DIR DEVICE_ID\n\n"
      "DEVICE_ID is the device's UUID or 32 hex digits. Its token stops working at once.\n",
      {{"data", "db"}, {}},
      [](const core::Args& args, std::ostream& out) -> core::Status {
        if (args.positionals().size() != 1) {
          return core::InvalidArgument("Give exactly one DEVICE_ID.");
        }
        QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
        Directory directory(*storage, core::SystemClock());
        QM_RETURN_IF_ERROR(directory.RevokeDevice(args.positionals()[0]));
        out << CountySay(LanguageOf(args), CountyMsg::kDeviceRevoked, {args.positionals()[0]});
        return core::Status::Ok();
      }});
}

}  // namespace qiaomen::server
