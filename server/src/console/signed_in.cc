// What every signed-in page shares: the layout's header and the staff member's town.
#include "console/pages.h"
#include "qiaomen/server/directory.h"

namespace qiaomen::server::console {

Data SignedInLayout(ConsoleContext& context, const ConsoleSession& session,
                    const std::string& title, const std::string& nav) {
  Data layout;
  layout.set("title", title);
  layout.set("county", context.storage.identity().county_name);
  Data staff;
  staff.set("staff_name", session.staff.name);
  staff.set("scope_label", session.staff.scope.kind() == Scope::Kind::kCounty
                               ? std::string(Tr(session.language, "scope.county"))
                               : session.staff.scope.ToString());
  staff.set("csrf", session.csrf_token);
  staff.set("nav_today", nav == "today");
  staff.set("nav_hazards", nav == "hazards");
  staff.set("nav_visits", nav == "visits");
  staff.set("nav_conflicts", nav == "conflicts");
  staff.set("nav_refusals", nav == "refusals");
  staff.set("nav_people", nav == "people");
  staff.set("nav_import", nav == "import");
  layout.set("staff", staff);
  return layout;
}

std::optional<std::string> StaffTown(const ConsoleSession& session) {
  const Scope& scope = session.staff.scope;
  if (scope.kind() == Scope::Kind::kGrids) return std::nullopt;
  return scope.kind() == Scope::Kind::kTown ? scope.units().front() : "";
}

core::Result<std::map<std::string, std::string>> UnitTowns(ConsoleContext& context,
                                                           SqlConnection& conn) {
  Directory directory(context.storage, context.clock);
  QM_ASSIGN_OR_RETURN(auto units, directory.ListAdminUnits(conn));
  std::map<std::string, std::string> unit_town;
  for (const auto& u : units) unit_town[u.id] = u.town_id;
  return unit_town;
}

bool WorksIn(const std::string& scope, const std::string& town,
             const std::map<std::string, std::string>& unit_town) {
  auto parsed = Scope::Parse(scope);
  if (!parsed.ok()) return false;
  if (parsed->kind() == Scope::Kind::kTown) return parsed->units().front() == town;
  if (parsed->kind() == Scope::Kind::kCounty) return false;
  for (const auto& grid : parsed->units()) {
    auto it = unit_town.find(grid);
    if (it != unit_town.end() && it->second == town) return true;
  }
  return false;
}

HttpResponse SignedInPage(ConsoleContext& context, const ConsoleSession& session, const char* name,
                          const std::string& title, const std::string& nav, Data data, int status) {
  data.set("csrf", session.csrf_token);
  auto html =
      RenderPage(name, data, SignedInLayout(context, session, title, nav), session.language);
  if (!html.ok()) return MessagePage(context, session.language, 500, html.status().message());
  return HtmlPage(status, std::move(html).value(), context.tls);
}

HttpResponse GridsScopePage(ConsoleContext& context, Language language) {
  return MessagePage(context, language, 403, std::string(Tr(language, "gate.grids_scope")));
}

}  // namespace qiaomen::server::console
