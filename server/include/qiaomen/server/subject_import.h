#pragma once
// Imports subjects (households, premises, facilities) from the county's CSV. All or nothing: every
// row is checked first and any bad row refuses the whole file with line numbers and reasons.
// Idempotent by external_id: a row already imported with the same values changes nothing; a row
// with new values updates the subject (as a server change devices receive).

#include <string>

#include "qiaomen/core/clock.h"
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

// Columns (header row, any order): external_id, kind, town, village, grid, name, address, phone,
// members, tags. town/village/grid cells are ids ("T01", "V02", "G01"; village and grid ids are
// prefixed with their parent's to make them unique, e.g. T01-V02-G01) optionally followed by
// ":Name". kind: household | premises | facility. tags separated by ';'.
// `csv_bytes` is UTF-8 (with or without a BOM), UTF-16 with a BOM, or GBK/GB18030 as Chinese Excel
// saves it: it is converted before any cell is read.
// Errors: InvalidArgument saying to save as CSV UTF-8 when the file is in none of these encodings,
// or listing "line N: reason" for every bad row, one a line after the first (nothing imported).
core::Result<ImportSummary> ImportSubjectsCsv(Storage& storage, core::Clock& clock,
                                              const std::string& csv_bytes,
                                              const ImportOptions& options = {});

}  // namespace qiaomen::server
