#pragma once
// RFC 4180 CSV: quoted fields with "" escapes and embedded newlines; CRLF or LF.

#include <string>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

struct CsvRecord {
  int line = 0;  // the 1-based line where the record starts
  std::vector<std::string> fields;
};

// One cell for a CSV export opened in a spreadsheet: a cell starting with = + - @ (or a tab or
// carriage return) is prefixed with ' so it is not run as a formula, and a cell with a comma,
// quote or line break is quoted with its quotes doubled.
std::string CsvCell(const std::string& text);

// InvalidArgument naming the line of an unterminated quote, which `unclosed_line` (optional)
// receives too.
core::Result<std::vector<CsvRecord>> ParseCsv(const std::string& text,
                                              int* unclosed_line = nullptr);

}  // namespace qiaomen::server
