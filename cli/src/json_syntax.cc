#include "json_syntax.h"

#include <cctype>
#include <cstring>

namespace qiaomen::cli {
namespace {

constexpr int kMaxDepth = 200;

// A recursive-descent check of the grammar only: values are not built.
class Checker {
 public:
  explicit Checker(std::string_view text) : text_(text) {}

  // True when the whole text is one value with only white space around it.
  bool Check() {
    Space();
    if (!Value(0)) return false;
    Space();
    return at_ == text_.size();
  }
  size_t at() const { return at_; }

 private:
  bool Peek(char c) const { return at_ < text_.size() && text_[at_] == c; }
  void Space() {
    while (at_ < text_.size() && text_[at_] != '\0' &&
           std::strchr(" \t\r\n", text_[at_]) != nullptr) {
      ++at_;
    }
  }
  bool Literal(const char* word) {
    const size_t n = std::strlen(word);
    if (text_.substr(at_, n) != word) return false;
    at_ += n;
    return true;
  }
  bool Digits() {
    const size_t start = at_;
    while (at_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[at_]))) ++at_;
    return at_ > start;
  }
  bool Number() {
    if (Peek('-')) ++at_;
    if (Peek('0')) {
      ++at_;
    } else if (!Digits()) {
      return false;
    }
    if (Peek('.')) {
      ++at_;
      if (!Digits()) return false;
    }
    if (Peek('e') || Peek('E')) {
      ++at_;
      if (Peek('+') || Peek('-')) ++at_;
      if (!Digits()) return false;
    }
    return true;
  }
  bool String() {
    if (!Peek('"')) return false;
    ++at_;
    while (at_ < text_.size()) {
      const unsigned char c = static_cast<unsigned char>(text_[at_]);
      if (c == '"') {
        ++at_;
        return true;
      }
      if (c < 0x20) return false;  // a raw line break or control character
      if (c == '\\') {
        ++at_;
        if (at_ >= text_.size() || text_[at_] == '\0' ||
            std::strchr("\"\\/bfnrtu", text_[at_]) == nullptr) {
          return false;
        }
        if (text_[at_] == 'u') {
          for (int i = 0; i < 4; ++i) {
            ++at_;
            if (at_ >= text_.size() || !std::isxdigit(static_cast<unsigned char>(text_[at_]))) {
              return false;
            }
          }
        }
      }
      ++at_;
    }
    return false;
  }
  // `open` ... `close` with `item` between commas.
  template <typename Item>
  bool Sequence(char close, int depth, Item item) {
    if (depth >= kMaxDepth) return false;
    ++at_;
    Space();
    if (Peek(close)) {
      ++at_;
      return true;
    }
    for (;;) {
      if (!item()) return false;
      Space();
      if (Peek(close)) {
        ++at_;
        return true;
      }
      if (!Peek(',')) return false;
      ++at_;
      Space();
    }
  }
  bool Value(int depth) {
    if (at_ >= text_.size()) return false;
    switch (text_[at_]) {
      case '{':
        return Sequence('}', depth, [&] {
          if (!String()) return false;
          Space();
          if (!Peek(':')) return false;
          ++at_;
          Space();
          return Value(depth + 1);
        });
      case '[':
        return Sequence(']', depth, [&] { return Value(depth + 1); });
      case '"':
        return String();
      case 't':
        return Literal("true");
      case 'f':
        return Literal("false");
      case 'n':
        return Literal("null");
      default:
        return Number();
    }
  }

  std::string_view text_;
  size_t at_ = 0;
};

}  // namespace

std::optional<TextPosition> JsonSyntaxError(std::string_view text) {
  Checker checker(text);
  if (checker.Check()) return std::nullopt;
  TextPosition position;
  for (size_t i = 0; i < checker.at() && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++position.line;
      position.column = 1;
    } else {
      ++position.column;
    }
  }
  return position;
}

}  // namespace qiaomen::cli
