#pragma once
// Small encodings the tus protocol needs: SHA-1 for Upload-Checksum (the algorithm every tus
// server supports) and base64 for its header values.

#include <string>
#include <string_view>

namespace qiaomen::sync::internal {

// The 20-byte SHA-1 digest of `data` (FIPS 180-4). Used only as a transfer checksum, never for
// security: the server verifies the full SHA-256 of every photo.
std::string Sha1(std::string_view data);

// Standard base64 with padding (RFC 4648 section 4).
std::string Base64Encode(std::string_view data);

// Lower-case hex.
std::string HexEncode(std::string_view data);

}  // namespace qiaomen::sync::internal
