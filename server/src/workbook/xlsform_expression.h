#pragma once
// XLSForm's expression spellings translated to the forms language (docs/forms-expressions.md),
// where it is cheap and unambiguous; anything else is left for the forms checker to judge.

#include <string>
#include <string_view>
#include <vector>

namespace qiaomen::server::workbook {

struct TranslatedExpression {
  std::string text;
  // origin[i]: the byte of the source that output byte i came from, so a checker error's column
  // can be shown in the cell the author typed.
  std::vector<size_t> origin;

  // The 1-based column in the source of the translated text's 1-based `column`.
  size_t SourceColumn(size_t column) const;
};

// `${name}` -> `name`; a lone `=` -> `==`; `count-selected(` -> `count_selected(`;
// `true()`/`false()` -> `true`/`false`; the word `div` -> `/`; a lone `.` (the current answer, in
// a constraint) -> `self_id`. Text inside quotes is kept as it is. An expression already in the
// forms language comes back unchanged.
TranslatedExpression TranslateXlsformExpression(std::string_view source, std::string_view self_id);

}  // namespace qiaomen::server::workbook
