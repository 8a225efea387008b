#include "qiaomen/server/report.h"

#include <algorithm>
#include <set>

#include "admin/hazard_ledger.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/domain/door_knocking.h"
#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/server/backup.h"
#include "qiaomen/v1/change.pb.h"
#include "store/change_store.h"
#include "store/record_state.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

// The register text of a severity ("general", "major") as the report counts it.
std::string SeverityCode(const std::string& value) {
  if (auto severity = core::domain::SeverityFromCode(value)) {
    return std::string(core::domain::SeverityLabel(*severity).code);
  }
  return value.empty() ? "unspecified" : value;
}

// The county day of the hazard's first rectification in `log` ("" when never rectified).
std::string RectifiedOn(const std::vector<core::domain::HazardLogEntry>& log,
                        const base::TimeZone& zone) {
  int64_t first = 0;
  for (const auto& entry : log) {
    if (entry.event.kind() == v1::RECTIFIED && (first == 0 || entry.event.at_ms() < first)) {
      first = entry.event.at_ms();
    }
  }
  return first == 0 ? "" : base::CountyDate(first, zone);
}

// The county day of the hazard's finding in `log` ("" when the log has none).
std::string FoundOn(const std::vector<core::domain::HazardLogEntry>& log,
                    const base::TimeZone& zone) {
  for (const auto& entry : log) {
    if (entry.event.kind() == v1::FOUND) return base::CountyDate(entry.event.at_ms(), zone);
  }
  return "";
}

// The subjects (record ids) `campaign` has tasks for; empty for no campaign. NotFound for a
// campaign the county does not have.
core::Result<std::set<std::string>> CampaignSubjects(SqlConnection& conn,
                                                     const std::string& campaign) {
  std::set<std::string> subjects;
  if (campaign.empty()) return subjects;
  QM_ASSIGN_OR_RETURN(
      auto known, conn.QueryOne("SELECT COUNT(*) FROM campaigns WHERE id = $1", {Text(campaign)}));
  if (known.Int(0) == 0) {
    return core::NotFound("There is no campaign '" + campaign +
                          "'; `qiaomen-county campaigns` lists them.");
  }
  QM_ASSIGN_OR_RETURN(auto tasks, conn.Query("SELECT subject_id, state FROM records WHERE entity = "
                                             "$1 AND deleted = 0",
                                             {Int(v1::ENTITY_TASK)}));
  for (const auto& task : tasks) {
    QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(task.Bytes(1)));
    if (RegisterText(state, "campaign_id") == campaign) subjects.insert(task.Bytes(0));
  }
  return subjects;
}

}  // namespace

