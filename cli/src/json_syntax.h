#pragma once
// Where a JSON text first breaks the grammar (RFC 8259), so that a person is told the line and
// column to fix instead of a parser library's own words.

#include <optional>
#include <string_view>

namespace qiaomen::cli {

struct TextPosition {
  int line = 1;    // from 1
  int column = 1;  // from 1, in bytes of the line
};

// The position of the first character that makes `text` not one JSON value (the end of the text
// when it stops early); nullopt when `text` is valid JSON. Nesting deeper than 200 levels is
// reported at the 201st opening bracket. Pure: thread-safe.
std::optional<TextPosition> JsonSyntaxError(std::string_view text);

}  // namespace qiaomen::cli
