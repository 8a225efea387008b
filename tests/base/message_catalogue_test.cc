#include "qiaomen/base/message_catalogue.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

enum class TestMsg : int { kHello, kBye, kMissing, kCount };

TEST(MessageTableTest, FindsEachTextByItsIdWhateverTheEntriesOrder) {
  static constexpr MessageEntry<TestMsg> kEntries[] = {{TestMsg::kBye, "再见"},
                                                       {TestMsg::kHello, "你好 {0}"}};
  const MessageTable<TestMsg> table(kEntries);
  EXPECT_EQ(table.Text(TestMsg::kHello), "你好 {0}");
  EXPECT_EQ(table.Text(TestMsg::kBye), "再见");
}

TEST(MessageTableTest, AMissingOrOutOfRangeIdReadsAsEmpty) {
  static constexpr MessageEntry<TestMsg> kEntries[] = {{TestMsg::kHello, "hello"},
                                                       {static_cast<TestMsg>(7), "stray"}};
  const MessageTable<TestMsg> table(kEntries);
  EXPECT_EQ(table.Text(TestMsg::kMissing), "");
  EXPECT_EQ(table.Text(static_cast<TestMsg>(7)), "");
  EXPECT_EQ(table.Text(TestMsg::kCount), "");
}

}  // namespace
}  // namespace qiaomen::base
