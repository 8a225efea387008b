// The .xlsx reader on SpreadsheetML that libxlsxwriter never writes but Excel and WPS do: rich
// text and phonetic runs in shared strings, booleans, cached formula strings, cells and rows
// without their reference, numbers stored with binary noise, a namespace prefix, a damaged part.
// The fixture is zipped here with minizip's writer, so no binary file is checked in.
#include "server/src/workbook/xlsx_reader.h"

#include <gtest/gtest.h>
#include <minizip/zip.h>

#include <string>
#include <utility>
#include <vector>

#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::server::workbook {
namespace {

using Parts = std::vector<std::pair<std::string, std::string>>;

void Zip(const std::string& path, const Parts& parts) {
  zipFile zip = zipOpen64(path.c_str(), 0);
  ASSERT_NE(zip, nullptr);
  for (const auto& [name, text] : parts) {
    ASSERT_EQ(zipOpenNewFileInZip64(zip, name.c_str(), nullptr, nullptr, 0, nullptr, 0, nullptr,
                                    Z_DEFLATED, Z_DEFAULT_COMPRESSION, 0),
              ZIP_OK);
    ASSERT_EQ(zipWriteInFileInZip(zip, text.data(), static_cast<unsigned>(text.size())), ZIP_OK);
    ASSERT_EQ(zipCloseFileInZip(zip), ZIP_OK);
  }
  ASSERT_EQ(zipClose(zip, nullptr), ZIP_OK);
}

Parts Workbook(const std::string& sheet_xml, const std::string& shared_xml) {
  return {
      {"xl/workbook.xml",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<x:workbook xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"
 xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">
<x:sheets><x:sheet name="survey" sheetId="1" r:id="rId7"/></x:sheets></x:workbook>)"},
      {"xl/_rels/workbook.xml.rels",
       R"(<?xml version="1.0" encoding="UTF-8"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/data.xml"/>
<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="strings.xml"/>
</Relationships>)"},
      {"xl/strings.xml", shared_xml},
      {"xl/worksheets/data.xml", sheet_xml},
  };
}

constexpr const char* kShared = R"(<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="3" uniqueCount="3">
<si><t>type</t></si>
<si><r><rPr><b/></rPr><t>燃气</t></r><r><t xml:space="preserve"> 软管</t></r><rPh sb="0" eb="2"><t>ランキ</t></rPh></si>
<si><t>a &amp; b</t></si>
</sst>)";

TEST(XlsxReaderTest, ReadsWhatExcelWritesBeyondLibxlsxwriter) {
  testing::TempDir dir;
  const std::string path = dir.Join("excel.xlsx");
  Zip(path, Workbook(R"(<?xml version="1.0" encoding="UTF-8"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>
<row><c t="b"><v>1</v></c><c t="str"><f>A1&amp;"x"</f><v>typex</v></c><c><v>0.10000000000000001</v></c></row>
<row r="5"><c r="B5" t="inlineStr"><is><r><t>行</t></r><r><t>内</t></r></is></c><c t="s"><v>2</v></c></row>
</sheetData></worksheet>)",
                     kShared));
  auto book = ReadXlsxFile(path);
  ASSERT_TRUE(book.ok()) << book.status().ToString();
  ASSERT_EQ(book->sheets.size(), 1u);
  const Sheet& s = book->sheets[0];
  EXPECT_EQ(s.name, "survey");
  EXPECT_EQ(s.At(1, 0), "type");
  EXPECT_EQ(s.At(1, 1), "");
  EXPECT_EQ(s.At(1, 2), "燃气 软管") << "runs joined, the phonetic reading left out";
  EXPECT_EQ(s.At(2, 0), "TRUE");
  EXPECT_EQ(s.At(2, 1), "typex") << "a formula reads as its cached result";
  EXPECT_EQ(s.At(2, 2), "0.1");
  EXPECT_EQ(s.At(5, 1), "行内");
  EXPECT_EQ(s.At(5, 2), "a & b");
  EXPECT_EQ(s.rows.size(), 5u);
}

TEST(XlsxReaderTest, DamagedPartsAreRefusedWithWhatToDo) {
  testing::TempDir dir;
  const std::string bad_index = dir.Join("index.xlsx");
  Zip(bad_index, Workbook(R"(<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>9</v></c></row>
</sheetData></worksheet>)",
                          kShared));
  auto book = ReadXlsxFile(bad_index);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("shared string '9'"), std::string::npos)
      << book.status().ToString();

  const std::string bad_xml = dir.Join("xml.xlsx");
  Zip(bad_xml, Workbook("<worksheet><sheetData><row>", kShared));
  book = ReadXlsxFile(bad_xml);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("not well-formed XML"), std::string::npos)
      << book.status().ToString();
  EXPECT_NE(book.status().message().find("save it again"), std::string::npos);

  const std::string far = dir.Join("far.xlsx");
  Zip(far, Workbook(R"(<worksheet><sheetData><row r="1"><c r="XFD1048576"><v>1</v></c></row>
</sheetData></worksheet>)",
                    kShared));
  book = ReadXlsxFile(far);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("delete the cells far below"), std::string::npos)
      << book.status().ToString();

  const std::string no_workbook = dir.Join("zip.xlsx");
  Zip(no_workbook, {{"word/document.xml", "<w/>"}});
  book = ReadXlsxFile(no_workbook);
  ASSERT_FALSE(book.ok());
  EXPECT_NE(book.status().message().find("not an .xlsx workbook (it has no xl/workbook.xml)"),
            std::string::npos)
      << book.status().ToString();
}

}  // namespace
}  // namespace qiaomen::server::workbook
