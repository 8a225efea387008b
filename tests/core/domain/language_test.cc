#include "qiaomen/core/domain/language.h"

#include <gtest/gtest.h>

#include <map>
#include <string>

namespace qiaomen::core::domain {
namespace {

Language FromEnv(const std::map<std::string, std::string>& env) {
  return LanguageFromEnvironment([&](const char* name) -> const char* {
    auto it = env.find(name);
    return it == env.end() ? nullptr : it->second.c_str();
  });
}

TEST(LanguageTest, ChineseUnlessTheLocaleAsksForEnglish) {
  EXPECT_EQ(FromEnv({}), Language::kZh);
  EXPECT_EQ(FromEnv({{"LANG", "C.UTF-8"}}), Language::kZh);
  EXPECT_EQ(FromEnv({{"LANG", "zh_CN.UTF-8"}}), Language::kZh);
  EXPECT_EQ(FromEnv({{"LANG", "en_US.UTF-8"}}), Language::kEn);
  EXPECT_EQ(FromEnv({{"LANG", "en_US.UTF-8"}, {"LC_ALL", "zh_CN.UTF-8"}}), Language::kZh);
  EXPECT_EQ(FromEnv({{"LANG", "zh_CN.UTF-8"}, {"LANGUAGE", "en_GB:en"}}), Language::kEn);
  EXPECT_EQ(FromEnv({{"LANG", "en_US.UTF-8"}, {"LC_ALL", ""}}), Language::kEn);
}

TEST(LanguageTest, TheOptionTakesZhOrEn) {
  EXPECT_EQ(*ParseLanguageOption("en"), Language::kEn);
  EXPECT_EQ(*ParseLanguageOption("en_US.UTF-8"), Language::kEn);
  EXPECT_EQ(*ParseLanguageOption("zh"), Language::kZh);
  auto bad = ParseLanguageOption("fr");
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("zh"), std::string::npos);
}

}  // namespace
}  // namespace qiaomen::core::domain
