#include "qiaomen/base/gzip.h"

#include <gtest/gtest.h>
#include <zlib.h>

namespace qiaomen::base {
namespace {

std::string Repetitive() {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "visit " + std::to_string(i % 7) + " checked; ";
  return text;
}

TEST(GzipTest, RoundTripsAndShrinks) {
  const std::string text = Repetitive();
  const std::string zipped = GzipCompress(text);
  ASSERT_GE(zipped.size(), 2u);
  EXPECT_EQ(static_cast<unsigned char>(zipped[0]), 0x1f);  // the gzip magic
  EXPECT_EQ(static_cast<unsigned char>(zipped[1]), 0x8b);
  EXPECT_LT(zipped.size() * 10, text.size());
  EXPECT_EQ(*GzipDecompress(zipped, text.size()), text);
  EXPECT_EQ(*GzipDecompress(GzipCompress(""), 0), "");
  EXPECT_LE(GzipCompress(text, 9).size(), GzipCompress(text, 1).size());
  EXPECT_EQ(*GzipDecompress(GzipCompress(text, 9), text.size()), text);
}

TEST(GzipTest, RefusesTruncatedAndForeignStreams) {
  const std::string zipped = GzipCompress(Repetitive());
  auto truncated = GzipDecompress(zipped.substr(0, zipped.size() / 2), 1 << 20);
  EXPECT_EQ(truncated.status().code(), Code::kInvalidArgument);
  EXPECT_EQ(GzipDecompress("not gzip at all", 1 << 20).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(GzipDecompress("", 1 << 20).status().code(), Code::kInvalidArgument);
}

TEST(GzipTest, StopsABomb) {
  const std::string zeros(1 << 20, '\0');
  auto inflated = GzipDecompress(GzipCompress(zeros), zeros.size() - 1);
  EXPECT_EQ(inflated.status().code(), Code::kResourceExhausted);
  EXPECT_TRUE(GzipDecompress(GzipCompress(zeros), zeros.size()).ok());
}

TEST(GzipTest, ZlibStreamsOnlyWhenAsked) {
  const std::string text = Repetitive();
  std::string zlib(compressBound(text.size()), '\0');
  uLongf size = zlib.size();
  ASSERT_EQ(compress2(reinterpret_cast<Bytef*>(zlib.data()), &size,
                      reinterpret_cast<const Bytef*>(text.data()), text.size(), 6),
            Z_OK);
  zlib.resize(size);
  EXPECT_EQ(GzipDecompress(zlib, 1 << 20).status().code(), Code::kInvalidArgument);
  EXPECT_EQ(*GzipDecompress(zlib, 1 << 20, Compressed::kGzipOrZlib), text);
  EXPECT_EQ(*GzipDecompress(GzipCompress(text), 1 << 20, Compressed::kGzipOrZlib), text);
}

}  // namespace
}  // namespace qiaomen::base
