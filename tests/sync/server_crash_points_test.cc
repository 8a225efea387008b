// The county server stopped at every numbered step of its write paths (issue 19 item 5): the real
// `qiaomen-county serve` runs with QIAOMEN_CRASH_AT=<path>:<N> and _exits(137), as a SIGKILL
// would, at the N-th step (SQL statement, file write, fsync, rename, the moment before its
// answer) of the push half of POST /v1/sync ("push") or of a photo upload's creation and chunks
// ("tus"), or of an enrolment ("enrol", its own test below). For N = 1, 2, ... until the path runs
// to its end without stopping: a device with a new visit (a hazard, a photo of two chunks) syncs
// against the armed server; the server stops; it is started again on the same data directory (and
// database) unarmed; the device syncs again. Then the county holds each of the device's changes
// once and every photo whole, no unfinished upload is left, and the device has nothing pending.
// Both backends. The test prints how many crash points each path has (the last N that stopped the
// server).

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/sync/field_device.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/http_client.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

// No path of a one-visit sync comes near this many steps; reaching it means the loop never ends.
constexpr int kMaxSteps = 400;
constexpr int64_t kChunk = 16 * 1024;

class ServerCrashPointsTest : public ServerSyncTest {
 protected:
  std::chrono::seconds Budget() const override { return std::chrono::seconds(580); }

  // Stops the running server and starts it again on the same data, armed to stop at `path`:`n`
  // (n = 0: unarmed), behind the same link.
  void Restart(const std::string& path, int n) {
    if (server_ != nullptr) server_->Stop();
    // The server inherits this process's environment; this process never reads the variable.
    if (n > 0) setenv("QIAOMEN_CRASH_AT", (path + ":" + std::to_string(n)).c_str(), 1);
    auto server = env_->StartServer();
    unsetenv("QIAOMEN_CRASH_AT");
    ASSERT_TRUE(server.ok()) << server.status().ToString();
    server_ = std::move(server).value();
    link_->SetTargetPort(server_->port());
  }

  // The server's exit status once it has exited by itself (waiting up to `timeout_ms`), or -1
  // while it runs. The child is left unreaped (WNOWAIT) for ServerProcess to reap when stopped.
  int ExitStatus(int timeout_ms) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeout_ms);
    while (true) {
      siginfo_t info{};
      if (waitid(P_PID, static_cast<id_t>(server_->pid()), &info, WEXITED | WNOHANG | WNOWAIT) ==
              0 &&
          info.si_pid == server_->pid()) {
        return info.si_code == CLD_EXITED ? info.si_status : 128 + info.si_status;
      }
      if (std::chrono::steady_clock::now() >= deadline) return -1;
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }

  // Fixed chunks, so every photo takes the same steps; and a quick give-up against a dead server.
  SyncConfig Quick(const ProfileDevice& device) const {
    SyncConfig config = Config(device);
    config.chunk_initial_bytes = config.chunk_min_bytes = config.chunk_max_bytes = kChunk;
    config.photos_wifi_only = true;
    config.backoff = {.base_ms = 5, .cap_ms = 20, .max_attempts = 2};
    return config;
  }

  // A visit of H-001 with a hazard and a photo of two chunks.
  void RecordVisit(ProfileDevice& device, int n) {
    std::vector<std::string> photos{PhotoBytes(kChunk + 4000, 1000 + n)};
    auto recorded = device.RecordVisitWith(subject_, kTemplate, photos,
                                           ProfileDevice::VisitExtras::Finding(NoCoAlarmHazard()));
    ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  }

  // The county holds every change and photo of the device once and nothing unfinished.
  void ExpectAllOnce(ProfileDevice& device, const std::string& when) {
    SCOPED_TRACE(when);
    ExpectDelivered(device, static_cast<int64_t>(device.store().GetSyncState()->last_seq));
    EXPECT_EQ(CountyInt("SELECT count(*) FROM device_uploads"), 0) << "an unfinished upload";
    EXPECT_EQ(CountyInt("SELECT count(*) FROM blobs"),
              CountyInt("SELECT count(*) FROM records WHERE entity = 4"))
        << "a blob without its photo, or the other way round";
    std::error_code ec;
    for (const auto& entry :
         std::filesystem::directory_iterator(env_->data_dir() + "/data/uploads", ec)) {
      ADD_FAILURE() << "an upload file is left: " << entry.path();
    }
  }

  // Runs the loop on `path`; returns how many steps stopped the server.
  int CrashEveryStep(const std::string& path) {
    auto device = NewDevice("w1");
    subject_ = Bootstrap(*device);
    EXPECT_FALSE(subject_.empty());
    if (subject_.empty()) return 0;
    for (int n = 1; n <= kMaxSteps && !HasFailure(); ++n) {
      SCOPED_TRACE(path + " stopped at step " + std::to_string(n));
      RecordVisit(*device, n);
      if (path == "tus") {
        // The visit goes first (photos held), so only the upload meets the armed server.
        run_link_ = LinkKind::kMetered;
        SyncReport pushed = Run(*device, Quick(*device));
        EXPECT_TRUE(pushed.status.ok()) << pushed.status.ToString();
        EXPECT_TRUE(pushed.photos_held_for_wifi);
        run_link_ = LinkKind::kUnmetered;
      }
      Restart(path, n);
      if (HasFatalFailure()) return 0;
      SyncReport armed = Run(*device, Quick(*device));
      // A server that still answers ran the path to its end: n - 1 steps could stop it.
      if (armed.status.ok() &&
          qiaomen::testing::HttpRequest(server_->port(), "GET", "/metrics", {}, "").ok()) {
        ExpectAllOnce(*device, "the path ran through");
        return n - 1;
      }
      const int exit_code = ExitStatus(20'000);
      EXPECT_EQ(exit_code, 137) << "the sync failed without the server stopping: "
                                << armed.status.ToString() << "\n"
                                << server_->Log();
      Restart(path, 0);
      if (HasFatalFailure()) return 0;
      SyncReport again = Run(*device);
      EXPECT_TRUE(again.status.ok()) << again.status.ToString();
      ExpectAllOnce(*device, "after the restart");
    }
    ADD_FAILURE() << path << " did not run through in " << kMaxSteps << " steps";
    return 0;
  }

  std::string subject_;
};

