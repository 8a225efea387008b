#include "qiaomen/cli/field_cli.h"

#include <gtest/gtest.h>

#include <sstream>

namespace qiaomen::cli {
namespace {

TEST(FieldCliTest, HelpListsCommandsAndUnknownCommandIsAUsageError) {
  std::ostringstream out, err;
  EXPECT_EQ(RunFieldCli({"--help"}, out, err), 0);
  EXPECT_NE(out.str().find("Usage: qiaomen"), std::string::npos);
  std::ostringstream out2, err2;
  EXPECT_EQ(RunFieldCli({"nope"}, out2, err2), 2);
  EXPECT_NE(err2.str().find("unknown command 'nope'"), std::string::npos);
}

}  // namespace
}  // namespace qiaomen::cli
