#include <sstream>

#include "admin/csv.h"
#include "qiaomen/server/report.h"

namespace qiaomen::server {
namespace {

std::string JsonString(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

}  // namespace

std::vector<std::pair<std::string, int64_t>> ReportTotals(const Report& r) {
  return {{"subjects", r.subjects},
          {"subjects_checked", r.subjects_checked},
          {"return_visits_due", r.return_visits_due},
          {"visits_refused", r.visits_refused},
          {"visits", r.visits},
          {"return_visits", r.return_visits},
          {"refusals_escalated", r.refusals_escalated},
          {"notices_delivered", r.notices_delivered},
          {"villages_without_shelter", r.villages_without_shelter},
          {"hazards_open", r.hazards_open},
          {"hazards_rectified", r.hazards_rectified},
          {"hazards_overdue", r.hazards_overdue},
          {"hazards_closed", r.hazards_closed},
          {"hazards_fixed_on_site", r.hazards_fixed_on_site},
          {"major_hazards_open", r.major_hazards_open},
          {"major_hazards_overdue", r.major_hazards_overdue},
          {"major_hazards_found", r.major_hazards_found},
          {"major_hazards_rectified", r.major_hazards_rectified},
          {"major_hazards_closed", r.major_hazards_closed},
          {"major_hazards_suspected", r.major_hazards_suspected},
          {"hazards_due", r.hazards_due},
          {"hazards_rectified_on_time", r.hazards_rectified_on_time},
          {"repeat_findings", r.repeat_findings},
          {"photos_referenced", r.photos_referenced},
          {"photos_pending", r.photos_pending},
          {"evidence_verified", r.evidence_verified},
          {"evidence_pending", r.evidence_pending},
          {"evidence_failed", r.evidence_failed},
          {"quarantined_changes", r.quarantined},
          {"conflicts", r.conflicts},
          {"backup_age_seconds", r.backup_age_s},
          {"changes_lost_in_restore", r.changes_lost}};
}

core::Result<std::string> FormatReport(const Report& r, const std::string& format) {
  std::ostringstream out;
  if (format == "json") {
    out << "{\"county\":" << JsonString(r.county) << ",\"town\":" << JsonString(r.options.town)
        << ",\"date\":" << JsonString(r.options.date)
        << ",\"campaign\":" << JsonString(r.options.campaign) << ",\"coverage\":[";
    for (size_t i = 0; i < r.coverage.size(); ++i) {
      const auto& c = r.coverage[i];
      out << (i ? "," : "") << "{\"id\":" << JsonString(c.unit_id)
          << ",\"level\":" << JsonString(c.level) << ",\"name\":" << JsonString(c.name)
          << ",\"subjects\":" << c.subjects << ",\"visited\":" << c.visited << ",\"outcomes\":{";
      size_t j = 0;
      for (const auto& [k, n] : c.outcomes) out << (j++ ? "," : "") << JsonString(k) << ":" << n;
      out << "},\"latest_outcomes\":{";
      j = 0;
      for (const auto& [k, n] : c.latest_outcomes) {
        out << (j++ ? "," : "") << JsonString(k) << ":" << n;
      }
      out << "},\"major_hazards\":{\"found\":" << c.major_found << ",\"open\":" << c.major_open
          << ",\"rectified\":" << c.major_rectified << ",\"closed\":" << c.major_closed
          << ",\"overdue\":" << c.major_overdue << ",\"suspected\":" << c.major_suspected << "}}";
    }
    out << "],\"hazards_by_category_severity\":{";
    size_t j = 0;
    for (const auto& [k, n] : r.hazards_by_category_severity) {
      out << (j++ ? "," : "") << JsonString(k) << ":" << n;
    }
    out << "},\"hazards_by_status\":{";
    j = 0;
    for (const auto& [k, n] : r.hazards_by_status) {
      out << (j++ ? "," : "") << JsonString(k) << ":" << n;
    }
    out << "},\"by_premises_type\":{";
    j = 0;
    for (const auto& [k, t] : r.by_premises_type) {
      out << (j++ ? "," : "") << JsonString(k) << ":{\"subjects\":" << t.subjects
          << ",\"subjects_checked\":" << t.subjects_checked
          << ",\"hazards_found\":" << t.hazards_found << ",\"hazards_open\":" << t.hazards_open
          << ",\"major_found\":" << t.major_found << ",\"major_open\":" << t.major_open << "}";
    }
    out << "},\"refusals_by_reason\":{";
    j = 0;
    for (const auto& [k, n] : r.refusals_by_reason) {
      out << (j++ ? "," : "") << JsonString(k) << ":" << n;
    }
    out << "},\"open_hazards_by_urgency\":{";
    j = 0;
    for (const auto& [k, n] : r.open_hazards_by_urgency) {
      out << (j++ ? "," : "") << JsonString(k) << ":" << n;
    }
    out << "}";
    for (const auto& [k, n] : ReportTotals(r)) out << "," << JsonString(k) << ":" << n;
    out << "}\n";
    return out.str();
  }
  if (format == "csv") {
    out << "section,key,subjects,visited,value\n";
    for (const auto& c : r.coverage) {
      out << "coverage_" << c.level << "," << CsvCell(c.unit_id) << "," << c.subjects << ","
          << c.visited << ",\n";
      for (const auto& [k, n] : c.outcomes) {
        out << "outcome_" << c.level << "," << CsvCell(c.unit_id + "/" + k) << ",,," << n << "\n";
      }
    }
    for (const auto& [k, n] : r.hazards_by_category_severity) {
      out << "hazards," << CsvCell(k) << ",,," << n << "\n";
    }
    for (const auto& [k, n] : r.hazards_by_status)
      out << "hazard_status," << k << ",,," << n << "\n";
    for (const auto& [k, n] : r.open_hazards_by_urgency)
      out << "open_hazards_by_urgency," << k << ",,," << n << "\n";
    for (const auto& [k, n] : r.refusals_by_reason)
      out << "refusals_by_reason," << k << ",,," << n << "\n";
    for (const auto& [k, n] : ReportTotals(r)) out << "total," << k << ",,," << n << "\n";
    return out.str();
  }
  return core::InvalidArgument(
      "--format must be json or csv here (the text report is the command line's).");
}

}  // namespace qiaomen::server
