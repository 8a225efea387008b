#include "qiaomen/base/message_format.h"

#include <vector>

namespace qiaomen::base {
namespace {

// The N of a "{N}" at `at`, or -1.
int ArgAt(std::string_view pattern, size_t at) {
  if (at + 2 >= pattern.size() || pattern[at] != '{' || pattern[at + 2] != '}') return -1;
  const char digit = pattern[at + 1];
  return digit >= '0' && digit <= '9' ? digit - '0' : -1;
}

}  // namespace

std::string FormatMessage(std::string_view pattern, std::initializer_list<std::string_view> args) {
  const std::vector<std::string_view> values(args);
  std::string out;
  out.reserve(pattern.size() + 32);
  for (size_t i = 0; i < pattern.size(); ++i) {
    const int n = ArgAt(pattern, i);
    if (n >= 0 && static_cast<size_t>(n) < values.size()) {
      out += values[static_cast<size_t>(n)];
      i += 2;
    } else {
      out += pattern[i];
    }
  }
  return out;
}

int MessageArgCount(std::string_view pattern) {
  int count = 0;
  for (size_t i = 0; i < pattern.size(); ++i) {
    if (const int n = ArgAt(pattern, i); n >= 0 && n + 1 > count) count = n + 1;
  }
  return count;
}

}  // namespace qiaomen::base
