// Issue 18, item 6: `qiaomen tasks` in the order a worker walks (村, 组, 号 as numbers), searched
// by name, address, phone or id, counting the grids its tasks are in, its columns lined up by
// display width under a header.
#include <gtest/gtest.h>

#include <sstream>

#include "cli_fixture.h"
#include "qiaomen/base/display_width.h"

namespace qiaomen::cli::testing {
namespace {

std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

class TasksTest : public CliFixture {
 protected:
  void SetUp() override {
    Enroll("w-tasks-order", "grids:T01-V01-G01,T01-V01-G02");
    ASSERT_EQ(Run({"sync"}).exit_code, 0);
    // 1组10号 sorts after 1组3号... by value, though "10" < "3" by code point.
    ASSERT_EQ(Run({"subject", "update", "H003", "--address", "东岭村1组10号"}).exit_code, 0);
  }
};

TEST_F(TasksTest, TasksAreInAddressOrderWithAHeaderAndAlignedColumns) {
  CliRun r = Run({"tasks"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto lines = Lines(r.out);
  ASSERT_EQ(lines.size(), 6u) << r.out;
  EXPECT_EQ(lines[0].rfind("编号", 0), 0u) << r.out;
  const char* order[] = {"H001", "H002", "H003", "H004"};
  for (int i = 0; i < 4; ++i) EXPECT_EQ(lines[i + 1].rfind(order[i], 0), 0u) << r.out;
  // The address column starts at the same display column on every line, header included.
  const size_t column = base::DisplayWidth(lines[0].substr(0, lines[0].find("地址")));
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(base::DisplayWidth(lines[i].substr(0, lines[i].find("东岭村"))), column) << r.out;
  }
  EXPECT_EQ(lines[5], "共 4 项任务，分布在 2 个网格。") << r.out;
}

TEST_F(TasksTest, SearchFindsByNameAddressPhoneOrIdAndCountsTheGridsOfWhatItFound) {
  for (const auto& [search, found] : std::vector<std::pair<std::string, std::string>>{
           {"李建国", "H002"}, {"2组1号", "H004"}, {"13100000003", "H003"}, {"h004", "H004"}}) {
    CliRun r = Run({"tasks", "--search", search});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    auto lines = Lines(r.out);
    ASSERT_EQ(lines.size(), 3u) << search << ":\n" << r.out;
    EXPECT_EQ(lines[1].rfind(found, 0), 0u) << search << ":\n" << r.out;
    EXPECT_EQ(lines[2], "共 1 项任务，分布在 1 个网格。") << r.out;
  }
  CliRun none = Run({"tasks", "--search", "无此人"});
  EXPECT_EQ(none.out, "共 0 项任务，分布在 0 个网格。\n");
}

}  // namespace
}  // namespace qiaomen::cli::testing
