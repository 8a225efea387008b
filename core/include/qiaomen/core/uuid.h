#pragma once
// UUIDv7 ids made on the device: 48-bit Unix milliseconds, then random bits. Time-ordered, so they
// index well, and made without coordination.

#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core {

class Uuid {
 public:
  Uuid() = default;  // the nil UUID
  explicit Uuid(const std::array<uint8_t, 16>& bytes) : bytes_(bytes) {}

  // A new v7 id. Thread-safe if `random` is.
  static Uuid NewV7(Clock& clock, Random& random);
  // Parses "0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b" (case-insensitive). InvalidArgument otherwise.
  static Result<Uuid> Parse(std::string_view text);
  // From 16 raw bytes (as in protobuf `bytes` fields). InvalidArgument for another length.
  static Result<Uuid> FromBytes(std::string_view bytes);

  bool is_nil() const;
  const std::array<uint8_t, 16>& bytes() const { return bytes_; }
  // The 16 bytes as a std::string, for protobuf `bytes` fields.
  std::string ToBytes() const { return std::string(bytes_.begin(), bytes_.end()); }
  // Lower-case 8-4-4-4-12 form.
  std::string ToString() const;

  friend auto operator<=>(const Uuid&, const Uuid&) = default;

 private:
  std::array<uint8_t, 16> bytes_{};
};

}  // namespace qiaomen::core
