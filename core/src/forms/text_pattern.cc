// GCC 12 reports false maybe-uninitialized warnings inside <regex> (std::function in its NFA
// states); they are not in our code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "forms/text_pattern.h"

#include <regex>

namespace qiaomen::core::forms::internal {

class TextPattern {
 public:
  explicit TextPattern(const std::string& p) : re_(p, std::regex::ECMAScript) {}
  std::regex re_;
};

std::shared_ptr<const TextPattern> CompileTextPattern(const std::string& pattern) {
  try {
    return std::make_shared<const TextPattern>(pattern);
  } catch (const std::exception&) {
    return nullptr;
  }
}

bool MatchesTextPattern(const TextPattern& pattern, const std::string& text) {
  try {
    return std::regex_match(text, pattern.re_);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace qiaomen::core::forms::internal
