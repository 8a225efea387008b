// 人员与设备: the workers in the staff member's town with their devices (last sync, revoked or
// not), a form that adds a worker, one that issues an enrolment code shown as a QR code with its
// text, and one per device that revokes it. The same Directory calls as the county's add-worker,
// enroll-code and revoke-device; a township acts on its own town's workers only, and another
// town's worker or device reads as unknown (404).
#include <algorithm>

#include "admin/device_activity.h"
#include "admin/enrol_qr.h"
#include "admin/worker_list.h"
#include "console/enrol_address.h"
#include "console/list_view.h"
#include "console/pages.h"
#include "console/web_forms.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/enrol/enrol_link.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/server/directory.h"

namespace qiaomen::server::console {
namespace {

constexpr int kQrPixels = 264;
constexpr size_t kMaxFieldBytes = 128;

std::string RoleLabel(const std::string& role, Language language) {
  if (role == "grid_worker" || role == "inspector" || role == "township" || role == "county") {
    return std::string(Tr(language, "role." + role));
  }
  return role;
}

std::string DeviceText(const std::string& device_id) {
  auto uuid = core::Uuid::FromBytes(device_id);
  return uuid.ok() ? uuid->ToString() : base::HexEncode(device_id);
}

// What the staff member may see and act on: every worker for county staff (town ""), otherwise
// those who work in the town.
struct PeopleScope {
  std::string town;
  std::map<std::string, std::string> unit_town;
  std::vector<AdminUnitRow> units;

