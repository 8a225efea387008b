#pragma once
// What the console's long lists share: a GET form of filters whose choices stay selected, and
// pages of 50 rows with 上一页/下一页 links that keep the filters.

#include <map>
#include <string>
#include <vector>

#include "console/render.h"
#include "qiaomen/server/http.h"

namespace qiaomen::server::console {

inline constexpr size_t kRowsPerPage = 50;

// A filter form's <option>: `value` shown as `label`, selected when it is `chosen`.
Data Option(const std::string& value, const std::string& label, const std::string& chosen);

// The request's query fields ("town=T01&page=2"); absent fields read as "".
std::map<std::string, std::string> QueryFields(const HttpRequest& request);

// The page number the query asks for: 1 unless `page` is a positive number of up to 5 digits.
size_t PageNumber(std::map<std::string, std::string>& fields);

// `path` with the fields `names` that are set in `fields`, and `page` when it is past the first.
std::string ListLink(const std::string& path, std::map<std::string, std::string>& fields,
                     const std::vector<std::string>& names, size_t page);

// Sets matched, page, pages, and previous/next links (when there are such pages) on `data`.
void SetPaging(Data& data, const std::string& path, std::map<std::string, std::string>& fields,
               const std::vector<std::string>& names, size_t page, size_t matched);
// One column of a CSV export: its header in the page's language and the row's field it shows.
struct CsvColumn {
  std::string header;
  std::string key;  // a text field of the row; a true flag reads 是 (yes)
};

// Whether the request asks for the list as a download, CSV or Excel (its path ends in ".csv" or
// ".xlsx"): every matching row, no paging, the same filters and scope as the page.
inline bool WantsCsv(const HttpRequest& request) {
  return request.path.ends_with(".csv") || request.path.ends_with(".xlsx");
}

// `rows` (a list of the page's row data) as a CSV download named `filename`: UTF-8 with a byte
// order mark (so Excel reads the Chinese), a header line, cells that a spreadsheet would run as a
// formula neutralised, a true flag as `language`'s yes; not cached.
HttpResponse CsvDownload(const std::string& filename, const std::vector<CsvColumn>& columns,
                         const Data& rows, bool tls, Language language);

// The list as the request asks for it: `stem`.xlsx (one sheet named `sheet`, the header row bold
// and frozen, columns as wide as their Chinese text) when its path ends in ".xlsx", else
// CsvDownload of `stem`.csv. A workbook that cannot be written is a 500 page.
HttpResponse ListDownload(const HttpRequest& request, const std::string& stem,
                          const std::string& sheet, const std::vector<CsvColumn>& columns,
                          const Data& rows, bool tls, Language language);

// Whether the `index`th matching row (0-based) is shown on `page`.
inline bool OnPage(size_t index, size_t page) {
  return index >= (page - 1) * kRowsPerPage && index < page * kRowsPerPage;
}

}  // namespace qiaomen::server::console
