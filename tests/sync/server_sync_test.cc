// The sync engine against the real county server over real sockets, through the link simulator:
// photo uploads cut at random offsets, one photo from two devices, answers lost after the server
// committed, every request sent twice, the server killed and restarted mid-push. Devices are real
// profiles (StoreSyncAdapter on SQLCipher + PhotoVault) using the real CurlTransport.

#include <gtest/gtest.h>

#include <csignal>
#include <filesystem>
#include <random>
#include <thread>

#include "qiaomen/testing/postgres_server.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

constexpr int64_t kChunk = 64 * 1024;

void FixChunks(SyncConfig& config, int64_t bytes) {
  config.chunk_min_bytes = config.chunk_max_bytes = config.chunk_initial_bytes = bytes;
}

// Records `visits` visits of `subject`, the first `photos` of them with one photo each.
void RecordVisits(ProfileDevice& device, const std::string& subject, int visits, int photos,
                  size_t photo_size, uint64_t seed) {
  for (int v = 0; v < visits; ++v) {
    std::vector<std::string> bytes;
    if (v < photos) bytes.push_back(PhotoBytes(photo_size, seed + static_cast<uint64_t>(v)));
    auto visit = device.RecordVisit(subject, kTemplate, bytes);
    ASSERT_TRUE(visit.ok()) << visit.status().ToString();
  }
}

