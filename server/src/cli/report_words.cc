// Words for the report's codes, in the command line's language: shared by the text, CSV and
// XLSX reports.
#include "cli/report_words.h"

#include <cstdio>
#include <map>

#include "cli/county_messages.h"

namespace qiaomen::server {

using core::domain::Language;

std::string OutcomeWords(const std::string& code, Language lang) {
  auto outcome = core::domain::OutcomeFromCode(code);
  return outcome ? std::string(core::domain::OutcomeLabel(*outcome).In(lang)) : code;
}

std::string CategorySeverityWords(const std::string& key, Language lang) {
  const size_t slash = key.rfind('/');
  if (slash == std::string::npos) return key;
  const std::string category = key.substr(0, slash);
  const std::string severity = key.substr(slash + 1);
  auto level = core::domain::SeverityFromCode(severity);
  return std::string(core::domain::HazardCategoryLabel(category).In(lang)) + "/" +
         (level ? std::string(core::domain::SeverityLabel(*level).In(lang)) : severity);
}

std::string StatusWords(const std::string& code, Language lang) {
  using core::domain::HazardStatus;
  for (HazardStatus status :
       {HazardStatus::kFound, HazardStatus::kOrdered, HazardStatus::kRectified,
        HazardStatus::kReinspected, HazardStatus::kClosed}) {
    if (core::domain::HazardStatusCode(status) == code) {
      return std::string(core::domain::HazardStatusName(status, lang));
    }
  }
  return code;
}

CountyMsg TotalMessage(const std::string& key) {
  static const std::map<std::string, CountyMsg> kByKey = {
      {"visits", CountyMsg::kTotalVisits},
      {"hazards_open", CountyMsg::kTotalHazardsOpen},
      {"hazards_rectified", CountyMsg::kTotalHazardsRectified},
      {"hazards_overdue", CountyMsg::kTotalHazardsOverdue},
      {"hazards_closed", CountyMsg::kTotalHazardsClosed},
      {"major_hazards_open", CountyMsg::kTotalMajorOpen},
      {"major_hazards_overdue", CountyMsg::kTotalMajorOverdue},
      {"repeat_findings", CountyMsg::kTotalRepeatFindings},
      {"photos_referenced", CountyMsg::kTotalPhotosReferenced},
      {"photos_pending", CountyMsg::kTotalPhotosPending},
      {"evidence_verified", CountyMsg::kTotalEvidenceVerified},
      {"evidence_pending", CountyMsg::kTotalEvidencePending},
      {"evidence_failed", CountyMsg::kTotalEvidenceFailed},
      {"quarantined_changes", CountyMsg::kTotalQuarantined},
      {"conflicts", CountyMsg::kTotalConflicts},
      {"backup_age_seconds", CountyMsg::kTotalBackupAge},
      {"changes_lost_in_restore", CountyMsg::kTotalChangesLost},
      {"subjects", CountyMsg::kTotalSubjects},
      {"subjects_checked", CountyMsg::kTotalSubjectsChecked},
      {"return_visits_due", CountyMsg::kTotalReturnVisitsDue},
      {"visits_refused", CountyMsg::kTotalVisitsRefused},
      {"major_hazards_found", CountyMsg::kTotalMajorFound},
      {"major_hazards_rectified", CountyMsg::kTotalMajorRectified},
      {"major_hazards_closed", CountyMsg::kTotalMajorClosed},
      {"hazards_due", CountyMsg::kTotalHazardsDue},
      {"hazards_rectified_on_time", CountyMsg::kTotalRectifiedOnTime},
      {"major_hazards_suspected", CountyMsg::kTotalMajorSuspected},
      {"return_visits", CountyMsg::kTotalReturnVisits},
      {"refusals_escalated", CountyMsg::kTotalRefusalsEscalated},
      {"notices_delivered", CountyMsg::kTotalNoticesDelivered},
      {"villages_without_shelter", CountyMsg::kTotalVillagesWithoutShelter},
      {"hazards_fixed_on_site", CountyMsg::kTotalHazardsFixedOnSite}};
  auto it = kByKey.find(key);
  return it == kByKey.end() ? CountyMsg::kTotalVisits : it->second;
}

// "87.5%", or "-" when there is nothing to divide by.
std::string Percent(int64_t part, int64_t whole) {
  if (whole <= 0) return "-";
  char text[16];
  std::snprintf(text, sizeof text, "%.1f%%",
                100.0 * static_cast<double>(part) / static_cast<double>(whole));
  return text;
}

// A premises type's label ("restaurant" as 餐饮场所); an unknown code as itself.
std::string PremisesTypeWords(const std::string& code, Language lang) {
  auto type = core::domain::PremisesTypeFromText(code);
  return type ? std::string(type->In(lang)) : code;
}

// An urgency's label ("immediate" as 立即整改); an unknown code as itself.
std::string UrgencyWords(const std::string& code, Language lang) {
  auto urgency = core::domain::UrgencyFromCode(code);
  return urgency ? std::string(core::domain::UrgencyLabel(*urgency).In(lang)) : code;
}

std::string CategoryWords(const std::string& category, Language lang) {
  return std::string(core::domain::HazardCategoryLabel(category).In(lang));
}

std::string SeverityWords(const std::string& severity, Language lang) {
  auto level = core::domain::SeverityFromCode(severity);
  return level ? std::string(core::domain::SeverityLabel(*level).In(lang)) : severity;
}

std::string RefusalWords(const std::string& code, core::domain::Language lang) {
  auto reason = core::domain::RefusalReasonFromText(code);
  return std::string(
      reason ? core::domain::RefusalReasonLabel(*reason).In(lang)
             : core::domain::RefusalReasonLabel(v1::REFUSAL_REASON_UNSPECIFIED).In(lang));
}

}  // namespace qiaomen::server