TEST_P(ServerCrashPointsTest, AServerStoppedAtAnyStepOfAPushKeepsEachChangeOnce) {
  const int points = CrashEveryStep("push");
  EXPECT_GT(points, 10);
  std::printf("[ crash points ] push on %s: %d\n", qiaomen::testing::BackendName(GetParam()),
              points);
}

TEST_P(ServerCrashPointsTest, AServerStoppedAtAnyStepOfAPhotoUploadKeepsEachPhotoWholeOnce) {
  const int points = CrashEveryStep("tus");
  EXPECT_GT(points, 10);
  std::printf("[ crash points ] tus on %s: %d\n", qiaomen::testing::BackendName(GetParam()),
              points);
}

// The enrolment: a phone enrols while the county stops at step N (before or after it commits,
// or with the answer not yet sent). After the restart the same phone enrols again with the same
// code and PIN and finishes (tests/sync/enrolment_retry_test.cc has the rule), syncs, and the
// county knows one device for the worker. Found by this loop: a county stopped after its commit
// left the phone with a used code and no token.
TEST_P(ServerCrashPointsTest, AServerStoppedAtAnyStepOfAnEnrolmentLetsThePhoneFinishIt) {
  qiaomen::testing::TempDir phones;
  core::keys::FileKeyStore key_store(phones.Join("keystore"), core::SecureRandom());
  FieldDeviceDeps deps{core::SystemClock(), core::SecureRandom(), key_store};
  int points = 0;
  for (int n = 1; n <= kMaxSteps && !HasFailure(); ++n) {
    SCOPED_TRACE("enrol stopped at step " + std::to_string(n));
    const std::string worker = "e" + std::to_string(n);
    auto code = env_->AddWorkerWithCode(worker, "grid_worker", kGridScope);
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    EnrollOptions options;
    options.server_url = link_->url();
    options.code = *code;
    options.device_name = "phone of " + worker;
    options.keys.kdf = qiaomen::testing::FastKdf();
    const std::string dir = phones.Join(worker);
    Restart("enrol", n);
    if (HasFatalFailure()) return;
    auto armed = FieldDevice::Enroll(dir, kDevicePin, options, deps);
    const bool ran_through =
        armed.ok() &&
        qiaomen::testing::HttpRequest(server_->port(), "GET", "/metrics", {}, "").ok();
    if (!ran_through) {
      EXPECT_FALSE(armed.ok()) << "enrolled, and yet the server stopped";
      EXPECT_EQ(ExitStatus(20'000), 137) << armed.status().ToString() << "\n" << server_->Log();
      Restart("enrol", 0);
      if (HasFatalFailure()) return;
      armed = FieldDevice::Enroll(dir, kDevicePin, options, deps);
      ASSERT_TRUE(armed.ok()) << "the phone could not finish its enrolment: "
                              << armed.status().ToString();
    }
    DeviceSyncResult synced = (*armed)->Sync({});
    EXPECT_TRUE(synced.status.ok()) << synced.status.ToString();
    EXPECT_EQ(
        CountyInt("SELECT count(*) FROM devices WHERE worker_id = $1", {server::Text(worker)}), 1);
    if (ran_through) {
      points = n - 1;
      break;
    }
  }
  EXPECT_GT(points, 3);
  std::printf("[ crash points ] enrol on %s: %d\n", qiaomen::testing::BackendName(GetParam()),
              points);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerCrashPointsTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
