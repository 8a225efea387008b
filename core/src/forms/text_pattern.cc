// GCC 12 reports false maybe-uninitialized warnings inside <regex> (std::function in its NFA
// states); they are not in our code.
#if defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#endif

#include "forms/text_pattern.h"

#include <regex>

#include "qiaomen/core/forms/compiled_template.h"

namespace qiaomen::core::forms::internal {
namespace {

static_assert(kMaxPatternTextBytes >= 4 * kDefaultTextLimit,
              "a text within the default limit must never be too long to match");

// libstdc++ matches by backtracking unless told otherwise: `(a|a)*b` then takes exponential time
// (seconds at 24 characters) and `(a|b)*` recurses once per character (a stack overflow well
// inside a long text). Its polynomial mode runs a breadth-first NFA instead: time linear in the
// text times the pattern's size, recursion bounded by the pattern. It refuses back-references,
// so a pattern using them does not compile and the checker refuses it.
constexpr std::regex::flag_type kFlags = std::regex::ECMAScript
#if defined(__GLIBCXX__)
                                         | std::regex_constants::__polynomial
#endif
    ;

}  // namespace

class TextPattern {
 public:
  explicit TextPattern(const std::string& p) : re_(p, kFlags) {}
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
  if (text.size() > kMaxPatternTextBytes) return false;
  try {
    return std::regex_match(text, pattern.re_);
  } catch (const std::exception&) {
    return false;
  }
}

}  // namespace qiaomen::core::forms::internal
