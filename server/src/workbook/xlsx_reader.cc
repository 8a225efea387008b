// minizip gives the parts, expat the elements; this file only keeps the state machines that turn
// SpreadsheetML elements into cell texts.
#include "workbook/xlsx_reader.h"

#include <expat.h>
#include <minizip/unzip.h>

#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>

namespace qiaomen::server::workbook {
namespace {

constexpr uint64_t kMaxPartBytes = 64ull * 1024 * 1024;

std::string SaveAgain() { return "save it again from Excel or WPS as \"Excel Workbook (*.xlsx)\""; }

struct ZipCloser {
  void operator()(void* z) const { unzClose(static_cast<unzFile>(z)); }
};
using Zip = std::unique_ptr<void, ZipCloser>;

// The part `name` ("xl/workbook.xml"); NotFound when the zip has none.
core::Result<std::string> ReadPart(unzFile zip, const std::string& path, const std::string& name) {
  if (unzLocateFile(zip, name.c_str(), 2) != UNZ_OK) {
    return core::NotFound("'" + path + "' has no " + name);
  }
  unz_file_info64 info{};
  if (unzGetCurrentFileInfo64(zip, &info, nullptr, 0, nullptr, 0, nullptr, 0) != UNZ_OK ||
      info.uncompressed_size > kMaxPartBytes) {
    return core::InvalidArgument("'" + path + "': its part " + name +
                                 " is damaged or larger than 64 MiB; " + SaveAgain() +
                                 ", or split the workbook.");
  }
  if (unzOpenCurrentFile(zip) != UNZ_OK) {
    return core::InvalidArgument("'" + path + "': its part " + name +
                                 " cannot be read (damaged "
                                 "or encrypted); " +
                                 SaveAgain() + " without a password.");
  }
  std::string data;
  char buf[65536];
  int n = 0;
  while ((n = unzReadCurrentFile(zip, buf, sizeof buf)) > 0) {
    data.append(buf, static_cast<size_t>(n));
    if (data.size() > kMaxPartBytes) break;
  }
  const bool crc_ok = unzCloseCurrentFile(zip) == UNZ_OK;
  if (n < 0 || !crc_ok || data.size() > kMaxPartBytes) {
    return core::InvalidArgument("'" + path + "': its part " + name +
                                 " is damaged (it does not unzip); " + SaveAgain() + ".");
  }
  return data;
}

// Local name of an expat name made with a '|' namespace separator.
std::string_view Local(const XML_Char* name) {
  std::string_view n(name);
  const size_t bar = n.rfind('|');
  return bar == std::string_view::npos ? n : n.substr(bar + 1);
}

std::string Attr(const XML_Char** attrs, std::string_view local, bool namespaced = false) {
  for (int i = 0; attrs[i] != nullptr; i += 2) {
    std::string_view n(attrs[i]);
    if (Local(attrs[i]) == local && (n.find('|') != std::string_view::npos) == namespaced) {
      return attrs[i + 1];
    }
  }
  return "";
}

struct Handlers {
  std::function<void(std::string_view, const XML_Char**)> start;
  std::function<void(std::string_view)> end;
  std::function<void(std::string_view)> text;
};

core::Status ParseXml(const std::string& xml, const std::string& path, const std::string& part,
                      Handlers& h) {
  std::unique_ptr<XML_ParserStruct, void (*)(XML_Parser)> parser(XML_ParserCreateNS(nullptr, '|'),
                                                                 XML_ParserFree);
  if (!parser) return core::Internal("expat could not create a parser (out of memory)");
  XML_SetUserData(parser.get(), &h);
  XML_SetElementHandler(
      parser.get(),
      [](void* u, const XML_Char* name, const XML_Char** attrs) {
        auto* hh = static_cast<Handlers*>(u);
        if (hh->start) hh->start(Local(name), attrs);
      },
      [](void* u, const XML_Char* name) {
        auto* hh = static_cast<Handlers*>(u);
        if (hh->end) hh->end(Local(name));
      });
  XML_SetCharacterDataHandler(parser.get(), [](void* u, const XML_Char* s, int len) {
    auto* hh = static_cast<Handlers*>(u);
    if (hh->text) hh->text(std::string_view(s, static_cast<size_t>(len)));
  });
  if (XML_Parse(parser.get(), xml.data(), static_cast<int>(xml.size()), 1) == XML_STATUS_ERROR) {
    return core::InvalidArgument("'" + path + "': its part " + part +
                                 " is not well-formed XML (line " +
                                 std::to_string(XML_GetCurrentLineNumber(parser.get())) + ": " +
                                 XML_ErrorString(XML_GetErrorCode(parser.get())) +
                                 "); the file is damaged: " + SaveAgain() + ".");
  }
  return core::Status::Ok();
}

struct SheetRef {
  std::string name, rel_id;
};

core::Result<std::vector<SheetRef>> ParseWorkbookPart(const std::string& xml,
                                                      const std::string& path) {
  std::vector<SheetRef> refs;
  Handlers h;
  h.start = [&](std::string_view el, const XML_Char** attrs) {
    if (el == "sheet") refs.push_back({Attr(attrs, "name"), Attr(attrs, "id", true)});
  };
  QM_RETURN_IF_ERROR(ParseXml(xml, path, "xl/workbook.xml", h));
  return refs;
}

// Relationship id -> part path inside the zip, and the shared strings part ("" when none).
struct Rels {
  std::map<std::string, std::string> targets;
  std::string shared_strings;
};

std::string PartPath(const std::string& target) {
  if (!target.empty() && target[0] == '/') return target.substr(1);
  return "xl/" + target;
}

core::Result<Rels> ParseRels(const std::string& xml, const std::string& path) {
  Rels rels;
  Handlers h;
  h.start = [&](std::string_view el, const XML_Char** attrs) {
    if (el != "Relationship") return;
    const std::string type = Attr(attrs, "Type");
    const std::string target = PartPath(Attr(attrs, "Target"));
    rels.targets[Attr(attrs, "Id")] = target;
    if (type.size() >= 14 && type.compare(type.size() - 14, 14, "/sharedStrings") == 0) {
      rels.shared_strings = target;
    }
  };
  QM_RETURN_IF_ERROR(ParseXml(xml, path, "xl/_rels/workbook.xml.rels", h));
  return rels;
}

core::Result<std::vector<std::string>> ParseSharedStrings(const std::string& xml,
                                                          const std::string& path,
                                                          const std::string& part) {
  std::vector<std::string> strings;
  bool in_si = false, in_t = false;
  int phonetic = 0;  // inside <rPh>: the reading aid, not the text
  Handlers h;
  h.start = [&](std::string_view el, const XML_Char**) {
    if (el == "si") {
      in_si = true;
      strings.emplace_back();
    } else if (el == "rPh") {
      ++phonetic;
    } else if (el == "t") {
      in_t = in_si && phonetic == 0;
    }
  };
  h.end = [&](std::string_view el) {
    if (el == "si") in_si = false;
    if (el == "rPh") --phonetic;
    if (el == "t") in_t = false;
  };
  h.text = [&](std::string_view s) {
    if (in_t) strings.back().append(s);
  };
  QM_RETURN_IF_ERROR(ParseXml(xml, path, part, h));
  return strings;
}

// "F12" -> row 12, column 5. False when `ref` is no cell reference.
bool ParseCellRef(const std::string& ref, int* row, int* col) {
  size_t i = 0;
  int c = 0;
  while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z' && c <= kMaxColumns * 26) {
    c = c * 26 + (ref[i++] - 'A' + 1);
  }
  if (i == 0 || i == ref.size()) return false;
  long r = 0;
  for (; i < ref.size(); ++i) {
    if (ref[i] < '0' || ref[i] > '9' || r > kMaxRows * 10L) return false;
    r = r * 10 + (ref[i] - '0');
  }
  *row = static_cast<int>(r);
  *col = c - 1;
  return r >= 1;
}

// A number as a person typed it: Excel stores 0.1 as 0.10000000000000001.
std::string NumberText(const std::string& v) {
  char* end = nullptr;
  const double d = std::strtod(v.c_str(), &end);
  if (v.empty() || end == nullptr || *end != '\0') return v;
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.15g", d);
  return buf;
}

core::Result<Sheet> ParseSheet(const std::string& xml, const std::string& path,
                               const std::string& part, const std::string& name,
                               const std::vector<std::string>& shared) {
  Sheet sheet;
  sheet.name = name;
  int row = 0, col = -1;
  std::string type, value, inline_text;
  bool in_v = false, in_is_t = false, in_is = false;
  std::string problem;
  Handlers h;
  h.start = [&](std::string_view el, const XML_Char** attrs) {
    if (el == "row") {
      const std::string r = Attr(attrs, "r");
      row = r.empty() ? row + 1 : std::atoi(r.c_str());
      col = -1;
    } else if (el == "c") {
      int r = row, c = col + 1;
      const std::string ref = Attr(attrs, "r");
      if (!ref.empty() && !ParseCellRef(ref, &r, &c) && problem.empty()) {
        problem = "cell reference '" + ref + "' is not valid";
      }
      row = r;
      col = c;
      type = Attr(attrs, "t");
      value.clear();
      inline_text.clear();
    } else if (el == "v") {
      in_v = true;
    } else if (el == "is") {
      in_is = true;
    } else if (el == "t" && in_is) {
      in_is_t = true;
    }
  };
  h.end = [&](std::string_view el) {
    if (el == "v") in_v = false;
    if (el == "is") in_is = false;
    if (el == "t") in_is_t = false;
    if (el != "c" || !problem.empty()) return;
    std::string text;
    if (type == "s") {
      char* end = nullptr;
      const long index = std::strtol(value.c_str(), &end, 10);
      if (value.empty() || *end != '\0' || index < 0 ||
          static_cast<size_t>(index) >= shared.size()) {
        problem = "cell " + CellName(row, col) + " names shared string '" + value +
                  "', which the workbook does not have";
        return;
      }
      text = shared[static_cast<size_t>(index)];
    } else if (type == "inlineStr") {
      text = inline_text;
    } else if (type == "b") {
      text = value == "1" ? "TRUE" : "FALSE";
    } else if (type == "str" || type == "e") {
      text = value;
    } else {
      text = NumberText(value);
    }
    if (text.empty()) return;
    if (row > kMaxRows || col >= kMaxColumns || row < 1 || col < 0) {
      problem = "it has a cell at " + CellName(row, col) + ", beyond the " +
                std::to_string(kMaxRows) + " rows and " + std::to_string(kMaxColumns) +
                " columns a checklist may use; delete the cells far below or to the right";
      return;
    }
    if (sheet.rows.size() < static_cast<size_t>(row)) sheet.rows.resize(static_cast<size_t>(row));
    auto& cells = sheet.rows[static_cast<size_t>(row - 1)];
    if (cells.size() <= static_cast<size_t>(col)) cells.resize(static_cast<size_t>(col) + 1);
    cells[static_cast<size_t>(col)] = std::move(text);
  };
  h.text = [&](std::string_view s) {
    if (in_v) value.append(s);
    if (in_is_t) inline_text.append(s);
  };
  QM_RETURN_IF_ERROR(ParseXml(xml, path, part, h));
  if (!problem.empty()) {
    return core::InvalidArgument("'" + path + "', sheet '" + name + "': " + problem + ".");
  }
  return sheet;
}

}  // namespace

