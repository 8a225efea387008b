#include "qiaomen/base/text_encoding.h"

#include <gtest/gtest.h>

namespace qiaomen::base {
namespace {

TEST(TextEncodingTest, Utf8IsCheckedStrictly) {
  EXPECT_TRUE(IsUtf8(""));
  EXPECT_TRUE(IsUtf8("王秀英 abc 😀"));
  EXPECT_FALSE(IsUtf8("\xC0\xAF")) << "overlong '/'";
  EXPECT_FALSE(IsUtf8("\xED\xA0\x80")) << "a surrogate";
  EXPECT_FALSE(IsUtf8("\xF4\x90\x80\x80")) << "above U+10FFFF";
  EXPECT_FALSE(IsUtf8("\xE7\x8E")) << "cut short";
  EXPECT_FALSE(IsUtf8("\xCD\xF5\xD0\xE3")) << "GBK 王秀";
}

TEST(TextEncodingTest, DecodesUtf8BomUtf16AndGbk) {
  auto plain = DecodeText("名字,1\n", "f");
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ(plain->text, "名字,1\n");
  EXPECT_EQ(plain->encoding, "UTF-8");

  auto bom = DecodeText("\xEF\xBB\xBFid,名\n", "f");
  ASSERT_TRUE(bom.ok());
  EXPECT_EQ(bom->text, "id,名\n");
  EXPECT_EQ(bom->encoding, "UTF-8 with BOM");

  auto gbk = DecodeText("\xCD\xF5\xD0\xE3\xD3\xA2,3\n", "f");
  ASSERT_TRUE(gbk.ok()) << gbk.status().ToString();
  EXPECT_EQ(gbk->text, "王秀英,3\n");
  EXPECT_EQ(gbk->encoding, "GB18030");

  // "王a" in UTF-16 little-endian with its BOM.
  auto utf16 = DecodeText(std::string("\xFF\xFE\x8B\x73\x61\x00", 6), "f");
  ASSERT_TRUE(utf16.ok()) << utf16.status().ToString();
  EXPECT_EQ(utf16->text, "王a");
  EXPECT_EQ(utf16->encoding, "UTF-16");
}

TEST(TextEncodingTest, BinaryIsRefusedWithWhatToDo) {
  for (const std::string& bytes : {std::string("PK\x03\x04\x14\x00\x06\x00\xFF", 9),
                                   std::string("\x80\x80\x80"), std::string("\xEF\xBB\xBF\xFF")}) {
    auto decoded = DecodeText(bytes, "subjects.csv");
    ASSERT_FALSE(decoded.ok());
    EXPECT_EQ(decoded.status().code(), Code::kInvalidArgument);
    EXPECT_NE(decoded.status().message().find("subjects.csv"), std::string::npos);
    EXPECT_NE(decoded.status().message().find("CSV UTF-8"), std::string::npos);
  }
}

}  // namespace
}  // namespace qiaomen::base
