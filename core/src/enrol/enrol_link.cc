#include "qiaomen/core/enrol/enrol_link.h"

#include <array>
#include <optional>

#include "qiaomen/base/base64.h"

namespace qiaomen::core::enrol {
namespace {

constexpr size_t kMaxLinkChars = 1024;
constexpr size_t kMaxServerChars = 512;
constexpr size_t kMinCodeChars = 4;
constexpr size_t kMaxCodeChars = 64;
constexpr std::string_view kPinPrefix = "sha256//";

bool IsUnreservedOrKept(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
         c == '.' || c == '_' || c == '~' || c == ':' || c == '/' || c == '@' || c == '+';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

std::string PercentEncode(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : value) {
    if (IsUnreservedOrKept(c) && c != '+') {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xF];
    }
  }
  return out;
}

// The decoded value, or nullopt for a raw character that needed escaping or a bad escape.
std::optional<std::string> PercentDecode(std::string_view value) {
  std::string out;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '%') {
      if (i + 2 >= value.size()) return std::nullopt;
      const int hi = HexValue(value[i + 1]);
      const int lo = HexValue(value[i + 2]);
      if (hi < 0 || lo < 0) return std::nullopt;
      out.push_back(static_cast<char>(hi * 16 + lo));
      i += 2;
    } else if (IsUnreservedOrKept(c)) {
      out.push_back(c);
    } else {
      return std::nullopt;
    }
  }
  return out;
}

Status Refuse(EnrolLinkProblem kind, EnrolLinkProblem* problem, std::string message) {
  if (problem != nullptr) *problem = kind;
  return InvalidArgument(std::move(message));
}

// "" when `url` is an http(s) address of a host; otherwise what is wrong with it.
std::string ServerProblem(std::string_view url) {
  if (url.empty()) return "it has no server address";
  if (url.size() > kMaxServerChars) return "its server address is too long";
  size_t host_start = 0;
  if (url.rfind("https://", 0) == 0) {
    host_start = 8;
  } else if (url.rfind("http://", 0) == 0) {
    host_start = 7;
  } else {
    return "its server address does not start with https:// or http://";
  }
  const std::string_view rest = url.substr(host_start);
  const size_t host_end = rest.find('/');
  const std::string_view host = rest.substr(0, host_end);
  if (host.empty() || host.front() == ':' || host.find('@') != std::string_view::npos) {
    return "its server address names no host";
  }
  for (char c : url) {
    const auto byte = static_cast<unsigned char>(c);
    if (byte <= 0x20 || byte >= 0x7F || c == '?' || c == '#' || c == '\\') {
      return "its server address holds a character an address cannot have";
    }
  }
  return {};
}

std::string CodeProblem(std::string_view code) {
  if (code.size() < kMinCodeChars || code.size() > kMaxCodeChars) {
    return "its code is not the length of an enrolment code";
  }
  for (char c : code) {
    const bool ok =
        (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
    if (!ok) return "its code holds characters an enrolment code does not have";
  }
  return {};
}

std::string PinProblem(std::string_view pin, std::string_view server) {
  if (pin.empty()) return {};
  if (pin.rfind(kPinPrefix, 0) != 0) return "its pin does not start with sha256//";
  const auto digest = base::Base64Decode(pin.substr(kPinPrefix.size()));
  if (!digest || digest->size() != 32) return "its pin is not the base64 of a SHA-256 digest";
  if (server.rfind("https://", 0) != 0) return "it pins a key for a server without https://";
  return {};
}

std::string FieldProblem(const EnrolLink& link) {
  if (std::string problem = ServerProblem(link.server_url); !problem.empty()) return problem;
  if (link.server_url.back() == '/') return "its server address ends with /";
  if (std::string problem = CodeProblem(link.code); !problem.empty()) return problem;
  return PinProblem(link.pin_sha256, link.server_url);
}

constexpr std::string_view kWhatToDo =
    " Ask township staff for a new code (qiaomen-county enroll-code --qr), or type the server "
    "address and the code.";

}  // namespace

Result<std::string> FormatEnrolLink(const EnrolLink& link) {
  if (std::string problem = FieldProblem(link); !problem.empty()) {
    return InvalidArgument("Cannot make an enrolment link: " + problem + ".");
  }
  std::string text(kEnrolLinkPrefix);
  text += "v=" + std::to_string(kEnrolLinkVersion);
  text += "&server=" + PercentEncode(link.server_url);
  text += "&code=" + PercentEncode(link.code);
  if (!link.pin_sha256.empty()) text += "&pin=" + PercentEncode(link.pin_sha256);
  return text;
}

