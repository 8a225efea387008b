#pragma once
// SHA-1 (FIPS 180-4), only as the tus transfer checksum (the algorithm every tus server supports).
// Never for security: the server verifies the full SHA-256 of every photo.

#include <string>
#include <string_view>

namespace qiaomen::base {

// The 20-byte (raw) SHA-1 digest of `data`. Never fails. Thread-safe.
std::string Sha1(std::string_view data);

}  // namespace qiaomen::base
