// Issue 23: checklists written as workbooks (XLSForm's layout) and CSV folders. The shipped
// checklists' workbooks read back to the shipped JSON, and every problem in a workbook is named by
// its sheet, row and column.
#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/forms/compiled_template.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/temp_dir.h"
#include "server/src/admin/csv.h"
#include "server/src/workbook/csv_folder.h"
#include "server/src/workbook/template_sheets.h"
#include "server/src/workbook/xlsx_reader.h"
#include "server/src/workbook/xlsx_writer.h"

namespace qiaomen::server::workbook {
namespace {

std::vector<std::string> ShippedChecklists() {
  std::vector<std::string> ids;
  for (const auto& entry :
       std::filesystem::directory_iterator(std::string(QIAOMEN_SOURCE_DIR) + "/checklists")) {
    if (entry.path().extension() == ".json") ids.push_back(entry.path().stem().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

v1::ChecklistTemplate ShippedJson(const std::string& id) {
  auto text = base::ReadFile(std::string(QIAOMEN_SOURCE_DIR) + "/checklists/" + id + ".json");
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  auto compiled = core::forms::LoadTemplateJson(text.value_or(""));
  EXPECT_TRUE(compiled.ok()) << compiled.status().ToString();
  return compiled.ok() ? compiled->proto() : v1::ChecklistTemplate{};
}

std::string Problems(const ChecklistReading& r, const std::string& suffix = "") {
  std::string out;
  for (const auto& p : r.problems) {
    out += ProblemWhere(p, suffix) + ": " +
           std::string(CountyMessageText(p.message, core::domain::Language::kEn)) +
           (p.args.empty() ? "" : " [" + p.args[0] + "]") + "\n";
  }
  return out;
}

ChecklistReading ReadBack(const std::string& path) {
  auto book = ReadXlsxFile(path);
  EXPECT_TRUE(book.ok()) << book.status().ToString();
  return book.ok() ? ReadChecklistWorkbook(*book) : ChecklistReading{};
}

// Row (1-based) of the survey sheet whose name is `name`, and the column of `header`.
std::pair<int, int> SurveyCell(std::vector<OutSheet>& sheets, const std::string& name,
                               const std::string& header) {
  auto& rows = sheets[1].rows;
  int col = -1;
  for (size_t c = 0; c < rows[0].size(); ++c) {
    if (rows[0][c].text == header) col = static_cast<int>(c);
  }
  for (size_t r = 1; r < rows.size(); ++r) {
    if (rows[r][1].text == name) return {static_cast<int>(r) + 1, col};
  }
  return {0, col};
}

// The shipped workbooks are what `./run checklist-workbooks` makes from the shipped JSON: a
// checklist edited in JSON without regenerating its workbook fails here.
TEST(ChecklistWorkbookTest, ShippedWorkbooksReadBackToTheShippedJson) {
  const auto ids = ShippedChecklists();
  ASSERT_GE(ids.size(), 4u);
  for (const std::string& id : ids) {
    SCOPED_TRACE(id);
    const std::string path = std::string(QIAOMEN_SOURCE_DIR) + "/checklists/xlsx/" + id + ".xlsx";
    ASSERT_TRUE(std::filesystem::exists(path))
        << path << " is missing; run ./run checklist-workbooks";
    const ChecklistReading read = ReadBack(path);
    EXPECT_TRUE(read.problems.empty()) << Problems(read);
    std::string diff;
    google::protobuf::util::MessageDifferencer differ;
    differ.ReportDifferencesToString(&diff);
    EXPECT_TRUE(differ.Compare(ShippedJson(id), read.tpl))
        << path << " is stale (differs from checklists/" << id
        << ".json); run ./run checklist-workbooks and commit the result:\n"
        << diff;
  }
}

// Writing and reading again gives the same template, with shared strings (the default) and with
// inline strings (constant-memory mode), so both of the reader's string paths are exercised.
TEST(ChecklistWorkbookTest, EveryShippedChecklistRoundTripsThroughBothStringForms) {
  testing::TempDir dir;
  for (const std::string& id : ShippedChecklists()) {
    for (bool inline_strings : {false, true}) {
      SCOPED_TRACE(id + (inline_strings ? " inline" : " shared"));
      const v1::ChecklistTemplate tpl = ShippedJson(id);
      const std::string path = dir.Join(id + ".xlsx");
      WriteOptions options;
      options.inline_strings = inline_strings;
      ASSERT_TRUE(WriteXlsxFile(path, ChecklistSheets(tpl), options).ok());
      const ChecklistReading read = ReadBack(path);
      EXPECT_TRUE(read.problems.empty()) << Problems(read);
      EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(tpl, read.tpl))
          << read.tpl.DebugString();
    }
  }
}

// The acceptance test of issue 23: a broken `relevant` is refused at its sheet, row and column,
// with the column inside the cell as the author typed it (XLSForm's ${...} translated).
TEST(ChecklistWorkbookTest, ABrokenRelevantIsNamedBySheetRowAndColumn) {
  testing::TempDir dir;
  auto sheets = ChecklistSheets(ShippedJson("household_winter"));
  const auto [row, col] = SurveyCell(sheets, "other_heating", "relevant");
  ASSERT_GT(row, 0);
  ASSERT_GE(col, 0);
  sheets[1].rows[static_cast<size_t>(row - 1)][static_cast<size_t>(col)].text =
      "${no_such_item} = 'yes'";
  const std::string path = dir.Join("broken.xlsx");
  ASSERT_TRUE(WriteXlsxFile(path, sheets).ok());
  const ChecklistReading read = ReadBack(path);
  ASSERT_EQ(read.problems.size(), 1u) << Problems(read);
  const SheetProblem& p = read.problems[0];
  EXPECT_EQ(p.sheet, "survey");
  EXPECT_EQ(p.row, row);
  EXPECT_EQ(p.col, col);
  EXPECT_EQ(ProblemWhere(p, ""), "survey!" + CellName(row, col) + " (relevant)");
  ASSERT_EQ(p.args.size(), 1u);
  // The id starts at the third character of the cell (after "${"), not the first of `no_such_item
  // == 'yes'`.
  EXPECT_EQ(p.args[0].rfind("column 3: unknown item 'no_such_item'", 0), 0u) << p.args[0];
}

// Every problem is reported, each at its own cell, in sheet and row order: the workbook's own
// (an unknown type, a bad number, a choice filter, a repeat count off a begin_repeat row, an
// unknown column) and the checker's.
TEST(ChecklistWorkbookTest, EveryProblemIsReportedAtItsCell) {
  testing::TempDir dir;
  auto sheets = ChecklistSheets(ShippedJson("household_winter"));
  auto& survey = sheets[1].rows;
  const auto [type_row, type_col] = SurveyCell(sheets, "heating_type", "type");
  survey[static_cast<size_t>(type_row - 1)][static_cast<size_t>(type_col)].text = "barcode";
  const auto [min_row, min_col] = SurveyCell(sheets, "other_heating", "min");
  survey[static_cast<size_t>(min_row - 1)][static_cast<size_t>(min_col)] = OutCell::Text("ten");
  // A header with a typo, a cascading choice (not mapped yet), and a repeat count on an item.
  survey[0].push_back(OutCell::Text("relevent"));
  survey[0].push_back(OutCell::Text("choice_filter"));
  for (auto& row : survey) row.resize(survey[0].size());
  survey[static_cast<size_t>(min_row - 1)].back() = OutCell::Text("fuel=${gas_type}");
  const auto [count_row, count_col] = SurveyCell(sheets, "gas_type", "repeat_count");
  survey[static_cast<size_t>(count_row - 1)][static_cast<size_t>(count_col)] = OutCell::Text("3");
  // A hazard rule with a broken severity and a condition on an unknown item.
  auto& hazards = sheets[3].rows;
  hazards[1][5].text = "SERIOUS";
  hazards[1][1].text = "no_such_item == 'yes'";
  const std::string path = dir.Join("many.xlsx");
  ASSERT_TRUE(WriteXlsxFile(path, sheets).ok());
  const ChecklistReading read = ReadBack(path);
  const std::string all = Problems(read);
  const std::string relevent = ColumnLetters(static_cast<int>(survey[0].size()) - 2);
  const std::string filter = ColumnLetters(static_cast<int>(survey[0].size()) - 1);
  for (const std::string& expected :
       {"survey!" + relevent + "1 (relevent): unknown column",
        "survey!" + CellName(type_row, type_col) + " (type): the type '{0}' has no",
        "survey!" + CellName(min_row, min_col) + " (min): '{0}' is not a number",
        "survey!" + filter + std::to_string(min_row) + " (choice_filter): {0} is not read here",
        "survey!" + CellName(count_row, count_col) + " (repeat_count): {0} is not read here",
        std::string("hazards!F2 (severity): the severity '{0}' is not valid"),
        std::string("hazards!B2 (when): {0} [column 1: unknown item 'no_such_item'")}) {
    EXPECT_NE(all.find(expected), std::string::npos) << expected << "\n" << all;
  }
  // In order: survey before hazards, rows ascending.
  EXPECT_LT(all.find("survey!"), all.find("hazards!")) << all;
}

TEST(ChecklistWorkbookTest, MissingSheetsAndColumnsSayWhatToAdd) {
  testing::TempDir dir;
  auto sheets = ChecklistSheets(ShippedJson("ebike_charging_site"));
  sheets.erase(sheets.begin());      // no settings
  sheets[0].rows[0][1].text = "id";  // survey: "name" renamed: missing, and unknown
  const std::string path = dir.Join("missing.xlsx");
  ASSERT_TRUE(WriteXlsxFile(path, sheets).ok());
  const ChecklistReading read = ReadBack(path);
  const std::string all = Problems(read);
  EXPECT_NE(all.find("settings: the sheet '{0}' is missing"), std::string::npos) << all;
  EXPECT_NE(all.find("survey!1: the column '{0}' is missing"), std::string::npos) << all;
  EXPECT_NE(all.find("survey!B1 (id): unknown column"), std::string::npos) << all;
}

// XLSForm's spellings are translated: ${name}, `=`, count-selected, true(), `.`, required "yes",
// headers such as "label::Chinese (zh)", and a bare "label" is the default language, Chinese.
TEST(ChecklistWorkbookTest, XlsformSpellingsAreTranslated) {
  testing::TempDir dir;
  auto T = [](const char* s) { return OutCell::Text(s); };
  std::vector<OutSheet> sheets = {
      OutSheet("settings", {{T("form_id"), T("version"), T("subject_kind"),
                             T("form_title::Chinese (zh)"), T("form_title::English (en)")},
                            {T("tiny"), OutCell::Number(2), T("household"), T("小表"), T("Tiny")}}),
      OutSheet(
          "survey",
          {{T("type"), T("name"), T("label"), T("label::English (en)"), T("relevant"),
            T("required"), T("constraint"), T("constraint_message::zh"),
            T("constraint_message::en"), T("calculation")},
           {T("begin group"), T("main"), T("主要"), T("Main")},
           {T("select_multiple fuels"), T("fuel"), T("燃料"), T("Fuel"), T(""), T("yes")},
           {T("integer"), T("stoves"), T("炉数"), T("Stoves"), T("count-selected(${fuel}) > 0"),
            T("true()"), T(". >= 0 and . < 10"), T("0 到 9"), T("0 to 9")},
           {T("end group")},
           {T("calculate"), T("many"), T("多"), T("Many"), T(""), T(""), T(""), T(""), T(""),
            T("${stoves}=3 or selected(${fuel}, 'coal')")}}),
      OutSheet("choices", {{T("list name"), T("name"), T("label::zh"), T("label::en")},
                           {T("fuels"), T("coal"), T("煤"), T("Coal")},
                           {T("fuels"), T("gas"), T("气"), T("Gas")}}),
  };
  const std::string path = dir.Join("xlsform.xlsx");
  ASSERT_TRUE(WriteXlsxFile(path, sheets).ok());
  const ChecklistReading read = ReadBack(path);
  ASSERT_TRUE(read.problems.empty()) << Problems(read);
  EXPECT_EQ(read.tpl.subject_kind(), v1::HOUSEHOLD);
  EXPECT_EQ(read.tpl.title().zh(), "小表");
  EXPECT_EQ(read.tpl.sections(0).title().zh(), "主要");
  EXPECT_EQ(read.tpl.version(), 2u);
  ASSERT_EQ(read.tpl.sections_size(), 1);
  const auto& stoves = read.tpl.sections(0).items(1);
  EXPECT_EQ(stoves.relevant(), "count_selected(fuel) > 0");
  EXPECT_EQ(stoves.required(), "true");
  EXPECT_EQ(stoves.constraint(), "stoves >= 0 and stoves < 10");
  EXPECT_EQ(read.tpl.sections(0).items(0).choices_size(), 2);
  ASSERT_EQ(read.tpl.computed_size(), 1);
  EXPECT_EQ(read.tpl.computed(0).expression(), "stoves==3 or selected(fuel, 'coal')");
}

// The same sheets as CSV files in a folder read to the same template; problems name the file.
TEST(ChecklistWorkbookTest, ACsvFolderReadsLikeTheWorkbook) {
  testing::TempDir dir;
  const v1::ChecklistTemplate tpl = ShippedJson("village_emergency_shelter");
  auto sheets = ChecklistSheets(tpl);
  auto write = [&](const std::vector<OutSheet>& list) {
    for (const auto& sheet : list) {
      std::string csv = "\xEF\xBB\xBF";
      for (const auto& row : sheet.rows) {
        for (size_t c = 0; c < row.size(); ++c) {
          std::string cell =
              row[c].is_number ? std::to_string(static_cast<long>(row[c].number)) : row[c].text;
          // Not CsvCell: it guards exports against formulas with a leading quote.
          bool quote = cell.find_first_of(",\"\n") != std::string::npos;
          std::string q;
          for (char ch : cell) q += ch == '"' ? std::string("\"\"") : std::string(1, ch);
          csv += (c ? "," : "") + (quote ? "\"" + q + "\"" : q);
        }
        csv += "\n";
      }
      ASSERT_TRUE(base::WriteFileAtomically(dir.Join(sheet.name + ".csv"), csv).ok());
    }
  };
  write(sheets);
  auto book = ReadCsvFolder(dir.path(), ChecklistSheetNames());
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  ChecklistReading read = ReadChecklistWorkbook(*book);
  EXPECT_TRUE(read.problems.empty()) << Problems(read, ".csv");
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(tpl, read.tpl));

  sheets[3].rows[1][1].text = "not valid ==";
  write(sheets);
  book = ReadCsvFolder(dir.path(), ChecklistSheetNames());
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  read = ReadChecklistWorkbook(*book);
  ASSERT_FALSE(read.problems.empty());
  EXPECT_EQ(ProblemWhere(read.problems[0], book->sheet_suffix), "hazards.csv!B2 (when)")
      << Problems(read, ".csv");
}

TEST(ChecklistWorkbookTest, ACorruptFileIsRefusedWithWhatToDo) {
  testing::TempDir dir;
  ASSERT_TRUE(base::WriteFileAtomically(dir.Join("old.xlsx"), "\xD0\xCF\x11\xE0 not a zip").ok());
  auto book = ReadXlsxFile(dir.Join("old.xlsx"));
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("not an .xlsx workbook"), std::string::npos)
      << book.status().ToString();
  EXPECT_NE(book.status().message().find("Excel Workbook (*.xlsx)"), std::string::npos);

  // A real workbook cut short: its zip directory is gone.
  const std::string whole = dir.Join("whole.xlsx");
  ASSERT_TRUE(WriteXlsxFile(whole, ChecklistSheets(ShippedJson("ebike_charging_site"))).ok());
  auto bytes = base::ReadFile(whole);
  ASSERT_TRUE(bytes.ok());
  ASSERT_TRUE(
      base::WriteFileAtomically(dir.Join("cut.xlsx"), bytes->substr(0, bytes->size() / 2)).ok());
  book = ReadXlsxFile(dir.Join("cut.xlsx"));
  ASSERT_FALSE(book.ok());
  EXPECT_EQ(book.status().code(), core::Code::kInvalidArgument) << book.status().ToString();

  EXPECT_EQ(ReadXlsxFile(dir.Join("absent.xlsx")).status().code(), core::Code::kNotFound);
}

// The commands: publish-template refuses a broken workbook naming the cell (in Chinese by
// default, English with --lang en) and publishes nothing; a good workbook publishes; and
// export-template writes the published checklist back as a workbook of the same template.
TEST(ChecklistWorkbookCommandTest, PublishAndExportAWorkbook) {
  auto env = qiaomen::testing::CountyEnv::Create(qiaomen::testing::Backend::kSqlite);
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  auto& county = **env;
  auto sheets = ChecklistSheets(ShippedJson("household_winter"));
  const auto [row, col] = SurveyCell(sheets, "other_heating", "relevant");
  sheets[1].rows[static_cast<size_t>(row - 1)][static_cast<size_t>(col)].text = "stove == 1";
  const std::string broken = county.dir().Join("broken.xlsx");
  ASSERT_TRUE(WriteXlsxFile(broken, sheets).ok());
  const std::string cell = "survey!" + CellName(row, col) + " (relevant)";
  auto zh = county.Run({"publish-template", broken});
  EXPECT_EQ(zh.exit_code, 1) << zh.err;
  EXPECT_NE(zh.err.find("检查表未发布"), std::string::npos) << zh.err;
  EXPECT_NE(zh.err.find(cell + "：column 1: unknown item 'stove'"), std::string::npos) << zh.err;
  auto en = county.Run({"publish-template", broken, "--lang", "en"});
  EXPECT_EQ(en.exit_code, 1) << en.err;
  EXPECT_NE(en.err.find("the checklist was not published"), std::string::npos) << en.err;
  EXPECT_NE(en.err.find(cell + ": column 1: unknown item 'stove'"), std::string::npos) << en.err;
  auto none =
      county.Run({"export-template", "household_winter", "--xlsx", county.dir().Join("none.xlsx")});
  EXPECT_NE(none.exit_code, 0) << "nothing was published: " << none.out;

  const std::string shipped =
      std::string(QIAOMEN_SOURCE_DIR) + "/checklists/xlsx/household_winter.xlsx";
  auto published = county.Run({"publish-template", shipped});
  ASSERT_EQ(published.exit_code, 0) << published.err;
  EXPECT_NE(published.out.find("household_winter 第 5 版"), std::string::npos) << published.out;
  const std::string out = county.dir().Join("exported.xlsx");
  auto exported = county.Run({"export-template", "household_winter", "--xlsx", out});
  ASSERT_EQ(exported.exit_code, 0) << exported.err;
  const ChecklistReading read = ReadBack(out);
  EXPECT_TRUE(read.problems.empty()) << Problems(read);
  EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(ShippedJson("household_winter"),
                                                                 read.tpl));
}

TEST(ChecklistWorkbookTest, DisplayWidthCountsChineseTwice) {
  EXPECT_EQ(DisplayWidth("abc"), 3);
  EXPECT_EQ(DisplayWidth("燃气"), 4);
  EXPECT_EQ(DisplayWidth("燃气 ok\nlonger line"), 11);
  EXPECT_EQ(DisplayWidth("（可多选）"), 10);
}

}  // namespace
}  // namespace qiaomen::server::workbook
