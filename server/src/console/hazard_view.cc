#include "console/hazard_view.h"

#include "qiaomen/base/hex.h"
#include "qiaomen/core/domain/labels.h"

namespace qiaomen::server::console {

Data HazardItem(const LedgerHazard& hazard, const base::TimeZone& zone, Language language) {
  namespace domain = core::domain;
  const HazardStanding& standing = hazard.standing;
  Data item;
  item.set("id", base::HexEncode(hazard.id));
  item.set("subject_name", hazard.subject_name.empty()
                               ? std::string(Tr(language, "hazard.unknown_subject"))
                               : hazard.subject_name);
  item.set("subject_address", hazard.subject_address);
  item.set("grid_id", hazard.grid_id);
  item.set("category",
           hazard.category.empty()
               ? std::string(Tr(language, "hazard.no_category"))
               : std::string(domain::HazardCategoryLabel(hazard.category).In(language)));
  auto severity = domain::SeverityFromCode(hazard.severity);
  item.set(
      "severity",
      std::string(domain::SeverityLabel(severity.value_or(v1::SEVERITY_UNSPECIFIED)).In(language)));
  item.set("major", severity == v1::MAJOR);
  item.set("status", std::string(domain::HazardStatusName(standing.state.status, language)));
  item.set("deadline", hazard.deadline.empty() ? std::string(Tr(language, "hazard.no_deadline"))
                                               : hazard.deadline);
  item.set("overdue", standing.overdue);
  if (standing.days_overdue > 0) {
    item.set("days_overdue",
             TrFill(language, "hazard.days", {std::to_string(standing.days_overdue)}));
  }
  item.set("last_step", standing.state.last_event_at_ms > 0
                            ? base::CountyDateTime(standing.state.last_event_at_ms, zone)
                            : "");
  item.set("escalated", standing.state.escalated);
  item.set("case_opened", standing.state.case_opened);
  return item;
}

}  // namespace qiaomen::server::console