  bool Holds(const std::string& scope_text) const {
    return town.empty() || WorksIn(scope_text, town, unit_town);
  }
  // Whether a worker may be given `scope` by this staff member: anything for the county; the
  // town itself or grids all in it for a township.
  bool MayGive(const Scope& scope) const {
    if (town.empty()) return true;
    if (scope.kind() == Scope::Kind::kTown) return scope.units().front() == town;
    if (scope.kind() == Scope::Kind::kCounty) return false;
    return std::all_of(scope.units().begin(), scope.units().end(), [&](const std::string& grid) {
      auto it = unit_town.find(grid);
      return it != unit_town.end() && it->second == town;
    });
  }
};

core::Result<PeopleScope> LoadScope(ConsoleContext& context, const std::string& town) {
  PeopleScope scope;
  scope.town = town;
  auto conn = context.storage.pool().Acquire();
  Directory directory(context.storage, context.clock);
  QM_ASSIGN_OR_RETURN(scope.units, directory.ListAdminUnits(*conn));
  for (const auto& u : scope.units) scope.unit_town[u.id] = u.town_id;
  return scope;
}

// The scopes a worker can be given here, as <option>s: the county (county staff), each town,
// each grid under its village's name.
Data ScopeOptions(const PeopleScope& scope, const std::string& chosen, Language language) {
  std::map<std::string, std::string> names;
  for (const auto& u : scope.units) names[u.id] = u.name;
  Data options{Data::type::list};
  if (scope.town.empty()) {
    options.push_back(Option("county", std::string(Tr(language, "scope.county")), chosen));
  }
  for (const auto& u : scope.units) {
    if (!scope.town.empty() && u.town_id != scope.town) continue;
    if (u.level == "town") {
      options.push_back(
          Option("town:" + u.id, TrFill(language, "people.scope_town", {u.name}), chosen));
    } else if (u.level == "grid") {
      options.push_back(Option("grids:" + u.id,
                               TrFill(language, "people.scope_grid",
                                      {names[u.town_id], names[u.parent_id], u.name, u.id}),
                               chosen));
    }
  }
  return options;
}

Data RoleOptions(const PeopleScope& scope, const std::string& chosen, Language language) {
  Data options{Data::type::list};
  for (const char* role : {"grid_worker", "inspector", "township", "county"}) {
    if (!scope.town.empty() && std::string(role) == "county") continue;
    options.push_back(Option(role, RoleLabel(role, language), chosen));
  }
  return options;
}

core::Result<Data> PeopleData(ConsoleContext& context, const PeopleScope& scope,
                              Language language) {
  auto conn = context.storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto workers, ListWorkers(*conn));
  QM_ASSIGN_OR_RETURN(auto devices, ListDeviceActivity(*conn));
  const base::TimeZone& zone = context.storage.time_zone();
  Data rows{Data::type::list};
  for (const Worker& w : workers) {
    const std::string scope_text = w.scope.ToString();
    if (!scope.Holds(scope_text)) continue;
    Data row;
    row.set("id", w.id);
    row.set("name", w.name);
    row.set("role", RoleLabel(w.role, language));
    row.set("scope", w.scope.kind() == Scope::Kind::kCounty
                         ? std::string(Tr(language, "scope.county"))
                         : scope_text);
    Data list{Data::type::list};
    for (const DeviceActivity& d : devices) {
      if (d.worker_id != w.id) continue;
      Data device;
      device.set("hex", base::HexEncode(d.device_id));
      device.set("uuid", DeviceText(d.device_id));
      device.set("name", d.name);
      device.set("enrolled", base::CountyDateTime(d.enrolled_ms, zone));
      device.set("last_sync", d.last_sync_ms > 0
                                  ? base::CountyDateTime(d.last_sync_ms, zone)
                                  : std::string(Tr(language, "people.never_synced")));
      device.set("revoked", d.revoked);
      if (d.reinstated_ms > 0) {
        device.set("reinstated", base::CountyDateTime(d.reinstated_ms, zone));
      }
      list.push_back(device);
    }
    row.set("devices", list);
    row.set("no_devices", list.is_empty_list());
    rows.push_back(row);
  }
  Data data;
  data.set("workers", rows);
  data.set("no_workers", rows.is_empty_list());
  return data;
}

// The page with `form` (what was typed into the add form) and, after a post, `error` or `done`.
HttpResponse People(ConsoleContext& context, const ConsoleSession& session,
                    const PeopleScope& scope, std::map<std::string, std::string> form,
                    const std::string& error, const std::string& done, int status) {
  const Language language = session.language;
  auto data = PeopleData(context, scope, language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "people.unreadable")));
  }
  data->set("form_id", form["id"]);
  data->set("form_name", form["name"]);
  data->set("roles",
            RoleOptions(scope, form["role"].empty() ? "grid_worker" : form["role"], language));
  data->set("scopes", ScopeOptions(scope, form["scope"], language));
  if (!error.empty()) data->set("error", error);
  if (!done.empty()) data->set("done", done);
  return SignedInPage(context, session, "people", std::string(Tr(language, "nav.people")), "people",
                      std::move(data).value(), status);
}

// The staff member's scope, or the page to answer instead.
std::optional<PeopleScope> ScopeOf(ConsoleContext& context, const ConsoleSession& session,
                                   HttpResponse* refusal) {
  auto town = StaffTown(session);
  if (!town) {
    *refusal = GridsScopePage(context, session.language);
    return std::nullopt;
  }
  auto scope = LoadScope(context, *town);
  if (!scope.ok()) {
    *refusal = MessagePage(context, session.language, 503,
                           std::string(Tr(session.language, "people.unreadable")));
    return std::nullopt;
  }
  return std::move(scope).value();
}

// The worker `id` when it exists and the staff member may act on it; nullopt (and a 404 or 503
// in `refusal`) otherwise.
std::optional<Worker> WorkerInScope(ConsoleContext& context, const PeopleScope& scope,
                                    const std::string& id, Language language,
                                    HttpResponse* refusal) {
  Directory directory(context.storage, context.clock);
  auto worker = directory.GetWorker(id);
  if (!worker.ok() && worker.status().code() != core::Code::kNotFound) {
    *refusal = MessagePage(context, language, 503, std::string(Tr(language, "people.unreadable")));
    return std::nullopt;
  }
  if (!worker.ok() || !scope.Holds(worker->scope.ToString())) {
    *refusal = MessagePage(context, language, 404, std::string(Tr(language, "people.no_worker")));
    return std::nullopt;
  }
  return std::move(worker).value();
}

