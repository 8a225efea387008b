#include "qiaomen/server/county_cli.h"

#include <gtest/gtest.h>

#include <sstream>

namespace qiaomen::server {
namespace {

TEST(CountyCliTest, HelpListsCommandsAndUnknownCommandIsAUsageError) {
  std::ostringstream out, err;
  EXPECT_EQ(RunCountyCli({"help"}, out, err), 0);
  EXPECT_NE(out.str().find("Usage: qiaomen-county"), std::string::npos);
  std::ostringstream out2, err2;
  EXPECT_EQ(RunCountyCli({"frobnicate"}, out2, err2), 2);
  EXPECT_NE(err2.str().find("unknown command 'frobnicate'"), std::string::npos);
}

}  // namespace
}  // namespace qiaomen::server
