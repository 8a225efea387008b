#pragma once
// The county report as people read it, in the command line's language: coverage by town, village
// and grid with visit outcomes, hazards by category and severity and by status, the totals and the
// age of the last backup. Pure function of its arguments.

#include <string>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/server/report.h"

namespace qiaomen::server {

std::string ReportText(const Report& report, core::domain::Language language);
// The report as CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads Chinese right),
// the header row in `language`, one row per figure (section and key codes, the name in
// `language`, subjects, visited, value).
std::string ReportCsv(const Report& report, core::domain::Language language);

}  // namespace qiaomen::server