HttpResponse AddWorker(ConsoleContext& context, const ConsoleSession& session,
                       const PeopleScope& scope, const std::map<std::string, std::string>& form) {
  auto field = [&](const char* name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  Worker worker;
  worker.id = field("id");
  worker.name = field("name");
  worker.role = field("role");
  const Language language = session.language;
  const auto again = [&](int status, const std::string& error) {
    return People(context, session, scope, form, error, "", status);
  };
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  if (worker.id.empty() || worker.name.empty()) return again(400, say("people.need_id_name"));
  if (worker.id.size() > kMaxFieldBytes || worker.name.size() > kMaxFieldBytes ||
      worker.id.find_first_of(" \t\r\n/") != std::string::npos) {
    return again(400, say("people.bad_id_name"));
  }
  if (!IsValidRole(worker.role) || (!scope.town.empty() && worker.role == "county")) {
    return again(400, say("people.choose_role"));
  }
  auto parsed = Scope::Parse(field("scope"));
  if (!parsed.ok() || !scope.MayGive(*parsed)) return again(400, say("people.choose_scope"));
  worker.scope = *parsed;
  // Add-worker updates an existing worker: only one the staff member may act on.
  Directory directory(context.storage, context.clock);
  auto existing = directory.GetWorker(worker.id);
  if (existing.ok() && !scope.Holds(existing->scope.ToString())) {
    return again(409, TrFill(language, "people.id_taken", {worker.id}));
  }
  if (!existing.ok() && existing.status().code() != core::Code::kNotFound) {
    return again(503, say("people.save_failed"));
  }
  if (auto added = directory.AddWorker(worker); !added.ok()) {
    if (added.code() == core::Code::kInvalidArgument) {
      return again(400, say("people.unknown_scope"));
    }
    return again(503, say("people.save_failed"));
  }
  return Redirect("/console/people?done=added", context.tls);
}

HttpResponse EnrolCode(ConsoleContext& context, const ConsoleSession& session,
                       const PeopleScope& scope, const HttpRequest& request,
                       const std::string& worker_id) {
  const Language language = session.language;
  HttpResponse refusal;
  auto worker = WorkerInScope(context, scope, worker_id, language, &refusal);
  if (!worker) return refusal;
  // Phones are told serve's --public-url, or the address this browser used when that is this
  // machine's own or the listener's: never a Host header from elsewhere (it can be forged).
  const auto server =
      EnrolServerUrl({context.public_url, context.listen_host, context.listen_port, context.tls},
                     request.Header("host").value_or(""));
  Directory directory(context.storage, context.clock);
  auto code = directory.IssueEnrollCode(worker->id);
  if (!code.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "people.code_failed")));
  }
  Data data;
  data.set("worker_id", worker->id);
  data.set("worker_name", worker->name);
  data.set("code", *code);
  if (server) {
    core::enrol::EnrolLink link{*server, *code, context.tls_pin_sha256};
    auto text = core::enrol::FormatEnrolLink(link);
    auto qr = text.ok() ? EncodeQr(*text) : core::Result<QrMatrix>(text.status());
    if (!qr.ok()) {
      return MessagePage(context, language, 500, TrFill(language, "people.qr_failed", {*code}));
    }
    data.set("server", link.server_url);
    data.set("link", *text);
    data.set("pinned", !link.pin_sha256.empty());
    data.set("qr", QrSvg(*qr, kQrPixels, TrFill(language, "people.qr_title", {worker->name})));
  }
  return SignedInPage(context, session, "enrol_code",
                      std::string(Tr(language, "people.code_title")), "people", data, 200);
}

