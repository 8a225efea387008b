#include "qiaomen/base/durable_file.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <thread>

#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::base {
namespace {

mode_t ModeOf(const std::string& path) {
  struct stat st {};
  EXPECT_EQ(::stat(path.c_str(), &st), 0) << path;
  return st.st_mode & 07777;
}

TEST(DurableFileTest, WritesWholeFilesWithTheModeAndNoLeftovers) {
  testing::TempDir tmp;
  const std::string path = tmp.Join("settings");
  ASSERT_TRUE(WriteFileAtomically(path, "first").ok());
  EXPECT_EQ(*ReadFile(path), "first");
  EXPECT_EQ(ModeOf(path), 0600u);
  ASSERT_TRUE(WriteFileAtomically(path, std::string("sec\0nd", 6)).ok());
  EXPECT_EQ(*ReadFile(path), std::string("sec\0nd", 6));
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));

  const std::string shared = tmp.Join("database-url");
  ASSERT_TRUE(WriteFileAtomically(shared, "x", 0640).ok());
  EXPECT_EQ(ModeOf(shared), 0640u);
  const std::vector<uint8_t> bytes = {1, 2, 3};
  ASSERT_TRUE(WriteFileAtomically(shared, std::span<const uint8_t>(bytes)).ok());
  EXPECT_EQ(*ReadFileBytes(shared), bytes);
}

TEST(DurableFileTest, ErrorsNameThePathAndLeaveTheOldFile) {
  testing::TempDir tmp;
  auto missing_dir = WriteFileAtomically(tmp.Join("no/such/dir/file"), "x");
  EXPECT_EQ(missing_dir.code(), Code::kNotFound);
  EXPECT_NE(missing_dir.message().find(tmp.Join("no/such/dir/file.tmp")), std::string::npos)
      << missing_dir.message();

  // The final name is a non-empty directory: the rename fails, the temporary file goes away and
  // the directory is untouched.
  const std::string path = tmp.Join("taken");
  ASSERT_TRUE(EnsureDir(path + "/inside").ok());
  auto refused = WriteFileAtomically(path, "x");
  EXPECT_FALSE(refused.ok());
  EXPECT_NE(refused.message().find(path), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(path + ".tmp"));
  EXPECT_TRUE(std::filesystem::is_directory(path + "/inside"));

  EXPECT_EQ(ReadFile(tmp.Join("absent")).status().code(), Code::kNotFound);
}

TEST(DurableFileTest, RenameDurablyMovesOrLeavesTheSource) {
  testing::TempDir tmp;
  ASSERT_TRUE(WriteFileAtomically(tmp.Join("a.part"), "blob").ok());
  ASSERT_TRUE(RenameDurably(tmp.Join("a.part"), tmp.Join("a")).ok());
  EXPECT_EQ(*ReadFile(tmp.Join("a")), "blob");
  EXPECT_FALSE(std::filesystem::exists(tmp.Join("a.part")));

  ASSERT_TRUE(WriteFileAtomically(tmp.Join("b.part"), "blob").ok());
  auto refused = RenameDurably(tmp.Join("b.part"), tmp.Join("missing/b"));
  EXPECT_EQ(refused.code(), Code::kNotFound);
  EXPECT_NE(refused.message().find(tmp.Join("missing/b")), std::string::npos);
  EXPECT_EQ(*ReadFile(tmp.Join("b.part")), "blob") << "an upload part keeps its bytes";
}

TEST(DurableFileTest, EnsureDirCreatesParentsAndSetsTheMode) {
  testing::TempDir tmp;
  const std::string dir = tmp.Join("a/b/c");
  ASSERT_TRUE(EnsureDir(dir, 0750).ok());
  EXPECT_EQ(ModeOf(dir), 0750u);
  EXPECT_EQ(ModeOf(tmp.Join("a/b")), 0750u);
  ASSERT_TRUE(EnsureDir(dir).ok());  // an existing folder is tightened to 0700
  EXPECT_EQ(ModeOf(dir), 0700u);
  ASSERT_TRUE(WriteFileAtomically(tmp.Join("file"), "x").ok());
  EXPECT_EQ(EnsureDir(tmp.Join("file")).code(), Code::kIOError);
}

TEST(DurableFileTest, DirName) {
  EXPECT_EQ(DirName("a/b/c"), "a/b");
  EXPECT_EQ(DirName("/c"), "/");
  EXPECT_EQ(DirName("c"), ".");
}

std::atomic<int> alarms{0};
void CountAlarm(int) { alarms.fetch_add(1); }

// A write blocked on a full pipe is interrupted by a signal installed without SA_RESTART, so
// write(2) returns EINTR; WriteAll must go on and finish once a reader drains the pipe.
TEST(DurableFileTest, WriteAllRetriesWhenASignalInterrupts) {
  int pipe_fds[2];
  ASSERT_EQ(::pipe(pipe_fds), 0);
  Fd reader(pipe_fds[0]), writer(pipe_fds[1]);
  const int flags = ::fcntl(writer.get(), F_GETFL);
  ASSERT_EQ(::fcntl(writer.get(), F_SETFL, flags | O_NONBLOCK), 0);
  char block[4096] = {};
  size_t queued = 0;
  while (true) {
    const ssize_t n = ::write(writer.get(), block, sizeof block);
    if (n <= 0) break;
    queued += static_cast<size_t>(n);
  }
  while (::write(writer.get(), block, 1) == 1) ++queued;  // the last bytes of room
  ASSERT_EQ(::fcntl(writer.get(), F_SETFL, flags), 0);

  struct sigaction action {
  }, previous{};
  action.sa_handler = CountAlarm;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: the blocked write fails with EINTR
  ASSERT_EQ(::sigaction(SIGALRM, &action, &previous), 0);
  alarms = 0;

  std::thread drain([&] {
    sigset_t alarm_only;
    sigemptyset(&alarm_only);
    sigaddset(&alarm_only, SIGALRM);
    pthread_sigmask(SIG_BLOCK, &alarm_only, nullptr);  // the signal must hit the writer
    while (alarms.load() == 0) std::this_thread::sleep_for(std::chrono::milliseconds(5));
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    char sink[4096];
    size_t left = queued + 10;
    while (left > 0) {
      const ssize_t n = ::read(reader.get(), sink, std::min(sizeof sink, left));
      if (n <= 0) break;
      left -= static_cast<size_t>(n);
    }
  });
  struct itimerval timer {};
  timer.it_value.tv_usec = 50 * 1000;
  ASSERT_EQ(::setitimer(ITIMER_REAL, &timer, nullptr), 0);
  const uint8_t ten[10] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
  Status written = WriteAll(writer.get(), ten, "the pipe");
  drain.join();
  ::sigaction(SIGALRM, &previous, nullptr);
  EXPECT_GE(alarms.load(), 1);
  EXPECT_TRUE(written.ok()) << written.ToString();
}

}  // namespace
}  // namespace qiaomen::base
