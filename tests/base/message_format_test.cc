#include "qiaomen/base/message_format.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

TEST(MessageFormatTest, FillsNumberedArgumentsInAnyOrder) {
  EXPECT_EQ(FormatMessage("{0} of {1}", {"a", "b"}), "a of b");
  EXPECT_EQ(FormatMessage("{1}的{0}", {"a", "b"}), "b的a");
  EXPECT_EQ(FormatMessage("{0}{0}", {"x"}), "xx");
}

TEST(MessageFormatTest, LeavesOtherBracesAndMissingArgumentsAsTheyAre) {
  EXPECT_EQ(FormatMessage("{\"a\": {2}} {x}", {"0"}), "{\"a\": {2}} {x}");
  EXPECT_EQ(FormatMessage("end {", {}), "end {");
}

TEST(MessageFormatTest, CountsArguments) {
  EXPECT_EQ(MessageArgCount("none"), 0);
  EXPECT_EQ(MessageArgCount("{1} and {0}"), 2);
  EXPECT_EQ(MessageArgCount("{2}"), 3);
}

}  // namespace
}  // namespace qiaomen::base
