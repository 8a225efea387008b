#include "qiaomen/base/natural_order.h"

#include <cstdint>
#include <optional>
#include <string>

namespace qiaomen::base {
namespace {

constexpr std::string_view kDigits[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};

// The value of the Chinese numeral character at the front of `s` (0-9, or 10/100/1000 for the
// units 十百千), with its byte length; nullopt when `s` does not start with one.
std::optional<std::pair<int, size_t>> ChineseNumeral(std::string_view s) {
  for (int d = 0; d < 10; ++d) {
    if (s.substr(0, kDigits[d].size()) == kDigits[d]) return std::make_pair(d, kDigits[d].size());
  }
  if (s.substr(0, 3) == "〇") return std::make_pair(0, size_t{3});
  if (s.substr(0, 3) == "两") return std::make_pair(2, size_t{3});
  if (s.substr(0, 3) == "十") return std::make_pair(10, size_t{3});
  if (s.substr(0, 3) == "百") return std::make_pair(100, size_t{3});
  if (s.substr(0, 3) == "千") return std::make_pair(1000, size_t{3});
  return std::nullopt;
}

// A number at `pos` of `s`: its value and the bytes it spans; false when none starts there.
bool ReadNumber(std::string_view s, size_t pos, uint64_t& value, size_t& length) {
  const size_t start = pos;
  if (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
    value = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') {
      if (value < (UINT64_MAX - 9) / 10) value = value * 10 + static_cast<uint64_t>(s[pos] - '0');
      ++pos;
    }
    length = pos - start;
    return true;
  }
  // 二十三 = 2*10 + 3; 十二 = 10 + 2; 一百零五 = 105; 三千 = 3000.
  uint64_t total = 0, digit = 0;
  bool any = false;
  while (auto n = ChineseNumeral(s.substr(pos))) {
    any = true;
    if (n->first >= 10) {
      total += (digit == 0 ? 1 : digit) * static_cast<uint64_t>(n->first);
      digit = 0;
    } else {
      digit = digit * 10 + static_cast<uint64_t>(n->first);
    }
    pos += n->second;
  }
  if (!any) return false;
  value = total + digit;
  length = pos - start;
  return true;
}

}  // namespace

int CompareNatural(std::string_view a, std::string_view b) {
  size_t i = 0, j = 0;
  int tie = 0;  // the first difference of spelling between equal numbers ("1" before "01")
  while (i < a.size() && j < b.size()) {
    uint64_t va = 0, vb = 0;
    size_t la = 0, lb = 0;
    const bool na = ReadNumber(a, i, va, la);
    const bool nb = ReadNumber(b, j, vb, lb);
    if (na && nb) {
      if (va != vb) return va < vb ? -1 : 1;
      if (tie == 0 && la != lb) tie = la < lb ? -1 : 1;
      if (tie == 0) {
        const int spelled = a.substr(i, la).compare(b.substr(j, lb));
        tie = (spelled > 0) - (spelled < 0);
      }
      i += la;
      j += lb;
      continue;
    }
    const auto ca = static_cast<unsigned char>(a[i]);
    const auto cb = static_cast<unsigned char>(b[j]);
    if (ca != cb) return ca < cb ? -1 : 1;
    ++i;
    ++j;
  }
  if (i < a.size()) return 1;
  if (j < b.size()) return -1;
  return tie;
}

}  // namespace qiaomen::base
