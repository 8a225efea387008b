#include "qiaomen/sync/curl_transport.h"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

#include "qiaomen/base/gzip.h"
#include "qiaomen/testing/http_test_server.h"

namespace qiaomen::sync {
namespace {

using testing::HttpTestServer;
using testing::TestHttpRequest;
using testing::TestHttpResponse;

TEST(UrlTest, LoopbackHostsAreRecognised) {
  EXPECT_TRUE(IsLoopbackHost("127.0.0.1"));
  EXPECT_TRUE(IsLoopbackHost("127.8.9.10"));
  EXPECT_TRUE(IsLoopbackHost("::1"));
  EXPECT_TRUE(IsLoopbackHost("LocalHost"));
  EXPECT_FALSE(IsLoopbackHost("128.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("10.0.0.1"));
  EXPECT_FALSE(IsLoopbackHost("localhost.example.com"));
  EXPECT_FALSE(IsLoopbackHost("::2"));
  EXPECT_EQ(UrlHost("http://127.0.0.1:8080/v1/sync"), "127.0.0.1");
  EXPECT_EQ(UrlHost("https://[::1]:443/x"), "::1");
  EXPECT_EQ(UrlHost("https://u:p@county.example/x?y"), "county.example");
  EXPECT_EQ(UrlHost("nonsense"), "");
}

TEST(CurlTransportTest, PostsABodyWithHeadersAndReadsTheResponse) {
  TestHttpRequest seen;
  HttpTestServer server([&](const TestHttpRequest& req) {
    seen = req;
    return TestHttpResponse{.status = 201, .headers = {{"Upload-Offset", "42"}}, .body = "made"};
  });
  server.Start();
  CurlTransport transport;
  auto resp = transport.Send({.method = "POST",
                              .url = server.url("/v1/sync"),
                              .headers = {{"Content-Type", "application/x-protobuf"}},
                              .body = std::string("\0\1binary", 8)});
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->status, 201);
  EXPECT_EQ(resp->body, "made");
  EXPECT_EQ(resp->Header("UPLOAD-OFFSET").value_or(""), "42");
  EXPECT_GT(resp->bytes_sent, 8);
  EXPECT_GT(resp->bytes_received, 4);
  EXPECT_EQ(seen.method, "POST");
  EXPECT_EQ(seen.target, "/v1/sync");
  EXPECT_EQ(seen.body, std::string("\0\1binary", 8));
  EXPECT_EQ(seen.Header("content-type"), "application/x-protobuf");
  EXPECT_EQ(seen.Header("expect"), "");
}

// bytes_sent is what went on the wire once: the request line and headers plus the body, not the
// body twice (the sync report and the CLI's "N MB sent" add these up).
TEST(CurlTransportTest, BytesSentCountsTheBodyOnce) {
  HttpTestServer server([&](const TestHttpRequest&) { return TestHttpResponse{.status = 204}; });
  server.Start();
  CurlTransport transport;
  for (size_t size : {size_t{100}, size_t{10'000}, size_t{150'000}, size_t{1'000'000}}) {
    for (const char* method : {"POST", "PATCH"}) {
      auto resp = transport.Send({.method = method,
                                  .url = server.url("/v1/photos/abc"),
                                  .headers = {{"Content-Type", "application/offset+octet-stream"}},
                                  .body = std::string(size, 'x')});
      ASSERT_TRUE(resp.ok()) << resp.status().ToString();
      EXPECT_GT(resp->bytes_sent, static_cast<int64_t>(size)) << method << " " << size;
      EXPECT_LT(resp->bytes_sent, static_cast<int64_t>(size) + 2048) << method << " " << size;
    }
  }
}

TEST(CurlTransportTest, PatchAndHeadUseTheirMethods) {
  std::vector<std::string> methods;
  HttpTestServer server([&](const TestHttpRequest& req) {
    methods.push_back(req.method + ":" + std::to_string(req.body.size()));
    return TestHttpResponse{.status = 204, .headers = {{"Upload-Offset", "3"}}};
  });
  server.Start();
  CurlTransport transport;
  ASSERT_TRUE(transport.Send({.method = "PATCH", .url = server.url("/f"), .body = "abc"}).ok());
  auto head = transport.Send({.method = "HEAD", .url = server.url("/f")});
  ASSERT_TRUE(head.ok());
  EXPECT_EQ(head->Header("upload-offset").value_or(""), "3");
  EXPECT_EQ(methods, (std::vector<std::string>{"PATCH:3", "HEAD:0"}));
  EXPECT_EQ(server.connections_accepted(), 1) << "the connection is kept alive between requests";
}

TEST(CurlTransportTest, GzipsRequestBodiesAndInflatesResponses) {
  std::string original(20000, 'q');
  std::string received_encoding, received_body, accept;
  HttpTestServer server([&](const TestHttpRequest& req) {
    received_encoding = req.Header("content-encoding");
    received_body = req.body;
    accept = req.Header("accept-encoding");
    return TestHttpResponse{.headers = {{"Content-Encoding", "gzip"}},
                            .body = base::GzipCompress("answer answer answer")};
  });
  server.Start();
  CurlTransport transport;
  auto resp = transport.Send(
      {.method = "POST", .url = server.url("/v1/sync"), .body = original, .gzip_body = true});
  ASSERT_TRUE(resp.ok()) << resp.status().ToString();
  EXPECT_EQ(resp->body, "answer answer answer");
  EXPECT_EQ(received_encoding, "gzip");
  EXPECT_NE(accept.find("gzip"), std::string::npos);
  EXPECT_LT(received_body.size(), original.size() / 10);
  auto inflated = base::GzipDecompress(received_body, 1 << 20);
  ASSERT_TRUE(inflated.ok());
  EXPECT_EQ(*inflated, original);
}

TEST(CurlTransportTest, ServerErrorsAreResponsesNotFailures) {
  HttpTestServer server([](const TestHttpRequest&) {
    return TestHttpResponse{.status = 503, .headers = {{"Retry-After", "7"}}};
  });
  server.Start();
  CurlTransport transport;
  auto resp = transport.Send({.url = server.url()});
  ASSERT_TRUE(resp.ok());
  EXPECT_EQ(resp->status, 503);
  EXPECT_EQ(resp->Header("retry-after").value_or(""), "7");
}

TEST(CurlTransportTest, RefusedAndDroppedConnectionsAreTransient) {
  int port;
  {
    HttpTestServer gone([](const TestHttpRequest&) { return TestHttpResponse{}; });
    gone.Start();
    port = gone.port();
  }
  CurlTransport transport;
  auto refused = transport.Send({.url = "http://127.0.0.1:" + std::to_string(port) + "/"});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), core::Code::kUnavailable) << refused.status().ToString();
  EXPECT_TRUE(IsTransientNetworkError(refused.status()));

