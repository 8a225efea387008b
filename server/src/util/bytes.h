#pragma once
// Small byte helpers for the server: SHA-256 (libsodium), random ids, constant-time comparison,
// file existence. Hex, base64, SHA-1 and durable files are in the base library (qiaomen/base/).

#include <cstdint>
#include <string>
#include <string_view>

namespace qiaomen::server {

std::string Sha256(std::string_view bytes);  // 32 raw bytes
std::string RandomBytes(size_t n);           // the OS CSPRNG
bool ConstantTimeEquals(std::string_view a, std::string_view b);
bool FileExists(const std::string& path);

}  // namespace qiaomen::server
