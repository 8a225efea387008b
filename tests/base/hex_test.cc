#include "qiaomen/base/hex.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

TEST(HexTest, EncodesLowerCaseTwoDigitsPerByte) {
  EXPECT_EQ(HexEncode(""), "");
  EXPECT_EQ(HexEncode(std::string("\x00\x01\xab\xff", 4)), "0001abff");
}

TEST(HexTest, DecodesEitherCaseAndRoundTrips) {
  EXPECT_EQ(HexDecode("0001ABff"), std::string("\x00\x01\xab\xff", 4));
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  EXPECT_EQ(HexDecode(HexEncode(all)), all);
}

TEST(HexTest, RefusesOddLengthsAndNonDigits) {
  EXPECT_FALSE(HexDecode("abc"));
  EXPECT_FALSE(HexDecode("zz"));
  EXPECT_FALSE(HexDecode("0g"));
  EXPECT_FALSE(HexDecode(" 01"));
}

TEST(HexTest, IsLowerHexChecksLengthAndCase) {
  EXPECT_TRUE(IsLowerHex("00ff", 2));
  EXPECT_FALSE(IsLowerHex("00FF", 2));
  EXPECT_FALSE(IsLowerHex("00f", 2));
  EXPECT_FALSE(IsLowerHex("00ffee", 2));
  EXPECT_FALSE(IsLowerHex("00fg", 2));
}

}  // namespace
}  // namespace qiaomen::base
