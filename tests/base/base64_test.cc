#include "qiaomen/base/base64.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

TEST(Base64Test, EncodesTheRfc4648Vectors) {
  EXPECT_EQ(Base64Encode(""), "");
  EXPECT_EQ(Base64Encode("f"), "Zg==");
  EXPECT_EQ(Base64Encode("fo"), "Zm8=");
  EXPECT_EQ(Base64Encode("foo"), "Zm9v");
  EXPECT_EQ(Base64Encode("foob"), "Zm9vYg==");
  EXPECT_EQ(Base64Encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(Base64Encode("foobar"), "Zm9vYmFy");
  EXPECT_EQ(Base64Encode("\xfb\xff"), "+/8=");
}

TEST(Base64Test, DecodesWhatItEncodes) {
  EXPECT_EQ(Base64Decode("Zm9vYmE="), "fooba");
  EXPECT_EQ(Base64Decode("Zm9vYg=="), "foob");
  EXPECT_EQ(Base64Decode(""), "");
  std::string all;
  for (int i = 0; i < 256; ++i) all.push_back(static_cast<char>(i));
  for (size_t n = 0; n < 8; ++n) {
    EXPECT_EQ(Base64Decode(Base64Encode(all.substr(n))), all.substr(n)) << n;
  }
}

TEST(Base64Test, RefusesAnythingButStrictPaddedText) {
  EXPECT_FALSE(Base64Decode("Zm9"));       // not a multiple of 4
  EXPECT_FALSE(Base64Decode("Zm9v\n"));    // whitespace
  EXPECT_FALSE(Base64Decode("Zm-_"));      // URL-safe alphabet
  EXPECT_FALSE(Base64Decode("Zg=a"));      // padding before data
  EXPECT_FALSE(Base64Decode("Zg==Zm9v"));  // padding in the middle
  EXPECT_FALSE(Base64Decode("Zh=="));      // non-zero bits under the padding
  EXPECT_FALSE(Base64Decode("Zm9="));
  EXPECT_FALSE(Base64Decode("===="));
}

}  // namespace
}  // namespace qiaomen::base
