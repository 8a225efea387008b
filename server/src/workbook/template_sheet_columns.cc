// The checklist workbook's sheets and columns (template_sheets.h), and how a problem's place is
// written.
#include "workbook/template_sheets.h"
#include "workbook/template_sheets_internal.h"

namespace qiaomen::server::workbook {
namespace internal {

const SheetSpec& SettingsSpec() {
  static const SheetSpec kSpec{"settings",
                               {"form_id", "version", "subject_kind", "form_title::zh",
                                "form_title::en", "description::zh", "description::en"},
                               {"form_id", "version", "subject_kind"}};
  return kSpec;
}

const SheetSpec& SurveySpec() {
  static const SheetSpec kSpec{"survey",
                               {"type",
                                "name",
                                "label::zh",
                                "label::en",
                                "hint::zh",
                                "hint::en",
                                "relevant",
                                "required",
                                "constraint",
                                "constraint_message::zh",
                                "constraint_message::en",
                                "calculation",
                                "unit",
                                "min",
                                "max",
                                "max_length",
                                "pattern",
                                "min_photos",
                                "max_photos",
                                "repeat_count",
                                "instance_label::zh",
                                "instance_label::en",
                                "choice_filter"},
                               {"type", "name"}};
  return kSpec;
}

const SheetSpec& ChoicesSpec() {
  static const SheetSpec kSpec{
      "choices", {"list_name", "name", "label::zh", "label::en"}, {"list_name", "name"}};
  return kSpec;
}

const SheetSpec& HazardsSpec() {
  static const SheetSpec kSpec{
      "hazards",
      {"id", "when", "category", "title::zh", "title::en", "severity", "urgency", "deadline_days",
       "legal_basis::zh", "legal_basis::en", "photo_required", "photo_item", "suspected_major",
       "emergency", "actions::zh", "actions::en"},
      {"id", "when", "category"}};
  return kSpec;
}

int Header::Col(const std::string& column) const {
  auto it = cols.find(column);
  return it == cols.end() ? -1 : it->second;
}

}  // namespace internal

const std::vector<std::string>& ChecklistSheetNames() {
  static const std::vector<std::string> kNames = {"settings", "survey", "choices", "hazards"};
  return kNames;
}

std::string ProblemWhere(const SheetProblem& p, const std::string& suffix) {
  std::string where = p.sheet + suffix;
  if (p.row == 0) return where;
  where += "!" + (p.col >= 0 ? CellName(p.row, p.col) : std::to_string(p.row));
  if (!p.column.empty()) where += " (" + p.column + ")";
  return where;
}

}  // namespace qiaomen::server::workbook
