#include "console/web_forms.h"

#include <cctype>

#include "qiaomen/base/hex.h"

namespace qiaomen::server::console {
namespace {

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Whether a Content-Type is multipart/form-data (media types are case-insensitive).
bool IsMultipart(std::string_view content_type) {
  std::string type(Trim(content_type.substr(0, content_type.find(';'))));
  for (char& c : type) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return type == "multipart/form-data";
}

}  // namespace

std::string FormDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '+') {
      out.push_back(' ');
    } else if (auto byte = text[i] == '%' ? base::HexDecode(text.substr(i + 1, 2)) : std::nullopt;
               byte && byte->size() == 1) {
      out += *byte;
      i += 2;
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

std::string FormEncode(std::string_view text) {
  std::string out;
  for (unsigned char c : text) {
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ') {
      out.push_back('+');
    } else {
      out += "%" + base::HexEncode(std::string(1, static_cast<char>(c)));
    }
  }
  return out;
}

std::map<std::string, std::string> ParseForm(std::string_view body) {
  std::map<std::string, std::string> fields;
  while (!body.empty()) {
    size_t amp = body.find('&');
    std::string_view pair = body.substr(0, amp);
    body = amp == std::string_view::npos ? std::string_view() : body.substr(amp + 1);
    if (pair.empty()) continue;
    size_t eq = pair.find('=');
    std::string name = FormDecode(pair.substr(0, eq));
    std::string value = eq == std::string_view::npos ? "" : FormDecode(pair.substr(eq + 1));
    fields.emplace(std::move(name), std::move(value));
  }
  return fields;
}

std::optional<std::map<std::string, std::string>> ParseMultipart(std::string_view content_type,
                                                                 std::string_view body) {
  if (!IsMultipart(content_type)) return std::nullopt;
  const size_t at = content_type.find("boundary=");
  if (at == std::string_view::npos) return std::nullopt;
  std::string_view boundary = content_type.substr(at + 9);
  boundary = Trim(boundary.substr(0, boundary.find(';')));
  if (boundary.size() >= 2 && boundary.front() == '"' && boundary.back() == '"') {
    boundary = boundary.substr(1, boundary.size() - 2);
  }
  if (boundary.empty() || boundary.size() > 70) return std::nullopt;
  const std::string delimiter = "--" + std::string(boundary);
  std::map<std::string, std::string> fields;
  // The preamble before the first delimiter is ignored, as RFC 2046 says.
  size_t pos = body.find(delimiter);
  if (pos == std::string_view::npos) return std::nullopt;
  pos += delimiter.size();
  while (true) {
    if (body.substr(pos, 2) == "--") return fields;  // the closing delimiter
    if (body.substr(pos, 2) != "\r\n") return std::nullopt;
    pos += 2;
    const size_t head_end = body.find("\r\n\r\n", pos);
    if (head_end == std::string_view::npos) return std::nullopt;
    const std::string_view head = body.substr(pos, head_end - pos);
    const size_t content = head_end + 4;
    const size_t next = body.find("\r\n" + delimiter, content);
    if (next == std::string_view::npos) return std::nullopt;
    // The part's name from its Content-Disposition: form-data; name="..."
    std::string name;
    for (size_t line = 0; line < head.size();) {
      size_t end = head.find("\r\n", line);
      if (end == std::string_view::npos) end = head.size();
      std::string lower(head.substr(line, end - line));
      for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      const size_t n = lower.find("name=\"");
      if (lower.rfind("content-disposition:", 0) == 0 && n != std::string::npos &&
          (n == 0 || lower[n - 1] != 'e')) {  // name=, not filename=
        const size_t start = line + n + 6;
        name = std::string(head.substr(start, head.find('"', start) - start));
      }
      line = end + 2;
    }
    if (!name.empty()) fields.emplace(name, std::string(body.substr(content, next - content)));
    pos = next + 2 + delimiter.size();
  }
}

std::map<std::string, std::string> PostedForm(std::string_view content_type,
                                              std::string_view body) {
  if (IsMultipart(content_type)) {
    return ParseMultipart(content_type, body).value_or(std::map<std::string, std::string>());
  }
  return ParseForm(body);
}

std::optional<std::string> QueryParam(std::string_view target, std::string_view name) {
  size_t q = target.find('?');
  if (q == std::string_view::npos) return std::nullopt;
  auto fields = ParseForm(target.substr(q + 1));
  auto it = fields.find(std::string(name));
  if (it == fields.end()) return std::nullopt;
  return it->second;
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    size_t semi = header.find(';');
    std::string_view item = Trim(header.substr(0, semi));
    header = semi == std::string_view::npos ? std::string_view() : header.substr(semi + 1);
    size_t eq = item.find('=');
    if (eq != std::string_view::npos && Trim(item.substr(0, eq)) == name) {
      return std::string(Trim(item.substr(eq + 1)));
    }
  }
  return std::nullopt;
}

}  // namespace qiaomen::server::console
