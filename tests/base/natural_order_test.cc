#include "qiaomen/base/natural_order.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace qiaomen::base {
namespace {

TEST(NaturalOrderTest, NumbersCompareByValue) {
  EXPECT_LT(CompareNatural("东岭村1组2号", "东岭村1组10号"), 0);
  EXPECT_GT(CompareNatural("东岭村2组1号", "东岭村1组30号"), 0);
  EXPECT_EQ(CompareNatural("H001", "H001"), 0);
  EXPECT_LT(CompareNatural("H9", "H10"), 0);
  EXPECT_LT(CompareNatural("1号", "01号"), 0) << "the same value: the shorter spelling first";
}

TEST(NaturalOrderTest, SimpleChineseNumeralsCountAsNumbers) {
  EXPECT_LT(CompareNatural("二组", "十组"), 0);
  EXPECT_LT(CompareNatural("九号", "十二号"), 0);
  EXPECT_LT(CompareNatural("十九号", "二十号"), 0);
  EXPECT_LT(CompareNatural("九十九号", "一百零五号"), 0);
  EXPECT_LT(CompareNatural("三组", "4组"), 0) << "digits and numerals compare as numbers";
}

TEST(NaturalOrderTest, SortsAVillageByGroupThenNumber) {
  std::vector<std::string> addresses = {"东岭村2组1号", "东岭村1组10号", "东岭村1组2号",
                                        "东岭村一组3号", "东岭村1组1号"};
  std::sort(addresses.begin(), addresses.end(), NaturalLess);
  EXPECT_EQ(addresses, (std::vector<std::string>{"东岭村1组1号", "东岭村1组2号", "东岭村一组3号",
                                                 "东岭村1组10号", "东岭村2组1号"}));
}

}  // namespace
}  // namespace qiaomen::base
