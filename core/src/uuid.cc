#include "qiaomen/core/uuid.h"

namespace qiaomen::core {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

Uuid Uuid::NewV7(Clock& clock, Random& random) {
  std::array<uint8_t, 16> b{};
  random.Fill(b.data(), b.size());
  const auto ms = static_cast<uint64_t>(clock.NowMillis());
  for (int i = 0; i < 6; ++i) b[static_cast<size_t>(i)] = static_cast<uint8_t>(ms >> (40 - 8 * i));
  b[6] = static_cast<uint8_t>(0x70 | (b[6] & 0x0f));  // version 7
  b[8] = static_cast<uint8_t>(0x80 | (b[8] & 0x3f));  // RFC 4122 variant
  return Uuid(b);
}

Result<Uuid> Uuid::Parse(std::string_view text) {
  std::array<uint8_t, 16> b{};
  size_t n = 0;
  int high = -1;
  for (char c : text) {
    if (c == '-') continue;
    const int v = HexValue(c);
    if (v < 0 || n >= 16) return InvalidArgument("'" + std::string(text) + "' is not a UUID.");
    if (high < 0) {
      high = v;
    } else {
      b[n++] = static_cast<uint8_t>(high << 4 | v);
      high = -1;
    }
  }
  if (n != 16 || high >= 0) return InvalidArgument("'" + std::string(text) + "' is not a UUID.");
  return Uuid(b);
}

Result<Uuid> Uuid::FromBytes(std::string_view bytes) {
  if (bytes.size() != 16) {
    return InvalidArgument("An id must be 16 bytes, not " + std::to_string(bytes.size()) + ".");
  }
  std::array<uint8_t, 16> b{};
  for (size_t i = 0; i < 16; ++i) b[i] = static_cast<uint8_t>(bytes[i]);
  return Uuid(b);
}

bool Uuid::is_nil() const {
  for (uint8_t x : bytes_) {
    if (x != 0) return false;
  }
  return true;
}

std::string Uuid::ToString() const {
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(36);
  for (size_t i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[bytes_[i] >> 4];
    out += kHex[bytes_[i] & 0xf];
  }
  return out;
}

}  // namespace qiaomen::core
