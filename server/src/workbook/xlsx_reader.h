#pragma once
// Reads the cell texts of an .xlsx workbook (Office Open XML spreadsheet): the zip is opened with
// minizip and each part's XML parsed with expat; nothing is evaluated (a formula cell reads as its
// cached result).

#include <string>

#include "qiaomen/core/status.h"
#include "workbook/workbook.h"

namespace qiaomen::server::workbook {

// Every sheet of the workbook at `path`, in the workbook's order, with shared strings (rich text
// runs joined, phonetic runs left out), inline strings, numbers (as their shortest text: 0.1, 12),
// booleans (TRUE/FALSE) and cached formula results. Errors, each a sentence that says what to do:
// InvalidArgument when the file is not a zip, is a zip but no workbook, holds XML that is not
// well-formed or a shared string index out of range, or is over the size limits (workbook.h,
// 64 MiB a part); NotFound when the file does not exist. Thread-safe (no shared state).
core::Result<Workbook> ReadXlsxFile(const std::string& path);

}  // namespace qiaomen::server::workbook