core::Result<Report> BuildReport(Storage& storage, core::Clock& clock,
                                 const ReportOptions& options) {
  Report report;
  report.county = storage.identity().county_name;
  // Every day in the report (--date, today for overdue deadlines) is a day in the county's zone.
  const base::TimeZone& zone = storage.time_zone();
  report.options = options;
  auto conn = storage.pool().Acquire();
  auto in_town = [&](const std::string& town) {
    return options.town.empty() || town == options.town;
  };

  // Units and their coverage rows.
  QM_ASSIGN_OR_RETURN(auto units, conn->Query("SELECT id, parent_id, name, level, town_id FROM "
                                              "admin_units ORDER BY id"));
  std::map<std::string, CoverageRow> rows;
  std::map<std::string, std::string> parent;
  for (const auto& u : units) {
    if (!in_town(u.Text(4))) continue;
    CoverageRow row;
    row.unit_id = u.Text(0);
    row.level = u.Text(3);
    row.name = u.Text(2);
    rows[u.Text(0)] = row;
    parent[u.Text(0)] = u.Text(1);
  }
  if (!options.town.empty() && rows.empty()) {
    return core::NotFound("There is no town '" + options.town + "'.");
  }
  auto for_chain = [&](const std::string& grid, const std::function<void(CoverageRow&)>& f) {
    for (std::string id = grid; !id.empty(); id = parent[id]) {
      auto it = rows.find(id);
      if (it == rows.end()) break;
      f(it->second);
    }
  };

  QM_ASSIGN_OR_RETURN(auto in_campaign, CampaignSubjects(*conn, options.campaign));
  QM_ASSIGN_OR_RETURN(auto subjects,
                      conn->Query("SELECT record_id, grid_id, town_id, state FROM records "
                                  "WHERE entity = $1 AND deleted = 0",
                                  {Int(v1::ENTITY_SUBJECT)}));
  std::map<std::string, std::string> subject_grid;
  std::map<std::string, std::string> subject_type;  // premises type code, for typed subjects
  // Village records (subjects of kind village): their latest visit's (finish time, outcome).
  std::map<std::string, std::pair<int64_t, v1::VisitOutcome>> village_records;
  for (const auto& s : subjects) {
    if (!in_town(s.Text(2))) continue;
    if (!options.campaign.empty() && in_campaign.count(s.Bytes(0)) == 0) continue;
    QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(s.Bytes(3)));
    if (RegisterText(state, "kind") == core::domain::SubjectKindLabel(v1::VILLAGE).code) {
      village_records[s.Bytes(0)] = {0, v1::VISIT_OUTCOME_UNSPECIFIED};
      continue;
    }
    subject_grid[s.Bytes(0)] = s.Text(1);
    ++report.subjects;
    for_chain(s.Text(1), [](CoverageRow& r) { ++r.subjects; });
    if (std::string type = RegisterText(state, "premises_type"); !type.empty()) {
      subject_type[s.Bytes(0)] = type;
      ++report.by_premises_type[type].subjects;
    }
  }
  // A campaign's or a town's report counts only its subjects' visits and hazards.
  const bool only_listed = !options.campaign.empty();

  QM_ASSIGN_OR_RETURN(auto blob_rows, conn->Query("SELECT sha256 FROM blobs"));
  std::set<std::string> blobs;
  for (const auto& b : blob_rows) blobs.insert(b.Text(0));

  QM_ASSIGN_OR_RETURN(auto visits, conn->Query("SELECT snapshot, evidence, town_id FROM records "
                                               "WHERE entity = $1",
                                               {Int(v1::ENTITY_VISIT)}));
  std::set<std::string> visited;
  std::map<std::string, std::pair<int64_t, std::string>> latest;  // subject: (finished, outcome)
  std::set<std::string> referenced;
  // Every visit of a task (whatever its day: a return visit today follows yesterday's refusal),
  // and the ids of those the report counts.
  std::vector<core::domain::TaskVisit> task_visits;
  std::set<std::string> counted;
  for (const auto& row : visits) {
    if (!in_town(row.Text(2))) continue;
    v1::Change change;
    if (!change.ParseFromString(row.Bytes(0)))
      return core::Corruption("A stored visit is unreadable.");
    const v1::Visit& visit = change.visit();
    if (!visit.task_id().empty()) {
      task_visits.push_back({visit.id(), visit.task_id(), visit.finished_at_ms(), visit.outcome()});
    }
    if (!options.date.empty() && base::CountyDate(visit.finished_at_ms(), zone) != options.date) {
      continue;
    }
    if (auto village = village_records.find(visit.subject_id()); village != village_records.end()) {
      if (visit.finished_at_ms() >= village->second.first) {
        village->second = {visit.finished_at_ms(), visit.outcome()};
      }
      continue;
    }
    if (only_listed && subject_grid.count(visit.subject_id()) == 0) continue;
    ++report.visits;
    counted.insert(visit.id());
    if (visit.outcome() == v1::REFUSED) {
      ++report.refusals_by_reason[std::string(
          core::domain::RefusalReasonLabel(visit.refusal().reason()).code)];
      report.refusals_escalated += visit.refusal().escalated_to_village() ? 1 : 0;
    }
    report.notices_delivered += visit.notice().delivered() ? 1 : 0;
    auto grid = subject_grid.find(visit.subject_id());
    if (grid != subject_grid.end()) {
      auto& last = latest[visit.subject_id()];
      if (last.second.empty() || visit.finished_at_ms() >= last.first) {
        last = {visit.finished_at_ms(),
                std::string(core::domain::OutcomeLabel(visit.outcome()).code)};
      }
      bool first = visited.insert(visit.subject_id()).second;
      for_chain(grid->second, [&](CoverageRow& r) {
        if (first) ++r.visited;
        ++r.outcomes[std::string(core::domain::OutcomeLabel(visit.outcome()).code)];
      });
    }
    bool all_present = true;
    for (const auto& p : visit.photos()) {
      std::string hex = base::HexEncode(p.sha256());
      referenced.insert(hex);
      if (!blobs.count(hex)) all_present = false;
    }
    if (row.Text(1) != "signed")
      ++report.evidence_failed;
    else if (all_present)
      ++report.evidence_verified;
    else
      ++report.evidence_pending;
  }
  for (const std::string& id : core::domain::ReturnVisitIds(std::move(task_visits))) {
    report.return_visits += counted.count(id);
  }
  for (const auto& [village, last] : village_records) {
    report.villages_without_shelter += last.second == v1::NO_SHELTER ? 1 : 0;
  }
  for (const auto& [subject, last] : latest) {
    for_chain(subject_grid[subject], [&](CoverageRow& r) { ++r.latest_outcomes[last.second]; });
    report.subjects_checked += last.second == "checked";
    report.return_visits_due += last.second == "nobody_home";
    report.visits_refused += last.second == "refused";
    if (auto type = subject_type.find(subject); type != subject_type.end()) {
      report.by_premises_type[type->second].subjects_checked += last.second == "checked";
    }
  }
  QM_ASSIGN_OR_RETURN(auto photos,
                      conn->Query("SELECT snapshot, town_id FROM records WHERE entity = $1",
                                  {Int(v1::ENTITY_PHOTO)}));
  for (const auto& row : photos) {
    if (!in_town(row.Text(1))) continue;
    v1::Change change;
    if (change.ParseFromString(row.Bytes(0)))
      referenced.insert(base::HexEncode(change.photo().sha256()));
  }
  report.photos_referenced = static_cast<int64_t>(referenced.size());
  for (const auto& hex : referenced) report.photos_pending += blobs.count(hex) ? 0 : 1;

  // Hazards and their status, derived from their event logs by core's hazard state machine.
  QM_ASSIGN_OR_RETURN(auto event_log, LoadHazardLogs(*conn));
  QM_ASSIGN_OR_RETURN(auto hazards, conn->Query("SELECT record_id, state, town_id, subject_id FROM "
                                                "records WHERE entity = $1 AND deleted = 0",
                                                {Int(v1::ENTITY_HAZARD)}));
  const std::string today = base::CountyDate(clock.NowMillis(), zone);
  std::map<std::pair<std::string, std::string>, int> findings;
  for (const auto& row : hazards) {
    if (!in_town(row.Text(2))) continue;
    if (only_listed && subject_grid.count(row.Bytes(3)) == 0) continue;
    QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(row.Bytes(1)));
    std::string category = RegisterText(state, "category");
    std::vector<core::domain::HazardLogEntry>& log = event_log[row.Bytes(0)];
    // --date: the hazards found that day, as the visits finished that day.
    if (!options.date.empty() && FoundOn(log, zone) != options.date) continue;
    const std::string deadline = RegisterText(state, "deadline");
    const std::string rectified_on = RectifiedOn(log, zone);
    if (!deadline.empty() && (!rectified_on.empty() || deadline < today)) {
      ++report.hazards_due;
      report.hazards_rectified_on_time += !rectified_on.empty() && rectified_on <= deadline;
    }
    report.hazards_found_on_date += options.date.empty() ? 0 : 1;
    HazardStanding status = ClassifyHazard(std::move(log), deadline, today);
    // The county's judgement of a suspected major hazard overrides the severity its rule gave.
    const core::domain::MajorReview review = status.state.major_review;
    const std::string severity_code = SeverityCode(RegisterText(state, "severity"));
    const bool major =
        review == core::domain::MajorReview::kConfirmed ||
        (review != core::domain::MajorReview::kDowngraded && severity_code == "major");
    ++report.hazards_by_category_severity[(category.empty() ? "uncategorised" : category) + "/" +
                                          (major ? "major" : severity_code)];
    ++report.hazards_by_status[std::string(core::domain::HazardStatusCode(status.state.status))];
    report.hazards_open += status.open;
    report.hazards_rectified += status.rectified;
    report.hazards_overdue += status.overdue;
    report.hazards_closed += status.open ? 0 : 1;
    report.hazards_fixed_on_site += status.state.fixed_on_site ? 1 : 0;
    if (status.open) {
      const auto urgency = core::domain::UrgencyFromCode(RegisterText(state, "urgency"));
      ++report.open_hazards_by_urgency[std::string(
          core::domain::UrgencyLabel(urgency.value_or(v1::BY_DEADLINE)).code)];
    }
    auto grid = subject_grid.find(row.Bytes(3));
    if (review == core::domain::MajorReview::kSuspected) {
      ++report.major_hazards_suspected;
      if (grid != subject_grid.end()) {
        for_chain(grid->second, [](CoverageRow& r) { ++r.major_suspected; });
      }
    }
    if (auto type = subject_type.find(row.Bytes(3)); type != subject_type.end()) {
      PremisesTypeRow& by_type = report.by_premises_type[type->second];
      ++by_type.hazards_found;
      by_type.hazards_open += status.open;
      by_type.major_found += major;
      by_type.major_open += major && status.open;
    }
    if (major) {
      ++report.major_hazards_found;
      report.major_hazards_open += status.open;
      report.major_hazards_overdue += status.overdue;
      report.major_hazards_rectified += status.rectified;
      report.major_hazards_closed += status.open ? 0 : 1;
      if (grid != subject_grid.end()) {
        for_chain(grid->second, [&](CoverageRow& r) {
          ++r.major_found;
          r.major_open += status.open;
          r.major_rectified += status.rectified;
          r.major_closed += status.open ? 0 : 1;
          r.major_overdue += status.overdue;
        });
      }
    }
    std::string rule = RegisterText(state, "rule_id");
    if (rule.empty()) rule = category;
    ++findings[{row.Bytes(3), rule}];
  }
  for (const auto& [key, n] : findings) report.repeat_findings += n >= 2 ? 1 : 0;

  QM_ASSIGN_OR_RETURN(auto quarantined, conn->QueryOne("SELECT COUNT(*) FROM quarantine"));
  report.quarantined = quarantined.Int(0);
  QM_ASSIGN_OR_RETURN(
      auto failed,
      conn->QueryOne(
          "SELECT COUNT(*) FROM quarantine WHERE entity = $1 AND code = 'permission_denied' AND "
          "reason LIKE '%signature%'",
          {Int(v1::ENTITY_VISIT)}));
  report.evidence_failed += failed.Int(0);
  QM_ASSIGN_OR_RETURN(auto conflicts, conn->QueryOne("SELECT COUNT(*) FROM conflicts"));
  report.conflicts = conflicts.Int(0);
  QM_ASSIGN_OR_RETURN(
      auto lost, conn->QueryOne("SELECT COALESCE(SUM(to_seq - from_seq + 1), 0), COUNT(DISTINCT "
                                "device_id) FROM device_seq_gaps"));
  report.changes_lost = lost.Int(0);
  report.devices_with_lost_changes = lost.Int(1);
  QM_ASSIGN_OR_RETURN(int64_t backup_ms, LastBackupMs(*conn));
  if (backup_ms > 0)
    report.backup_age_s = std::max<int64_t>(0, (clock.NowMillis() - backup_ms) / 1000);

  for (const char* level : {"town", "village", "grid"}) {
    for (auto& [id, row] : rows) {
      if (row.level == level) report.coverage.push_back(row);
    }
  }
  return report;
}

}  // namespace qiaomen::server
