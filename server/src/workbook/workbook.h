#pragma once
// A workbook as text: its sheets, in order, each a grid of cell texts. What the checklist reader
// (template_sheets.h) works on, whether the cells came from an .xlsx file (xlsx_reader.h) or from
// a folder of CSV files (csv_folder.h). Plain values: copy freely.

#include <string>
#include <vector>

namespace qiaomen::server::workbook {

struct Sheet {
  std::string name;
  // rows[r][c]: the text of the cell in row r + 1 (as a spreadsheet numbers rows) and column c
  // (0 is A). Missing cells read as "": a row may be shorter than another.
  std::vector<std::vector<std::string>> rows;

  // The text at (row 1-based, column 0-based), "" outside the grid.
  const std::string& At(int row, int col) const;
};

struct Workbook {
  std::string source;  // the file or folder it was read from, for messages
  // The sheet file name suffix its cells are named with: "" for .xlsx (survey!F12), ".csv" for a
  // folder of CSV files (survey.csv!F12).
  std::string sheet_suffix;
  std::vector<Sheet> sheets;

  // The sheet called `name` (ASCII case-insensitive, surrounding blanks ignored), or nullptr.
  const Sheet* Find(const std::string& name) const;
};

// Column letters of a 0-based column: 0 -> "A", 25 -> "Z", 26 -> "AA".
std::string ColumnLetters(int col);

// "F12" for row 12 (1-based) and column 5 (0-based).
std::string CellName(int row, int col);

// Upper bounds a reader keeps to, so a hostile file cannot exhaust the server: a checklist has at
// most a few thousand rows and a few dozen columns.
inline constexpr int kMaxRows = 20000;
inline constexpr int kMaxColumns = 256;

}  // namespace qiaomen::server::workbook
