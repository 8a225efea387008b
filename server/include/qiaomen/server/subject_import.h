#pragma once
// Imports subjects (households, premises, facilities) from the county's CSV. All or nothing: every
// row is checked first and any bad row refuses the whole file with line numbers and reasons.
// Idempotent by external_id: a row already imported with the same values changes nothing; a row
// with new values updates the subject (as a server change devices receive).

#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct ImportSummary {
  int rows = 0;
  int created = 0;
  int updated = 0;
  int unchanged = 0;
  int units_created = 0;
  std::string encoding;  // what the file was read as ("UTF-8", "GB18030": see base::DecodeText)
};

struct ImportOptions {
  // Check and count everything (summary as for a real import), then roll it all back: nothing is
  // written, the county's change log included. The console's preview.
  bool dry_run = false;
  // Non-empty: a township's import; a row of another town is a bad row ("line N: ...").
  std::string town;
};

// What is wrong with a subjects CSV, as a code each front end words in its person's language
// (ImportProblemText). The comment says which of ImportProblem's fields the kind fills.
enum class ImportProblemKind {
  kNotText,        // the file is in no text encoding (a workbook, another code page)
  kEmptyFile,      // not even a header row
  kUnclosedQuote,  // line: a quoted cell starting there is never closed
  kMissingColumn,  // line 1, column: the header lacks this column
  kColumnCount,    // line, value: the row's number of cells, detail: the header's
  kEmptyCell,      // line, column: external_id or name is empty
  kDuplicateId,    // line, column external_id, value: the id, already on an earlier line
  kBadKind,        // line, column kind, value
  kBadUnit,        // line, column town/village/grid, value: empty, or spaces or commas in the id
  kOtherTown,      // line, column town, value: the row's town, detail: the account's
  kBadMembers,     // line, column members, value: not a whole number up to 9999
  kPremisesTypeOnHousehold,  // line, column premises_type, value
  kBadPremisesType,          // line, column premises_type, value, detail: the accepted codes
  kUnitClash,  // line, value: a unit id, detail: its level there, detail2: its parent there
  kCount       // not a problem: the number of kinds
};

// One problem: what, where (the file's 1-based line and the column at fault) and the values the
// sentence names.
struct ImportProblem {
  ImportProblemKind kind = ImportProblemKind::kNotText;
  int line = 0;        // 0: the whole file
  std::string column;  // "" when the problem is the row's or the file's
  std::string value;
  std::string detail;
  std::string detail2;
};

// The problem as a sentence in `language`, without its line ("kind 'castle' must be household,
// premises or facility" / "类型“castle”不对：应为 household、premises 或 facility"), from the
// importer's catalogue (one per language, both with every kind). Thread-safe.
std::string ImportProblemText(const ImportProblem& problem, core::domain::Language language);
// The same with its line first ("line 3: ..." / "第 3 行：..."), when it has one.
std::string ImportProblemLine(const ImportProblem& problem, core::domain::Language language);
// The sentence that says nothing was imported and to fix the file, in `language`.
std::string ImportRefusedText(core::domain::Language language);

// Columns (header row, any order): external_id, kind, town, village, grid, name, address, phone,
// members, tags. town/village/grid cells are ids ("T01", "V02", "G01"; village and grid ids are
// prefixed with their parent's to make them unique, e.g. T01-V02-G01) optionally followed by
// ":Name". kind: household | premises | facility. tags separated by ';'.
// `csv_bytes` is UTF-8 (with or without a BOM), UTF-16 with a BOM, or GBK/GB18030 as Chinese Excel
// saves it: it is converted before any cell is read.
// Errors: InvalidArgument when the file is refused (nothing imported): in none of these
// encodings, or with bad rows. `problems` (optional) then receives every problem; the message says
// them in English, "line N: reason" one a line after the first. Other codes when the database
// fails (nothing imported either).
core::Result<ImportSummary> ImportSubjectsCsv(Storage& storage, core::Clock& clock,
                                              const std::string& csv_bytes,
                                              const ImportOptions& options = {},
                                              std::vector<ImportProblem>* problems = nullptr);

}  // namespace qiaomen::server
