// 走访记录: the finished visits in the staff member's scope, latest first, filtered by a GET form
// (town for county staff, village, grid, county days from/to, outcome) and paged.
#include <optional>
#include <set>
#include <utility>

#include "console/list_view.h"
#include "console/pages.h"
#include "console/visit_view.h"
#include "qiaomen/base/civil_date.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/server/directory.h"

namespace qiaomen::server::console {
namespace {

const std::vector<std::string> kFilterNames = {"town", "village", "grid", "from", "to", "outcome"};

// The filter form's choices: towns (county staff only), villages and grids of the staff member's
// town (grids of the chosen village only), outcomes.
void SetChoices(Data& data, std::map<std::string, std::string>& filter,
                const std::vector<AdminUnitRow>& units, const std::string& town,
                Language language) {
  Data towns{Data::type::list}, villages{Data::type::list}, grids{Data::type::list};
  for (const auto& unit : units) {
    if (!town.empty() && unit.town_id != town) continue;
    if (unit.level == "town") towns.push_back(Option(unit.id, unit.name, filter["town"]));
    if (unit.level == "village" && (filter["town"].empty() || unit.town_id == filter["town"])) {
      villages.push_back(Option(unit.id, TrFill(language, "list.unit_option", {unit.name, unit.id}),
                                filter["village"]));
    }
    if (unit.level == "grid" && (filter["town"].empty() || unit.town_id == filter["town"]) &&
        (filter["village"].empty() || unit.parent_id == filter["village"])) {
      grids.push_back(Option(unit.id, TrFill(language, "list.unit_option", {unit.name, unit.id}),
                             filter["grid"]));
    }
  }
  if (town.empty()) {
    data.set("town_filter", true);
    data.set("towns", towns);
  }
  data.set("villages", villages);
  data.set("grids", grids);
  Data outcomes{Data::type::list};
  for (v1::VisitOutcome o :
       {v1::CHECKED, v1::NOBODY_HOME, v1::REFUSED, v1::VACANT, v1::MOVED, v1::NO_SHELTER}) {
    auto label = core::domain::OutcomeLabel(o);
    outcomes.push_back(
        Option(std::string(label.code), std::string(label.In(language)), filter["outcome"]));
  }
  data.set("outcomes", outcomes);
}

// A county day as people type it: "2026-12-01", "2026/12/1", "2026.12.1" or "2026年12月1日",
// as "YYYY-MM-DD"; nullopt when it is not a real day.
std::optional<std::string> NormalizeDay(std::string text) {
  for (const char* mark : {"年", "月"}) {
    for (size_t at = text.find(mark); at != std::string::npos; at = text.find(mark)) {
      text.replace(at, std::string(mark).size(), "-");
    }
  }
  if (const size_t at = text.find("日"); at != std::string::npos && at + 3 == text.size()) {
    text.resize(at);
  }
  while (!text.empty() && text.back() == ' ') text.pop_back();
  while (!text.empty() && text.front() == ' ') text.erase(0, 1);
  std::vector<std::string> parts(1);
  for (char c : text) {
    if (c == '-' || c == '/' || c == '.') {
      parts.emplace_back();
    } else if (c >= '0' && c <= '9') {
      parts.back().push_back(c);
    } else {
      return std::nullopt;
    }
  }
  if (parts.size() != 3 || parts[0].size() != 4 || parts[1].empty() || parts[1].size() > 2 ||
      parts[2].empty() || parts[2].size() > 2) {
    return std::nullopt;
  }
  for (size_t i = 1; i < 3; ++i) {
    if (parts[i].size() == 1) parts[i] = "0" + parts[i];
  }
  std::string day = parts[0] + "-" + parts[1] + "-" + parts[2];
  if (!base::ParseIsoDate(day)) return std::nullopt;
  return day;
}

bool Matches(const VisitRecord& v, std::map<std::string, std::string>& filter,
             const std::map<std::string, std::string>& village_of, const base::TimeZone& zone) {
  auto village = village_of.find(v.grid_id);
  const int64_t at =
      v.visit.finished_at_ms() > 0 ? v.visit.finished_at_ms() : v.visit.started_at_ms();
  const std::string day = base::CountyDate(at, zone);
  return (filter["town"].empty() || v.town_id == filter["town"]) &&
         (filter["village"].empty() ||
          (village != village_of.end() && village->second == filter["village"])) &&
         (filter["grid"].empty() || v.grid_id == filter["grid"]) &&
         (filter["from"].empty() || day >= filter["from"]) &&
         (filter["to"].empty() || day <= filter["to"]) &&
         (filter["outcome"].empty() ||
          core::domain::OutcomeLabel(v.visit.outcome()).code == filter["outcome"]);
}

core::Result<Data> ListData(ConsoleContext& context, const std::string& town,
                            const HttpRequest& request, Language language) {
  auto filter = QueryFields(request);
  // A township's list is its town's whatever the address asks for.
  if (!town.empty()) filter["town"] = "";
  const size_t page = PageNumber(filter);
  Data data;
  // What was typed stays in the form; a day that cannot be read filters nothing and says why.
  std::string date_errors;
  for (const auto& [name, label] :
       {std::pair{"from", "visits.from"}, std::pair{"to", "visits.to"}}) {
    const std::string typed = filter[name];
    data.set(std::string(name) + "_typed", typed);
    if (typed.empty()) continue;
    if (auto day = NormalizeDay(typed)) {
      filter[name] = *day;
      data.set(std::string(name) + "_typed", *day);
    } else {
      date_errors += std::string(date_errors.empty() ? "" : Tr(language, "visits.error_sep")) +
                     TrFill(language, "visits.bad_day", {Tr(language, label), typed});
      data.set(std::string(name) + "_invalid", true);
      filter[name] = "";
    }
  }
  if (!filter["from"].empty() && !filter["to"].empty() && filter["from"] > filter["to"]) {
    date_errors = TrFill(language, "visits.from_after_to", {filter["from"], filter["to"]});
    data.set("from_invalid", true);
    data.set("to_invalid", true);
    filter["from"] = filter["to"] = "";
  }
  if (!date_errors.empty()) {
    data.set("date_error", TrFill(language, "visits.date_error", {date_errors}));
  }
  const base::TimeZone& zone = context.storage.time_zone();
  auto conn = context.storage.pool().Acquire();
  Directory directory(context.storage, context.clock);
  QM_ASSIGN_OR_RETURN(auto units, directory.ListAdminUnits(*conn));
  std::map<std::string, std::string> village_of;
  for (const auto& u : units) {
    if (u.level == "grid") village_of[u.id] = u.parent_id;
  }
  QM_ASSIGN_OR_RETURN(auto visits, ListVisitRecords(*conn, town));
  QM_ASSIGN_OR_RETURN(auto workers, WorkerNames(*conn));
  QM_ASSIGN_OR_RETURN(auto blob_rows, conn->Query("SELECT sha256 FROM blobs"));
  std::set<std::string> blobs;
  for (const auto& b : blob_rows) blobs.insert(b.Text(0));

  SetChoices(data, filter, units, town, language);
  std::map<std::string, std::string> titles;
  Data rows{Data::type::list};
  size_t matched = 0;
  for (const auto& v : visits) {
    if (!Matches(v, filter, village_of, zone)) continue;
    if (!OnPage(matched++, page) && !WantsCsv(request)) continue;
    auto worker = workers.find(v.visit.worker_id());
    rows.push_back(VisitItem(v, ChecklistTitle(*conn, v.visit, titles, language),
                             worker == workers.end() ? "" : worker->second, blobs, zone, language));
  }
  data.set("visits", rows);
  SetPaging(data, "/console/visits", filter, kFilterNames, page, matched);
  data.set("csv", ListLink("/console/visits.csv", filter, kFilterNames, 1));
  data.set("xlsx", ListLink("/console/visits.xlsx", filter, kFilterNames, 1));
  return data;
}

}  // namespace

HttpResponse VisitsPage(ConsoleContext& context, const ConsoleSession& session,
                        const HttpRequest& request) {
  const Language language = session.language;
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto data = ListData(context, *town, request, language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "visits.unreadable")));
  }
  if (WantsCsv(request)) {
    auto col = [language](const char* key, const char* field) {
      return CsvColumn{std::string(Tr(language, key)), field};
    };
    return ListDownload(
        request, "visits", std::string(Tr(language, "nav.visits")),
        {col("visits.at", "finished"), col("hazards.subject", "subject_name"),
         col("hazards.address", "subject_address"), col("hazards.grid", "grid_id"),
         col("visits.outcome", "outcome"), col("visits.checklist", "checklist"),
         col("visits.worker", "worker"), col("photos.title", "photo_count"),
         col("visits.evidence_ok", "evidence_ok"), col("photos.pending", "evidence_pending"),
         col("visits.unsigned", "evidence_failed"), col("hazards.id", "id")},
        *data->get("visits"), context.tls, language);
  }
  auto html = RenderPage(
      "visits", *data,
      SignedInLayout(context, session, std::string(Tr(language, "nav.visits")), "visits"),
      language);
  if (!html.ok()) return MessagePage(context, language, 500, html.status().message());
  return HtmlPage(200, std::move(html).value(), context.tls);
}

}  // namespace qiaomen::server::console
