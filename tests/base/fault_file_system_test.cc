// The fault-injecting file system must be able to make a wrong writer fail: a rename whose folder
// was not synced, or contents that were not synced, are gone after a power loss; a correct
// WriteFileAtomically keeps the old or the new contents at every step.

#include "qiaomen/testing/fault_file_system.h"

#include <gtest/gtest.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <thread>

#include "qiaomen/base/file_system.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::testing {
namespace {

using base::Code;

std::span<const uint8_t> Bytes(std::string_view s) {
  return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

std::string Read(FaultFileSystem& fs, const std::string& path) {
  auto data = base::ReadWholeFile(fs, path);
  return data.ok() ? *data : "<" + std::string(base::CodeName(data.status().code())) + ">";
}

// A wrong writer: everything but the folder sync.
base::Status WriteWithoutFolderSync(base::FileSystem& fs, const std::string& path,
                                    std::string_view data) {
  QM_ASSIGN_OR_RETURN(auto file, fs.NewWritableFile(path + ".tmp", 0600));
  QM_RETURN_IF_ERROR(file->Append(Bytes(data)));
  QM_RETURN_IF_ERROR(file->Sync());
  QM_RETURN_IF_ERROR(file->Close());
  return fs.Rename(path + ".tmp", path);
}

// Another wrong writer: renames durably, but never syncs the contents.
base::Status WriteWithoutFileSync(base::FileSystem& fs, const std::string& path,
                                  std::string_view data) {
  QM_ASSIGN_OR_RETURN(auto file, fs.NewWritableFile(path + ".tmp", 0600));
  QM_RETURN_IF_ERROR(file->Append(Bytes(data)));
  QM_RETURN_IF_ERROR(file->Close());
  return base::RenameDurably(fs, path + ".tmp", path);
}

class FaultFileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(fs_.CreateDir("/p", 0700).ok());
    ASSERT_TRUE(base::WriteFileAtomically(fs_, "/p/f", "old").ok());
  }
  FaultFileSystem fs_;
};

TEST_F(FaultFileSystemTest, WhatWasWrittenAtomicallySurvivesAPowerLoss) {
  ASSERT_TRUE(base::WriteFileAtomically(fs_, "/p/f", "new").ok());
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/f"), "new");
  EXPECT_EQ(fs_.Files(), std::vector<std::string>{"/p/f"});
}

TEST_F(FaultFileSystemTest, ARenameWhoseFolderWasNotSyncedIsLost) {
  ASSERT_TRUE(WriteWithoutFolderSync(fs_, "/p/f", "new").ok());
  ASSERT_TRUE(WriteWithoutFolderSync(fs_, "/p/g", "brand new").ok());
  EXPECT_EQ(Read(fs_, "/p/f"), "new");
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/f"), "old");
  EXPECT_EQ(Read(fs_, "/p/g"), "<not_found>");
}

TEST_F(FaultFileSystemTest, ContentsThatWereNotSyncedAreLost) {
  ASSERT_TRUE(WriteWithoutFileSync(fs_, "/p/f", "new").ok());
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/f"), "");
}

TEST_F(FaultFileSystemTest, ARemoveWhoseFolderWasNotSyncedComesBack) {
  ASSERT_TRUE(fs_.Remove("/p/f").ok());
  EXPECT_EQ(Read(fs_, "/p/f"), "<not_found>");
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/f"), "old");
  ASSERT_TRUE(fs_.Remove("/p/f").ok());
  ASSERT_TRUE(fs_.SyncDir("/p").ok());
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/f"), "<not_found>");
}

TEST_F(FaultFileSystemTest, APowerLossAtEveryStepLeavesTheOldOrTheNewContents) {
  const int64_t before = fs_.steps();
  ASSERT_TRUE(base::WriteFileAtomically(fs_, "/p/f", "new").ok());
  const int64_t steps = fs_.steps() - before;
  // create, append, sync, close, rename, sync folder
  EXPECT_EQ(steps, 6);
  for (int64_t n = 1; n <= steps; ++n) {
    ASSERT_TRUE(base::WriteFileAtomically(fs_, "/p/f", "old").ok());
    fs_.PowerLossAfter(n);
    const base::Status written = base::WriteFileAtomically(fs_, "/p/f", "new");
    EXPECT_FALSE(written.ok()) << n;
    EXPECT_FALSE(fs_.powered());
    fs_.Reboot();
    const std::string now = Read(fs_, "/p/f");
    EXPECT_TRUE(now == "old" || now == "new") << "step " << n << ": " << now;
    // The temporary file may survive (it is synced before the rename); never a third file.
    for (const std::string& path : fs_.Files()) {
      EXPECT_TRUE(path == "/p/f" || path == "/p/f.tmp") << path;
    }
  }
}

TEST_F(FaultFileSystemTest, TheStepLoopCatchesAWriterThatReportsSavedTooEarly) {
  // The check a crash-point test makes: once the writer said OK, a power loss keeps the new file.
  int lost = 0;
  for (int64_t n = 1; n <= 6; ++n) {
    ASSERT_TRUE(base::WriteFileAtomically(fs_, "/p/f", "old").ok());
    fs_.PowerLossAfter(n);
    const base::Status written = WriteWithoutFolderSync(fs_, "/p/f", "new");
    fs_.PowerLoss();
    fs_.Reboot();
    if (written.ok() && Read(fs_, "/p/f") != "new") ++lost;
  }
  EXPECT_GT(lost, 0);
}

