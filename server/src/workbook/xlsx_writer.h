#pragma once
// Writes sheets of text and numbers as an .xlsx workbook through libxlsxwriter: the header rows
// bold and frozen, each column as wide as its widest line (Chinese characters count twice), cells
// with line breaks wrapped. Text is always written as text, never as a formula.

#include <cstdint>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::server::workbook {

struct OutCell {
  std::string text;
  bool is_number = false;
  double number = 0;

  static OutCell Text(std::string t) { return OutCell{std::move(t), false, 0}; }
  static OutCell Number(double n) { return OutCell{"", true, n}; }
};

struct OutSheet {
  OutSheet() = default;
  OutSheet(std::string sheet_name, std::vector<std::vector<OutCell>> sheet_rows)
      : name(std::move(sheet_name)), rows(std::move(sheet_rows)) {}

  std::string name;  // at most 31 characters, none of []:*?/\ (Excel's rules)
  std::vector<std::vector<OutCell>> rows;
  int header_rows = 1;  // the first rows: bold and frozen at the top
  // When not empty: a line in row 1, above `rows`, bold and frozen too; it does not widen the
  // first column.
  std::string title = "";
};

struct WriteOptions {
  // Strings inline in each sheet (libxlsxwriter's constant-memory mode) instead of one shared
  // table. Excel reads both; tests use it to check the reader handles both.
  bool inline_strings = false;
  // The workbook's creation time (seconds since 1970) in its properties; 0: now. A fixed time
  // makes the same sheets the same bytes (the shipped checklist workbooks).
  int64_t created_unix = 0;
};

// Writes `sheets` to `path` (replacing it). InvalidArgument for a bad sheet name or a text longer
// than Excel's 32767 characters, IOError when the file cannot be written; on error the file may
// be missing or incomplete. Thread-safe (no shared state).
core::Status WriteXlsxFile(const std::string& path, const std::vector<OutSheet>& sheets,
                           const WriteOptions& options = {});

// The width of `text` on screen in columns: East Asian wide and fullwidth characters count 2,
// others 1; the widest line of a text with line breaks.
int DisplayWidth(const std::string& text);

}  // namespace qiaomen::server::workbook
