#pragma once
// The county report: coverage (visited of total subjects by town, village and grid, with visit
// outcomes), hazards by category and severity, open/overdue/closed, repeat findings, photos still
// pending, and visit evidence verified/pending/failed. Computed from the stored records.

#include <map>
#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct ReportOptions {
  std::string town;  // empty: the whole county
  std::string date;  // YYYY-MM-DD: only visits finished and hazards found that day in the
                     // county's time zone; empty: all
  // A campaign's id: only the subjects it has tasks for (its own denominators), their visits and
  // their hazards; empty: every subject.
  std::string campaign;
};

// Figures for one premises type (Subject.premises_type: restaurant, shop, ...).
struct PremisesTypeRow {
  int64_t subjects = 0, subjects_checked = 0;
  int64_t hazards_found = 0, hazards_open = 0, major_found = 0, major_open = 0;
};

struct CoverageRow {
  std::string unit_id;
  std::string level;  // town | village | grid
  std::string name;
  int64_t subjects = 0;
  int64_t visited = 0;                      // subjects with at least one visit
  std::map<std::string, int64_t> outcomes;  // checked, nobody_home, refused, vacant, moved
  // Visited subjects by the outcome of their latest visit (a household found nobody home and
  // checked later counts as checked): the console's coverage bars. Sums to `visited`.
  std::map<std::string, int64_t> latest_outcomes;
  // Major hazards (重大隐患) of the unit's subjects: found in all, and by standing (as the
  // county-wide totals below).
  int64_t major_found = 0, major_open = 0, major_rectified = 0, major_closed = 0, major_overdue = 0;
  // Hazards suspected major (疑似重大隐患) that 消防救援大队 or the competent department has not
  // judged yet; not in the major figures until confirmed.
  int64_t major_suspected = 0;
};

struct Report {
  std::string county;
  ReportOptions options;
  std::vector<CoverageRow> coverage;  // towns, then villages, then grids
  int64_t visits = 0;
  std::map<std::string, int64_t> hazards_by_category_severity;  // "category/severity"
  // From each hazard's event log by core::domain::DeriveHazardState. open: not closed (includes
  // rectified and overdue); rectified: rectified or reinspected, waiting to be closed; overdue:
  // not rectified yet and flagged overdue or past its deadline; closed.
  int64_t hazards_open = 0, hazards_rectified = 0, hazards_overdue = 0, hazards_closed = 0;
  std::map<std::string, int64_t> hazards_by_status;  // HazardStatusCode: found, ordered, ...
  // The same for major hazards (重大隐患) alone: tracked until none is left.
  int64_t major_hazards_open = 0, major_hazards_overdue = 0;
  // 清零: every major hazard found, those rectified (waiting to be closed) and closed; the
  // clearance rate is closed / found.
  int64_t major_hazards_found = 0, major_hazards_rectified = 0, major_hazards_closed = 0;
  // Suspected major hazards awaiting the judgement (counted apart; a confirmed one counts as major,
  // a downgraded one as general).
  int64_t major_hazards_suspected = 0;
  // Open hazards by urgency code (immediate, same_day, by_deadline; old hazards: by_deadline).
  std::map<std::string, int64_t> open_hazards_by_urgency;
  // 按期整改: hazards with a deadline that has passed or that were rectified (due), and of those
  // the ones rectified on or before their deadline (county days).
  int64_t hazards_due = 0, hazards_rectified_on_time = 0;
  // 入户检查: subjects in scope, and by the outcome of their latest visit: checked, nobody home
  // (a return visit is due, 待回访) and refused.
  int64_t subjects = 0, subjects_checked = 0, return_visits_due = 0, visits_refused = 0;
  // Door-knocking (入户走访): return visits (回访: a visit of a task an earlier visit found nobody
  // home or was refused at, domain::ReturnVisitIds), refused visits by reason code (refused_entry,
  // ..., "unspecified" for a device older than the reasons) and those escalated to the village
  // committee (提请村委会协助), visits that delivered the notice (告知书).
  int64_t return_visits = 0, refusals_escalated = 0, notices_delivered = 0;
  std::map<std::string, int64_t> refusals_by_reason;
  // Hazards closed by one 当场整改 step during their visit.
  int64_t hazards_fixed_on_site = 0;
  // Villages whose own record's (a subject of kind village) latest visit says no emergency
  // shelter (无应急避难场所). Village records are not in the coverage figures.
  int64_t villages_without_shelter = 0;
  // By premises type code (subjects without a type, such as households, are not in it).
  std::map<std::string, PremisesTypeRow> by_premises_type;
  // Hazards whose FOUND event happened on options.date (0 without a date).
  int64_t hazards_found_on_date = 0;

  int64_t repeat_findings = 0;  // (subject, rule) pairs found in two or more visits
  int64_t photos_referenced = 0, photos_pending = 0;
  int64_t evidence_verified = 0, evidence_pending = 0, evidence_failed = 0;
  int64_t quarantined = 0;
  int64_t conflicts = 0;
  // The age of the last backup the database noted (RecordBackup), in seconds; -1 when none.
  int64_t backup_age_s = -1;
  // Changes devices had sent that a restore from an older backup lost and no device held any more
  // (SyncRequest.released_through_seq), and how many devices they came from.
  int64_t changes_lost = 0, devices_with_lost_changes = 0;
};

// NotFound when options.town or options.campaign names none the county has.
core::Result<Report> BuildReport(Storage& storage, core::Clock& clock,
                                 const ReportOptions& options);

// "json" or "csv" (one line per metric), for programs: English keys. InvalidArgument for another
// format (the text for people is the command line's, in its language: cli/report_text.h).
core::Result<std::string> FormatReport(const Report& report, const std::string& format);

// The report's totals as (stable key, value), in the order reports print them: "visits",
// "hazards_open", ... "backup_age_seconds".
std::vector<std::pair<std::string, int64_t>> ReportTotals(const Report& report);

}  // namespace qiaomen::server
