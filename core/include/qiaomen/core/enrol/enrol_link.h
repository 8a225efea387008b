#pragma once
// The enrolment link a county QR code carries: the server's address, the one-time code and the
// server's public-key pin, so a phone enrols without anyone typing them. Made by
// `qiaomen-county enroll-code --qr`, read by the app from a photo of the code.
//
//   qiaomen:enrol?v=1&server=https://county.example.cn&code=ABCDE-FGHJK&pin=sha256//BASE64
//
// Values are percent-encoded (RFC 3986) where they hold other characters than letters, digits,
// "-._~:/@+". v is the format's version: a reader refuses a version it does not know rather
// than guess. pin is optional (no pinning; the CA chain is still verified).

#include <string>
#include <string_view>

#include "qiaomen/core/status.h"

namespace qiaomen::core::enrol {

inline constexpr int kEnrolLinkVersion = 1;
inline constexpr std::string_view kEnrolLinkPrefix = "qiaomen:enrol?";

struct EnrolLink {
  std::string server_url;  // http:// or https:// and a host, no trailing '/'
  std::string code;        // as issued: letters, digits and '-'
  std::string pin_sha256;  // "sha256//" + base64 of 32 bytes, or "" (no pin)

  friend bool operator==(const EnrolLink&, const EnrolLink&) = default;
};

// Why a text was refused, for a front end that words it in the person's language.
enum class EnrolLinkProblem {
  kNone,
  kNotEnrolLink,  // some other QR code or text (a web address, a WeChat code...)
  kNewerVersion,  // a version this build does not know: update the app, or type the code
  kMalformed,     // the prefix is ours but a field is missing, repeated, unknown or invalid
};

// The link's text. The fields must be valid (as ParseEnrolLink accepts them); InvalidArgument
// with the field at fault otherwise. Thread-safe.
Result<std::string> FormatEnrolLink(const EnrolLink& link);

// The link in `text` (surrounding whitespace ignored). InvalidArgument, with a sentence that
// says what was wrong and what to do, for anything else: another prefix, a missing, repeated or
// unknown field, a bad escape, a server that is not http(s)://host, a code with other
// characters, a pin that is not sha256// and 32 bytes of base64, a pin with an http:// server,
// more than 1024 characters. `problem` (optional) receives the kind. Thread-safe.
Result<EnrolLink> ParseEnrolLink(std::string_view text, EnrolLinkProblem* problem = nullptr);

}  // namespace qiaomen::core::enrol
