// Numbered crash points of the client settings (client.conf) through the fault-injecting file
// system (issue 19): the power goes at every step of saving new settings (a token refresh, the
// county's bundle key learnt at a sync); after a reboot the file loads and holds the old or the
// new settings, the new ones if the save was reported done. A full disk or an I/O error at each
// step is a clear error and keeps the old settings.

#include <gtest/gtest.h>

#include <cerrno>

#include "qiaomen/core/random.h"
#include "qiaomen/sync/client_config.h"
#include "qiaomen/testing/fault_file_system.h"

namespace qiaomen::sync {
namespace {

constexpr char kDir[] = "/profile";

ClientConfig Config(const std::string& token) {
  ClientConfig config;
  config.server_url = "https://county.example";
  config.token = token;
  config.worker_id = "w1";
  config.role = "grid_worker";
  config.scope = "grids:T01-V01-G01";
  config.county_bundle_key = std::string(32, 'k');
  config.enrolled_at_ms = 1'700'000'000'000;
  return config;
}

class ClientConfigCrashPointsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    core::SecureRandom().Fill(key_.mutable_bytes().data(), 32);
    ASSERT_TRUE(fs_.CreateDir(kDir, 0700).ok());
    ASSERT_TRUE(SaveClientConfig(path_, Config("old-token"), key_, fs_).ok());
  }

  // The token of the settings on disk, or the error loading them.
  std::string LoadedToken() {
    auto loaded = LoadClientConfig(path_, key_, fs_);
    return loaded.ok() ? loaded->token : loaded.status().ToString();
  }

  qiaomen::testing::FaultFileSystem fs_;
  core::sql::RawKey key_;
  std::string path_ = ClientConfigPath(kDir);
};

TEST_F(ClientConfigCrashPointsTest, APowerLossAtEveryStepOfASaveKeepsTheOldOrTheNewSettings) {
  const int64_t before = fs_.steps();
  ASSERT_TRUE(SaveClientConfig(path_, Config("new-token"), key_, fs_).ok());
  const int64_t steps = fs_.steps() - before;
  EXPECT_EQ(steps, 6) << "the crash points of saving the client settings changed";
  for (int64_t n = 1; n <= steps + 1; ++n) {
    const std::string when = "power loss at step " + std::to_string(n);
    ASSERT_TRUE(SaveClientConfig(path_, Config("old-token"), key_, fs_).ok());
    fs_.PowerLossAfter(n);
    const core::Status saved = SaveClientConfig(path_, Config("new-token"), key_, fs_);
    if (fs_.powered()) fs_.PowerLoss();
    fs_.Reboot();
    const std::string token = LoadedToken();
    if (saved.ok()) {
      EXPECT_EQ(token, "new-token") << when;
    } else {
      EXPECT_TRUE(token == "old-token" || token == "new-token") << when << ": " << token;
    }
  }
}

TEST_F(ClientConfigCrashPointsTest, AFullDiskOrAnIoErrorAtEveryStepIsClearAndKeepsTheOldSettings) {
  for (int err : {ENOSPC, EIO}) {
    for (int64_t n = 1; n <= 6; ++n) {
      const std::string when =
          std::string(err == ENOSPC ? "ENOSPC" : "EIO") + " at step " + std::to_string(n);
      fs_.FailAfter(n, err);
      const core::Status saved = SaveClientConfig(path_, Config("new-token"), key_, fs_);
      ASSERT_FALSE(saved.ok()) << when;
      EXPECT_EQ(saved.code(), err == ENOSPC ? core::Code::kResourceExhausted : core::Code::kIOError)
          << when << ": " << saved.ToString();
      EXPECT_NE(saved.message().find(path_), std::string::npos) << when << ": " << saved.message();
      // The old settings, unless the failing step was the folder sync after the rename.
      EXPECT_EQ(LoadedToken(), n == 6 ? "new-token" : "old-token") << when;
      fs_.PowerLoss();
      fs_.Reboot();
      EXPECT_EQ(LoadedToken(), "old-token") << when << ", then a power loss";
      EXPECT_EQ(fs_.Files(), std::vector<std::string>{path_}) << when;
    }
  }
}

TEST_F(ClientConfigCrashPointsTest, TheChecksCatchASaveThatForgetsTheFolderOrTheFileSync) {
  // What the test above would see if the settings were saved without syncing the folder after
  // the rename (the old settings come back) or the file before it (an empty, unreadable file).
  for (const bool folder : {true, false}) {
    fs_.IgnoreSyncs(folder, !folder);
    ASSERT_TRUE(SaveClientConfig(path_, Config("new-token"), key_, fs_).ok());
    fs_.IgnoreSyncs(false, false);
    fs_.PowerLoss();
    fs_.Reboot();
    const std::string token = LoadedToken();
    EXPECT_NE(token, "new-token") << (folder ? "folder" : "file");
    ASSERT_TRUE(SaveClientConfig(path_, Config("old-token"), key_, fs_).ok());
  }
}

TEST_F(ClientConfigCrashPointsTest, AnUnreadableFileIsAnIoErrorNotAMissingEnrolment) {
  fs_.PowerLoss();
  auto loaded = LoadClientConfig(path_, key_, fs_);
  EXPECT_EQ(loaded.status().code(), core::Code::kIOError) << loaded.status().ToString();
}

}  // namespace
}  // namespace qiaomen::sync
