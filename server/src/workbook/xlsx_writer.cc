#include "workbook/xlsx_writer.h"

#include <xlsxwriter.h>

#include <algorithm>
#include <memory>

namespace qiaomen::server::workbook {
namespace {

bool IsWide(uint32_t cp) {
  return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
         (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
         (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
         (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
         (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
         (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

struct WorkbookCloser {
  void operator()(lxw_workbook* wb) const { workbook_close(wb); }
};

constexpr double kMinWidth = 6, kMaxWidth = 60;

}  // namespace

int DisplayWidth(const std::string& text) {
  int widest = 0, line = 0;
  for (size_t i = 0; i < text.size();) {
    const auto c = static_cast<unsigned char>(text[i]);
    uint32_t cp = c;
    size_t len = 1;
    if (c >= 0xF0 && i + 3 < text.size()) {
      cp = (c & 0x07u) << 18 | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 12 |
           (static_cast<unsigned char>(text[i + 2]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(text[i + 3]) & 0x3Fu);
      len = 4;
    } else if (c >= 0xE0 && i + 2 < text.size()) {
      cp = (c & 0x0Fu) << 12 | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu) << 6 |
           (static_cast<unsigned char>(text[i + 2]) & 0x3Fu);
      len = 3;
    } else if (c >= 0xC0 && i + 1 < text.size()) {
      cp = (c & 0x1Fu) << 6 | (static_cast<unsigned char>(text[i + 1]) & 0x3Fu);
      len = 2;
    }
    i += len;
    if (cp == '\n') {
      widest = std::max(widest, line);
      line = 0;
    } else {
      line += IsWide(cp) ? 2 : 1;
    }
  }
  return std::max(widest, line);
}

core::Status WriteXlsxFile(const std::string& path, const std::vector<OutSheet>& sheets,
                           const WriteOptions& options) {
  lxw_workbook_options lxw_options{};
  lxw_options.constant_memory = options.inline_strings ? LXW_TRUE : LXW_FALSE;
  lxw_workbook* raw = workbook_new_opt(path.c_str(), &lxw_options);
  if (raw == nullptr) {
    return core::IOError("Cannot create the workbook '" + path +
                         "'; check that its folder exists and can be written.");
  }
  std::unique_ptr<lxw_workbook, WorkbookCloser> wb(raw);
  if (options.created_unix != 0) {
    lxw_doc_properties properties{};
    properties.created = static_cast<time_t>(options.created_unix);
    workbook_set_properties(raw, &properties);
  }
  lxw_format* header = workbook_add_format(raw);
  format_set_bold(header);
  format_set_text_wrap(header);
  format_set_align(header, LXW_ALIGN_VERTICAL_TOP);
  lxw_format* wrap = workbook_add_format(raw);
  format_set_text_wrap(wrap);
  format_set_align(wrap, LXW_ALIGN_VERTICAL_TOP);
  for (const OutSheet& sheet : sheets) {
    if (workbook_validate_sheet_name(raw, sheet.name.c_str()) != LXW_NO_ERROR) {
      return core::InvalidArgument("'" + sheet.name +
                                   "' cannot name a sheet (at most 31 characters, none of "
                                   "[]:*?/\\, not used twice).");
    }
    lxw_worksheet* ws = workbook_add_worksheet(raw, sheet.name.c_str());
    // Widths first: constant-memory mode writes rows as they come, after the column settings.
    std::vector<int> widths;
    for (const auto& row : sheet.rows) {
      if (widths.size() < row.size()) widths.resize(row.size(), 0);
      for (size_t c = 0; c < row.size(); ++c) {
        const int w = row[c].is_number ? 10 : DisplayWidth(row[c].text);
        widths[c] = std::max(widths[c], w);
      }
    }
    for (size_t c = 0; c < widths.size(); ++c) {
      const double width = std::clamp(widths[c] + 2.0, kMinWidth, kMaxWidth);
      worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), width,
                           nullptr);
    }
    const size_t first = sheet.title.empty() ? 0 : 1;
    if (sheet.header_rows + first > 0) {
      worksheet_freeze_panes(ws, static_cast<lxw_row_t>(sheet.header_rows + first), 0);
    }
    if (!sheet.title.empty()) worksheet_write_string(ws, 0, 0, sheet.title.c_str(), header);
    for (size_t r = 0; r < sheet.rows.size(); ++r) {
      const bool is_header = static_cast<int>(r) < sheet.header_rows;
      for (size_t c = 0; c < sheet.rows[r].size(); ++c) {
        const OutCell& cell = sheet.rows[r][c];
        const auto row = static_cast<lxw_row_t>(r + first);
        const auto col = static_cast<lxw_col_t>(c);
        lxw_error e = LXW_NO_ERROR;
        if (cell.is_number) {
          e = worksheet_write_number(ws, row, col, cell.number, is_header ? header : nullptr);
        } else if (!cell.text.empty()) {
          lxw_format* format =
              is_header ? header : (cell.text.find('\n') != std::string::npos ? wrap : nullptr);
          e = worksheet_write_string(ws, row, col, cell.text.c_str(), format);
        }
        if (e != LXW_NO_ERROR) {
          return core::InvalidArgument("Cannot write cell " + std::to_string(r + 1) + "/" +
                                       std::to_string(c + 1) + " of sheet '" + sheet.name +
                                       "': " + lxw_strerror(e) + ".");
        }
      }
    }
  }
  const lxw_error closed = workbook_close(wb.release());
  if (closed != LXW_NO_ERROR) {
    return core::IOError("Cannot write the workbook '" + path + "': " + lxw_strerror(closed) +
                         "; check the folder and the free space.");
  }
  return core::Status::Ok();
}

}  // namespace qiaomen::server::workbook
