#pragma once
// The console's pages, one file each; console_routes.cc signs people in and out and calls them.

#include <optional>
#include <string>

#include "console/render.h"
#include "qiaomen/server/console.h"

namespace qiaomen::server::console {

// The layout's values for a signed-in staff member (name, scope, the CSRF token of the sign-out
// form) with `title`; `nav` ("today", "hazards") marks the current page in the navigation.
Data SignedInLayout(ConsoleContext& context, const ConsoleSession& session,
                    const std::string& title, const std::string& nav);

// The town a staff member sees: theirs for township staff, "" (every town) for county staff;
// nullopt for a scope of grids, which a staff account should not have (the caller answers 403).
std::optional<std::string> StaffTown(const ConsoleSession& session);
// The 403 page for a staff account whose scope is grids.
HttpResponse GridsScopePage(ConsoleContext& context);

// 今日: the day in the staff member's scope.
HttpResponse TodayPage(ConsoleContext& context, const ConsoleSession& session);

// 隐患台账: the hazards in the staff member's scope, filtered and paged by the request's query
// (town, village, category, severity, status, overdue, page).
HttpResponse HazardsPage(ConsoleContext& context, const ConsoleSession& session,
                         const HttpRequest& request);

// A hazard's page, `rest` the path after /console/hazards/: HEX (its fields, its steps and its
// photos), or HEX/photos/PHOTO[/thumb] (one of its photos, see ServePhoto). 404 for a malformed
// id, an unknown one and one outside the staff member's scope alike.
HttpResponse HazardPage(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest);

// 走访记录: the visits in the staff member's scope, filtered and paged by the request's query
// (town, village, grid, from, to, outcome, page).
HttpResponse VisitsPage(ConsoleContext& context, const ConsoleSession& session,
                        const HttpRequest& request);

// A visit's page, `rest` the path after /console/visits/: HEX (the visit), or
// HEX/photos/PHOTO[/thumb] (one of its photos, see ServePhoto). 404 for a malformed id, an
// unknown one and one outside the staff member's scope alike.
HttpResponse VisitPage(ConsoleContext& context, const ConsoleSession& session,
                       const std::string& rest);

// A page with one sentence, for errors a person meets (500, 404).
HttpResponse MessagePage(ConsoleContext& context, int status, const std::string& message);

}  // namespace qiaomen::server::console
