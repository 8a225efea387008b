#pragma once
// HTTP dates (RFC 9110 IMF-fixdate, always GMT): "Sun, 06 Nov 1994 08:49:37 GMT". tus's
// Upload-Expires and HTTP's Retry-After use them.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace qiaomen::base {

// The IMF-fixdate of the instant `unix_ms` (milliseconds since 1970-01-01 UTC; the milliseconds
// are dropped). Thread-safe.
std::string FormatHttpDate(int64_t unix_ms);

// The instant (milliseconds since 1970-01-01 UTC) of an IMF-fixdate; nullopt for any other text,
// including the obsolete RFC 850 and asctime forms. Thread-safe.
std::optional<int64_t> ParseHttpDate(std::string_view text);

}  // namespace qiaomen::base
