#pragma once
// Text item patterns: an ECMAScript regular expression the whole answer must match. Wraps
// std::regex so its exceptions and warnings stay in one file. Private to forms.

#include <cstddef>
#include <memory>
#include <string>

namespace qiaomen::core::forms::internal {

class TextPattern;

// Longest text (in bytes of UTF-8) a pattern is ever run on. The checker also refuses a patterned
// text item whose maxLength is over kDefaultTextLimit characters (at most 4 bytes each).
inline constexpr size_t kMaxPatternTextBytes = 4 * 2000;

// nullptr when `pattern` is not a valid regular expression or uses back-references (\1), which
// the bounded (non-backtracking) matcher does not run.
std::shared_ptr<const TextPattern> CompileTextPattern(const std::string& pattern);

// Whether all of `text` matches, in time linear in the text's length. A text longer than
// kMaxPatternTextBytes, or one the library cannot run the pattern on, counts as no match.
bool MatchesTextPattern(const TextPattern& pattern, const std::string& text);

}  // namespace qiaomen::core::forms::internal
