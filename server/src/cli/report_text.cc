#include "cli/report_text.h"

#include <cstdio>
#include <map>
#include <sstream>

#include "admin/csv.h"
#include "cli/county_messages.h"
#include "cli/report_words.h"

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
