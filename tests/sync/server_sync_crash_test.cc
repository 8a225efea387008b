// The client SIGKILLed at 50+ random moments while it syncs visits and photos with the real county
// server: each run is a child process (qiaomen_sync_child) on the same profile directory. After a
// last clean sync, device and server agree and nothing is duplicated.

#include <fcntl.h>
#include <gtest/gtest.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <random>
#include <thread>

#include "tests/sync/server_sync_fixture.h"

extern char** environ;

namespace qiaomen::sync::testing {
namespace {

constexpr int kKills = 50;

class ServerCrashTest : public ServerSyncTest {
 protected:
  std::chrono::seconds Budget() const override { return std::chrono::seconds(150); }

  // Starts the child on `device`'s profile; returns its pid once the profile is open (-1 and a
  // failure when it did not get there within 20 s).
  pid_t StartChild(const ProfileDevice& device) {
    int ready[2];
    if (pipe2(ready, O_CLOEXEC) != 0) return -1;
    std::vector<std::string> args{std::string(QIAOMEN_BINARY_DIR) + "/tests/qiaomen_sync_child",
                                  "--profile",
                                  device.dir(),
                                  "--worker",
                                  "w1",
                                  "--url",
                                  link_->url(),
                                  "--token",
                                  device.token,
                                  "--batch",
                                  "4",
                                  "--chunk",
                                  std::to_string(32 * 1024),
                                  "--ready-fd",
                                  "3"};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, ready[1], 3);
    pid_t pid = -1;
    const int spawned = posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    close(ready[1]);
    if (spawned != 0) {
      close(ready[0]);
      ADD_FAILURE() << "cannot start " << argv[0] << ": " << strerror(spawned);
      return -1;
    }
    pollfd p{.fd = ready[0], .events = POLLIN, .revents = 0};
    char byte = 0;
    const bool got = poll(&p, 1, 20'000) == 1 && read(ready[0], &byte, 1) == 1;
    close(ready[0]);
    if (!got) {
      kill(pid, SIGKILL);
      int status = 0;
      waitpid(pid, &status, 0);
      ADD_FAILURE() << "the child never opened the profile (exit status " << status << ")";
      return -1;
    }
    return pid;
  }
};

TEST_P(ServerCrashTest, AClientKilledAtFiftyRandomMomentsEndsInAgreementWithNothingDuplicated) {
  auto device = NewDevice("w1");
  const std::string subject = Bootstrap(*device);
  ASSERT_FALSE(subject.empty());
  int visits = 0, photos = 0;
  auto add_work = [&](int n_visits, size_t photo_size) {
    for (int v = 0; v < n_visits; ++v) {
      const uint64_t seed = 1000 + static_cast<uint64_t>(visits);
      auto visit = device->RecordVisit(subject, kTemplate, {PhotoBytes(photo_size, seed)});
      ASSERT_TRUE(visit.ok()) << visit.status().ToString();
      ++visits;
      ++photos;
    }
  };
  add_work(6, 300'000);
  device->Close();
  // About 1 MB/s: a photo takes a few hundred ms, so most kills land mid-transfer.
  link_->SetProfile({.latency_ms = 5, .bandwidth_bps = 8'000'000});

  const uint32_t seed = std::random_device()();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 gen(seed);
  int killed = 0, finished = 0;
  for (int round = 0; killed < kKills && round < 3 * kKills && !HasFailure(); ++round) {
    if (round % 3 == 2) {  // more work keeps the kills landing inside a sync
      ASSERT_TRUE(device->Open().ok());
      add_work(1, 200'000);
      device->Close();
    }
    const pid_t pid = StartChild(*device);
    ASSERT_GT(pid, 0);
    std::this_thread::sleep_for(std::chrono::microseconds(gen() % 400'000));
    kill(pid, SIGKILL);
    int status = 0;
    ASSERT_EQ(waitpid(pid, &status, 0), pid);
    if (WIFSIGNALED(status)) {
      ++killed;
    } else {
      ++finished;
      EXPECT_EQ(WEXITSTATUS(status), 0) << "a child that was not killed synced everything";
    }
  }
  EXPECT_GE(killed, kKills);

  ASSERT_TRUE(device->Open().ok());
  SyncReport report = Run(*device);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  ExpectDelivered(*device, visits + photos);
  EXPECT_EQ(
      CountyInt("SELECT count(*) FROM records WHERE entity = " + std::to_string(v1::ENTITY_VISIT)),
      visits);
  EXPECT_EQ(CountyInt("SELECT count(*) FROM blobs"), photos);
  EXPECT_EQ(*device->store().database().QueryInt("SELECT count(*) FROM visits;"), visits);
  EXPECT_EQ(*device->store().database().QueryInt("SELECT count(*) FROM photos;"), photos);

  SyncReport again = Run(*device);
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  EXPECT_EQ(again.changes_pushed, 0);
  EXPECT_EQ(again.changes_pulled, 0);
  EXPECT_EQ(again.photos_uploaded, 0);
  EXPECT_EQ(again.photo_bytes_sent, 0);
  std::printf("[ crash test ] %d kills mid-sync, %d runs finished, %d visits, %d photos\n", killed,
              finished, visits, photos);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerCrashTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