Result<EnrolLink> ParseEnrolLink(std::string_view text, EnrolLinkProblem* problem) {
  if (problem != nullptr) *problem = EnrolLinkProblem::kNone;
  while (!text.empty() && (text.front() == ' ' || text.front() == '\n' || text.front() == '\r' ||
                           text.front() == '\t')) {
    text.remove_prefix(1);
  }
  while (!text.empty() && (text.back() == ' ' || text.back() == '\n' || text.back() == '\r' ||
                           text.back() == '\t')) {
    text.remove_suffix(1);
  }
  if (text.rfind(kEnrolLinkPrefix, 0) != 0) {
    return Refuse(EnrolLinkProblem::kNotEnrolLink, problem,
                  "This is not a Qiaomen enrolment code. Scan the code township staff made with "
                  "qiaomen-county enroll-code --qr, or type the server address and the code.");
  }
  if (text.size() > kMaxLinkChars) {
    return Refuse(EnrolLinkProblem::kMalformed, problem,
                  "This enrolment code is too long to be one." + std::string(kWhatToDo));
  }
  std::string_view query = text.substr(kEnrolLinkPrefix.size());
  std::array<std::optional<std::string>, 4> fields;  // v, server, code, pin
  constexpr std::array<std::string_view, 4> kNames = {"v", "server", "code", "pin"};
  while (true) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    const size_t eq = pair.find('=');
    const std::string_view name = pair.substr(0, eq);
    size_t index = kNames.size();
    for (size_t i = 0; i < kNames.size(); ++i) {
      if (kNames[i] == name) index = i;
    }
    if (eq == std::string_view::npos || index == kNames.size()) {
      return Refuse(EnrolLinkProblem::kMalformed, problem,
                    "This enrolment code has a field it should not have (\"" +
                        std::string(name.substr(0, 20)) + "\")." + std::string(kWhatToDo));
    }
    if (fields[index]) {
      return Refuse(EnrolLinkProblem::kMalformed, problem,
                    "This enrolment code gives its " + std::string(name) + " twice." +
                        std::string(kWhatToDo));
    }
    auto value = PercentDecode(pair.substr(eq + 1));
    if (!value) {
      return Refuse(EnrolLinkProblem::kMalformed, problem,
                    "This enrolment code's " + std::string(name) + " is not written correctly." +
                        std::string(kWhatToDo));
    }
    fields[index] = std::move(*value);
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  if (!fields[0]) {
    return Refuse(EnrolLinkProblem::kMalformed, problem,
                  "This enrolment code does not say its version." + std::string(kWhatToDo));
  }
  if (*fields[0] != std::to_string(kEnrolLinkVersion)) {
    bool number = !fields[0]->empty() && fields[0]->size() <= 4;
    for (char c : *fields[0]) number = number && c >= '0' && c <= '9';
    if (number && fields[0]->front() != '0') {
      return Refuse(EnrolLinkProblem::kNewerVersion, problem,
                    "This enrolment code was made by a newer county server (version " + *fields[0] +
                        "). Update the app, or type the server address and the code.");
    }
    return Refuse(EnrolLinkProblem::kMalformed, problem,
                  "This enrolment code's version is not a version." + std::string(kWhatToDo));
  }
  if (!fields[1] || !fields[2]) {
    return Refuse(EnrolLinkProblem::kMalformed, problem,
                  std::string("This enrolment code has no ") + (!fields[1] ? "server" : "code") +
                      "." + std::string(kWhatToDo));
  }
  EnrolLink link{*fields[1], *fields[2], fields[3].value_or("")};
  if (fields[3] && fields[3]->empty()) {
    return Refuse(EnrolLinkProblem::kMalformed, problem,
                  "This enrolment code's pin is empty." + std::string(kWhatToDo));
  }
  if (std::string why = FieldProblem(link); !why.empty()) {
    return Refuse(EnrolLinkProblem::kMalformed, problem,
                  "This enrolment code cannot be used: " + why + "." + std::string(kWhatToDo));
  }
  return link;
}

}  // namespace qiaomen::core::enrol
