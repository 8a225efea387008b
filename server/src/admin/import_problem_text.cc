// The subjects importer's problems as sentences, one catalogue per language: the console's 导入
// page and `qiaomen-county import-subjects` both say them from here. In each text {0} is the
// column, {1} the value, {2} and {3} the details (subject_import.h says which kind fills which).
#include <array>

#include "qiaomen/base/message_catalogue.h"
#include "qiaomen/base/message_format.h"
#include "qiaomen/server/subject_import.h"

namespace qiaomen::server {
namespace {

using Entry = base::MessageEntry<ImportProblemKind>;
using Kind = ImportProblemKind;

constexpr Entry kZh[] = {
    {Kind::kNotText,
     "文件不是 UTF-8 或 GBK 编码的文本（可能是 Excel 工作簿）。请在 Excel 里“另存为”“CSV UTF-8"
     "（逗号分隔）(*.csv)”后再导入。"},
    {Kind::kEmptyFile, "文件是空的：第一行应是列名。"},
    {Kind::kUnclosedQuote, "从这一行开始的引号没有闭合，请检查这一格的内容。"},
    {Kind::kMissingColumn, "第一行（列名）缺少“{0}”列。"},
    {Kind::kColumnCount, "有 {1} 列，而列名有 {2} 列。请检查是否多了或少了逗号。"},
    {Kind::kEmptyCell, "“{0}”是空的，请填写。"},
    {Kind::kDuplicateId, "external_id “{1}”在文件里出现了两次。"},
    {Kind::kBadKind,
     "kind “{1}”不对：应为 household（住户）、premises（场所）、facility（设施）或 "
     "village（村的记录）。"},
    {Kind::kBadUnit, "“{0}”是空的，或编号里有空格或逗号。"},
    {Kind::kOtherTown, "镇 {1} 不是这个账号的镇（{2}）。请删去这一行，或请县里导入。"},
    {Kind::kBadMembers, "members “{1}”应是整数（人数）。"},
    {Kind::kPremisesTypeOnHousehold, "premises_type “{1}”只用于场所和设施，住户请留空。"},
    {Kind::kBadPremisesType, "premises_type “{1}”不对：应为 {2} 之一（或它的中文名称），或留空。"},
    {Kind::kUnitClash, "{1} 已经是“{3}”下的 {2}，与这一行不符。"},
};

constexpr Entry kEn[] = {
    {Kind::kNotText,
     "The CSV file is not text in UTF-8 or GBK (it may be an Excel workbook). Save it from the "
     "spreadsheet as \"CSV UTF-8 (Comma delimited) (*.csv)\" and import that file."},
    {Kind::kEmptyFile, "The file is empty: it needs a header row."},
    {Kind::kUnclosedQuote, "a quoted field is never closed; check this cell."},
    {Kind::kMissingColumn, "the header has no column '{0}'"},
    {Kind::kColumnCount, "has {1} columns, the header {2}; check for a missing or extra comma"},
    {Kind::kEmptyCell, "{0} is empty"},
    {Kind::kDuplicateId, "external_id {1} appears twice in the file"},
    {Kind::kBadKind, "kind '{1}' must be household, premises, facility or village"},
    {Kind::kBadUnit, "{0} is empty or has spaces or commas in its id"},
    {Kind::kOtherTown,
     "town {1} is not this account's town ({2}); remove the row or ask the county to import it"},
    {Kind::kBadMembers, "members '{1}' must be a whole number"},
    {Kind::kPremisesTypeOnHousehold,
     "premises_type '{1}' is for premises and facilities; leave it empty for a household"},
    {Kind::kBadPremisesType,
     "premises_type '{1}' must be one of {2} (or its Chinese name), or empty"},
    {Kind::kUnitClash, "{1} already exists as a {2} under '{3}'"},
};

const base::MessageTable<Kind>& Table(core::domain::Language language) {
  static const base::MessageTable<Kind> zh{std::span<const Entry>(kZh)};
  static const base::MessageTable<Kind> en{std::span<const Entry>(kEn)};
  return language == core::domain::Language::kEn ? en : zh;
}

}  // namespace

std::string ImportProblemText(const ImportProblem& problem, core::domain::Language language) {
  return base::FormatMessage(Table(language).Text(problem.kind),
                             {problem.column, problem.value, problem.detail, problem.detail2});
}

std::string ImportProblemLine(const ImportProblem& problem, core::domain::Language language) {
  const std::string text = ImportProblemText(problem, language);
  if (problem.line <= 0) return text;
  return base::FormatMessage(
      language == core::domain::Language::kEn ? "line {0}: {1}" : "第 {0} 行：{1}",
      {std::to_string(problem.line), text});
}

std::string ImportRefusedText(core::domain::Language language) {
  return language == core::domain::Language::kEn
             ? "Nothing was imported; fix these rows and run it again."
             : "没有导入任何内容。请改正下面每一处，再导入一次：";
}

}  // namespace qiaomen::server
