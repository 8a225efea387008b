#include "admin/csv.h"

namespace qiaomen::server {

std::string CsvCell(const std::string& text) {
  std::string cell = text;
  if (!cell.empty() && (cell[0] == '=' || cell[0] == '+' || cell[0] == '-' || cell[0] == '@' ||
                        cell[0] == '\t' || cell[0] == '\r')) {
    cell.insert(cell.begin(), '\'');
  }
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string out = "\"";
  for (char c : cell) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  return out + "\"";
}

core::Result<std::vector<CsvRecord>> ParseCsv(const std::string& text, int* unclosed_line) {
  std::vector<CsvRecord> records;
  size_t i = 0;
  int line = 1;
  // Skip a UTF-8 byte order mark (spreadsheets write one).
  if (text.compare(0, 3, "\xEF\xBB\xBF") == 0) i = 3;
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool quoted = false;
    bool end_of_record = false;
    while (!end_of_record) {
      if (i >= text.size()) {
        if (quoted) {
          if (unclosed_line) *unclosed_line = record.line;
          return core::InvalidArgument("line " + std::to_string(record.line) +
                                       ": a quoted field is never closed.");
        }
        break;
      }
      char c = text[i];
      if (quoted) {
        if (c == '"') {
          if (i + 1 < text.size() && text[i + 1] == '"') {
            field.push_back('"');
            i += 2;
          } else {
            quoted = false;
            ++i;
          }
        } else {
          if (c == '\n') ++line;
          field.push_back(c);
          ++i;
        }
        continue;
      }
      if (c == '"' && field.empty()) {
        quoted = true;
        ++i;
      } else if (c == ',') {
        record.fields.push_back(std::move(field));
        field.clear();
        ++i;
      } else if (c == '\r' || c == '\n') {
        if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
        ++i;
        ++line;
        end_of_record = true;
      } else {
        field.push_back(c);
        ++i;
      }
    }
    record.fields.push_back(std::move(field));
    bool blank = record.fields.size() == 1 && record.fields[0].empty();
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

}  // namespace qiaomen::server
