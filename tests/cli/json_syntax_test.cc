// Issue 18: a JSON file with a mistake is refused with the line and column of the mistake.
#include "cli/src/json_syntax.h"

#include <gtest/gtest.h>

namespace qiaomen::cli {
namespace {

std::string Where(std::string_view text) {
  auto at = JsonSyntaxError(text);
  return at ? std::to_string(at->line) + ":" + std::to_string(at->column) : "valid";
}

TEST(JsonSyntaxTest, ValidTextHasNoError) {
  EXPECT_EQ(Where(R"({"a": [1, -2.5e3, true, false, null, "x\"\u00e9"], "b": {}})"), "valid");
  EXPECT_EQ(Where(" [ ] \n"), "valid");
  EXPECT_EQ(Where("\"走访\""), "valid");
}

TEST(JsonSyntaxTest, TheFirstMistakeIsNamedByLineAndColumn) {
  EXPECT_EQ(Where("{\"subject\": \"H001\",\n \"outcome\": checked}"), "2:13");  // unquoted
  EXPECT_EQ(Where("{\"a\": 1,\n}"), "2:1");                                     // trailing comma
  EXPECT_EQ(Where("{\"a\": 1\n \"b\": 2}"), "2:2");                             // missing comma
  EXPECT_EQ(Where("{\"subject\": "), "1:13");                                   // cut short
  EXPECT_EQ(Where("{'a': 1}"), "1:2");                                          // single quotes
  EXPECT_EQ(Where("{} {}"), "1:4");                                             // two values
  EXPECT_EQ(Where(""), "1:1");
  EXPECT_EQ(Where("[01]"), "1:3");
  EXPECT_EQ(Where(std::string(300, '[')), "1:201");  // too deep
}

}  // namespace
}  // namespace qiaomen::cli
