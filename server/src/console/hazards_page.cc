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
                const std::vector<LedgerHazard>& hazards) {
  Data towns{Data::type::list}, villages{Data::type::list};
  for (const auto& [id, unit] : units) {
    if (unit.level == "town" && town.empty())
      towns.push_back(Option(id, unit.name, filter["town"]));
    if (unit.level == "village" && (town.empty() || unit.town == town)) {
      villages.push_back(Option(id, unit.name + "（" + id + "）", filter["village"]));
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
    categories.push_back(
        Option(code, std::string(core::domain::HazardCategoryLabel(code).zh), filter["category"]));
  }
  data.set("categories", categories);
  Data severities{Data::type::list};
  for (v1::Severity s : {v1::GENERAL, v1::MAJOR}) {
    auto label = core::domain::SeverityLabel(s);
    severities.push_back(
        Option(std::string(label.code), std::string(label.zh), filter["severity"]));
  }
  data.set("severities", severities);
  Data statuses{Data::type::list};
  using core::domain::HazardStatus;
  for (HazardStatus s : {HazardStatus::kFound, HazardStatus::kOrdered, HazardStatus::kRectified,
                         HazardStatus::kReinspected, HazardStatus::kClosed}) {
    auto label = core::domain::HazardStatusLabel(s);
    statuses.push_back(Option(std::string(label.code), std::string(label.zh), filter["status"]));
  }
  data.set("statuses", statuses);
  data.set("overdue", !filter["overdue"].empty());
}

core::Result<Data> LedgerData(ConsoleContext& context, const std::string& town,
                              const HttpRequest& request) {
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
  SetChoices(data, filter, units, town, hazards);
  Data rows{Data::type::list};
  size_t matched = 0;
  for (const auto& h : hazards) {
    if (!Matches(h, filter, units)) continue;
    if (OnPage(matched++, page) || WantsCsv(request)) {
      rows.push_back(HazardItem(h, context.storage.time_zone()));
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
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context);
  auto data = LedgerData(context, *town, request);
  if (!data.ok()) return MessagePage(context, 503, "隐患台账暂时读不出来，请稍后再试。");
  if (WantsCsv(request)) {
    return ListDownload(request, "hazards", "隐患台账",
                        {{"住户/场所", "subject_name"},
                         {"地址", "subject_address"},
                         {"网格", "grid_id"},
                         {"类别", "category"},
                         {"等级", "severity"},
                         {"状态", "status"},
                         {"整改期限", "deadline"},
                         {"逾期", "overdue"},
                         {"逾期天数", "days_overdue"},
                         {"挂牌督办", "escalated"},
                         {"立案查处", "case_opened"},
                         {"最后一步", "last_step"},
                         {"编号", "id"}},
                        *data->get("hazards"), context.tls);
  }
  auto html = RenderPage("hazards", *data, SignedInLayout(context, session, "隐患台账", "hazards"));
  if (!html.ok()) return MessagePage(context, 500, html.status().message());
  return HtmlPage(200, std::move(html).value(), context.tls);
}

}  // namespace qiaomen::server::console
