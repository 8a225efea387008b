// Sign-in, sign-out, the stylesheet and the gate in front of every page: a page needs a live
// session cookie; a POST needs that session's CSRF token too. Device tokens open nothing here.
#include <cstdio>
#include <functional>

#include "console/pages.h"
#include "console/web_forms.h"
#include "qiaomen/base/hex.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

using console::Data;

constexpr const char* kSessionCookie = "qm_session";
// Before sign-in there is no session: the login form's CSRF token is this cookie's value
// (double submit), so another site cannot sign a browser in to an account of its choosing.
constexpr const char* kLoginCookie = "qm_login";
// The page language the browser chose with a ?lang= link; kept a year, read by every page.
constexpr const char* kLanguageCookie = "qm_lang";
constexpr int64_t kLanguageCookieS = 365LL * 24 * 3600;
constexpr size_t kMaxAccountIdBytes = 128;

std::string CookieHeader(const ConsoleContext& context, const std::string& name,
                         const std::string& value, int64_t max_age_s) {
  return name + "=" + value + "; Path=/console/; Max-Age=" + std::to_string(max_age_s) +
         "; HttpOnly; SameSite=Strict" + (context.tls ? "; Secure" : "");
}

std::optional<std::string> RequestCookie(const HttpRequest& request, const char* name) {
  auto header = request.Header("cookie");
  if (!header) return std::nullopt;
  return console::CookieValue(*header, name);
}

// The language a ?lang= on the request asks for (zh or en), if any.
std::optional<console::Language> AskedLanguage(const HttpRequest& request) {
  const std::string asked = console::QueryParam(request.target, "lang").value_or("");
  if (asked == "en") return console::Language::kEn;
  if (asked == "zh") return console::Language::kZh;
  return std::nullopt;
}

// The language of the request's page: its ?lang=, else the browser's qm_lang cookie, else Chinese.
console::Language RequestLanguage(const HttpRequest& request) {
  if (auto asked = AskedLanguage(request)) return *asked;
  return RequestCookie(request, kLanguageCookie).value_or("") == "en" ? console::Language::kEn
                                                                      : console::Language::kZh;
}

// Remembers a ?lang= choice in the browser: the response sets the qm_lang cookie.
HttpResponse RememberLanguage(const ConsoleContext& context, const HttpRequest& request,
                              HttpResponse response) {
  if (auto asked = AskedLanguage(request)) {
    response.Set("Set-Cookie",
                 CookieHeader(context, kLanguageCookie,
                              *asked == console::Language::kEn ? "en" : "zh", kLanguageCookieS));
  }
  return response;
}

// A POST whose Origin (when the browser sends one) is another site is refused whatever it carries.
bool SameOrigin(const HttpRequest& request) {
  auto origin = request.Header("origin");
  if (!origin) return true;
  auto host = request.Header("host");
  return host && (*origin == "http://" + *host || *origin == "https://" + *host);
}

HttpResponse LoginPage(ConsoleContext& context, console::Language language, int status,
                       const std::string& id, const std::string& error, std::string csrf = "") {
  const bool fresh = csrf.empty();
  if (fresh) csrf = base::HexEncode(RandomBytes(32));
  Data data;
  data.set("csrf", csrf);
  data.set("id", id);
  if (!error.empty()) data.set("error", error);
  Data layout;
  layout.set("title", std::string(console::Tr(language, "login.page_title")));
  layout.set("county", context.storage.identity().county_name);
  auto html = console::RenderPage("login", data, layout, language);
  if (!html.ok()) return TextResponse(500, html.status().message());
  HttpResponse r = console::HtmlPage(status, std::move(html).value(), context.tls);
  if (fresh) r.Set("Set-Cookie", CookieHeader(context, kLoginCookie, csrf, 3600));
  return r;
}

