#pragma once
// The pieces of HTTP a server-rendered console needs and the sync API does not: form bodies
// (application/x-www-form-urlencoded), query parameters and cookies.

#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace qiaomen::server::console {

// Decodes percent escapes and '+' (a space). Malformed escapes are kept as they are.
std::string FormDecode(std::string_view text);

// Percent-encodes everything but letters, digits and "-_.~" (a space as '+'), for a query string.
std::string FormEncode(std::string_view text);

// The fields of a form body or a query string ("a=1&b=x+y"). A repeated name keeps its first value.
std::map<std::string, std::string> ParseForm(std::string_view body);

// The fields of a multipart/form-data body (a form with a file), `content_type` the request's
// Content-Type with its boundary: each part's name and its content as sent (a file's bytes
// unchanged). A repeated name keeps its first part. nullopt for another type, a missing boundary
// or a body that does not follow it.
std::optional<std::map<std::string, std::string>> ParseMultipart(std::string_view content_type,
                                                                 std::string_view body);

// A posted form's fields whatever its encoding: ParseMultipart for multipart/form-data (no fields
// when malformed), ParseForm otherwise.
std::map<std::string, std::string> PostedForm(std::string_view content_type, std::string_view body);

// The query parameter `name` of a request target ("/console/?lang=en"), if present.
std::optional<std::string> QueryParam(std::string_view target, std::string_view name);

// The cookie `name` in a Cookie header value ("a=1; b=2"), if present.
std::optional<std::string> CookieValue(std::string_view header, std::string_view name);

}  // namespace qiaomen::server::console
