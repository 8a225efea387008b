#include "console/render.h"

namespace qiaomen::server::console {
namespace {

// Templates are parsed on every use: a page has a few, and parsing is microseconds next to the
// queries behind it.
core::Result<std::string> Render(std::string_view name, const Data& data, Language language) {
  auto text = FindEmbeddedFile("templates/" + std::string(name) + ".mustache");
  if (!text) return core::Internal("The console template '" + std::string(name) + "' is missing.");
  auto localized = Localize(*text, language);
  if (!localized.ok()) {
    return core::Internal("The console template '" + std::string(name) +
                          "': " + localized.status().message());
  }
  try {
    kainjow::mustache::mustache tmpl{*localized};
    if (!tmpl.is_valid()) {
      return core::Internal("The console template '" + std::string(name) +
                            "' is invalid: " + tmpl.error_message());
    }
    std::string out = tmpl.render(data);
    if (!tmpl.is_valid()) {
      return core::Internal("The console template '" + std::string(name) +
                            "' failed: " + tmpl.error_message());
    }
    return out;
  } catch (const std::exception& e) {
    return core::Internal("The console template '" + std::string(name) + "' failed: " + e.what());
  }
}

}  // namespace

core::Result<std::string> RenderPage(std::string_view name, const Data& data, Data layout,
                                     Language language) {
  QM_ASSIGN_OR_RETURN(std::string body, Render(name, data, language));
  layout.set("body", body);
  layout.set("html_lang", std::string(HtmlLang(language)));
  return Render("layout", layout, language);
}

void AddSecurityHeaders(HttpResponse& response, bool tls) {
  response.Set("Content-Security-Policy",
               "default-src 'self'; img-src 'self' data:; form-action 'self'; "
               "frame-ancestors 'none'; base-uri 'none'; object-src 'none'");
  response.Set("X-Frame-Options", "DENY");
  response.Set("X-Content-Type-Options", "nosniff");
  // Not no-referrer: under it browsers send `Origin: null` with form posts, which the console's
  // origin check must refuse. same-origin still tells other sites nothing.
  response.Set("Referrer-Policy", "same-origin");
  if (tls) response.Set("Strict-Transport-Security", "max-age=31536000");
}

HttpResponse HtmlPage(int status, std::string html, bool tls) {
  HttpResponse r;
  r.status = status;
  r.body = std::move(html);
  r.Set("Content-Type", "text/html; charset=utf-8");
  r.Set("Cache-Control", "no-store");
  AddSecurityHeaders(r, tls);
  return r;
}

HttpResponse Redirect(const std::string& location, bool tls) {
  HttpResponse r = HtmlPage(303, "", tls);
  r.Set("Location", location);
  return r;
}

}  // namespace qiaomen::server::console
