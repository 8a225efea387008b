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
};

// Columns (header row, any order): external_id, kind, town, village, grid, name, address, phone,
// members, tags. town/village/grid cells are ids ("T01", "V02", "G01"; village and grid ids are
// prefixed with their parent's to make them unique, e.g. T01-V02-G01) optionally followed by
// ":Name". kind: household | premises | facility. tags separated by ';'.
// Errors: InvalidArgument listing "line N: reason" for every bad row (nothing imported).
core::Result<ImportSummary> ImportSubjectsCsv(Storage& storage, core::Clock& clock,
                                              const std::string& csv_text);

}  // namespace qiaomen::server
