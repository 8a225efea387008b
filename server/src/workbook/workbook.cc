#include "workbook/workbook.h"

#include <cctype>

namespace qiaomen::server::workbook {
namespace {

std::string Folded(const std::string& s) {
  size_t b = 0, e = s.size();
  while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
  while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
  std::string out = s.substr(b, e - b);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

const std::string& Sheet::At(int row, int col) const {
  static const std::string kEmpty;
  if (row < 1 || col < 0 || static_cast<size_t>(row) > rows.size()) return kEmpty;
  const auto& r = rows[static_cast<size_t>(row - 1)];
  return static_cast<size_t>(col) < r.size() ? r[static_cast<size_t>(col)] : kEmpty;
}

const Sheet* Workbook::Find(const std::string& name) const {
  const std::string want = Folded(name);
  for (const Sheet& s : sheets) {
    if (Folded(s.name) == want) return &s;
  }
  return nullptr;
}

std::string ColumnLetters(int col) {
  std::string letters;
  for (int n = col + 1; n > 0; n = (n - 1) / 26) {
    letters.insert(letters.begin(), static_cast<char>('A' + (n - 1) % 26));
  }
  return letters;
}

std::string CellName(int row, int col) { return ColumnLetters(col) + std::to_string(row); }

}  // namespace qiaomen::server::workbook
