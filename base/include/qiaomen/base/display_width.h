#pragma once
// Terminal columns of UTF-8 text, for tables that line up when they hold Chinese: a CJK character
// (and other East Asian wide or fullwidth characters) takes two columns, an ASCII character one,
// a combining mark none. Pure functions: thread-safe.

#include <cstddef>
#include <string>
#include <string_view>

namespace qiaomen::base {

// The columns `utf8` takes on a terminal. A byte that is not valid UTF-8 counts as one column.
size_t DisplayWidth(std::string_view utf8);

// `utf8` followed by spaces up to `columns` display columns (as it is when it is wider).
std::string PadToWidth(std::string_view utf8, size_t columns);

}  // namespace qiaomen::base
