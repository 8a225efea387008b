// The console's two catalogues (issue 17: Chinese first, English switchable) and the importer's:
// every text in both languages with the same values, and every text the templates and the
// console's code name is there.
#include "server/src/console/console_text.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <vector>

#include "qiaomen/base/message_format.h"
#include "qiaomen/server/subject_import.h"

namespace qiaomen::server::console {
namespace {

std::string ReadSource(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// The {{values}} a text fills in. (No std::regex: GCC 12 warns inside it under -O1.)
std::set<std::string> Values(std::string_view text) {
  std::set<std::string> out;
  for (size_t at = text.find("{{"); at != std::string_view::npos; at = text.find("{{", at + 2)) {
    const size_t end = text.find("}}", at);
    if (end != std::string_view::npos) out.insert(std::string(text.substr(at + 2, end - at - 2)));
  }
  return out;
}

bool IsKeyChar(char c) { return (c >= 'a' && c <= 'z') || c == '_'; }

// The string literals of `source` that look like catalogue keys: "word.word".
std::vector<std::string> KeyLiterals(const std::string& source) {
  std::vector<std::string> out;
  for (size_t open = source.find('"'); open != std::string::npos;
       open = source.find('"', open + 1)) {
    size_t i = open + 1;
    size_t dots = 0, before = 0, after = 0;
    for (; i < source.size() && (IsKeyChar(source[i]) || source[i] == '.'); ++i) {
      if (source[i] == '.') {
        ++dots;
      } else {
        (dots == 0 ? before : after) += 1;
      }
    }
    if (i < source.size() && source[i] == '"' && dots == 1 && before > 0 && after > 0 &&
        source[i - 1] != '.') {
      out.push_back(source.substr(open + 1, i - open - 1));
      open = i;
    }
  }
  return out;
}

std::map<std::string_view, std::string_view> Entries(std::span<const ConsoleTextEntry> texts) {
  std::map<std::string_view, std::string_view> out;
  for (const auto& entry : texts) {
    EXPECT_TRUE(out.emplace(entry.key, entry.text).second) << "twice: " << entry.key;
  }
  return out;
}

TEST(ConsoleTextTest, BothCataloguesHaveEveryTextWithTheSameValues) {
  const auto zh = Entries(ConsoleZhTexts());
  const auto en = Entries(ConsoleEnTexts());
  ASSERT_GT(zh.size(), 100u);
  for (const auto& [key, text] : zh) {
    ASSERT_TRUE(en.count(key)) << key << " has no English text";
    EXPECT_FALSE(text.empty()) << key;
    EXPECT_FALSE(en.at(key).empty()) << key;
    EXPECT_EQ(base::MessageArgCount(text), base::MessageArgCount(en.at(key))) << key;
    EXPECT_EQ(Values(text), Values(en.at(key))) << key;
  }
  for (const auto& [key, text] : en) EXPECT_TRUE(zh.count(key)) << key << " has no Chinese text";
}

TEST(ConsoleTextTest, EveryTextTheTemplatesAndThePagesNameIsInTheCatalogues) {
  const std::filesystem::path root(QIAOMEN_SOURCE_DIR);
  size_t named = 0;
  for (const auto& file : std::filesystem::directory_iterator(root / "server/console/templates")) {
    const std::string text = ReadSource(file.path());
    for (auto language : {Language::kZh, Language::kEn}) {
      auto localized = Localize(text, language);
      ASSERT_TRUE(localized.ok()) << file.path() << ": " << localized.status().ToString();
      EXPECT_EQ(localized->find("[["), std::string::npos) << file.path();
    }
    named += static_cast<size_t>(std::count(text.begin(), text.end(), '[')) / 2;
  }
  EXPECT_GT(named, 100u) << "the templates name their texts";
  // The keys the pages' code names as literals ("hazard.none"); those made from a code
  // ("entity." + name) are checked by the pages' own tests in English.
  for (const auto& file : std::filesystem::directory_iterator(root / "server/src/console")) {
    const std::string name = file.path().filename().string();
    if (name.rfind("console_text", 0) == 0) continue;
    for (const std::string& found : KeyLiterals(ReadSource(file.path()))) {
      if (found.ends_with(".csv") || found.ends_with(".cn")) continue;  // a file, an address
      EXPECT_NE(Tr(Language::kZh, found), found) << name << " names " << found;
      EXPECT_NE(Tr(Language::kEn, found), found) << name << " names " << found;
    }
  }
}

TEST(ConsoleTextTest, LocalizeRefusesAnUnknownText) {
  EXPECT_EQ(Localize("<b>[[nav.today]]</b>", Language::kEn).value_or(""), "<b>Today</b>");
  EXPECT_EQ(Localize("<b>[[nav.today]]</b>", Language::kZh).value_or(""), "<b>今日</b>");
  EXPECT_FALSE(Localize("[[no.such_text]]", Language::kZh).ok());
  EXPECT_FALSE(Localize("[[nav.today", Language::kZh).ok());
}

// The importer's problems: each kind said in both languages, naming the same line, column and
// values, from its catalogue (the console's 导入 page and import-subjects both use it).
TEST(ImportProblemTextTest, EveryKindIsSaidInBothLanguagesWithItsValues) {
  for (int i = 0; i < static_cast<int>(ImportProblemKind::kCount); ++i) {
    ImportProblem p{
        static_cast<ImportProblemKind>(i), 7, "COLUMNX", "VALUEX", "DETAILX", "SECONDX"};
    const std::string zh = ImportProblemLine(p, Language::kZh);
    const std::string en = ImportProblemLine(p, Language::kEn);
    EXPECT_NE(zh.find("第 7 行："), std::string::npos) << zh;
    EXPECT_EQ(en.rfind("line 7: ", 0), 0u) << en;
    EXPECT_GT(zh.size(), 12u) << "kind " << i;
    EXPECT_GT(en.size(), 12u) << "kind " << i;
    for (const char* value : {"COLUMNX", "VALUEX", "DETAILX", "SECONDX"}) {
      EXPECT_EQ(zh.find(value) == std::string::npos, en.find(value) == std::string::npos)
          << "kind " << i << " names " << value << " in one language only:\n"
          << zh << "\n"
          << en;
    }
    EXPECT_EQ(zh.find('{'), std::string::npos) << zh;
    EXPECT_EQ(en.find('{'), std::string::npos) << en;
  }
}

}  // namespace
}  // namespace qiaomen::server::console