TEST_P(ServerSyncTest, APhotoCutAtRandomOffsetsResumesWithAtMostOneChunkResentPerCut) {
  auto device = NewDevice("w1");
  const std::string subject = Bootstrap(*device);
  ASSERT_FALSE(subject.empty());
  const int64_t size = 700'000;
  ASSERT_TRUE(device->RecordVisit(subject, kTemplate, {PhotoBytes(size, 1)}).ok());

  SyncConfig config = Config(*device);
  FixChunks(config, kChunk);
  config.photo_parallelism = 1;
  const uint32_t seed = std::random_device()();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 gen(seed);
  HookTransport hook(curl_);
  int armed = 0;
  hook.before = [&](const HttpRequest& r, int) {
    // Cut inside this PATCH at a random byte (the last chunk is about 44 KB).
    if (r.method == "PATCH" && armed < 4 && gen() % 2 == 0) {
      ++armed;
      link_->CutAfterUpstreamBytes(1 + static_cast<int64_t>(gen() % 40'000));
    }
  };
  SyncReport report = Run(*device, config, &hook);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  const int cuts = link_->cuts();
  EXPECT_GE(cuts, 1);
  EXPECT_EQ(report.photos_uploaded, 1);
  EXPECT_LE(report.chunks_resent, cuts) << "at most one chunk sent again per cut";
  EXPECT_LE(report.photo_bytes_sent, size + cuts * kChunk);
  EXPECT_GE(report.photo_bytes_sent, size);
  ExpectDelivered(*device, 2);
}

TEST_P(ServerSyncTest, TheSamePhotoFromTwoDevicesIsStoredOnce) {
  auto a = NewDevice("w1");
  auto b = NewDevice("w2");
  const std::string subject = Bootstrap(*a);
  ASSERT_EQ(Bootstrap(*b), subject);
  const std::string photo = PhotoBytes(200'000, 5);
  ASSERT_TRUE(a->RecordVisit(subject, kTemplate, {photo}).ok());
  ASSERT_TRUE(b->RecordVisit(subject, kTemplate, {photo}).ok());

  SyncReport ra = Run(*a);
  ASSERT_TRUE(ra.status.ok()) << ra.status.ToString();
  SyncReport rb = Run(*b);
  ASSERT_TRUE(rb.status.ok()) << rb.status.ToString();
  EXPECT_EQ(ra.photos_uploaded, 1);
  EXPECT_EQ(rb.photos_uploaded, 0);
  EXPECT_EQ(rb.photos_already_on_server, 1);
  EXPECT_EQ(rb.photo_bytes_sent, 0) << "a photo the server holds is never sent again";
  EXPECT_EQ(CountyInt("SELECT count(*) FROM blobs"), 1);
  int files = 0;
  for (const auto& e :
       std::filesystem::recursive_directory_iterator(env_->data_dir() + "/data/blobs")) {
    files += e.is_regular_file();
  }
  EXPECT_EQ(files, 1);
  ExpectDelivered(*a, 2);
  ExpectDelivered(*b, 2);
}

TEST_P(ServerSyncTest, AnswersLostAfterTheServerCommittedEndLikeOneCleanDelivery) {
  auto device = NewDevice("w1");
  const std::string subject = Bootstrap(*device);
  ASSERT_FALSE(subject.empty());
  RecordVisits(*device, subject, 12, 3, 150'000, 11);
  SyncConfig config = Config(*device);
  config.batch_max_changes = 4;
  FixChunks(config, kChunk);
  HookTransport hook(curl_);
  hook.before = [&](const HttpRequest&, int index) {
    if (index % 3 == 1) link_->DropNextResponses(1);
  };
  SyncReport report = Run(*device, config, &hook);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  // libcurl silently resends a request whose reused connection died before any answer byte, so
  // not every loss reaches the engine; the link counts them all.
  EXPECT_GE(link_->cuts(), 3) << "answers were lost";
  ExpectDelivered(*device, 15);
}

TEST_P(ServerSyncTest, EveryRequestSentTwiceEndsLikeOneCleanDelivery) {
  auto device = NewDevice("w1");
  const std::string subject = Bootstrap(*device);
  ASSERT_FALSE(subject.empty());
  RecordVisits(*device, subject, 9, 2, 100'000, 21);
  SyncConfig config = Config(*device);
  config.batch_max_changes = 3;
  FixChunks(config, 32 * 1024);
  HookTransport hook(curl_);
  hook.send_twice = true;
  SyncReport report = Run(*device, config, &hook);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  ExpectDelivered(*device, 11);
}

TEST_P(ServerSyncTest, AServerKilledMidPushAndRestartedLosesAndDuplicatesNothing) {
  auto device = NewDevice("w1");
  const std::string subject = Bootstrap(*device);
  ASSERT_FALSE(subject.empty());
  RecordVisits(*device, subject, 20, 2, 120'000, 31);
  SyncConfig config = Config(*device);
  config.batch_max_changes = 3;
  HookTransport hook(curl_);
  std::thread killer;
  hook.before = [&](const HttpRequest& r, int index) {
    if (index != 3 || r.method != "POST") return;
    // Kill it while it works on this push (a few ms in), then bring it back on a new port.
    killer = std::thread([this] {
      std::this_thread::sleep_for(std::chrono::milliseconds(3));
      server_->Stop(SIGKILL);
      StartServer();
      link_->SetTargetPort(server_->port());
    });
  };
  SyncReport report = Run(*device, config, &hook);
  if (killer.joinable()) killer.join();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_GE(report.retries, 1);
  ExpectDelivered(*device, 22);
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerSyncTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

// PostgreSQL restarted by its operator while devices sync (an upgrade, a config change): the county
// server's connections drop in the middle of pushes and photo uploads, it answers 503 until the
// database is back, the devices retry, and nothing is lost or doubled.
class PostgresRestartTest : public ServerSyncTest {
 protected:
  std::chrono::seconds Budget() const override { return std::chrono::seconds(150); }
};

TEST_P(PostgresRestartTest, ADatabaseRestartedMidSyncLosesAndDuplicatesNothing) {
  auto a = NewDevice("w1");
  auto b = NewDevice("w2");
  const std::string subject = Bootstrap(*a);
  ASSERT_FALSE(subject.empty());
  ASSERT_EQ(Bootstrap(*b), subject);
  RecordVisits(*a, subject, 12, 2, 120'000, 41);
  RecordVisits(*b, subject, 12, 2, 120'000, 42);
  // Retries for as long as a restart on a loaded machine may take (about 80 s at most).
  SyncConfig config_a = Config(*a);
  config_a.batch_max_changes = 2;
  config_a.backoff.max_attempts = 200;
  SyncConfig config_b = Config(*b);
  config_b.backoff.max_attempts = 200;
  HookTransport hook(curl_);
  std::thread restarter;
  hook.before = [&](const HttpRequest& r, int index) {
    if (index != 2 || r.method != "POST") return;
    restarter = std::thread([] {
      core::Status s = qiaomen::testing::PostgresServer::Shared().Restart();
      EXPECT_TRUE(s.ok()) << s.ToString();
    });
  };
  SyncReport report_b;
  std::thread other([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    report_b = Run(*b, config_b);
  });
  SyncReport report_a = Run(*a, config_a, &hook);
  other.join();
  if (restarter.joinable()) restarter.join();
  ASSERT_TRUE(report_a.status.ok()) << report_a.status.ToString();
  ASSERT_TRUE(report_b.status.ok()) << report_b.status.ToString();
  EXPECT_GE(report_a.retries + report_b.retries, 1) << "the restart was seen";
  county_.reset();  // the test's own connection dropped with the restart too
  for (ProfileDevice* device : {a.get(), b.get()}) {
    SyncReport again = Run(*device);  // anything the restart left for later
    ASSERT_TRUE(again.status.ok()) << again.status.ToString();
    ExpectDelivered(*device, 14);
  }
}

INSTANTIATE_TEST_SUITE_P(Postgres, PostgresRestartTest,
                         ::testing::Values(qiaomen::testing::Backend::kPostgres), BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
