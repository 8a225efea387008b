#pragma once
// Shared by the checklist workbook's reader (template_sheets_read.cc) and the placing of the forms
// checker's findings (checker_problems.cc): the sheets' columns and where each part of the
// template came from.

#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

#include "workbook/template_sheets.h"
#include "workbook/xlsform_expression.h"

namespace qiaomen::server::workbook::internal {

struct SheetSpec {
  std::string name;
  std::vector<std::string> columns;   // every column the sheet may have, in the order written
  std::vector<std::string> required;  // the ones it must have
};

const SheetSpec& SettingsSpec();
const SheetSpec& SurveySpec();
const SheetSpec& ChoicesSpec();
const SheetSpec& HazardsSpec();

// A sheet's header row: column name -> 0-based column. Header names are normalised: blanks
// trimmed, lower case, spaces as '_', "label::Chinese (zh)" as "label::zh", id as form_id and
// form_title as title on the settings sheet.
struct Header {
  std::string sheet;
  std::map<std::string, int> cols;
  int Col(const std::string& column) const;  // -1 when absent
};

// Where the template's parts came from, to place the checker's findings.
struct SourceMap {
  std::map<std::string, int> item_rows, section_rows, computed_rows, hazard_rows;
  std::map<std::string, std::string> item_list;                    // item id -> its choice list
  std::map<std::pair<std::string, std::string>, int> choice_rows;  // (list, code) -> row
  // (sheet, row, column) -> the translation of the expression in that cell
  std::map<std::tuple<std::string, int, std::string>, TranslatedExpression> expressions;
  std::map<std::string, Header> headers;  // by sheet name
};

// Problems for `problem`, a finding of the forms checker ("item 'x', field 'relevant': column 7:
// ..."), placed in the workbook.
SheetProblem PlaceCheckerFinding(const std::string& finding, const v1::ChecklistTemplate& tpl,
                                 const SourceMap& map);

// The findings in a CompileTemplate refusal's message, one string each.
std::vector<std::string> SplitCheckerMessage(const std::string& message);

}  // namespace qiaomen::server::workbook::internal
