#pragma once
// The console's pages, one file each; console_routes.cc signs people in and out and calls them.

#include "console/render.h"
#include "qiaomen/server/console.h"

namespace qiaomen::server::console {

// The layout's values for a signed-in staff member (name, scope, the CSRF token of the sign-out
// form) with `title`.
Data SignedInLayout(ConsoleContext& context, const ConsoleSession& session,
                    const std::string& title);

// 今日: the day in the staff member's scope.
HttpResponse TodayPage(ConsoleContext& context, const ConsoleSession& session);

// A page with one sentence, for errors a person meets (500, 404).
HttpResponse MessagePage(ConsoleContext& context, int status, const std::string& message);

}  // namespace qiaomen::server::console
