#include "admin/hazard_ledger.h"

#include <algorithm>
#include <tuple>

#include "qiaomen/base/civil_date.h"
#include "qiaomen/v1/change.pb.h"
#include "store/record_state.h"

namespace qiaomen::server {

HazardStanding ClassifyHazard(std::vector<core::domain::HazardLogEntry> log,
                              const std::string& deadline, const std::string& today) {
  HazardStanding standing;
  if (auto derived = core::domain::DeriveHazardState(std::move(log)); derived.ok()) {
    standing.state = std::move(derived).value();
  }
  using core::domain::HazardStatus;
  const HazardStatus status = standing.state.status;
  standing.open = status != HazardStatus::kClosed;
  standing.rectified = status == HazardStatus::kRectified || status == HazardStatus::kReinspected;
  const bool waiting = status == HazardStatus::kFound || status == HazardStatus::kOrdered;
  const bool past = !deadline.empty() && deadline < today;
  standing.overdue = waiting && (standing.state.overdue || past);
  if (standing.overdue && past) {
    auto due = base::ParseIsoDate(deadline);
    auto now = base::ParseIsoDate(today);
    if (due && now) standing.days_overdue = *now - *due;
  }
  return standing;
}

core::Result<std::map<std::string, std::vector<core::domain::HazardLogEntry>>> LoadHazardLogs(
    SqlConnection& conn) {
  QM_ASSIGN_OR_RETURN(auto events, conn.Query("SELECT snapshot FROM records WHERE entity = $1",
                                              {Int(v1::ENTITY_HAZARD_EVENT)}));
  std::map<std::string, std::vector<core::domain::HazardLogEntry>> logs;
  for (const auto& row : events) {
    v1::Change change;
    if (!change.ParseFromString(row.Bytes(0))) continue;
    // With the stamp it was applied with: the log is walked in HLC order, as on every device.
    logs[change.hazard_event().hazard_id()].push_back(
        {.hlc = change.hlc(), .event = change.hazard_event()});
  }
  return logs;
}

core::Result<std::vector<LedgerHazard>> ListLedgerHazards(SqlConnection& conn,
                                                          const std::string& town,
                                                          const std::string& today) {
  QM_ASSIGN_OR_RETURN(auto logs, LoadHazardLogs(conn));
  QM_ASSIGN_OR_RETURN(auto subjects,
                      conn.Query("SELECT record_id, state, town_id FROM records WHERE entity = $1",
                                 {Int(v1::ENTITY_SUBJECT)}));
  std::map<std::string, std::pair<std::string, std::string>> households;  // id: (name, address)
  for (const auto& row : subjects) {
    if (!town.empty() && row.Text(2) != town) continue;
    auto state = core::merge::DecodeRecordState(row.Bytes(1));
    if (!state.ok()) continue;
    households[row.Bytes(0)] = {RegisterText(*state, "name"), RegisterText(*state, "address")};
  }
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT record_id, state, town_id, grid_id, subject_id "
                                            "FROM records WHERE entity = $1 AND deleted = 0",
                                            {Int(v1::ENTITY_HAZARD)}));
  std::vector<LedgerHazard> hazards;
  for (const auto& row : rows) {
    if (!town.empty() && row.Text(2) != town) continue;
    QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(row.Bytes(1)));
    LedgerHazard h;
    h.id = row.Bytes(0);
    h.town_id = row.Text(2);
    h.grid_id = row.Text(3);
    if (auto it = households.find(row.Bytes(4)); it != households.end()) {
      h.subject_name = it->second.first;
      h.subject_address = it->second.second;
    }
    h.category = RegisterText(state, "category");
    h.severity = RegisterText(state, "severity");
    h.deadline = RegisterText(state, "deadline");
    h.responsible = RegisterText(state, "responsible");
    h.description = RegisterText(state, "description");
    h.visit_id = RegisterText(state, "visit_id");
    h.rule_id = RegisterText(state, "rule_id");
    h.log = std::move(logs[h.id]);
    std::sort(h.log.begin(), h.log.end(), [](const auto& a, const auto& b) {
      const bool a_found = a.event.kind() == v1::FOUND, b_found = b.event.kind() == v1::FOUND;
      if (a_found != b_found) return a_found;
      return std::tie(a.hlc, a.event.id()) < std::tie(b.hlc, b.event.id());
    });
    h.standing = ClassifyHazard(h.log, h.deadline, today);
    hazards.push_back(std::move(h));
  }
  std::sort(hazards.begin(), hazards.end(), [](const LedgerHazard& a, const LedgerHazard& b) {
    return std::tie(b.standing.state.found_at_ms, b.id) <
           std::tie(a.standing.state.found_at_ms, a.id);
  });
  return hazards;
}

}  // namespace qiaomen::server
