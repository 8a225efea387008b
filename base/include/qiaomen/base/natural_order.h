#pragma once
// Natural order of addresses and names as people read them: numbers compare by value, so
// "东岭村1组2号" comes before "东岭村1组10号", and simple Chinese numerals count as numbers
// ("二组" before "十组", "十二号" after "九号"). Pure functions: thread-safe.

#include <string_view>

namespace qiaomen::base {

// <0, 0 or >0 as `a` sorts before, with or after `b`. Runs of ASCII digits, and runs of the
// Chinese numerals 零〇一二两三四五六七八九十百千, compare by their value (between strings
// equal but for the spelling of a number, the first such difference decides: "1" before "01");
// everything else compares byte by byte (UTF-8 order).
int CompareNatural(std::string_view a, std::string_view b);

// CompareNatural(a, b) < 0, for std::sort.
inline bool NaturalLess(std::string_view a, std::string_view b) { return CompareNatural(a, b) < 0; }

}  // namespace qiaomen::base
