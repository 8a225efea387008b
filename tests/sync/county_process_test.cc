// The test harness's process helpers (tests/testing/county_server.cc) when the children are reaped
// behind their back: with SIGCHLD ignored (inherited from a parent that set it, as some CI runners
// and shells do) the kernel reaps every child and waitpid fails with ECHILD once the child is gone.
// RunCounty and ServerProcess::Stop must then return, not spin forever.

#include <gtest/gtest.h>

#include <chrono>
#include <csignal>

#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/county_server.h"
#include "tests/sync/test_watchdog.h"

namespace qiaomen::sync::testing {
namespace {

using qiaomen::testing::Backend;
using qiaomen::testing::CountyEnv;

// Ignores SIGCHLD while it lives (children are reaped by the kernel), then restores the handler.
class SigchldIgnored {
 public:
  SigchldIgnored() {
    struct sigaction ignore = {};
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    sigaction(SIGCHLD, &ignore, &old_);
  }
  ~SigchldIgnored() { sigaction(SIGCHLD, &old_, nullptr); }
  SigchldIgnored(const SigchldIgnored&) = delete;
  SigchldIgnored& operator=(const SigchldIgnored&) = delete;

 private:
  struct sigaction old_ = {};
};

TEST(CountyProcessTest, RunCountyReturnsWhenItsChildWasReapedElsewhere) {
  // Without the fix the wait loops forever: the watchdog fails the test and aborts the binary.
  TestWatchdog watchdog(std::chrono::seconds(30), std::chrono::seconds(2));
  qiaomen::testing::CommandResult result;
  {
    SigchldIgnored ignored;
    result = qiaomen::testing::RunCounty({"help"});
  }
  EXPECT_EQ(result.exit_code, -1) << "the exit status is lost with the child; -1 says so";
  EXPECT_FALSE(result.out.empty() && result.err.empty()) << "what it printed is still read";
  // With SIGCHLD back to default the same command reports its real status.
  EXPECT_EQ(qiaomen::testing::RunCounty({"help"}).exit_code, 0);
}

TEST(CountyProcessTest, StopReturnsWhenTheServerWasReapedElsewhere) {
  TestWatchdog watchdog(std::chrono::seconds(60), std::chrono::seconds(2));
  auto env = CountyEnv::Create(Backend::kSqlite);
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  auto server = (*env)->StartServer();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  {
    SigchldIgnored ignored;
    EXPECT_EQ((*server)->Stop(SIGKILL), -1);
  }
  EXPECT_EQ((*server)->pid(), -1) << "stopped: the destructor does not signal it again";
}

}  // namespace
}  // namespace qiaomen::sync::testing
