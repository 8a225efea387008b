#include "qiaomen/sync/sync_engine.h"

#include <gtest/gtest.h>

#include "tests/sync/engine_fixture.h"

namespace qiaomen::sync::testing {
namespace {

int SyncPosts(FakeCounty& county) { return county.CountRequests("POST", "/v1/sync"); }

TEST_F(EngineTest, PushesTheOutboxInBoundedBatchesAndMarksWhatTheServerHolds) {
  for (int i = 0; i < 25; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  SyncConfig config = Config();
  config.batch_max_changes = 10;
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.changes_pushed, 25);
  EXPECT_EQ(store.applied_through, 25u);
  EXPECT_EQ(county.log.size(), 25u);
  EXPECT_EQ(SyncPosts(county), 3) << "one round trip per batch, none extra";
  for (const auto& r : county.requests) {
    v1::SyncRequest req;
    ASSERT_TRUE(req.ParseFromString(r.body));
    EXPECT_LE(req.changes_size(), 10);
    EXPECT_TRUE(r.gzip_body);
  }
  EXPECT_EQ(store.epoch, "epoch-1");
  EXPECT_NE(report.Summary().find("Sent 25 changes and 0 photos; received 0 changes."),
            std::string::npos)
      << report.Summary();

  // Nothing left: a second run is one round trip that sends nothing.
  county.requests.clear();
  ASSERT_TRUE(RunOnce().status.ok());
  EXPECT_EQ(SyncPosts(county), 1);
  v1::SyncRequest again;
  ASSERT_TRUE(again.ParseFromString(county.requests[0].body));
  EXPECT_EQ(again.changes_size(), 0);
}

TEST_F(EngineTest, BatchesStayUnderTheByteBound) {
  for (int i = 0; i < 12; ++i)
    store.AddChange(kDevice, "r" + std::to_string(i), std::string(1000, 'x'));
  SyncConfig config = Config();
  config.batch_max_bytes = 3500;
  ASSERT_TRUE(RunOnce(config).status.ok());
  EXPECT_EQ(county.log.size(), 12u);
  for (const auto& r : county.requests) {
    v1::SyncRequest req;
    ASSERT_TRUE(req.ParseFromString(r.body));
    size_t bytes = 0;
    for (const auto& c : req.changes()) bytes += c.ByteSizeLong();
    EXPECT_LE(bytes, 3500u);
  }
  EXPECT_EQ(SyncPosts(county), 4);
}

TEST_F(EngineTest, PullsPagesUntilTheServerHasNoMoreAndSavesTheCursor) {
  for (int i = 0; i < 23; ++i) {
    v1::Change c;
    c.set_device_id(kOtherDevice);
    c.set_seq(i + 1);
    c.set_record_id("other" + std::to_string(i));
    c.mutable_fields()->add_fields()->mutable_value()->set_text("from the other device");
    county.log.push_back(c);
  }
  county.server_hlc = core::PackHlc(1'700'000'500'000, 3);
  SyncConfig config = Config();
  config.max_pull = 10;
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.changes_pulled, 23);
  EXPECT_EQ(store.records.size(), 23u);
  EXPECT_EQ(store.cursor, "23");
  EXPECT_EQ(SyncPosts(county), 3);
  EXPECT_GE(store.hlc, county.server_hlc) << "every response ratchets the device's HLC";
}

TEST_F(EngineTest, ARejectedChangeIsQuarantinedWithTheReasonAndDoesNotBlockTheQueue) {
  for (int i = 0; i < 6; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  county.reject_seqs = {3};
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok());
  EXPECT_EQ(report.changes_quarantined, 1);
  EXPECT_EQ(report.changes_pushed, 5);
  ASSERT_EQ(store.quarantine.count(3), 1u);
  EXPECT_EQ(store.quarantine[3].reason, "Item q3 needs a number between 0 and 10.");
  EXPECT_EQ(store.quarantine[3].code, "invalid_argument");
  EXPECT_EQ(county.log.size(), 5u);
  EXPECT_NE(report.Summary().find("refused"), std::string::npos);
  county.requests.clear();
  ASSERT_TRUE(RunOnce().status.ok());
  v1::SyncRequest req;
  ASSERT_TRUE(req.ParseFromString(county.requests[0].body));
  EXPECT_EQ(req.changes_size(), 0) << "a quarantined change is never sent again";
}

TEST_F(EngineTest, AServerRestoredFromBackupGetsTheLostChangesAgain) {
  for (int i = 0; i < 10; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  ASSERT_TRUE(RunOnce().status.ok());
  ASSERT_EQ(store.applied_through, 10u);
  // Restore: the server lost changes 5..10 and has a new epoch.
  county.epoch = "epoch-2";
  county.log.resize(4);
  county.applied[kDevice] = 4;
  for (int i = 10; i < 12; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_TRUE(report.epoch_reset);
  EXPECT_EQ(store.epoch_resets, 1);
  EXPECT_EQ(store.epoch, "epoch-2");
  EXPECT_EQ(store.applied_through, 12u);
  ASSERT_EQ(county.log.size(), 12u);
  for (size_t i = 0; i < county.log.size(); ++i) EXPECT_EQ(county.log[i].seq(), i + 1);
  EXPECT_NE(report.Summary().find("restored"), std::string::npos);
}

TEST_F(EngineTest, TransientFailuresAreRetriedWithGrowingJitteredWaits) {
  for (int i = 0; i < 3; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  county.fault = [](const HttpRequest&, int index) {
    if (index == 0) return Fault{.kind = Fault::Kind::kFailBefore};
    if (index == 1) return Fault{.kind = Fault::Kind::kTimeout};
    if (index == 2) return Fault{.kind = Fault::Kind::kStatus, .status = 502};
    if (index == 3) return Fault{.kind = Fault::Kind::kStatus, .status = 429};
    return Fault{};
  };
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(report.retries, 4);
  ASSERT_EQ(sleeper.waits.size(), 4u);
  const int64_t ceilings[] = {100, 200, 400, 800};
  for (size_t i = 0; i < 4; ++i) EXPECT_LE(sleeper.waits[i], ceilings[i]);
  EXPECT_EQ(county.log.size(), 3u);
}

TEST_F(EngineTest, RetryAfterIsHonoured) {
  store.AddChange(kDevice, "rec");
  county.fault = [](const HttpRequest&, int index) {
    if (index == 0) {
      return Fault{.kind = Fault::Kind::kStatus, .status = 503, .headers = {{"retry-after", "30"}}};
    }
    return Fault{};
  };
  ASSERT_TRUE(RunOnce().status.ok());
  ASSERT_EQ(sleeper.waits.size(), 1u);
  EXPECT_EQ(sleeper.waits[0], 30'000);
}

TEST_F(EngineTest, GivesUpAfterTheRetryBudgetAndSaysSo) {
  store.AddChange(kDevice, "rec");
  county.fault = [](const HttpRequest&, int) { return Fault{.kind = Fault::Kind::kFailBefore}; };
  SyncReport report = RunOnce();
  EXPECT_EQ(report.status.code(), core::Code::kUnavailable);
  EXPECT_NE(report.status.message().find("Gave up after 6 attempts"), std::string::npos)
      << report.status.message();
  EXPECT_EQ(county.requests.size(), 7u);
  EXPECT_EQ(store.applied_through, 0u) << "nothing is marked sent that was not";
}

TEST_F(EngineTest, Unauthorized401AsksForReEnrolmentWithoutRetrying) {
  store.AddChange(kDevice, "rec");
  county.token = "revoked";
  SyncReport report = RunOnce();
  EXPECT_EQ(report.status.code(), core::Code::kUnauthenticated);
  EXPECT_TRUE(report.needs_reenrolment);
  EXPECT_NE(report.status.message().find("Enrol it again"), std::string::npos);
  EXPECT_EQ(county.requests.size(), 1u);
  EXPECT_TRUE(sleeper.waits.empty());
  EXPECT_EQ(store.outbox.size(), 1u);
}

TEST_F(EngineTest, ForbiddenAndBadRequestArePermanentAndReportedInWords) {
  store.AddChange(kDevice, "rec");
  county.fault = [](const HttpRequest&, int) {
    return Fault{.kind = Fault::Kind::kStatus, .status = 403};
  };
  SyncReport forbidden = RunOnce();
  EXPECT_EQ(forbidden.status.code(), core::Code::kPermissionDenied);
  EXPECT_NE(forbidden.status.message().find("township staff"), std::string::npos);
  county.fault = [](const HttpRequest&, int) {
    return Fault{.kind = Fault::Kind::kStatus, .status = 400};
  };
  SyncReport bad = RunOnce();
  EXPECT_EQ(bad.status.code(), core::Code::kInvalidArgument);
  EXPECT_NE(bad.status.message().find("HTTP 400"), std::string::npos);
  EXPECT_TRUE(sleeper.waits.empty());
}

TEST_F(EngineTest, AResponseLostAfterTheServerCommittedEndsInTheSameState) {
  for (int i = 0; i < 8; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  SyncConfig config = Config();
  config.batch_max_changes = 3;
  county.fault = [](const HttpRequest&, int index) {
    return index % 2 == 0 ? Fault{.kind = Fault::Kind::kDropAfter} : Fault{};
  };
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  ASSERT_EQ(county.log.size(), 8u);
  for (size_t i = 0; i < 8; ++i) EXPECT_EQ(county.log[i].seq(), i + 1);
  EXPECT_EQ(store.applied_through, 8u);
}

TEST_F(EngineTest, EveryRequestSentTwiceEndsInTheSameState) {
  for (int i = 0; i < 7; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  AddPhoto(50'000, 1);
  county.send_twice = true;
  SyncConfig config = Config();
  config.batch_max_changes = 2;
  config.chunk_initial_bytes = 16 * 1024;
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(county.log.size(), 7u);
  EXPECT_EQ(county.blobs.size(), 1u);
  EXPECT_EQ(county.blobs.begin()->second, store.photos[0].bytes);
  EXPECT_TRUE(store.photos[0].uploaded);
}

TEST_F(EngineTest, FarFutureServerStampsDoNotDragTheDeviceClock) {
  store.AddChange(kDevice, "rec");
  const core::HlcStamp before = store.hlc;
  county.server_hlc = core::PackHlc(store.now_ms + 400LL * 24 * 3600 * 1000, 0);
  // The server's own wall clock does not vouch for its stamp (same time as the device's).
  county.server_time_ms = store.now_ms;
  ASSERT_TRUE(RunOnce().status.ok());
  EXPECT_LT(store.hlc, county.server_hlc);
  EXPECT_GE(store.hlc, before);
  EXPECT_EQ(store.server_observes, 0);
}

TEST_F(EngineTest, StampsTheServerReBasedAreReBasedOnTheDeviceEvenWhenTheAnswerWasLost) {
  for (int i = 0; i < 6; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  // The device clock is days fast: the county re-bases everything after change 2.
  county.rebase_above = store.outbox[1].hlc();
  county.rebase_to = 1000;
  SyncConfig config = Config();
  config.batch_max_changes = 2;
  // The answer to the batch with changes 5 and 6 is lost after the county committed it: the
  // resend is answered DUPLICATE, still with the stamps the county applied.
  county.fault = [](const HttpRequest&, int index) {
    return index == 2 ? Fault{.kind = Fault::Kind::kDropAfter} : Fault{};
  };
  SyncReport report = RunOnce(config);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  ASSERT_EQ(county.log.size(), 6u);
  EXPECT_EQ(report.changes_rebased, 4);
  EXPECT_EQ(store.rebased.size(), 4u);
  for (size_t i = 0; i < 6; ++i) {
    EXPECT_EQ(store.outbox[i].hlc(), county.log[i].hlc()) << "change " << i + 1;
    EXPECT_EQ(store.rebased.count(i + 1), i >= 2 ? 1u : 0u) << "change " << i + 1;
  }
}

TEST_F(EngineTest, ASlowDeviceClockIsRatchetedToAStampTheServerClockVouchesFor) {
  store.AddChange(kDevice, "rec");
  const int64_t server_now = store.now_ms + 365LL * 24 * 3600 * 1000;  // the device: a year slow
  county.server_time_ms = server_now;
  county.server_hlc = core::PackHlc(server_now, 3);
  SyncReport report = RunOnce();
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  EXPECT_EQ(store.hlc, county.server_hlc) << "later local edits are stamped after the server's";
  EXPECT_GE(store.server_observes, 1);
  EXPECT_EQ(report.device_clock_skew_ms, clock.NowMillis() - server_now);
  EXPECT_NE(report.Summary().find("clock is about 365 days behind the county server"),
            std::string::npos)
      << report.Summary();
}

TEST_F(EngineTest, AFailedPageCommitStopsWithoutMovingTheCursor) {
  county.log.push_back(v1::Change());
  county.log.back().set_record_id("x");
  county.log.back().set_device_id(kOtherDevice);
  store.fail_next_apply = true;
  SyncReport report = RunOnce();
  EXPECT_EQ(report.status.code(), core::Code::kIOError);
  EXPECT_EQ(store.cursor, "");
  ASSERT_TRUE(RunOnce().status.ok());
  EXPECT_EQ(store.cursor, "1");
  EXPECT_EQ(store.records.count("x"), 1u);
}

TEST_F(EngineTest, CancelStopsCleanlyAndTheNextRunFinishes) {
  for (int i = 0; i < 9; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  SyncConfig config = Config();
  config.batch_max_changes = 3;
  auto engine = MakeEngine(config);
  county.on_request = [&](const HttpRequest&, int index) {
    if (index == 1) engine->Cancel();
  };
  SyncReport report = engine->Run();
  EXPECT_EQ(report.status.code(), core::Code::kCancelled);
  EXPECT_NE(report.status.message().find("Nothing was lost"), std::string::npos);
  // The answer to the request in flight when Cancel came was committed; nothing after it was sent.
  EXPECT_EQ(store.applied_through, 6u);
  EXPECT_EQ(county.requests.size(), 2u);
  county.on_request = nullptr;
  SyncReport again = engine->Run();
  ASSERT_TRUE(again.status.ok()) << again.status.ToString();
  EXPECT_EQ(county.log.size(), 9u);
}

TEST_F(EngineTest, CancelDuringABackoffWaitEndsTheWait) {
  store.AddChange(kDevice, "rec");
  county.fault = [](const HttpRequest&, int) { return Fault{.kind = Fault::Kind::kFailBefore}; };
  auto engine = MakeEngine(Config());
  sleeper.on_sleep = [&] { engine->Cancel(); };
  SyncReport report = engine->Run();
  EXPECT_EQ(report.status.code(), core::Code::kCancelled);
  EXPECT_EQ(sleeper.waits.size(), 1u);
}

TEST_F(EngineTest, TheOfflineHintPausesAndTheOnlineHintResumes) {
  for (int i = 0; i < 6; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  SyncConfig config = Config();
  config.batch_max_changes = 2;
  auto engine = MakeEngine(config);
  engine->SetLink(LinkKind::kOffline);
  SyncReport offline = engine->Run();
  EXPECT_EQ(offline.status.code(), core::Code::kUnavailable);
  EXPECT_NE(offline.status.message().find("offline"), std::string::npos);
  EXPECT_TRUE(county.requests.empty());

  engine->SetLink(LinkKind::kMetered);
  county.on_request = [&](const HttpRequest&, int index) {
    if (index == 1) engine->SetLink(LinkKind::kOffline);
  };
  SyncReport paused = engine->Run();
  EXPECT_EQ(paused.status.code(), core::Code::kUnavailable);
  EXPECT_NE(paused.status.message().find("paused"), std::string::npos);
  county.on_request = nullptr;
  engine->SetLink(LinkKind::kUnmetered);
  ASSERT_TRUE(engine->Run().status.ok());
  EXPECT_EQ(county.log.size(), 6u);
}

TEST_F(EngineTest, ProgressCountsRecordsAndEndsDone) {
  for (int i = 0; i < 10; ++i) store.AddChange(kDevice, "rec" + std::to_string(i));
  SyncConfig config = Config();
  config.batch_max_changes = 4;
  auto engine = MakeEngine(config);
  std::vector<SyncProgress> seen;
  engine->SetProgressCallback([&](const SyncProgress& p) { seen.push_back(p); });
  ASSERT_TRUE(engine->Run().status.ok());
  ASSERT_GE(seen.size(), 4u);
  EXPECT_EQ(seen.front().records_total, 10);
  int64_t last = -1;
  bool eta_seen = false;
  for (const auto& p : seen) {
    EXPECT_GE(p.records_done, last);
    EXPECT_LE(p.records_done, p.records_total);
    last = p.records_done;
    eta_seen |= p.eta_ms > 0;
  }
  EXPECT_TRUE(eta_seen);
  EXPECT_EQ(seen.back().phase, SyncProgress::Phase::kDone);
  EXPECT_EQ(seen.back().records_done, 10);
  EXPECT_EQ(seen.back().records_total, 10);
}

TEST(RetryAfterTest, ParsesSecondsAndDates) {
  EXPECT_EQ(ParseRetryAfterMs("120", 0), 120'000);
  EXPECT_EQ(ParseRetryAfterMs(" 5 ", 0), 5'000);
  // Wed, 21 Oct 2015 07:28:00 GMT is 1445412480 s.
  EXPECT_EQ(ParseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480'000 - 7'000), 7'000);
  EXPECT_EQ(ParseRetryAfterMs("Wed, 21 Oct 2015 07:28:00 GMT", 1445412480'000 + 7'000), 0);
  EXPECT_EQ(ParseRetryAfterMs("99999999999", 0), 24LL * 3600 * 1000);
  EXPECT_FALSE(ParseRetryAfterMs("soon", 0).has_value());
  EXPECT_FALSE(ParseRetryAfterMs("", 0).has_value());
}

}  // namespace
}  // namespace qiaomen::sync::testing
