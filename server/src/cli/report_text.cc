#include "cli/report_text.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "admin/csv.h"
#include "cli/county_messages.h"

namespace qiaomen::server {
namespace {

using core::domain::Language;

// A day without a backup is a day of the county's work that only the phones hold.
std::string BackupLine(const Report& r, Language lang) {
  constexpr int64_t kDay = 24 * 3600;
  if (r.backup_age_s < 0) return CountySay(lang, CountyMsg::kReportBackupNone);
  std::string line = CountySay(
      lang, CountyMsg::kReportBackupAge,
      {std::to_string(r.backup_age_s / 3600), std::to_string(r.backup_age_s % 3600 / 60)});
  if (r.backup_age_s > kDay) line += CountySay(lang, CountyMsg::kReportBackupOld);
  return line + (lang == Language::kZh ? "。" : ".");
}

std::string OutcomeWords(const std::string& code, Language lang) {
  auto outcome = core::domain::OutcomeFromCode(code);
  return outcome ? std::string(core::domain::OutcomeLabel(*outcome).In(lang)) : code;
}

// "gas/major" as "燃气/重大隐患".
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

// A refusal reason's label ("refused_entry" as 拒绝入户); an unknown code as itself.
std::string RefusalWords(const std::string& code, Language lang) {
  auto reason = core::domain::RefusalReasonFromText(code);
  return std::string(
      reason ? core::domain::RefusalReasonLabel(*reason).In(lang)
             : core::domain::RefusalReasonLabel(v1::REFUSAL_REASON_UNSPECIFIED).In(lang));
}

// An urgency's label ("immediate" as 立即整改); an unknown code as itself.
std::string UrgencyWords(const std::string& code, Language lang) {
  auto urgency = core::domain::UrgencyFromCode(code);
  return urgency ? std::string(core::domain::UrgencyLabel(*urgency).In(lang)) : code;
}

}  // namespace

std::string ReportCsv(const Report& r, Language lang) {
  std::ostringstream out;
  out << "\xEF\xBB\xBF" << CountyMessageText(CountyMsg::kReportCsvHeader, lang) << "\n";
  auto row = [&](const std::string& section, const std::string& key, const std::string& name,
                 const std::string& subjects, const std::string& visited, int64_t value) {
    out << section << "," << CsvCell(key) << "," << CsvCell(name) << "," << subjects << ","
        << visited << "," << value << "\n";
  };
  for (const auto& c : r.coverage) {
    out << "coverage_" << c.level << "," << CsvCell(c.unit_id) << "," << CsvCell(c.name) << ","
        << c.subjects << "," << c.visited << ",\n";
    for (const auto& [k, n] : c.outcomes) {
      row("outcome_" + c.level, c.unit_id + "/" + k, OutcomeWords(k, lang), "", "", n);
    }
  }
  for (const auto& [k, n] : r.hazards_by_category_severity) {
    row("hazards", k, CategorySeverityWords(k, lang), "", "", n);
  }
  for (const auto& [k, n] : r.hazards_by_status) {
    row("hazard_status", k, StatusWords(k, lang), "", "", n);
  }
  for (const auto& [k, n] : r.open_hazards_by_urgency) {
    row("open_hazards_by_urgency", k, UrgencyWords(k, lang), "", "", n);
  }
  for (const auto& [k, n] : r.refusals_by_reason) {
    row("refusals_by_reason", k, RefusalWords(k, lang), "", "", n);
  }
  for (const auto& [k, t] : r.by_premises_type) {
    row("premises_type", k, PremisesTypeWords(k, lang), std::to_string(t.subjects),
        std::to_string(t.subjects_checked), t.hazards_found);
  }
  for (const auto& [k, n] : ReportTotals(r)) {
    row("total", k, std::string(CountyMessageText(TotalMessage(k), lang)), "", "", n);
  }
  return out.str();
}

std::string ReportText(const Report& r, Language lang) {
  std::ostringstream out;
  const std::string colon = lang == Language::kZh ? "：" : ": ";
  out << CountySay(lang, CountyMsg::kReportTitle, {r.county});
  if (!r.options.town.empty()) out << CountySay(lang, CountyMsg::kReportTown, {r.options.town});
  if (!r.options.date.empty()) out << CountySay(lang, CountyMsg::kReportDate, {r.options.date});
  if (!r.options.campaign.empty()) {
    out << CountySay(lang, CountyMsg::kReportCampaign, {r.options.campaign});
  }
  out << CountySay(lang, CountyMsg::kReportCoverage);
  for (const auto& c : r.coverage) {
    std::string indent = c.level == "town" ? "  " : c.level == "village" ? "    " : "      ";
    out << indent << c.unit_id << " " << c.name << colon << c.visited << " / " << c.subjects;
    for (const auto& [k, n] : c.outcomes) out << "  " << OutcomeWords(k, lang) << "=" << n;
    if (c.level != "grid" && c.major_found > 0) {
      out << CountySay(lang, CountyMsg::kReportMajorByUnit,
                       {std::to_string(c.major_found), std::to_string(c.major_open),
                        std::to_string(c.major_rectified), std::to_string(c.major_closed),
                        std::to_string(c.major_overdue)});
    }
    if (c.level != "grid" && c.major_suspected > 0) {
      out << CountySay(lang, CountyMsg::kReportSuspectedByUnit,
                       {std::to_string(c.major_suspected)});
    }
    out << "\n";
  }
  out << CountySay(lang, CountyMsg::kReportByCategory);
  for (const auto& [k, n] : r.hazards_by_category_severity) {
    out << "  " << CategorySeverityWords(k, lang) << colon << n << "\n";
  }
  out << CountySay(lang, CountyMsg::kReportByStatus);
  for (const auto& [k, n] : r.hazards_by_status) {
    out << "  " << StatusWords(k, lang) << colon << n << "\n";
  }
  out << CountySay(lang, CountyMsg::kReportOpenByUrgency);
  for (v1::Urgency urgency : {v1::IMMEDIATE, v1::SAME_DAY, v1::BY_DEADLINE}) {  // most urgent first
    const auto label = core::domain::UrgencyLabel(urgency);
    auto it = r.open_hazards_by_urgency.find(std::string(label.code));
    if (it != r.open_hazards_by_urgency.end())
      out << "  " << label.In(lang) << colon << it->second << "\n";
  }
  if (!r.refusals_by_reason.empty()) out << CountySay(lang, CountyMsg::kReportRefusalsByReason);
  for (const auto& [k, n] : r.refusals_by_reason) {
    out << "  " << RefusalWords(k, lang) << colon << n << "\n";
  }
  if (!r.by_premises_type.empty()) out << CountySay(lang, CountyMsg::kReportByPremisesType);
  for (const auto& [k, t] : r.by_premises_type) {
    out << CountySay(
        lang, CountyMsg::kReportPremisesTypeLine,
        {PremisesTypeWords(k, lang), std::to_string(t.subjects), std::to_string(t.subjects_checked),
         std::to_string(t.hazards_found), std::to_string(t.hazards_open),
         std::to_string(t.major_found), std::to_string(t.major_open)});
  }
  out << "\n";
  for (const auto& [k, n] : ReportTotals(r)) {
    // Said in words below ("last backup: none" rather than -1 seconds).
    if (k == "backup_age_seconds") continue;
    out << CountyMessageText(TotalMessage(k), lang) << colon << n << "\n";
  }
  out << "\n"
      << CountySay(lang, CountyMsg::kReportRates,
                   {Percent(r.subjects_checked, r.subjects), std::to_string(r.subjects_checked),
                    std::to_string(r.subjects), std::to_string(r.return_visits_due),
                    std::to_string(r.visits_refused),
                    Percent(r.major_hazards_closed, r.major_hazards_found),
                    std::to_string(r.major_hazards_closed), std::to_string(r.major_hazards_found)})
      << CountySay(lang, CountyMsg::kReportOnTime,
                   {Percent(r.hazards_rectified_on_time, r.hazards_due),
                    std::to_string(r.hazards_rectified_on_time), std::to_string(r.hazards_due)});
  out << BackupLine(r, lang) << "\n";
  if (r.changes_lost > 0) {
    out << CountySay(lang, CountyMsg::kReportLostInRestore,
                     {std::to_string(r.changes_lost), std::to_string(r.devices_with_lost_changes)});
  }
  return out.str();
}

}  // namespace qiaomen::server
