// SIGTERM drain: new connections are refused, a request whose body is still arriving is read,
// handled and answered, and the drain ends at its deadline even if a client never finishes.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

class DrainTest : public ServerTest {
 protected:
  // A POST /v1/sync head for a body of `length` bytes.
  std::string SyncHead(const testing::TestDevice& device, size_t length) {
    return "POST /v1/sync HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-protobuf\r\n"
           "Authorization: " +
           device.Authorization() + "\r\nContent-Length: " + std::to_string(length) + "\r\n\r\n";
  }

  // Sends SIGTERM and waits (up to 5 s) until the listener refuses connections. True when it did.
  bool TerminateAndWaitForRefusal() {
    kill(server_->pid(), SIGTERM);
    for (int i = 0; i < 250; ++i) {
      if (!testing::HttpRequest(server_->port(), "GET", "/v1/health").ok()) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
  }
};

TEST_P(DrainTest, SigtermFinishesTheRequestInFlight) {
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA);
  v1::SyncRequest request;
  request.set_max_pull(5);
  std::string body = request.SerializeAsString();
  // The header and part of the body are sent; SIGTERM arrives; new connections are refused; then
  // the rest of the body arrives (a second max_pull field, so the body stays a valid message).
  bool refused = false;
  auto reply = testing::SlowExchange(
      server_->port(), SyncHead(*device, body.size() + 2) + body.substr(0, 1),
      [&] { refused = TerminateAndWaitForRefusal(); }, body.substr(1) + std::string("\x18\x05"));
  EXPECT_TRUE(refused) << "the listener still accepts after SIGTERM";
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(reply->rfind("HTTP/1.1 200", 0), 0u) << *reply;
  EXPECT_NE(reply->find("Connection: close"), std::string::npos) << *reply;
  v1::SyncResponse response;
  size_t body_at = reply->find("\r\n\r\n");
  ASSERT_NE(body_at, std::string::npos);
  EXPECT_TRUE(response.ParseFromString(reply->substr(body_at + 4)));
  EXPECT_FALSE(response.scope().empty()) << "a real sync answer";
  EXPECT_EQ(server_->Stop(), 0) << server_->Log();
  EXPECT_NE(server_->Log().find("已处理完进行中的请求"), std::string::npos) << server_->Log();
  EXPECT_FALSE(testing::HttpRequest(server_->port(), "GET", "/v1/health").ok()) << "stopped";
}

TEST_P(DrainTest, DrainEndsAtItsDeadlineWhenABodyNeverFinishes) {
  StartServer({"--drain-timeout", "1"});
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA);
  auto start = std::chrono::steady_clock::now();
  // 100 bytes announced, 1 sent, and the client then stays silent (no rest).
  auto reply = testing::SlowExchange(
      server_->port(), SyncHead(*device, 100) + "x",
      [&] { EXPECT_TRUE(TerminateAndWaitForRefusal()); }, "");
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_EQ(*reply, "") << "an unfinished request is not answered";
  // The body stall timeout is 30 s: the drain deadline (1 s) is what ended it. The server speaks
  // Chinese by default.
  EXPECT_LT(seconds, 15.0);
  EXPECT_EQ(server_->Stop(), 0) << server_->Log();
  EXPECT_NE(server_->Log().find("到了收尾期限才停止；还有 1 个连接没有得到回答"), std::string::npos)
      << server_->Log();
}

INSTANTIATE_TEST_SUITE_P(Backends, DrainTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
