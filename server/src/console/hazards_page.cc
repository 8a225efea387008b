// 隐患台账: the hazards in the staff member's scope, newest found first, filtered by a GET form
// (town for county staff, village, category, severity, status, overdue only) and paged.
#include <map>
#include <set>

#include "console/hazard_view.h"
#include "console/list_view.h"
#include "console/pages.h"
#include "console/web_forms.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/server/directory.h"

namespace qiaomen::server::console {
namespace {

const std::vector<std::string> kFilterNames = {"town",     "village", "category",
                                               "severity", "status",  "overdue"};

struct Unit {
  std::string parent, name, level, town;
};

bool Matches(const LedgerHazard& h, std::map<std::string, std::string>& filter,
             const std::map<std::string, Unit>& units) {
  auto grid = units.find(h.grid_id);
  const std::string village = grid == units.end() ? "" : grid->second.parent;
  return (filter["town"].empty() || h.town_id == filter["town"]) &&
         (filter["village"].empty() || village == filter["village"]) &&
         (filter["category"].empty() || h.category == filter["category"]) &&
         (filter["severity"].empty() || h.severity == filter["severity"]) &&
         (filter["status"].empty() ||
          core::domain::HazardStatusCode(h.standing.state.status) == filter["status"]) &&
         (filter["overdue"].empty() || h.standing.overdue);
}

// The filter form: towns (county staff only), villages, categories and statuses to choose from.
void SetChoices(Data& data, std::map<std::string, std::string>& filter,
                const std::map<std::string, Unit>& units, const std::string& town,
                const std::vector<LedgerHazard>& hazards, Language language) {
  Data towns{Data::type::list}, villages{Data::type::list};
  for (const auto& [id, unit] : units) {
    if (unit.level == "town" && town.empty())
      towns.push_back(Option(id, unit.name, filter["town"]));
    if (unit.level == "village" && (town.empty() || unit.town == town)) {
      villages.push_back(
          Option(id, TrFill(language, "list.unit_option", {unit.name, id}), filter["village"]));
    }
  }
  if (town.empty()) {
    data.set("town_filter", true);
    data.set("towns", towns);
  }
  data.set("villages", villages);
  std::set<std::string> codes;
  for (const auto& h : hazards) codes.insert(h.category);
  Data categories{Data::type::list};
  for (const auto& code : codes) {
    if (code.empty()) continue;
    categories.push_back(Option(code,
                                std::string(core::domain::HazardCategoryLabel(code).In(language)),
                                filter["category"]));
  }
  data.set("categories", categories);
  Data severities{Data::type::list};
  for (v1::Severity s : {v1::GENERAL, v1::MAJOR}) {
    auto label = core::domain::SeverityLabel(s);
    severities.push_back(
        Option(std::string(label.code), std::string(label.In(language)), filter["severity"]));
  }
  data.set("severities", severities);
  Data statuses{Data::type::list};
  using core::domain::HazardStatus;
  for (HazardStatus s : {HazardStatus::kFound, HazardStatus::kOrdered, HazardStatus::kRectified,
                         HazardStatus::kReinspected, HazardStatus::kClosed}) {
    auto label = core::domain::HazardStatusLabel(s);
    statuses.push_back(
        Option(std::string(label.code), std::string(label.In(language)), filter["status"]));
  }
  data.set("statuses", statuses);
  data.set("overdue", !filter["overdue"].empty());
}

core::Result<Data> LedgerData(ConsoleContext& context, const std::string& town,
                              const HttpRequest& request, Language language) {
  auto filter = QueryFields(request);
  // A township's ledger is its town's whatever the address asks for.
  if (!town.empty()) filter["town"] = "";
  const size_t page = PageNumber(filter);
  auto conn = context.storage.pool().Acquire();
  std::map<std::string, Unit> units;
  Directory directory(context.storage, context.clock);
  QM_ASSIGN_OR_RETURN(auto listed, directory.ListAdminUnits(*conn));
  for (const auto& u : listed) units[u.id] = {u.parent_id, u.name, u.level, u.town_id};
  const std::string today =
      base::CountyDate(context.clock.NowMillis(), context.storage.time_zone());
  QM_ASSIGN_OR_RETURN(auto hazards, ListLedgerHazards(*conn, town, today));

  Data data;
  SetChoices(data, filter, units, town, hazards, language);
  Data rows{Data::type::list};
  size_t matched = 0;
  for (const auto& h : hazards) {
    if (!Matches(h, filter, units)) continue;
    if (OnPage(matched++, page) || WantsCsv(request)) {
      rows.push_back(HazardItem(h, context.storage.time_zone(), language));
    }
  }
  data.set("hazards", rows);
  SetPaging(data, "/console/hazards", filter, kFilterNames, page, matched);
  data.set("csv", ListLink("/console/hazards.csv", filter, kFilterNames, 1));
  data.set("xlsx", ListLink("/console/hazards.xlsx", filter, kFilterNames, 1));
  return data;
}

}  // namespace

HttpResponse HazardsPage(ConsoleContext& context, const ConsoleSession& session,
                         const HttpRequest& request) {
  const Language language = session.language;
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto data = LedgerData(context, *town, request, language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "hazards.unreadable")));
  }
  if (WantsCsv(request)) {
    auto col = [language](const char* key, const char* field) {
      return CsvColumn{std::string(Tr(language, key)), field};
    };
    return ListDownload(
        request, "hazards", std::string(Tr(language, "nav.hazards")),
        {col("hazards.subject", "subject_name"), col("hazards.address", "subject_address"),
         col("hazards.grid", "grid_id"), col("hazards.category", "category"),
         col("hazards.severity", "severity"), col("hazards.status", "status"),
         col("hazards.deadline", "deadline"), col("hazards.overdue", "overdue"),
         col("hazards.days_overdue", "days_overdue"), col("hazard.escalated", "escalated"),
         col("hazard.case_opened", "case_opened"), col("hazards.last_step", "last_step"),
         col("hazards.id", "id")},
        *data->get("hazards"), context.tls, language);
  }
  auto html = RenderPage(
      "hazards", *data,
      SignedInLayout(context, session, std::string(Tr(language, "nav.hazards")), "hazards"),
      language);
  if (!html.ok()) return MessagePage(context, language, 500, html.status().message());
  return HtmlPage(200, std::move(html).value(), context.tls);
}

}  // namespace qiaomen::server::console