HttpResponse Login(ConsoleContext& context, const HttpRequest& request) {
  const console::Language language = RequestLanguage(request);
  auto say = [language](const char* key) { return std::string(console::Tr(language, key)); };
  auto form = console::ParseForm(request.body);
  // An id longer than any account's is cut, so a made-up one cannot bloat the throttle's table.
  const std::string id = form["id"].substr(0, kMaxAccountIdBytes);
  auto cookie = RequestCookie(request, kLoginCookie);
  if (!SameOrigin(request) || !cookie || cookie->size() != 64 ||
      !ConstantTimeEquals(*cookie, form["csrf"])) {
    return LoginPage(context, language, 403, id, say("login.expired_form"));
  }
  const std::string& address = request.remote;
  auto wait = context.throttle.Wait(id, address);
  if (!wait.ok()) return LoginPage(context, language, 503, id, say("login.unavailable"), *cookie);
  if (*wait > 0) {
    const int64_t seconds = (*wait + 999) / 1000;
    HttpResponse r = LoginPage(
        context, language, 429, id,
        console::TrFill(language, "login.throttled", {std::to_string((seconds + 59) / 60)}),
        *cookie);
    r.Set("Retry-After", std::to_string(seconds));
    return r;
  }
  auto staff = context.staff.CheckPassword(id, form["password"]);
  if (!staff.ok()) {
    if (staff.status().code() != core::Code::kUnauthenticated) {
      return LoginPage(context, language, 503, id, say("login.unavailable"), *cookie);
    }
    context.throttle.RecordFailure(id, address).IgnoreError();
    return LoginPage(context, language, 401, id, say("login.wrong"), *cookie);
  }
  context.throttle.RecordSuccess(id).IgnoreError();
  auto session = context.sessions.Create(staff->id);
  if (!session.ok())
    return LoginPage(context, language, 503, id, say("login.unavailable"), *cookie);
  HttpResponse r = console::Redirect("/console/", context.tls);
  r.Set("Set-Cookie", CookieHeader(context, kSessionCookie, session->token,
                                   context.sessions.policy().absolute_ms / 1000));
  r.Set("Set-Cookie", CookieHeader(context, kLoginCookie, "", 0));
  return r;
}

// The session behind the request's cookie, or the response to send instead: to the login page
// without one; 403 for a POST without the session's CSRF token.
std::optional<ConsoleSession> Gate(ConsoleContext& context, const HttpRequest& request,
                                   HttpResponse* refusal) {
  const console::Language language = RequestLanguage(request);
  auto token = RequestCookie(request, kSessionCookie);
  auto session = token ? context.sessions.Resolve(*token)
                       : core::Result<ConsoleSession>(core::Unauthenticated("no cookie"));
  if (!session.ok()) {
    if (session.status().code() != core::Code::kUnauthenticated) {
      *refusal = console::MessagePage(context, language, 503,
                                      std::string(console::Tr(language, "gate.unreadable")));
      return std::nullopt;
    }
    if (request.method == "POST") {
      *refusal = console::MessagePage(context, language, 403,
                                      std::string(console::Tr(language, "gate.expired")));
    } else {
      *refusal = console::Redirect("/console/login", context.tls);
    }
    if (token) refusal->Set("Set-Cookie", CookieHeader(context, kSessionCookie, "", 0));
    return std::nullopt;
  }
  if (request.method == "POST") {
    auto form = console::PostedForm(request.Header("content-type").value_or(""), request.body);
    if (!SameOrigin(request) || !ConstantTimeEquals(form["csrf"], session->csrf_token)) {
      *refusal = console::MessagePage(context, language, 403,
                                      std::string(console::Tr(language, "gate.bad_form")));
      return std::nullopt;
    }
  }
  session->language = language;
  return std::move(session).value();
}

// The path after `prefix` ("/console/hazards/") of a request routed by "PREFIX*".
std::string Rest(const HttpRequest& request, const std::string& prefix) {
  return request.path.substr(prefix.size());
}

// Adds a route whose `page` runs behind the gate: only for a live session (and, for a POST, its
// CSRF token); the gate's refusal otherwise.
void AddGated(Router& router, ConsoleContext& context, const char* method, const char* pattern,
              std::function<HttpResponse(const ConsoleSession&, const HttpRequest&)> page) {
  router.Add(method, pattern, [&context, page = std::move(page)](const HttpRequest& request) {
    HttpResponse refusal;
    auto session = Gate(context, request, &refusal);
    if (!session) return RememberLanguage(context, request, std::move(refusal));
    return RememberLanguage(context, request, page(*session, request));
  });
}

HttpResponse Static(ConsoleContext& context, const HttpRequest& request) {
  const std::string name = request.path.substr(std::string("/console/").size());
  auto file = console::FindEmbeddedFile(name);
  if (!file || name.find("..") != std::string::npos) {
    return console::MessagePage(context, RequestLanguage(request), 404,
                                std::string(console::Tr(RequestLanguage(request), "gate.no_file")));
  }
  HttpResponse r;
  r.body = std::string(*file);
  r.Set("Content-Type",
        name.ends_with(".css") ? "text/css; charset=utf-8" : "application/octet-stream");
  r.Set("Cache-Control", "public, max-age=3600");
  console::AddSecurityHeaders(r, context.tls);
  return r;
}

}  // namespace

