#pragma once
// What the visit list and a visit's page share: names of workers and checklists, and how a
// visit's evidence stands.

#include <map>
#include <set>
#include <string>

#include "admin/visit_records.h"
#include "console/render.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server::console {

// Worker names by id. Internal/Unavailable when the database cannot be read.
core::Result<std::map<std::string, std::string>> WorkerNames(SqlConnection& conn);

// The title of checklist id@version in `language` (the checklist's other language when it has
// none; "id@version" when it cannot be loaded), loaded once per key into `titles`.
std::string ChecklistTitle(SqlConnection& conn, const v1::Visit& visit,
                           std::map<std::string, std::string>& titles, Language language);

// A visit's row: id (hex), finished (county time), subject_name, subject_address, grid_id,
// outcome, outcome_code, checklist, worker, photo_count, and its evidence: evidence_ok (signed and
// every photo received), evidence_pending (photos not received), evidence_failed (not signed).
// `blobs` holds the hex SHA-256 of the photos the county has received. Labels in `language`.
Data VisitItem(const VisitRecord& record, const std::string& checklist, const std::string& worker,
               const std::set<std::string>& blobs, const base::TimeZone& zone, Language language);

}  // namespace qiaomen::server::console
