#include <gtest/gtest.h>

#include <atomic>

#include "qiaomen/base/base64.h"
#include "qiaomen/base/sha1.h"
#include "qiaomen/sync/sync_engine.h"
#include "tests/sync/engine_fixture.h"

namespace qiaomen::sync::testing {
namespace {

// A config whose photo chunks are always `bytes` (the measured throughput does not resize them),
// so a test can count requests and bytes.
SyncConfig PinnedChunks(SyncConfig config, int64_t bytes) {
  config.chunk_initial_bytes = config.chunk_min_bytes = config.chunk_max_bytes = bytes;
  return config;
}

// A tus creation that carries the photo's first chunk.
bool IsCreationWithChunk(const HttpRequest& r) {
  return r.method == "POST" && r.url.ends_with("/v1/photos") && !r.body.empty();
}

TEST_F(EngineTest, PhotosGoAfterTheMetadataAndArriveWhole) {
  store.AddChange(kDevice, "visit");
  AddPhoto(300'000, 1);
  AddPhoto(100'000, 2);
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.photos_uploaded, 2);
  ASSERT_EQ(county.blobs.size(), 2u);
  for (const auto& p : store.photos) {
    EXPECT_TRUE(p.uploaded);
    EXPECT_EQ(county.blobs[p.meta.sha256_hex], p.bytes);
  }
  EXPECT_EQ(report.photo_bytes_sent, 400'000);
  EXPECT_EQ(report.chunks_resent, 0);
  // The metadata POST comes before any photo request.
  ASSERT_FALSE(county.requests.empty());
  EXPECT_NE(county.requests[0].url.find("/v1/sync"), std::string::npos);
  for (const auto& r : county.requests) {
    if (r.method == "PATCH") {
      EXPECT_FALSE(r.gzip_body) << "JPEG bytes are not gzipped";
      EXPECT_EQ(HttpResponse{.headers = r.headers}.Header("tus-resumable").value_or(""), "1.0.0");
    }
  }
}

TEST_F(EngineTest, ChunkSizeFollowsTheMeasuredLink) {
  auto chunk_sizes = [&](int64_t bytes_per_ms) {
    county.requests.clear();
    county.blobs.clear();
    store.photos.clear();
    county.bytes_per_ms = bytes_per_ms;
    AddPhoto(2'000'000, 9);
    SyncConfig config = Config();
    config.chunk_target_ms = 1000;
    EXPECT_TRUE(RunOnce(config).status.ok());
    std::vector<size_t> sizes;
    for (const auto& r : county.requests) {
      if (r.method == "PATCH") sizes.push_back(r.body.size());
    }
    return sizes;
  };
  auto slow = chunk_sizes(16);    // ~128 kbit/s: chunks of about 16 KB
  auto fast = chunk_sizes(2500);  // ~20 Mbit/s: one or two big chunks
  ASSERT_GE(slow.size(), 3u);
  ASSERT_GE(fast.size(), 1u);
  EXPECT_EQ(slow[0], 64u * 1024) << "the first chunk is the initial size";
  EXPECT_LE(slow[1], 20'000u);
  EXPECT_GE(slow[1], 16u * 1024);
  EXPECT_GE(fast.size() > 1 ? fast[1] : 2'000'000 - 65'536, 1'000'000u);
  EXPECT_LT(fast.size(), 4u);
}

TEST_F(EngineTest, APhotoResumesFromTheServersOffset) {
  auto& photo = AddPhoto(200'000, 3);
  // An earlier run (killed) got 120 000 bytes to the server.
  county.uploads[photo.meta.sha256_hex] = {.length = 200'000,
                                           .bytes = photo.bytes.substr(0, 120'000)};
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.photo_bytes_sent, 80'000);
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
  EXPECT_EQ(county.CountRequests("HEAD", "/v1/photos/"), 1);
}

TEST_F(EngineTest, APhotoTheServerHasIsNeverSentAgain) {
  auto& photo = AddPhoto(150'000, 4);
  county.blobs[photo.meta.sha256_hex] = photo.bytes;
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.photos_already_on_server, 1);
  EXPECT_EQ(report.photos_uploaded, 0);
  EXPECT_EQ(report.photo_bytes_sent, 0);
  EXPECT_EQ(county.CountRequests("PATCH", ""), 0);
  EXPECT_TRUE(store.photos[0].uploaded);
}

TEST_F(EngineTest, ACutMidChunkResendsOnlyThatChunk) {
  auto& photo = AddPhoto(256 * 1024, 5);
  int patches = 0;
  county.fault = [&](const HttpRequest& r, int) {
    if (r.method == "PATCH" && ++patches == 2) return Fault{.kind = Fault::Kind::kFailBefore};
    return Fault{};
  };
  SyncConfig config = PinnedChunks(Config(), 64 * 1024);
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.chunks_resent, 1);
  EXPECT_EQ(report.photo_bytes_sent, 256 * 1024 + 64 * 1024);
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
}

TEST_F(EngineTest, ALostPatchAnswerIsNotResent) {
  auto& photo = AddPhoto(128 * 1024, 6);
  int patches = 0;
  county.fault = [&](const HttpRequest& r, int) {
    if (r.method == "PATCH" && ++patches == 1) return Fault{.kind = Fault::Kind::kDropAfter};
    return Fault{};
  };
  SyncConfig config = PinnedChunks(Config(), 64 * 1024);
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.chunks_resent, 0);
  EXPECT_EQ(report.photo_bytes_sent, 128 * 1024);
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
}

TEST_F(EngineTest, AChecksumMismatchResendsTheChunk) {
  auto& photo = AddPhoto(100'000, 7);
  int patches = 0;
  county.fault = [&](const HttpRequest& r, int) {
    if (r.method == "PATCH" && ++patches == 1)
      return Fault{.kind = Fault::Kind::kStatus, .status = 460};
    return Fault{};
  };
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.chunks_resent, 1);
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
}

TEST_F(EngineTest, PhotosWaitForWifiWhenThePolicySaysSo) {
  store.AddChange(kDevice, "visit");
  auto& photo = AddPhoto(50'000, 8);
  SyncConfig config = Config();
  config.photos_wifi_only = true;
  auto engine = MakeEngine(config);
  engine->SetLink(LinkKind::kMetered);
  SyncReport metered = engine->Run();
  ASSERT_TRUE(metered.status.ok());
  EXPECT_TRUE(metered.photos_held_for_wifi);
  EXPECT_EQ(metered.changes_pushed, 1) << "metadata still goes on a metered link";
  EXPECT_EQ(county.CountRequests("POST", "/v1/photos"), 0);
  EXPECT_NE(metered.Summary().find("Wi-Fi"), std::string::npos);

  engine->SetLink(LinkKind::kUnmetered);
  SyncReport wifi = engine->Run();
  ASSERT_TRUE(wifi.status.ok());
  EXPECT_FALSE(wifi.photos_held_for_wifi);
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
}

TEST_F(EngineTest, AMissingPhotoFileDoesNotHoldBackTheOthers) {
  AddPhoto(10'000, 10);
  auto& good = AddPhoto(10'000, 11);
  store.photos[0].bytes.resize(5);  // the vault file is damaged
  SyncReport report = RunOnce();
  EXPECT_EQ(report.status.code(), core::Code::kCorruption);
  EXPECT_NE(report.status.message().find("was not sent"), std::string::npos);
  EXPECT_EQ(county.blobs[good.meta.sha256_hex], good.bytes);
  EXPECT_FALSE(store.photos[0].uploaded);
}

TEST_F(EngineTest, ParallelUploadsDeliverEveryPhotoOnceThroughCuts) {
  for (int i = 0; i < 9; ++i) AddPhoto(70'000 + i * 1000, 20 + i);
  std::atomic<int> patches{0};
  county.fault = [&](const HttpRequest& r, int) {
    if (r.method == "PATCH" && ++patches % 4 == 0) return Fault{.kind = Fault::Kind::kFailBefore};
    return Fault{};
  };
  SyncConfig config = PinnedChunks(Config(), 32 * 1024);
  config.photo_parallelism = 3;
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.photos_uploaded, 9);
  ASSERT_EQ(county.blobs.size(), 9u);
  for (const auto& p : store.photos) {
    EXPECT_TRUE(p.uploaded);
    EXPECT_EQ(county.blobs[p.meta.sha256_hex], p.bytes);
  }
  EXPECT_GE(report.chunks_resent, 1);
  int64_t total = 0;
  for (const auto& p : store.photos) total += p.meta.size;
  EXPECT_GT(report.photo_bytes_sent, total);
  EXPECT_LE(report.photo_bytes_sent, total + report.chunks_resent * 32 * 1024)
      << "each cut re-sends at most its own chunk";
}

TEST_F(EngineTest, PhotoProgressReportsBytesAndAnEta) {
  AddPhoto(300'000, 12);
  AddPhoto(300'000, 13);
  county.bytes_per_ms = 100;
  SyncConfig config = Config();
  config.chunk_target_ms = 500;
  auto engine = MakeEngine(config);
  std::vector<SyncProgress> seen;
  engine->SetProgressCallback([&](const SyncProgress& p) {
    if (p.phase == SyncProgress::Phase::kPhotos) seen.push_back(p);
  });
  ASSERT_TRUE(engine->Run().status.ok());
  ASSERT_GE(seen.size(), 3u);
  EXPECT_EQ(seen.back().bytes_done, 600'000);
  EXPECT_EQ(seen.back().bytes_total, 600'000);
  bool eta = false;
  for (const auto& p : seen) eta |= p.eta_ms > 0 && p.bytes_done < p.bytes_total;
  EXPECT_TRUE(eta);
}

TEST_F(EngineTest, ANewPhotoGoesWithItsCreationAndAStoredOneNotAtAll) {
  county.photo_status = true;
  const auto fresh = AddPhoto(50'000, 30);  // smaller than the first chunk: one request
  const auto big = AddPhoto(150'000, 31);
  const auto stored = AddPhoto(40'000, 32);
  county.blobs[stored.meta.sha256_hex] = stored.bytes;
  // Chunks pinned at 64 KB: measured throughput would otherwise grow them while the uploads run
  // in parallel, and how many PATCHes the big photo needs would depend on thread timing.
  SyncConfig config = PinnedChunks(Config(), 64 * 1024);
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.photos_uploaded, 2);
  EXPECT_EQ(report.photos_already_on_server, 1);
  EXPECT_EQ(report.photo_bytes_sent, 200'000) << "not one byte of the stored photo";
  EXPECT_EQ(county.blobs[fresh.meta.sha256_hex], fresh.bytes);
  EXPECT_EQ(county.blobs[big.meta.sha256_hex], big.bytes);
  for (const auto& p : store.photos) EXPECT_TRUE(p.uploaded);
  EXPECT_EQ(county.CountRequests("POST", "/v1/photo-status"), 1) << "one question for all";
  EXPECT_EQ(county.CountRequests("POST", "/v1/photos"), 2) << "no creation for the stored one";
  EXPECT_EQ(county.CountRequests("HEAD", "/v1/photos/"), 0);
  EXPECT_EQ(county.CountRequests("PATCH", "/v1/photos/"), 2)
      << "only the big photo's rest: 150 000 bytes = 64 KiB with the creation + 2 chunks";
  for (const auto& r : county.requests) {
    if (r.method == "POST" && r.url.ends_with("/v1/photos")) {
      EXPECT_FALSE(r.body.empty()) << "the creation carries the first chunk";
      EXPECT_FALSE(r.gzip_body);
      EXPECT_EQ(HttpResponse{.headers = r.headers}.Header("upload-checksum").value_or(""),
                "sha1 " + base::Base64Encode(base::Sha1(r.body)));
    }
  }
}

TEST_F(EngineTest, APartlySentPhotoGoesOnFromTheServersOffsetWithoutResending) {
  county.photo_status = true;
  auto& photo = AddPhoto(200'000, 33);
  county.uploads[photo.meta.sha256_hex] = {.length = 200'000,
                                           .bytes = photo.bytes.substr(0, 120'000)};
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.photo_bytes_sent, 80'000);
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
}

TEST_F(EngineTest, ACutCreationWithUploadResendsOnlyItsChunk) {
  county.photo_status = true;
  const auto photo = AddPhoto(200'000, 34);
  int creations = 0;
  county.fault = [&](const HttpRequest& r, int) {
    // The first creation is processed but its answer is lost; the second is cut before it lands.
    if (IsCreationWithChunk(r)) {
      if (++creations == 1) return Fault{.kind = Fault::Kind::kDropAfter};
    }
    return Fault{};
  };
  SyncConfig config = PinnedChunks(Config(), 64 * 1024);
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
  EXPECT_EQ(report.chunks_resent, 0) << "the server kept the chunk; the device asked, not resent";
  EXPECT_EQ(report.photo_bytes_sent, 200'000);

  // Cut before the server saw it: the chunk goes again, once.
  const auto other = AddPhoto(100'000, 35);
  county.fault = [&](const HttpRequest& r, int) {
    if (IsCreationWithChunk(r)) {
      return Fault{.kind = Fault::Kind::kFailBefore};
    }
    return Fault{};
  };
  SyncReport second = RunOnce(config);
  ASSERT_TRUE(second.status.ok()) << second.status.ToString();
  EXPECT_EQ(county.blobs[other.meta.sha256_hex], other.bytes);
  EXPECT_EQ(second.chunks_resent, 1);
  EXPECT_EQ(second.photo_bytes_sent, 100'000 + 64 * 1024);
}

TEST_F(EngineTest, ACutAfterProgressIsRetriedAtOnceAndTheNextOneWaits) {
  county.photo_status = true;
  auto& photo = AddPhoto(256 * 1024, 36);
  int patches = 0;
  county.fault = [&](const HttpRequest& r, int) {
    // The 2nd PATCH is cut after the link was working: asked again at once. The 4th and 5th
    // are cut in a row: the second of those waits for the backoff.
    if (r.method == "PATCH") {
      ++patches;
      if (patches == 2 || patches == 4 || patches == 5) {
        return Fault{.kind = Fault::Kind::kFailBefore};
      }
    }
    return Fault{};
  };
  SyncConfig config = PinnedChunks(Config(), 32 * 1024);
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
  EXPECT_EQ(report.chunks_resent, 3);
  EXPECT_EQ(report.retries, 3);
  std::lock_guard lock(sleeper.mu);
  EXPECT_EQ(sleeper.waits.size(), 1u) << "only the second cut in a row waited";
}

TEST_F(EngineTest, AChecksumFailureOnTheCreationResendsTheChunkByPatch) {
  county.photo_status = true;
  auto& photo = AddPhoto(100'000, 37);
  county.fault = [&](const HttpRequest& r, int) {
    if (IsCreationWithChunk(r)) {
      return Fault{
          .kind = Fault::Kind::kStatus,
          .status = 460,
          .headers = {{"location", "/v1/photos/" + photo.meta.sha256_hex}, {"upload-offset", "0"}}};
    }
    return Fault{};
  };
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.chunks_resent, 1);
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
}

TEST_F(EngineTest, AnOlderServerWithoutPhotoStatusStillGetsEveryPhoto) {
  auto& photo = AddPhoto(100'000, 38);  // county.photo_status is off: 404 there
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(county.blobs[photo.meta.sha256_hex], photo.bytes);
  EXPECT_EQ(report.photo_bytes_sent, 100'000);
  for (const auto& r : county.requests) {
    if (r.method == "POST" && r.url.ends_with("/v1/photos")) {
      EXPECT_TRUE(r.body.empty());
    }
  }
}

}  // namespace
}  // namespace qiaomen::sync::testing