TEST_F(FaultFileSystemTest, AFullDiskFailsTheWriteWithAClearErrorAndKeepsTheOldFile) {
  for (int64_t n = 1; n <= 6; ++n) {
    fs_.FailAfter(n, ENOSPC);
    const base::Status written = base::WriteFileAtomically(fs_, "/p/f", "new");
    ASSERT_FALSE(written.ok()) << n;
    EXPECT_EQ(written.code(), Code::kResourceExhausted);
    EXPECT_NE(written.message().find("/p/f"), std::string::npos) << written.message();
    EXPECT_NE(written.message().find("full"), std::string::npos) << written.message();
    EXPECT_TRUE(fs_.powered());
    // Before the rename the old file is there; after it (the folder sync failed) the new one is.
    const std::string now = Read(fs_, "/p/f");
    EXPECT_EQ(now, n <= 5 ? "old" : "new") << n;
    EXPECT_EQ(fs_.Files(), std::vector<std::string>{"/p/f"}) << n;
    ASSERT_TRUE(base::WriteFileAtomically(fs_, "/p/f", "old").ok());
  }
}

TEST_F(FaultFileSystemTest, AnIoErrorIsAnIoErrorAndAnAppendWritesHalf) {
  auto file = fs_.NewWritableFile("/p/g", 0600);
  ASSERT_TRUE(file.ok());
  fs_.FailAfter(1, EIO);
  const base::Status appended = (*file)->Append(Bytes("abcd"));
  EXPECT_EQ(appended.code(), Code::kIOError);
  EXPECT_EQ(Read(fs_, "/p/g"), "ab");
  EXPECT_TRUE((*file)->Append(Bytes("ef")).ok());
  EXPECT_EQ(Read(fs_, "/p/g"), "abef");
}

TEST_F(FaultFileSystemTest, WhileThePowerIsOffNothingWorks) {
  fs_.PowerLoss();
  EXPECT_EQ(Read(fs_, "/p/f"), "<io_error>");
  EXPECT_FALSE(fs_.ListDir("/p").ok());
  EXPECT_FALSE(base::WriteFileAtomically(fs_, "/p/g", "x").ok());
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/f"), "old");
  auto names = fs_.ListDir("/p");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, std::vector<std::string>{"f"});
}

TEST_F(FaultFileSystemTest, OverwriteInPlaceKeepsTheFileLength) {
  auto file = fs_.OpenForOverwrite("/p/f");
  ASSERT_TRUE(file.ok());
  ASSERT_TRUE((*file)->Append(Bytes("x")).ok());
  EXPECT_EQ(Read(fs_, "/p/f"), "xld");
  EXPECT_EQ(fs_.OpenForOverwrite("/p/none").status().code(), Code::kNotFound);
}

TEST_F(FaultFileSystemTest, AppendedBytesSurviveOnlyOnceSyncedAndANewFileOnceItsFolderIs) {
  {
    auto file = fs_.OpenForAppend("/p/u", 0600);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append(Bytes("abc")).ok());
    ASSERT_TRUE((*file)->Sync().ok());
    ASSERT_TRUE((*file)->Close().ok());
  }
  ASSERT_TRUE(fs_.SyncDir("/p").ok());
  {
    auto file = fs_.OpenForAppend("/p/u", 0600);  // at its end, not from the start
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append(Bytes("def")).ok());
    EXPECT_EQ(Read(fs_, "/p/u"), "abcdef");
  }
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/u"), "abc");  // "def" was never synced

  auto unsynced = fs_.OpenForAppend("/p/v", 0600);  // a create whose folder is not synced
  ASSERT_TRUE(unsynced.ok());
  ASSERT_TRUE((*unsynced)->Append(Bytes("x")).ok());
  ASSERT_TRUE((*unsynced)->Sync().ok());
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/v"), "<not_found>");
}

TEST_F(FaultFileSystemTest, TruncateIsDurableAtOnce) {
  ASSERT_TRUE(fs_.Truncate("/p/f", 1).ok());
  EXPECT_EQ(Read(fs_, "/p/f"), "o");
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Read(fs_, "/p/f"), "o");
  EXPECT_EQ(fs_.Truncate("/p/missing", 0).code(), Code::kNotFound);
}

TEST(LocalFileSystemTest, LockFileExcludesAnotherHolderUntilReleased) {
  TempDir tmp;
  base::FileSystem& fs = base::LocalFileSystem();
  const std::string path = tmp.Join("lock");
  auto first = fs.LockFile(path, 0600);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  std::atomic<bool> taken{false};
  std::thread second([&] {
    auto lock = fs.LockFile(path, 0600);
    taken = lock.ok();
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(100));
  EXPECT_FALSE(taken) << "a second holder got the lock while the first held it";
  first->reset();
  second.join();
  EXPECT_TRUE(taken);
}

TEST(LocalFileSystemTest, AppendTruncateAndTheirErrors) {
  TempDir tmp;
  base::FileSystem& fs = base::LocalFileSystem();
  const std::string path = tmp.Join("part");
  for (std::string_view piece : {"abc", "def"}) {
    auto file = fs.OpenForAppend(path, 0640);
    ASSERT_TRUE(file.ok());
    ASSERT_TRUE((*file)->Append(Bytes(piece)).ok());
    ASSERT_TRUE((*file)->Sync().ok());
    ASSERT_TRUE((*file)->Close().ok());
  }
  EXPECT_EQ(*base::ReadWholeFile(fs, path), "abcdef");
  ASSERT_TRUE(fs.Truncate(path, 2).ok());
  EXPECT_EQ(*base::ReadWholeFile(fs, path), "ab");
  const base::Status missing = fs.Truncate(tmp.Join("nothing"), 0);
  EXPECT_EQ(missing.code(), Code::kNotFound);
  EXPECT_NE(missing.message().find(tmp.Join("nothing")), std::string::npos) << missing.ToString();
  EXPECT_EQ(fs.OpenForAppend(tmp.Join("no/such/folder/f"), 0600).status().code(), Code::kNotFound);
}

}  // namespace
}  // namespace qiaomen::testing
