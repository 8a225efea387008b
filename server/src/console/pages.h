#pragma once
// The console's pages, one file each; console_routes.cc signs people in and out and calls them.

#include <map>
#include <optional>
#include <string>

#include "console/render.h"
#include "qiaomen/server/console.h"

namespace qiaomen::server::console {

// The layout's values for a signed-in staff member (name, scope, the CSRF token of the sign-out
// form) with `title`; `nav` ("today", "hazards") marks the current page in the navigation. Pages
// speak the session's language (ConsoleSession::language).
Data SignedInLayout(ConsoleContext& context, const ConsoleSession& session,
                    const std::string& title, const std::string& nav);

// The town a staff member sees: theirs for township staff, "" (every town) for county staff;
// nullopt for a scope of grids, which a staff account should not have (the caller answers 403).
std::optional<std::string> StaffTown(const ConsoleSession& session);
// Each admin unit's town (a town is its own), by unit id.
core::Result<std::map<std::string, std::string>> UnitTowns(ConsoleContext& context,
                                                           SqlConnection& conn);
// Whether a worker with scope text `scope` works in `town` (`unit_town` from UnitTowns): a scope
// of that town, or of grids of which one is in it. A county scope is no town's.
bool WorksIn(const std::string& scope, const std::string& town,
             const std::map<std::string, std::string>& unit_town);
// The same layout's page `name` (templates/NAME.mustache) with `data` and the session's CSRF
// token, `nav` marking the page in the navigation.
HttpResponse SignedInPage(ConsoleContext& context, const ConsoleSession& session, const char* name,
                          const std::string& title, const std::string& nav, Data data, int status);
// The 403 page for a staff account whose scope is grids.
HttpResponse GridsScopePage(ConsoleContext& context, Language language);

// 今日: the day in the staff member's scope; under /console/today.csv its coverage table (each
// town, village and grid) as CSV.
HttpResponse TodayPage(ConsoleContext& context, const ConsoleSession& session,
                       const HttpRequest& request);

// 隐患台账: the hazards in the staff member's scope, filtered and paged by the request's query
// (town, village, category, severity, status, overdue, page). Under /console/hazards.csv: every
// matching row as CSV (CsvDownload), the same for each list page below.
HttpResponse HazardsPage(ConsoleContext& context, const ConsoleSession& session,
                         const HttpRequest& request);

// A hazard's page, `rest` the path after /console/hazards/: HEX (its fields, its steps, its
// photos and the form for the county's steps; `?done=STEP` adds the flash for a step just
// recorded), or HEX/photos/PHOTO[/thumb] (one of its photos, see ServePhoto). 404 for a malformed
// id, an unknown one and one outside the staff member's scope alike.
HttpResponse HazardPage(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request);

// POST /console/hazards/HEX/steps (the gate has checked the CSRF token): records the form's step
// (reinspect, reinspect-failed, close, escalate, open-case) with its note as the staff member's,
// then 303 to the hazard's page with the flash. 404 as HazardPage; 400 for a missing step or a bad
// note, 409 for a step the hazard's state refuses: the page again with the reason in Chinese and
// what was typed, nothing written.
HttpResponse HazardStepPost(ConsoleContext& context, const ConsoleSession& session,
                            const std::string& rest, const HttpRequest& request);

// 走访记录: the visits in the staff member's scope, filtered and paged by the request's query
// (town, village, grid, from, to, outcome, page).
HttpResponse VisitsPage(ConsoleContext& context, const ConsoleSession& session,
                        const HttpRequest& request);

// A visit's page, `rest` the path after /console/visits/: HEX (the visit), or
// HEX/photos/PHOTO[/thumb] (one of its photos, see ServePhoto). 404 for a malformed id, an
// unknown one and one outside the staff member's scope alike.
HttpResponse VisitPage(ConsoleContext& context, const ConsoleSession& session,
                       const std::string& rest);

// 冲突: the conflict log of records in the staff member's town, newest first, those not reviewed
// yet unless the query says show=all; `error` (with `status`) after a post that failed, and the
// flash for ?done=seen|kept.
HttpResponse ConflictsPage(ConsoleContext& context, const ConsoleSession& session,
                           const HttpRequest& request, const std::string& error = "",
                           int status = 200);

// 拒收: the refused changes of the staff member's town, as ConflictsPage.
HttpResponse RefusalsPage(ConsoleContext& context, const ConsoleSession& session,
                          const HttpRequest& request, const std::string& error = "",
                          int status = 200);

// POST /console/conflicts/ID/seen (mark reviewed) or ID/keep-lost (send the value that lost back
// to the devices as the county's edit, see KeepLostValue), then 303 to the list with a flash.
// 404 for a conflict outside the staff member's town, like an unknown one; 409 with the list and
// the reason for one reviewed already or whose losing value cannot be sent.
HttpResponse ConflictPost(ConsoleContext& context, const ConsoleSession& session,
                          const std::string& rest, const HttpRequest& request);

// POST /console/refusals/ID/seen: marks a refused change reviewed, as ConflictPost.
HttpResponse RefusalPost(ConsoleContext& context, const ConsoleSession& session,
                         const std::string& rest, const HttpRequest& request);

// 人员与设备: the workers who work in the staff member's town (every worker for county staff), each
// with their devices (last sync, revoked), the form that adds a worker and, per worker and device,
// the forms of PeoplePost; `?done=added|revoked` adds the flash for a post just made. Under
// /console/people.csv: a line per device with its worker (a worker without one alone).
HttpResponse PeoplePage(ConsoleContext& context, const ConsoleSession& session,
                        const HttpRequest& request);

// POST /console/people/REST (the gate has checked the CSRF token), as the county CLI's commands:
// - add: adds or updates the worker of the form (id, name, role, scope), then 303 to the page. A
//   township may give only its town or grids in it and not the county role, and may not update
//   another town's worker (409); 400 for a missing or bad field; the page again with the reason
//   and what was typed, nothing written.
// - code: issues an enrolment code for the form's `worker` and answers a page with the code and
//   its QR code and link (to serve's --public-url, else to the address the browser used when it
//   is loopback or the listener's, pinned under TLS; else the code as text only, the page saying
//   why: see EnrolServerUrl).
// - revoke: revokes the form's `device` (hex) when `confirm` is "yes" (400 otherwise, nothing
//   revoked), then 303 to the page.
// A worker or device outside the staff member's town answers 404, like an unknown one.
HttpResponse PeoplePost(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request);

// 导入: the form that takes a subjects CSV (a file, UTF-8 or GBK as Excel saves it, or pasted
// text) for a preview.
HttpResponse ImportPage(ConsoleContext& context, const ConsoleSession& session);

// POST /console/import/REST (the gate has checked the CSRF token), the importer of
// `qiaomen-county import-subjects` limited to a township's own town:
// - preview (multipart/form-data: `file` or `csv`): a dry run; the counts of new, changed and
//   unchanged subjects and a form that confirms, or every problem with its line (400). Writes
//   nothing either way.
// - commit (`csv`, the text the preview showed): imports it, all or nothing, and shows the counts;
//   the problems (400) and nothing written when a row is bad (another town's row for a township).
HttpResponse ImportPost(ConsoleContext& context, const ConsoleSession& session,
                        const std::string& rest, const HttpRequest& request);

// A page with one sentence in `language`, for errors a person meets (500, 404).
HttpResponse MessagePage(ConsoleContext& context, Language language, int status,
                         const std::string& message);

}  // namespace qiaomen::server::console
