#pragma once
// A hazard as the console shows it, in the ledger's rows and on its own page alike.

#include "admin/hazard_ledger.h"
#include "console/render.h"
#include "qiaomen/base/time_zone.h"

namespace qiaomen::server::console {

// id (hex), subject_name, subject_address, grid_id, category, severity, major, status, deadline,
// overdue, days_overdue, last_step (county time), with labels in `language`.
Data HazardItem(const LedgerHazard& hazard, const base::TimeZone& zone, Language language);

}  // namespace qiaomen::server::console
