#pragma once
// Text item patterns: an ECMAScript regular expression the whole answer must match. Wraps
// std::regex so its exceptions and warnings stay in one file. Private to forms.

#include <memory>
#include <string>

namespace qiaomen::core::forms::internal {

class TextPattern;

// nullptr when `pattern` is not a valid regular expression.
std::shared_ptr<const TextPattern> CompileTextPattern(const std::string& pattern);

// Whether all of `text` matches. A pattern the library cannot run on this text counts as no match.
bool MatchesTextPattern(const TextPattern& pattern, const std::string& text);

}  // namespace qiaomen::core::forms::internal
