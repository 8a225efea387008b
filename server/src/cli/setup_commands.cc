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
      CountyMsg::kUsageInit,
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
      CountyMsg::kUsageSetTimeZone,
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
  commands.push_back(
      Command{"add-worker",
              CountyMsg::kSummaryAddWorker,
              CountyMsg::kUsageAddWorker,
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
      CountyMsg::kUsageEnrollCode,
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
  commands.push_back(Command{"revoke-device",
                             CountyMsg::kSummaryRevokeDevice,
                             CountyMsg::kUsageRevokeDevice,
                             {{"data", "db"}, {}},
                             [](const core::Args& args, std::ostream& out) -> core::Status {
                               if (args.positionals().size() != 1) {
                                 return core::InvalidArgument("Give exactly one DEVICE_ID.");
                               }
                               QM_ASSIGN_OR_RETURN(auto storage, OpenStorageFromArgs(args));
                               Directory directory(*storage, core::SystemClock());
                               QM_RETURN_IF_ERROR(directory.RevokeDevice(args.positionals()[0]));
                               out << CountySay(LanguageOf(args), CountyMsg::kDeviceRevoked,
                                                {args.positionals()[0]});
                               return core::Status::Ok();
                             }});
}

}  // namespace qiaomen::server
