// 今日: coverage by town, village and grid, the day's visits and hazards, major hazards open and
// overdue, photos still pending and devices gone quiet, all from the county report's queries
// limited to the staff member's town (county staff see every town).
#include <algorithm>
#include <map>

#include "admin/device_activity.h"
#include "console/list_view.h"
#include "console/pages.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/report.h"

namespace qiaomen::server::console {
namespace {

constexpr int64_t kQuietDeviceMs = 2 * 24 * 3600'000LL;
constexpr int64_t kBackupDueS = 24 * 3600;

std::string Count(int64_t n) { return std::to_string(n); }

// Percent of `total` as an SVG width with one decimal.
std::string Percent(int64_t part, int64_t total) {
  if (total <= 0) return "0";
  const int64_t tenths = part * 1000 / total;
  return std::to_string(tenths / 10) + "." + std::to_string(tenths % 10);
}

Data CoverageItem(const CoverageRow& row, Language language) {
  auto outcome = [&](const char* code) {
    auto it = row.latest_outcomes.find(code);
    return it == row.latest_outcomes.end() ? int64_t{0} : it->second;
  };
  const int64_t checked = outcome("checked"), revisit = outcome("nobody_home"),
                refused = outcome("refused");
  const int64_t other = row.visited - checked - revisit - refused;
  Data item;
  item.set("level", row.level);
  if (row.level == "town" || row.level == "village" || row.level == "grid") {
    item.set("level_label", std::string(Tr(language, "today.level." + row.level)));
  }
  item.set("unit_id", row.unit_id);
  item.set("name", row.name);
  item.set("subjects", Count(row.subjects));
  item.set("visited", Count(row.visited));
  item.set("checked", Count(checked));
  item.set("revisit", Count(revisit));
  item.set("refused", Count(refused));
  item.set("remaining", Count(row.subjects - row.visited));
  // The bar's segments side by side, in this order, as percentages of the unit's subjects.
  int64_t x = 0;
  for (auto [name, n] : {std::pair<const char*, int64_t>{"checked", checked},
                         {"revisit", revisit},
                         {"refused", refused},
                         {"other", other}}) {
    item.set(std::string(name) + "_x", Percent(x, row.subjects));
    item.set(std::string(name) + "_w", Percent(n, row.subjects));
    x += n;
  }
  return item;
}

core::Result<Data> QuietDevices(ConsoleContext& context, const std::string& town,
                                Language language) {
  auto conn = context.storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(auto devices, ListDeviceActivity(*conn));
  QM_ASSIGN_OR_RETURN(auto grid_town, UnitTowns(context, *conn));
  const int64_t now = context.clock.NowMillis();
  Data list{Data::type::list};
  for (const auto& d : devices) {
    if (d.revoked || (!town.empty() && !WorksIn(d.worker_scope, town, grid_town))) continue;
    const int64_t last = std::max(d.last_sync_ms, d.enrolled_ms);
    if (now - last < kQuietDeviceMs) continue;
    Data item;
    item.set("worker_id", d.worker_id);
    item.set("worker_name", d.worker_name);
    item.set("device_name", d.name);
    item.set("last_sync",
             d.last_sync_ms > 0
                 ? base::CountyDateTime(d.last_sync_ms, context.storage.time_zone())
                 : TrFill(language, "today.never_synced",
                          {base::CountyDateTime(d.enrolled_ms, context.storage.time_zone())}));
    list.push_back(item);
  }
  return list;
}

core::Result<Data> TodayData(ConsoleContext& context, const std::string& town, Language language) {
  const std::string today =
      base::CountyDate(context.clock.NowMillis(), context.storage.time_zone());
  QM_ASSIGN_OR_RETURN(Report all, BuildReport(context.storage, context.clock,
                                              {.town = town, .date = "", .campaign = ""}));
  QM_ASSIGN_OR_RETURN(Report day, BuildReport(context.storage, context.clock,
                                              {.town = town, .date = today, .campaign = ""}));
  Data data;
  data.set("date", today);
  data.set("visits_today", Count(day.visits));
  data.set("hazards_today", Count(day.hazards_found_on_date));
  data.set("major_open", Count(all.major_hazards_open));
  data.set("major_open_alert", all.major_hazards_open > 0);
  data.set("major_overdue", Count(all.major_hazards_overdue));
  data.set("major_overdue_alert", all.major_hazards_overdue > 0);
  data.set("hazards_open", Count(all.hazards_open));
  data.set("hazards_overdue", Count(all.hazards_overdue));
  data.set("photos_pending", Count(all.photos_pending));
  // County staff (who run the server) are told when the last backup is older than a day.
  if (town.empty() && (all.backup_age_s < 0 || all.backup_age_s > kBackupDueS)) {
    data.set("backup_warning", all.backup_age_s < 0 ? std::string(Tr(language, "today.no_backup"))
                                                    : TrFill(language, "today.old_backup",
                                                             {Count(all.backup_age_s / 3600)}));
  }
  // As a tree: a town, its villages, each with its grids (unit ids nest: T01, T01-V01, ...).
  std::vector<CoverageRow> rows = all.coverage;
  std::stable_sort(rows.begin(), rows.end(), [](const CoverageRow& a, const CoverageRow& b) {
    return a.unit_id < b.unit_id;
  });
  Data coverage{Data::type::list};
  for (const auto& row : rows) coverage.push_back(CoverageItem(row, language));
  data.set("coverage", coverage);
  QM_ASSIGN_OR_RETURN(Data quiet, QuietDevices(context, town, language));
  data.set("stale_devices", quiet);
  return data;
}

}  // namespace

HttpResponse TodayPage(ConsoleContext& context, const ConsoleSession& session,
                       const HttpRequest& request) {
  const Language language = session.language;
  auto town = StaffTown(session);
  if (!town) return GridsScopePage(context, language);
  auto data = TodayData(context, *town, language);
  if (!data.ok()) {
    return MessagePage(context, language, 503, std::string(Tr(language, "today.unreadable")));
  }
  if (WantsCsv(request)) {
    auto col = [language](const char* key, const char* field) {
      return CsvColumn{std::string(Tr(language, key)), field};
    };
    return CsvDownload("coverage.csv",
                       {col("today.csv_level", "level_label"), col("today.csv_id", "unit_id"),
                        col("today.csv_name", "name"), col("today.subjects", "subjects"),
                        col("today.csv_visited", "visited"), col("today.checked", "checked"),
                        col("today.revisit", "revisit"), col("today.refused", "refused"),
                        col("today.remaining", "remaining")},
                       *data->get("coverage"), context.tls, language);
  }
  auto html = RenderPage(
      "today", *data,
      SignedInLayout(context, session, std::string(Tr(language, "nav.today")), "today"), language);
  if (!html.ok()) return MessagePage(context, language, 500, html.status().message());
  return HtmlPage(200, std::move(html).value(), context.tls);
}

}  // namespace qiaomen::server::console
