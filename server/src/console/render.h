#pragma once
// Pages from the console's mustache templates (server/console/templates, compiled into the binary
// by cmake/embed_files.cmake) and the HTTP responses that carry them, with the console's security
// headers.

#include <kainjow/mustache.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "console/console_text.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/http.h"

namespace qiaomen::server::console {

using Data = kainjow::mustache::data;

// A file of server/console/ by its relative path ("static/console.css"); generated.
std::optional<std::string_view> FindEmbeddedFile(std::string_view name);

// Renders templates/NAME.mustache in `language` (its [[key]] texts from that catalogue) with
// `data` (values HTML-escaped), then the layout around it with `layout` (which gets the page as
// `body`, the page's language and the link that switches it). Internal when a template is
// missing or invalid or names a text the catalogue lacks.
core::Result<std::string> RenderPage(std::string_view name, const Data& data, Data layout,
                                     Language language);

// Headers every console response carries: a Content-Security-Policy that allows only this origin
// (no inline script or style, no framing, forms post here only), X-Frame-Options DENY, nosniff,
// a referrer for this origin only (same-origin); HSTS under TLS.
void AddSecurityHeaders(HttpResponse& response, bool tls);

// An HTML page that no cache keeps (Cache-Control: no-store).
HttpResponse HtmlPage(int status, std::string html, bool tls);

// 303 See Other to `location`: after a form posts.
HttpResponse Redirect(const std::string& location, bool tls);

}  // namespace qiaomen::server::console