namespace console {

HttpResponse MessagePage(ConsoleContext& context, Language language, int status,
                         const std::string& message) {
  Data data;
  data.set("message", message);
  Data layout;
  layout.set("title", std::to_string(status));
  layout.set("county", context.storage.identity().county_name);
  auto html = RenderPage("message", data, layout, language);
  if (!html.ok()) return TextResponse(500, html.status().message());
  return HtmlPage(status, std::move(html).value(), context.tls);
}

}  // namespace console

void AddConsoleRoutes(Router& router, ConsoleContext& context) {
  router.Add("GET", "/console/static/*",
             [&context](const HttpRequest& request) { return Static(context, request); });
  router.Add("GET", "/console/login", [&context](const HttpRequest& request) {
    return RememberLanguage(context, request,
                            LoginPage(context, RequestLanguage(request), 200, "", ""));
  });
  router.Add("POST", "/console/login",
             [&context](const HttpRequest& request) { return Login(context, request); });
  router.Add("POST", "/console/logout", [&context](const HttpRequest& request) {
    HttpResponse refusal;
    auto session = Gate(context, request, &refusal);
    if (!session) return refusal;
    if (auto token = RequestCookie(request, kSessionCookie);
        token && !context.sessions.End(*token).ok()) {
      return console::MessagePage(
          context, session->language, 503,
          std::string(console::Tr(session->language, "gate.logout_failed")));
    }
    HttpResponse r = console::Redirect("/console/login", context.tls);
    r.Set("Set-Cookie", CookieHeader(context, kSessionCookie, "", 0));
    return r;
  });
  router.Add("GET", "/console", [&context](const HttpRequest&) {
    return console::Redirect("/console/", context.tls);
  });
  AddGated(router, context, "GET", "/console/",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::TodayPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/today.csv",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::TodayPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/hazards.csv",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::HazardsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/hazards.xlsx",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::HazardsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/hazards",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::HazardsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/hazards/*",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::HazardPage(context, session, Rest(request, "/console/hazards/"),
                                        request);
           });
  AddGated(router, context, "POST", "/console/hazards/*",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::HazardStepPost(context, session, Rest(request, "/console/hazards/"),
                                            request);
           });
  AddGated(router, context, "GET", "/console/visits.csv",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::VisitsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/visits.xlsx",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::VisitsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/visits",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::VisitsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/visits/*",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::VisitPage(context, session, Rest(request, "/console/visits/"));
           });
  AddGated(router, context, "GET", "/console/conflicts.csv",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::ConflictsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/conflicts.xlsx",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::ConflictsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/conflicts",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::ConflictsPage(context, session, request);
           });
  AddGated(router, context, "POST", "/console/conflicts/*",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::ConflictPost(context, session, Rest(request, "/console/conflicts/"),
                                          request);
           });
  AddGated(router, context, "GET", "/console/refusals.csv",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::RefusalsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/refusals.xlsx",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::RefusalsPage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/refusals",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::RefusalsPage(context, session, request);
           });
  AddGated(router, context, "POST", "/console/refusals/*",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::RefusalPost(context, session, Rest(request, "/console/refusals/"),
                                         request);
           });
  AddGated(router, context, "GET", "/console/people.csv",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::PeoplePage(context, session, request);
           });
  AddGated(router, context, "GET", "/console/people",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::PeoplePage(context, session, request);
           });
  AddGated(router, context, "POST", "/console/people/*",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::PeoplePost(context, session, Rest(request, "/console/people/"),
                                        request);
           });
  AddGated(router, context, "GET", "/console/import",
           [&context](const ConsoleSession& session, const HttpRequest&) {
             return console::ImportPage(context, session);
           });
  AddGated(router, context, "POST", "/console/import/*",
           [&context](const ConsoleSession& session, const HttpRequest& request) {
             return console::ImportPost(context, session, Rest(request, "/console/import/"),
                                        request);
           });
  router.Add("GET", "/console/*", [&context](const HttpRequest& request) {
    // The language link of a page a form answered (/console/people/add?lang=en) has no page of
    // its own: it goes to its section's list (/console/people) in the language chosen.
    if (AskedLanguage(request)) {
      const size_t slash = request.path.find('/', std::string("/console/").size());
      return RememberLanguage(context, request,
                              console::Redirect(request.path.substr(0, slash), context.tls));
    }
    const console::Language language = RequestLanguage(request);
    return console::MessagePage(context, language, 404,
                                std::string(console::Tr(language, "gate.no_page")));
  });
}

}  // namespace qiaomen::server
