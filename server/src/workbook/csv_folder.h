#pragma once
// A checklist written as CSV instead of a workbook: a folder holding one UTF-8 CSV file per sheet,
// named after the sheet (survey.csv, choices.csv, settings.csv, hazards.csv), each with the same
// header row and columns as the sheet. A spreadsheet's "Save as CSV UTF-8" of each sheet makes it.

#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "workbook/workbook.h"

namespace qiaomen::server::workbook {

// The files `<dir>/<name>.csv` for each of `names` that exists, as sheets named `name` (a missing
// file is a missing sheet: the caller says which it needs). A UTF-8 byte-order mark is skipped.
// InvalidArgument when `dir` is not a folder, a file is not valid CSV (an unterminated quote,
// naming its line) or is over the size limits (workbook.h). Thread-safe.
core::Result<Workbook> ReadCsvFolder(const std::string& dir, const std::vector<std::string>& names);

}  // namespace qiaomen::server::workbook
