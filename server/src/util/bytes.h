#pragma once
// Small byte helpers for the server: hex, base64, SHA-256 (libsodium), random ids, constant-time
// comparison, files.

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

std::string HexEncode(std::string_view bytes);
// Lower- or upper-case hex; nullopt when not hex of even length.
std::optional<std::string> HexDecode(std::string_view hex);
std::string Base64Encode(std::string_view bytes);
// Standard alphabet with padding (what tus uses); nullopt when invalid.
std::optional<std::string> Base64Decode(std::string_view text);
std::string Sha256(std::string_view bytes);  // 32 raw bytes
std::string Sha1(std::string_view bytes);    // 20 raw bytes (tus checksum)
std::string RandomBytes(size_t n);           // the OS CSPRNG
bool ConstantTimeEquals(std::string_view a, std::string_view b);

// Files. Errors are IOError sentences naming the path.
core::Status MakeDirs(const std::string& path);
core::Result<std::string> ReadFile(const std::string& path);
// Writes to path.tmp, fsyncs, renames: the file is whole or absent.
core::Status WriteFileAtomic(const std::string& path, std::string_view contents);
bool FileExists(const std::string& path);

}  // namespace qiaomen::server
