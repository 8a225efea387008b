#pragma once
// Standard base64 with padding (RFC 4648 section 4): what tus headers (Upload-Metadata,
// Upload-Checksum) carry.

#include <optional>
#include <string>
#include <string_view>

namespace qiaomen::base {

// The base64 text of `bytes`, padded with '=' to a multiple of 4. Never fails. Thread-safe.
std::string Base64Encode(std::string_view bytes);

// The bytes of strict standard base64 text: length a multiple of 4, alphabet A-Z a-z 0-9 + /,
// '=' only as one or two final padding characters, unused bits zero. nullopt otherwise
// (whitespace and the URL-safe alphabet are refused). Thread-safe.
std::optional<std::string> Base64Decode(std::string_view text);

}  // namespace qiaomen::base
