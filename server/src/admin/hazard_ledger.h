#pragma once
// The county's hazards as people follow them: each with its registers, its household, its event
// log and where it stands, derived from the log by core::domain::DeriveHazardState. The report
// counts hazards by the same standing; the console's 隐患台账 lists them.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

// Where a hazard stands today.
struct HazardStanding {
  // Derived from the log; a hazard whose FOUND event has not arrived yet stands as found.
  core::domain::HazardState state;
  bool open = true;
  // Rectified or reinspected, waiting to be closed.
  bool rectified = false;
  // Not rectified yet and flagged overdue or past its deadline.
  bool overdue = false;
  // Days from the deadline to `today` while overdue (0 when only flagged, or not overdue).
  int64_t days_overdue = 0;
};

// The standing of a hazard with event log `log`, deadline register `deadline` ("YYYY-MM-DD" or
// "") on the county day `today`. Pure.
HazardStanding ClassifyHazard(std::vector<core::domain::HazardLogEntry> log,
                              const std::string& deadline, const std::string& today);

// Every stored hazard event, by hazard id (16 bytes), each with the stamp it was applied with.
// Corrupt events are skipped. Internal/Unavailable when the database cannot be read.
core::Result<std::map<std::string, std::vector<core::domain::HazardLogEntry>>> LoadHazardLogs(
    SqlConnection& conn);

struct LedgerHazard {
  std::string id;  // 16 bytes
  std::string town_id, grid_id;
  std::string subject_name, subject_address;  // "" when the subject is unknown here
  std::string category, severity, deadline, responsible, description;  // register texts
  std::string visit_id;  // the finding visit's id as UUID text; "" when unknown
  std::string rule_id;   // the checklist's hazard rule that found it; "" when unknown
  // Its events, FOUND first, then in the order they were applied (HLC, then id).
  std::vector<core::domain::HazardLogEntry> log;
  HazardStanding standing;
};

// The hazards not deleted in `town` (every town when empty), newest found first, standing as of
// the county day `today`. Internal/Unavailable when the database cannot be read; Corruption when a
// stored hazard is unreadable.
core::Result<std::vector<LedgerHazard>> ListLedgerHazards(SqlConnection& conn,
                                                          const std::string& town,
                                                          const std::string& today);

}  // namespace qiaomen::server
