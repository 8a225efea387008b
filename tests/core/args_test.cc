#include "qiaomen/core/args.h"

#include <gtest/gtest.h>

namespace qiaomen::core {
namespace {

const ArgSpec kSpec{{"data", "server"}, {"json"}};

TEST(ArgsTest, ParsesValuesFlagsAndPositionals) {
  auto args =
      Args::Parse({"sync", "--data", "/p", "--server=https://x", "--json", "--", "--raw"}, kSpec);
  ASSERT_TRUE(args.ok()) << args.status().ToString();
  EXPECT_EQ(args->Get("data"), "/p");
  EXPECT_EQ(args->Get("server"), "https://x");
  EXPECT_TRUE(args->Has("json"));
  EXPECT_EQ(args->positionals(), (std::vector<std::string>{"sync", "--raw"}));
  EXPECT_FALSE(args->Require("missing").ok());
}

TEST(ArgsTest, RejectsUnknownAndIncompleteOptions) {
  auto unknown = Args::Parse({"--colour", "red"}, kSpec);
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("--colour"), std::string::npos);
  auto missing = Args::Parse({"--data"}, kSpec);
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("needs a value"), std::string::npos);
  EXPECT_FALSE(Args::Parse({"--json=yes"}, kSpec).ok());
}

}  // namespace
}  // namespace qiaomen::core