HttpResponse Revoke(ConsoleContext& context, const ConsoleSession& session,
                    const PeopleScope& scope, const std::map<std::string, std::string>& form) {
  const Language language = session.language;
  auto say = [language](const char* key) { return std::string(Tr(language, key)); };
  auto field = [&](const char* name) {
    auto it = form.find(name);
    return it == form.end() ? std::string() : it->second;
  };
  auto device_id = base::HexDecode(field("device"));
  // The connection goes back to the pool before RevokeDevice takes one (SQLite's pool is small).
  auto devices = [&] {
    auto conn = context.storage.pool().Acquire();
    return ListDeviceActivity(*conn);
  }();
  if (!devices.ok()) return MessagePage(context, language, 503, say("people.devices_unreadable"));
  auto it = std::find_if(devices->begin(), devices->end(), [&](const DeviceActivity& d) {
    return device_id && d.device_id == *device_id;
  });
  if (it == devices->end() || !scope.Holds(it->worker_scope)) {
    return MessagePage(context, language, 404, say("people.no_device"));
  }
  if (field("confirm") != "yes") {
    return People(context, session, scope, {}, say("people.confirm_revoke"), "", 400);
  }
  if (!Directory(context.storage, context.clock).RevokeDevice(field("device")).ok()) {
    return MessagePage(context, language, 503, say("people.revoke_failed"));
  }
  return Redirect("/console/people?done=revoked", context.tls);
}

// The list as CSV: a line per device with its worker (a worker without a device on a line alone).
HttpResponse PeopleCsv(ConsoleContext& context, const PeopleScope& scope, Language language) {
  auto data = PeopleData(context, scope, language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "people.unreadable")));
  }
  Data rows{Data::type::list};
  for (const Data& worker : data->get("workers")->list_value()) {
    auto line = [&](const Data* device) {
      Data row;
      for (const char* key : {"id", "name", "role", "scope"}) {
        row.set(std::string("worker_") + key, worker.get(key)->string_value());
      }
      if (device) {
        for (const char* key : {"name", "uuid", "enrolled", "last_sync"}) {
          row.set(std::string("device_") + key, device->get(key)->string_value());
        }
        row.set("device_state",
                std::string(Tr(language, device->get("revoked")->is_true() ? "people.revoked"
                                                                           : "people.active")));
      }
      rows.push_back(row);
    };
    const auto& devices = worker.get("devices")->list_value();
    if (devices.empty()) line(nullptr);
    for (const Data& device : devices) line(&device);
  }
  auto col = [language](const char* key, const char* field) {
    return CsvColumn{std::string(Tr(language, key)), field};
  };
  return CsvDownload(
      "people.csv",
      {col("people.id", "worker_id"), col("people.name", "worker_name"),
       col("people.role", "worker_role"), col("people.scope", "worker_scope"),
       col("today.device", "device_name"), col("people.device_id", "device_uuid"),
       col("people.enrolled", "device_enrolled"), col("today.last_sync", "device_last_sync"),
       col("people.state", "device_state")},
      rows, context.tls, language);
}

}  // namespace

HttpResponse PeoplePage(ConsoleContext& context, const ConsoleSession& session,
                        const HttpRequest& request) {
  HttpResponse refusal;
  auto scope = ScopeOf(context, session, &refusal);
  if (!scope) return refusal;
  const Language language = session.language;
  if (WantsCsv(request)) return PeopleCsv(context, *scope, language);
  const std::string done = QueryParam(request.target, "done").value_or("");
  return People(context, session, *scope, {}, "",
                done == "added"     ? std::string(Tr(language, "people.flash_added"))
                : done == "revoked" ? std::string(Tr(language, "people.flash_revoked"))
                                    : "",
                200);
}

HttpResponse PeoplePost(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request) {
  HttpResponse refusal;
  auto scope = ScopeOf(context, session, &refusal);
  if (!scope) return refusal;
  auto form = ParseForm(request.body);
  if (rest == "add") return AddWorker(context, session, *scope, form);
  if (rest == "code") return EnrolCode(context, session, *scope, request, form["worker"]);
  if (rest == "revoke") return Revoke(context, session, *scope, form);
  return MessagePage(context, session.language, 404,
                     std::string(Tr(session.language, "gate.no_page")));
}

}  // namespace qiaomen::server::console
