#pragma once
// The county report as an Excel workbook, in the command line's language: a totals sheet and one
// sheet per breakdown (town, village, grid, hazard category and severity, hazard status, open
// hazards by urgency, premises type). Each sheet has the report's title in row 1 and the column
// headers in row 2, both frozen; every sheet carries the stable codes (unit id, "gas/major",
// "ordered", ...) beside the words, so a program can check its figures against the JSON report.

#include <vector>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/server/report.h"
#include "workbook/xlsx_writer.h"

namespace qiaomen::server {

// Pure function of its arguments.
std::vector<workbook::OutSheet> ReportSheets(const Report& report, core::domain::Language language);

}  // namespace qiaomen::server
