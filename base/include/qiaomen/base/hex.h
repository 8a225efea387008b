#pragma once
// Lower-case hexadecimal text of bytes (digests, ids, tokens) and back.

#include <optional>
#include <string>
#include <string_view>

namespace qiaomen::base {

// Two lower-case hex digits per byte: "\x01\xab" -> "01ab". Never fails. Thread-safe.
std::string HexEncode(std::string_view bytes);

// The bytes of `hex` (lower- or upper-case digits). nullopt when the length is odd or a character
// is not a hex digit. Thread-safe.
std::optional<std::string> HexDecode(std::string_view hex);

// True when `text` is exactly `bytes` bytes of lower-case hex (2 * bytes digits, 0-9 a-f), e.g.
// IsLowerHex(text, 32) for a SHA-256 named in a URL.
bool IsLowerHex(std::string_view text, size_t bytes);

}  // namespace qiaomen::base
