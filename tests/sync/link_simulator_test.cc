#include "qiaomen/testing/link_simulator.h"

#include <gtest/gtest.h>

#include <chrono>

#include "qiaomen/sync/curl_transport.h"
#include "qiaomen/testing/http_test_server.h"

namespace qiaomen::sync {
namespace {

using qiaomen::testing::HttpTestServer;
using qiaomen::testing::LinkSimulator;
using qiaomen::testing::TestHttpRequest;
using qiaomen::testing::TestHttpResponse;

// The server's port is only known after Start(), so the link is made in SetUp.
class ProxyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    server.Start();
    link = std::make_unique<LinkSimulator>("127.0.0.1", server.port());
    ASSERT_TRUE(link->Start());
  }
  core::Result<HttpResponse> Post(size_t bytes) {
    return transport.Send(
        {.method = "POST", .url = link->url("/echo"), .body = std::string(bytes, 'p')});
  }
  static int64_t MsSince(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() -
                                                                 start)
        .count();
  }

  std::atomic<int> handled{0};
  HttpTestServer server{[this](const TestHttpRequest& req) {
    ++handled;
    return TestHttpResponse{.body = "ok:" + std::to_string(req.body.size())};
  }};
  std::unique_ptr<LinkSimulator> link;
  CurlTransport transport{{.low_speed_bytes_per_s = 1000, .low_speed_time_s = 2}};
};

TEST_F(ProxyTest, ForwardsBothWaysAndCounts) {
  auto resp = Post(10'000);
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->body, "ok:10000");
  EXPECT_GT(link->upstream_bytes(), 10'000);
  EXPECT_GT(link->downstream_bytes(), 8);
  EXPECT_EQ(link->connections(), 1);
}

TEST_F(ProxyTest, LatencyDelaysEachRoundTrip) {
  link->SetProfile({.latency_ms = 100});
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Post(10).ok());
  ASSERT_TRUE(Post(10).ok());
  const int64_t ms = MsSince(start);
  EXPECT_GE(ms, 400) << "two round trips of 2 x 100 ms";
  EXPECT_LT(ms, 5000);
}

TEST_F(ProxyTest, BandwidthLimitsThroughput) {
  link->SetProfile({.bandwidth_bps = 800'000});  // 100 KB/s
  auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(Post(100'000).ok());
  const int64_t ms = MsSince(start);
  EXPECT_GE(ms, 950);
  EXPECT_LT(ms, 8000);
}

TEST_F(ProxyTest, ACutAtAByteOffsetEndsTheTransferAndTheNextOneWorks) {
  link->CutAfterUpstreamBytes(5'000);
  auto cut = Post(50'000);
  ASSERT_FALSE(cut.ok());
  EXPECT_TRUE(IsTransientNetworkError(cut.status())) << cut.status().ToString();
  EXPECT_EQ(handled.load(), 0);
  EXPECT_EQ(link->upstream_bytes(), 5'000);
  EXPECT_EQ(link->cuts(), 1);
  auto again = Post(50'000);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->body, "ok:50000");
}

TEST_F(ProxyTest, ALinkThatIsDownResetsEveryConnectionUntilItIsUpAgain) {
  link->SetDown(true);
  auto offline = Post(100);
  ASSERT_FALSE(offline.ok());
  EXPECT_TRUE(IsTransientNetworkError(offline.status())) << offline.status().ToString();
  EXPECT_EQ(handled.load(), 0) << "nothing reaches the server while the link is down";
  link->SetDown(false);
  auto online = Post(100);
  ASSERT_TRUE(online.ok()) << online.status().ToString();
  EXPECT_EQ(handled.load(), 1);
}

TEST_F(ProxyTest, ADroppedResponseWasHandledByTheServer) {
  link->DropNextResponses(1);
  auto lost = Post(100);
  ASSERT_FALSE(lost.ok());
  EXPECT_TRUE(IsTransientNetworkError(lost.status()));
  EXPECT_EQ(handled.load(), 1);
  ASSERT_TRUE(Post(100).ok());
  EXPECT_EQ(handled.load(), 2);
}

TEST_F(ProxyTest, AStallTripsTheLowSpeedLimit) {
  link->SetStalled(true);
  auto start = std::chrono::steady_clock::now();
  auto stalled = Post(100);
  ASSERT_FALSE(stalled.ok());
  EXPECT_EQ(stalled.status().code(), core::Code::kDeadlineExceeded) << stalled.status().ToString();
  EXPECT_LT(MsSince(start), 10000);
  link->SetStalled(false);
  ASSERT_TRUE(Post(100).ok());
}

TEST_F(ProxyTest, CutEveryNMillisecondsBreaksLongTransfers) {
  link->SetProfile({.bandwidth_bps = 400'000});  // 50 KB/s: 200 KB takes 4 s
  link->CutEvery(500);
  auto resp = Post(200'000);
  ASSERT_FALSE(resp.ok());
  EXPECT_TRUE(IsTransientNetworkError(resp.status()));
  link->CutEvery(0);
  link->SetProfile({});
  ASSERT_TRUE(Post(1000).ok());
  EXPECT_GE(link->cuts(), 1);
}

}  // namespace
}  // namespace qiaomen::sync
