// What every signed-in page shares: the layout's header and the staff member's town.
#include "console/pages.h"

namespace qiaomen::server::console {

Data SignedInLayout(ConsoleContext& context, const ConsoleSession& session,
                    const std::string& title, const std::string& nav) {
  Data layout;
  layout.set("title", title);
  layout.set("county", context.storage.identity().county_name);
  Data staff;
  staff.set("staff_name", session.staff.name);
  staff.set("scope_label", session.staff.scope.kind() == Scope::Kind::kCounty
                               ? std::string("全县")
                               : session.staff.scope.ToString());
  staff.set("csrf", session.csrf_token);
  staff.set("nav_today", nav == "today");
  staff.set("nav_hazards", nav == "hazards");
  staff.set("nav_visits", nav == "visits");
  staff.set("nav_conflicts", nav == "conflicts");
  staff.set("nav_refusals", nav == "refusals");
  layout.set("staff", staff);
  return layout;
}

std::optional<std::string> StaffTown(const ConsoleSession& session) {
  const Scope& scope = session.staff.scope;
  if (scope.kind() == Scope::Kind::kGrids) return std::nullopt;
  return scope.kind() == Scope::Kind::kTown ? scope.units().front() : "";
}

HttpResponse GridsScopePage(ConsoleContext& context) {
  return MessagePage(context, 403, "这个账号的范围不是一个镇或全县，请县里用 add-staff 改正。");
}

}  // namespace qiaomen::server::console
