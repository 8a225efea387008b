#include "console/list_view.h"

#include <stdlib.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>

#include "admin/csv.h"
#include "console/web_forms.h"
#include "qiaomen/base/durable_file.h"
#include "workbook/xlsx_writer.h"

namespace qiaomen::server::console {

Data Option(const std::string& value, const std::string& label, const std::string& chosen) {
  Data option;
  option.set("value", value);
  option.set("label", label);
  option.set("selected", value == chosen);
  return option;
}

std::map<std::string, std::string> QueryFields(const HttpRequest& request) {
  const size_t q = request.target.find('?');
  return ParseForm(q == std::string::npos ? "" : request.target.substr(q + 1));
}

size_t PageNumber(std::map<std::string, std::string>& fields) {
  const std::string& p = fields["page"];
  if (p.empty() || p.size() >= 6 || p.find_first_not_of("0123456789") != std::string::npos) {
    return 1;
  }
  return std::max<size_t>(1, std::stoul(p));
}

std::string ListLink(const std::string& path, std::map<std::string, std::string>& fields,
                     const std::vector<std::string>& names, size_t page) {
  std::string query;
  for (const std::string& name : names) {
    if (fields[name].empty()) continue;
    query += (query.empty() ? "?" : "&") + name + "=" + FormEncode(fields[name]);
  }
  if (page > 1) query += (query.empty() ? "?" : "&") + std::string("page=") + std::to_string(page);
  return path + query;
}

void SetPaging(Data& data, const std::string& path, std::map<std::string, std::string>& fields,
               const std::vector<std::string>& names, size_t page, size_t matched) {
  data.set("matched", std::to_string(matched));
  const size_t pages = std::max<size_t>(1, (matched + kRowsPerPage - 1) / kRowsPerPage);
  data.set("page", std::to_string(page));
  data.set("pages", std::to_string(pages));
  if (page > 1) data.set("previous", ListLink(path, fields, names, page - 1));
  if (page < pages) data.set("next", ListLink(path, fields, names, page + 1));
}

namespace {

// The text of `row`'s `key` as the CSV and Excel downloads show it.
std::string CellText(const Data& row, const std::string& key, Language language) {
  const Data* value = row.get(key);
  if (value && value->is_string()) return value->string_value();
  if (value && value->is_true()) return std::string(Tr(language, "csv.yes"));
  return "";
}

}  // namespace

HttpResponse CsvDownload(const std::string& filename, const std::vector<CsvColumn>& columns,
                         const Data& rows, bool tls, Language language) {
  std::string out = "\xEF\xBB\xBF";
  for (size_t i = 0; i < columns.size(); ++i) out += (i ? "," : "") + CsvCell(columns[i].header);
  out += "\r\n";
  if (rows.is_list()) {
    for (const Data& row : rows.list_value()) {
      for (size_t i = 0; i < columns.size(); ++i) {
        out += (i ? "," : "") + CsvCell(CellText(row, columns[i].key, language));
      }
      out += "\r\n";
    }
  }
  HttpResponse r;
  r.body = std::move(out);
  r.Set("Content-Type", "text/csv; charset=utf-8");
  r.Set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  r.Set("Cache-Control", "no-store");
  AddSecurityHeaders(r, tls);
  return r;
}

HttpResponse ListDownload(const HttpRequest& request, const std::string& stem,
                          const std::string& sheet, const std::vector<CsvColumn>& columns,
                          const Data& rows, bool tls, Language language) {
  if (!request.path.ends_with(".xlsx")) {
    return CsvDownload(stem + ".csv", columns, rows, tls, language);
  }
  workbook::OutSheet out(sheet, {});
  std::vector<workbook::OutCell> header;
  for (const auto& c : columns) header.push_back(workbook::OutCell::Text(c.header));
  out.rows.push_back(std::move(header));
  if (rows.is_list()) {
    for (const Data& row : rows.list_value()) {
      std::vector<workbook::OutCell> cells;
      for (const auto& c : columns)
        cells.push_back(workbook::OutCell::Text(CellText(row, c.key, language)));
      out.rows.push_back(std::move(cells));
    }
  }
  // libxlsxwriter writes files only: a private temporary file (mkstemps replaces the six X of
  // the name with a unique suffix and creates it 0600), read back and removed.
  std::string path =
      (std::filesystem::temp_directory_path() / "qiaomen-console-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(path.data(), 5);
  HttpResponse r;
  core::Status written = core::IOError("no temporary file");
  if (fd >= 0) {
    ::close(fd);
    written = workbook::WriteXlsxFile(path, {out});
  }
  auto bytes = written.ok() ? base::ReadFile(path) : core::Result<std::string>(written);
  if (fd >= 0) ::unlink(path.c_str());
  if (!bytes.ok()) {
    r.status = 500;
    r.body = "导出 Excel 失败，请稍后再试或改用 CSV。";
    r.Set("Content-Type", "text/plain; charset=utf-8");
  } else {
    r.body = std::move(bytes).value();
    r.Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
    r.Set("Content-Disposition", "attachment; filename=\"" + stem + ".xlsx\"");
  }
  r.Set("Cache-Control", "no-store");
  AddSecurityHeaders(r, tls);
  return r;
}

}  // namespace qiaomen::server::console
