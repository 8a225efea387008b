#include "qiaomen/base/display_width.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

TEST(DisplayWidthTest, ChineseTakesTwoColumnsAsciiOne) {
  EXPECT_EQ(DisplayWidth(""), 0u);
  EXPECT_EQ(DisplayWidth("H001"), 4u);
  EXPECT_EQ(DisplayWidth("王秀英"), 6u);
  EXPECT_EQ(DisplayWidth("东岭村1组2号"), 12u);
  EXPECT_EQ(DisplayWidth("（１）"), 6u) << "fullwidth forms";
  EXPECT_EQ(DisplayWidth("e\xCC\x81"), 1u) << "a combining accent takes no column";
  EXPECT_EQ(DisplayWidth("\xFF"), 1u) << "a stray byte still takes a column";
}

TEST(DisplayWidthTest, PadsToColumnsNotBytes) {
  EXPECT_EQ(PadToWidth("张芳", 6), "张芳  ");
  EXPECT_EQ(PadToWidth("H1", 4), "H1  ");
  EXPECT_EQ(PadToWidth("王秀英", 4), "王秀英");
}

}  // namespace
}  // namespace qiaomen::base
