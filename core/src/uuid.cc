#include "qiaomen/core/uuid.h"

#include "qiaomen/base/hex.h"

namespace qiaomen::core {

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
  std::string digits;
  for (char c : text) {
    if (c != '-') digits += c;
  }
  auto bytes = base::HexDecode(digits);
  if (!bytes || bytes->size() != 16) {
    return InvalidArgument("'" + std::string(text) + "' is not a UUID.");
  }
  return FromBytes(*bytes);
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
  std::string out = base::HexEncode(
      std::string_view(reinterpret_cast<const char*>(bytes_.data()), bytes_.size()));
  for (size_t at : {8, 13, 18, 23}) out.insert(at, 1, '-');
  return out;
}

}  // namespace qiaomen::core