core::Result<Workbook> ReadXlsxFile(const std::string& path) {
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    std::fclose(f);
  } else {
    return core::NotFound("The workbook '" + path + "' does not exist or cannot be read.");
  }
  Zip zip(unzOpen64(path.c_str()));
  if (!zip) {
    return core::InvalidArgument("'" + path +
                                 "' is not an .xlsx workbook (it does not open as a zip file); " +
                                 SaveAgain() + ", not as .xls, .et or .csv.");
  }
  auto* z = static_cast<unzFile>(zip.get());
  auto workbook_xml = ReadPart(z, path, "xl/workbook.xml");
  if (!workbook_xml.ok()) {
    if (workbook_xml.status().code() != core::Code::kNotFound) return workbook_xml.status();
    return core::InvalidArgument("'" + path +
                                 "' is a zip file but not an .xlsx workbook (it has no "
                                 "xl/workbook.xml); " +
                                 SaveAgain() + ".");
  }
  QM_ASSIGN_OR_RETURN(auto refs, ParseWorkbookPart(*workbook_xml, path));
  auto rels_xml = ReadPart(z, path, "xl/_rels/workbook.xml.rels");
  if (!rels_xml.ok()) {
    return core::InvalidArgument("'" + path + "' is damaged: " + rels_xml.status().message() +
                                 "; " + SaveAgain() + ".");
  }
  QM_ASSIGN_OR_RETURN(auto rels, ParseRels(*rels_xml, path));
  std::vector<std::string> shared;
  const std::string sst_part =
      rels.shared_strings.empty() ? "xl/sharedStrings.xml" : rels.shared_strings;
  auto sst_xml = ReadPart(z, path, sst_part);
  if (sst_xml.ok()) {
    QM_ASSIGN_OR_RETURN(shared, ParseSharedStrings(*sst_xml, path, sst_part));
  } else if (sst_xml.status().code() != core::Code::kNotFound) {
    return sst_xml.status();
  }
  Workbook book;
  book.source = path;
  for (const SheetRef& ref : refs) {
    auto target = rels.targets.find(ref.rel_id);
    if (target == rels.targets.end()) {
      return core::InvalidArgument(
          "'" + path + "': sheet '" + ref.name +
          "' has no part in the workbook; the file is damaged: " + SaveAgain() + ".");
    }
    auto xml = ReadPart(z, path, target->second);
    if (!xml.ok()) {
      return core::InvalidArgument("'" + path + "': sheet '" + ref.name + "' cannot be read (" +
                                   xml.status().message() + "); " + SaveAgain() + ".");
    }
    QM_ASSIGN_OR_RETURN(auto sheet, ParseSheet(*xml, path, target->second, ref.name, shared));
    book.sheets.push_back(std::move(sheet));
  }
  return book;
}

}  // namespace qiaomen::server::workbook
