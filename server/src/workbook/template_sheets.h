#pragma once
// A checklist template (template.proto) written as a workbook in XLSForm's layout, both ways.
//
// Sheets (the first row of each names its columns; the order of columns is free):
//   settings  one row: form_id, version, subject_kind (HOUSEHOLD | PREMISES | FACILITY),
//             form_title::zh, form_title::en, description::zh, description::en
//   survey    one row per item: type, name, label::zh, label::en, hint::zh, hint::en, relevant,
//             required (yes, or a condition), constraint, constraint_message::zh/::en,
//             calculation, unit, min, max, max_length, pattern, min_photos, max_photos
//             (repeat_count and choice_filter are read and refused: not supported yet).
//             begin_group/end_group rows make the sections (name = the section's id, label = its
//             title, relevant = its condition); `calculate` rows are computed values.
//   choices   list_name, name, label::zh, label::en
//   hazards   one row per hazard rule: id, when, category, title::zh, title::en, severity
//             (GENERAL | MAJOR), urgency (IMMEDIATE | SAME_DAY | BY_DEADLINE), deadline_days,
//             legal_basis::zh, legal_basis::en, photo_required, photo_item, suspected_major,
//             emergency (yes/no), actions::zh, actions::en (one action a line)
// Types: yes_no_na, select_one LIST, select_multiple LIST, integer, decimal, text, date, image,
// signature, geopoint. Expressions are the forms language; XLSForm's ${name}, `=`,
// count-selected, true(), div and `.` are translated (xlsform_expression.h). Labels may also be
// headed "label::Chinese (zh)".

#include <string>
#include <vector>

#include "cli/county_messages.h"
#include "qiaomen/v1/template.pb.h"
#include "workbook/workbook.h"
#include "workbook/xlsx_writer.h"

namespace qiaomen::server::workbook {

// One problem, at the cell it is about.
struct SheetProblem {
  std::string sheet;   // "survey"
  int row = 0;         // 1-based; 0 when about the sheet as a whole
  int col = -1;        // 0-based; -1 when the column is not in the sheet
  std::string column;  // the column's name ("relevant"), "" when about a whole row
  CountyMsg message = CountyMsg::kCheckerProblem;
  std::vector<std::string> args;
};

struct ChecklistReading {
  v1::ChecklistTemplate tpl;
  // Every problem found, in sheet (settings, survey, choices, hazards), row and column order:
  // the workbook's own (a missing sheet or column, an unknown type, ...) and every finding of
  // the forms checker (core::forms::CompileTemplate), placed at the cell the finding is about.
  // Empty: `tpl` passed the checker.
  std::vector<SheetProblem> problems;
};

// Maps `book` onto a template and runs the forms checker on it. Never fails as a call: what is
// wrong is in `problems`. Pure; thread-safe.
ChecklistReading ReadChecklistWorkbook(const Workbook& book);

// `tpl` as the four sheets above (settings, survey, choices, hazards), for WriteXlsxFile. A
// template that passed the checker reads back equal (ReadChecklistWorkbook).
std::vector<OutSheet> ChecklistSheets(const v1::ChecklistTemplate& tpl);

// "survey!F12 (relevant)", "survey.csv!F12 (relevant)" for a CSV folder, "hazards!4" for a
// whole row, "choices" for a whole sheet.
std::string ProblemWhere(const SheetProblem& problem, const std::string& sheet_suffix);

// The sheet names the reader looks for, in the order problems are sorted.
const std::vector<std::string>& ChecklistSheetNames();

}  // namespace qiaomen::server::workbook
