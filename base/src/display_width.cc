#include "qiaomen/base/display_width.h"

#include <cstdint>

namespace qiaomen::base {
namespace {

// East Asian Wide and Fullwidth ranges (Unicode's EastAsianWidth W and F, the blocks a county's
// names and addresses use), and zero-width combining marks.
bool IsWide(uint32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
         (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
         (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
         (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x1F300 && c <= 0x1F64F) ||
         (c >= 0x20000 && c <= 0x3FFFD);
}

bool IsZeroWidth(uint32_t c) {
  return (c >= 0x0300 && c <= 0x036F) || c == 0x200B || c == 0x200D || (c >= 0xFE00 && c <= 0xFE0F);
}

}  // namespace

size_t DisplayWidth(std::string_view s) {
  size_t columns = 0;
  for (size_t i = 0; i < s.size();) {
    const auto b = static_cast<unsigned char>(s[i]);
    size_t len = b < 0x80           ? 1
                 : (b >> 5) == 0x6  ? 2
                 : (b >> 4) == 0xE  ? 3
                 : (b >> 3) == 0x1E ? 4
                                    : 0;
    if (len == 0 || i + len > s.size()) {
      ++columns;  // not UTF-8: one column, as a terminal shows its replacement
      ++i;
      continue;
    }
    uint32_t c = len == 1 ? b : b & (0x7F >> len);
    for (size_t k = 1; k < len; ++k) c = (c << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
    columns += IsZeroWidth(c) ? 0 : IsWide(c) ? 2 : 1;
    i += len;
  }
  return columns;
}

std::string PadToWidth(std::string_view s, size_t columns) {
  std::string out(s);
  const size_t width = DisplayWidth(s);
  if (width < columns) out.append(columns - width, ' ');
  return out;
}

}  // namespace qiaomen::base