  HttpTestServer dropper([](const TestHttpRequest&) { return TestHttpResponse{.drop = true}; });
  dropper.Start();
  auto dropped = transport.Send({.method = "POST", .url = dropper.url(), .body = "x"});
  ASSERT_FALSE(dropped.ok());
  EXPECT_TRUE(IsTransientNetworkError(dropped.status())) << dropped.status().ToString();
}

TEST(CurlTransportTest, PlainHttpToARemoteHostIsRefusedUnlessAllowed) {
  CurlTransport transport;
  auto resp = transport.Send({.url = "http://county.example.org/v1/sync"});
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), core::Code::kInvalidArgument);
  EXPECT_NE(resp.status().message().find("https://"), std::string::npos);
  auto ftp = transport.Send({.url = "ftp://127.0.0.1/x"});
  EXPECT_EQ(ftp.status().code(), core::Code::kInvalidArgument);

  // Allowed: it gets as far as the network (TEST-NET-1 is unroutable, so it fails there).
  CurlTransport lab({.allow_insecure_http = true, .connect_timeout_ms = 300});
  auto lab_resp = lab.Send({.url = "http://192.0.2.1/v1/sync"});
  ASSERT_FALSE(lab_resp.ok());
  EXPECT_TRUE(IsTransientNetworkError(lab_resp.status())) << lab_resp.status().ToString();
}

TEST(CurlTransportTest, CancelStopsARequestInFlight) {
  HttpTestServer server([](const TestHttpRequest&) { return TestHttpResponse{.delay_ms = 20000}; });
  server.Start();
  CurlTransport transport;
  CancelFlag cancel;
  std::thread canceller([&] {
    std::this_thread::sleep_for(std::chrono::milliseconds(150));
    cancel.Cancel();
  });
  auto start = std::chrono::steady_clock::now();
  auto resp = transport.Send({.url = server.url(), .cancel = &cancel});
  auto took = std::chrono::steady_clock::now() - start;
  canceller.join();
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), core::Code::kCancelled);
  EXPECT_LT(took, std::chrono::milliseconds(8000));
}

TEST(CurlTransportTest, AStalledTransferHitsTheLowSpeedLimit) {
  HttpTestServer server([](const TestHttpRequest&) {
    return TestHttpResponse{.body = std::string(100, 'x'), .trickle_bytes_per_s = 20};
  });
  server.Start();
  CurlTransport transport({.low_speed_bytes_per_s = 1000, .low_speed_time_s = 1});
  auto resp = transport.Send({.url = server.url()});
  ASSERT_FALSE(resp.ok());
  EXPECT_EQ(resp.status().code(), core::Code::kDeadlineExceeded) << resp.status().ToString();
}

}  // namespace
}  // namespace qiaomen::sync
