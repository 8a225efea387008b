#include "workbook/csv_folder.h"

#include <sys/stat.h>

#include "admin/csv.h"
#include "qiaomen/base/durable_file.h"

namespace qiaomen::server::workbook {

core::Result<Workbook> ReadCsvFolder(const std::string& dir,
                                     const std::vector<std::string>& names) {
  struct stat st {};
  if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
    return core::InvalidArgument("'" + dir +
                                 "' is not a folder; give a folder holding survey.csv, "
                                 "choices.csv, settings.csv and hazards.csv.");
  }
  Workbook book;
  book.source = dir;
  book.sheet_suffix = ".csv";
  for (const std::string& name : names) {
    const std::string path = dir + "/" + name + ".csv";
    if (::stat(path.c_str(), &st) != 0) continue;
    QM_ASSIGN_OR_RETURN(std::string text, base::ReadFile(path));
    if (text.rfind("\xEF\xBB\xBF", 0) == 0) text.erase(0, 3);
    auto records = ParseCsv(text);
    if (!records.ok()) {
      return core::InvalidArgument("'" + path + "': " + records.status().message());
    }
    Sheet sheet;
    sheet.name = name;
    // A record spans several lines when a cell holds a line break; cells are named by record
    // (row) as a spreadsheet opening the file shows them.
    for (auto& record : *records) {
      if (sheet.rows.size() >= static_cast<size_t>(kMaxRows) ||
          record.fields.size() > static_cast<size_t>(kMaxColumns)) {
        return core::InvalidArgument("'" + path + "' has more than " + std::to_string(kMaxRows) +
                                     " rows or " + std::to_string(kMaxColumns) +
                                     " columns; a checklist needs far fewer: delete the rest.");
      }
      sheet.rows.push_back(std::move(record.fields));
    }
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

}  // namespace qiaomen::server::workbook
