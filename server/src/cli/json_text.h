#pragma once
// JSON text for the `--format json` output of qiaomen-county's commands: one quoting function so
// that every command escapes the same way.

#include <string>
#include <string_view>

namespace qiaomen::server {

// `text` as a quoted JSON string: quotes and backslashes escaped, control characters as \uXXXX,
// UTF-8 passed through.
std::string JsonQuote(std::string_view text);

}  // namespace qiaomen::server
