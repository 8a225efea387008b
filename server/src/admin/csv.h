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

// InvalidArgument naming the line of an unterminated quote.
core::Result<std::vector<CsvRecord>> ParseCsv(const std::string& text);

}  // namespace qiaomen::server
