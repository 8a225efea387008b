#include "workbook/xlsform_expression.h"

#include <cctype>

namespace qiaomen::server::workbook {
namespace {

bool IsWordStart(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool IsWord(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

}  // namespace

size_t TranslatedExpression::SourceColumn(size_t column) const {
  if (column == 0 || origin.empty()) return column;
  const size_t i = std::min(column - 1, origin.size() - 1);
  return origin[i] + 1 + (column - 1 > i ? column - 1 - i : 0);
}

TranslatedExpression TranslateXlsformExpression(std::string_view s, std::string_view self_id) {
  TranslatedExpression out;
  auto emit = [&](std::string_view text, size_t from) {
    for (char c : text) {
      out.text.push_back(c);
      out.origin.push_back(from);
    }
  };
  auto emit_span = [&](size_t from, size_t to) {
    for (size_t k = from; k < to; ++k) {
      out.text.push_back(s[k]);
      out.origin.push_back(k);
    }
  };
  size_t i = 0;
  while (i < s.size()) {
    const char c = s[i];
    if (c == '\'' || c == '"') {
      size_t j = i + 1;
      while (j < s.size() && s[j] != c) j += (s[j] == '\\' && j + 1 < s.size()) ? 2 : 1;
      j = std::min(j + 1, s.size());
      emit_span(i, j);
      i = j;
    } else if (c == '$' && i + 1 < s.size() && s[i + 1] == '{') {
      const size_t close = s.find('}', i + 2);
      if (close == std::string_view::npos) {
        emit_span(i, s.size());
        break;
      }
      size_t b = i + 2, e = close;
      while (b < e && s[b] == ' ') ++b;
      while (e > b && s[e - 1] == ' ') --e;
      emit_span(b, e);
      i = close + 1;
    } else if (c == '=') {
      const char prev = out.text.empty() ? ' ' : out.text.back();
      const bool part = prev == '!' || prev == '<' || prev == '>' || prev == '=' ||
                        (i + 1 < s.size() && s[i + 1] == '=');
      emit(part ? "=" : "==", i);
      ++i;
    } else if (IsWordStart(c) && (i == 0 || !IsWord(s[i - 1]))) {
      size_t j = i;
      while (j < s.size() && IsWord(s[j])) ++j;
      const std::string_view word = s.substr(i, j - i);
      if (word == "count" && s.substr(j, 10) == "-selected(") {
        emit("count_selected", i);
        emit_span(j + 9, j + 10);
        i = j + 10;
      } else if ((word == "true" || word == "false") && s.substr(j, 2) == "()") {
        emit_span(i, j);
        i = j + 2;
      } else if (word == "div") {
        emit("/", i);
        i = j;
      } else {
        emit_span(i, j);
        i = j;
      }
    } else if (c == '.' && !self_id.empty() && (i == 0 || !IsDigit(s[i - 1])) &&
               (i + 1 >= s.size() || !IsDigit(s[i + 1])) &&
               (i + 1 >= s.size() || s[i + 1] != '.')) {
      emit(self_id, i);
      ++i;
    } else {
      emit_span(i, i + 1);
      ++i;
    }
  }
  return out;
}

}  // namespace qiaomen::server::workbook
