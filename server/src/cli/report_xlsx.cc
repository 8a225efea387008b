#include "cli/report_xlsx.h"

#include <set>
#include <sstream>

#include "cli/county_messages.h"
#include "cli/report_words.h"

namespace qiaomen::server {
namespace {

using core::domain::Language;
using workbook::OutCell;
using workbook::OutSheet;

std::vector<OutCell> Headers(Language lang, std::initializer_list<CountyMsg> lists,
                             const std::vector<std::string>& extra = {}, size_t extra_at = 0) {
  std::vector<OutCell> row;
  size_t index = 0;
  for (CountyMsg list : lists) {
    std::stringstream words{std::string(CountyMessageText(list, lang))};
    std::string word;
    while (std::getline(words, word, '|')) row.push_back(OutCell::Text(word));
    if (++index == extra_at) {
      for (const auto& e : extra) row.push_back(OutCell::Text(e));
    }
  }
  return row;
}

std::string Title(const Report& r, Language lang) {
  std::string title = CountySay(lang, CountyMsg::kReportTitle, {r.county});
  if (!r.options.town.empty()) title += CountySay(lang, CountyMsg::kReportTown, {r.options.town});
  if (!r.options.date.empty()) title += CountySay(lang, CountyMsg::kReportDate, {r.options.date});
  if (!r.options.campaign.empty()) {
    std::string campaign = CountySay(lang, CountyMsg::kReportCampaign, {r.options.campaign});
    while (!campaign.empty() && campaign.back() == '\n') campaign.pop_back();
    title += " " + campaign;
  }
  return title;
}

OutSheet NewSheet(CountyMsg name, const std::string& title, std::vector<OutCell> headers,
                  Language lang) {
  OutSheet sheet(CountySay(lang, name), {std::move(headers)});
  sheet.title = title;
  return sheet;
}

OutCell N(int64_t n) { return OutCell::Number(static_cast<double>(n)); }

OutSheet UnitSheet(const Report& r, const std::string& level, CountyMsg name,
                   const std::string& title, Language lang) {
  // One column per visit outcome met at this level, in code order.
  std::set<std::string> outcomes;
  for (const auto& c : r.coverage) {
    if (c.level != level) continue;
    for (const auto& [k, n] : c.outcomes) outcomes.insert(k);
  }
  std::vector<std::string> outcome_words;
  for (const auto& k : outcomes) outcome_words.push_back(OutcomeWords(k, lang));
  OutSheet sheet = NewSheet(
      name, title,
      Headers(lang, {CountyMsg::kXlsxUnitColumns, CountyMsg::kXlsxMajorColumns}, outcome_words, 1),
      lang);
  for (const auto& c : r.coverage) {
    if (c.level != level) continue;
    std::vector<OutCell> row = {OutCell::Text(c.unit_id), OutCell::Text(c.name), N(c.subjects),
                                N(c.visited)};
    for (const auto& k : outcomes) {
      auto it = c.outcomes.find(k);
      row.push_back(N(it == c.outcomes.end() ? 0 : it->second));
    }
    for (int64_t n : {c.major_found, c.major_open, c.major_rectified, c.major_closed,
                      c.major_overdue, c.major_suspected}) {
      row.push_back(N(n));
    }
    sheet.rows.push_back(std::move(row));
  }
  return sheet;
}

}  // namespace

std::vector<OutSheet> ReportSheets(const Report& r, Language lang) {
  const std::string title = Title(r, lang);
  std::vector<OutSheet> sheets;
  OutSheet totals = NewSheet(CountyMsg::kXlsxSheetTotals, title,
                             Headers(lang, {CountyMsg::kXlsxTotalsColumns}), lang);
  for (const auto& [k, n] : ReportTotals(r)) {
    totals.rows.push_back({OutCell::Text(std::string(CountyMessageText(TotalMessage(k), lang))),
                           OutCell::Text(k), N(n)});
  }
  sheets.push_back(std::move(totals));
  sheets.push_back(UnitSheet(r, "town", CountyMsg::kXlsxSheetTowns, title, lang));
  sheets.push_back(UnitSheet(r, "village", CountyMsg::kXlsxSheetVillages, title, lang));
  sheets.push_back(UnitSheet(r, "grid", CountyMsg::kXlsxSheetGrids, title, lang));
  OutSheet categories = NewSheet(CountyMsg::kXlsxSheetCategories, title,
                                 Headers(lang, {CountyMsg::kXlsxCategoryColumns}), lang);
  for (const auto& [k, n] : r.hazards_by_category_severity) {
    const size_t slash = k.rfind('/');
    const std::string category = slash == std::string::npos ? k : k.substr(0, slash);
    const std::string severity = slash == std::string::npos ? "" : k.substr(slash + 1);
    categories.rows.push_back({OutCell::Text(CategoryWords(category, lang)),
                               OutCell::Text(SeverityWords(severity, lang)), OutCell::Text(k),
                               N(n)});
  }
  sheets.push_back(std::move(categories));
  OutSheet status = NewSheet(CountyMsg::kXlsxSheetStatus, title,
                             Headers(lang, {CountyMsg::kXlsxCodeCountColumns}), lang);
  for (const auto& [k, n] : r.hazards_by_status) {
    status.rows.push_back({OutCell::Text(StatusWords(k, lang)), OutCell::Text(k), N(n)});
  }
  sheets.push_back(std::move(status));
  OutSheet urgency = NewSheet(CountyMsg::kXlsxSheetUrgency, title,
                              Headers(lang, {CountyMsg::kXlsxCodeCountColumns}), lang);
  for (const auto& [k, n] : r.open_hazards_by_urgency) {
    urgency.rows.push_back({OutCell::Text(UrgencyWords(k, lang)), OutCell::Text(k), N(n)});
  }
  sheets.push_back(std::move(urgency));
  OutSheet premises = NewSheet(CountyMsg::kXlsxSheetPremisesTypes, title,
                               Headers(lang, {CountyMsg::kXlsxPremisesColumns}), lang);
  for (const auto& [k, t] : r.by_premises_type) {
    premises.rows.push_back({OutCell::Text(PremisesTypeWords(k, lang)), OutCell::Text(k),
                             N(t.subjects), N(t.subjects_checked), N(t.hazards_found),
                             N(t.hazards_open), N(t.major_found), N(t.major_open)});
  }
  sheets.push_back(std::move(premises));
  return sheets;
}

}  // namespace qiaomen::server
