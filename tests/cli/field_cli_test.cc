#include "qiaomen/cli/field_cli.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <sstream>

#include "qiaomen/cli/pin_source.h"

namespace qiaomen::cli {
namespace {

// Issue 18: an empty QIAOMEN_PIN is refused before it is tried (it used to cost an attempt).
TEST(FieldCliTest, AnEmptyPinVariableIsRefusedNotTried) {
  ::setenv("QIAOMEN_PIN", "", 1);
  auto pin = EnvironmentPinSource()->ReadPin("current", "PIN: ");
  ::unsetenv("QIAOMEN_PIN");
  ASSERT_FALSE(pin.ok());
  EXPECT_EQ(pin.status().code(), core::Code::kInvalidArgument);
  EXPECT_NE(pin.status().message().find("QIAOMEN_PIN is set but empty"), std::string::npos)
      << pin.status().ToString();
  ::setenv("QIAOMEN_PIN", "2468", 1);
  pin = EnvironmentPinSource()->ReadPin("current", "PIN: ");
  ::unsetenv("QIAOMEN_PIN");
  ASSERT_TRUE(pin.ok());
  EXPECT_EQ(*pin, "2468");
}

TEST(FieldCliTest, HelpListsEveryCommandAndUnknownCommandIsAUsageError) {
  std::ostringstream out, err;
  EXPECT_EQ(RunFieldCli({"--help"}, out, err), 0);
  for (const char* name :
       {"enroll", "sync", "tasks", "subject show", "subject update", "visit record", "hazards",
        "hazard update", "status", "change-pin", "export-bundle"}) {
    EXPECT_NE(out.str().find(std::string("  ") + name), std::string::npos) << name;
  }
  std::ostringstream out2, err2;
  EXPECT_EQ(RunFieldCli({"nope"}, out2, err2), 2);
  EXPECT_NE(err2.str().find("unknown command 'nope'"), std::string::npos);
}

TEST(FieldCliTest, EveryCommandHasHelpAndRejectsUnknownOptions) {
  for (const auto& command : AllCommands()) {
    std::vector<std::string> args;
    size_t space = command.name.find(' ');
    args.push_back(command.name.substr(0, space));
    if (space != std::string::npos) args.push_back(command.name.substr(space + 1));
    auto help = args;
    help.push_back("--help");
    help.push_back("--lang=en");
    std::ostringstream out, err;
    EXPECT_EQ(RunFieldCli(help, out, err), 0) << command.name;
    EXPECT_NE(out.str().find("Usage: qiaomen " + command.name), std::string::npos) << out.str();
    // Issue 18: each command's help comes from the catalogues, Chinese unless English is asked.
    help.back() = "--lang=zh";
    std::ostringstream zh, zh_err;
    EXPECT_EQ(RunFieldCli(help, zh, zh_err), 0) << command.name;
    EXPECT_EQ(zh.str().rfind("用法：qiaomen " + command.name, 0), 0u) << zh.str();
    EXPECT_EQ(zh.str().find("Usage"), std::string::npos) << zh.str();
    auto bad = args;
    bad.push_back("--no-such-option");
    std::ostringstream out2, err2;
    EXPECT_EQ(RunFieldCli(bad, out2, err2), 2) << command.name;
    EXPECT_NE(err2.str().find("Unknown option --no-such-option"), std::string::npos);
  }
}

TEST(FieldCliTest, AGroupWithoutItsVerbSaysWhatToDo) {
  std::ostringstream out, err;
  EXPECT_EQ(RunFieldCli({"subject"}, out, err), 2);
  EXPECT_NE(err.str().find("qiaomen subject show"), std::string::npos);
  EXPECT_NE(err.str().find("qiaomen subject update"), std::string::npos);
}

TEST(FieldCliTest, ACommandOnAMissingProfileSaysToEnrol) {
  std::ostringstream out, err;
  EXPECT_EQ(RunFieldCli({"--data", "/nonexistent/qiaomen-profile", "status"}, out, err), 1);
  EXPECT_NE(err.str().find("Enrol this device first"), std::string::npos) << err.str();
}

}  // namespace
}  // namespace qiaomen::cli
