// An enrolment whose answer never reached the phone (issue 19: crash points and lost answers on
// the enrolment path). The county redeemed the one-time code and enrolled the device, and then the
// link broke, or the server stopped before it answered. The phone must be able to finish with the
// same code: a grid worker in a village with one bar of signal cannot fetch a new code from the
// township. Only the same phone (device id and signing key) may do so, and only until it has
// synced once; every other use of a used code stays refused.

#include <gtest/gtest.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/sync/field_device.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/http_client.h"
#include "qiaomen/testing/manual_clock.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

// Passes requests on, except that the first enrolment's answer is lost after the county took it.
class LoseFirstEnrolAnswer : public Transport {
 public:
  explicit LoseFirstEnrolAnswer(Transport& inner) : inner_(inner) {}
  core::Result<HttpResponse> Send(const HttpRequest& request) override {
    if (request.url.find("/v1/enroll") == std::string::npos || lost_.exchange(true)) {
      return inner_.Send(request);
    }
    auto answer = inner_.Send(request);
    EXPECT_TRUE(answer.ok() && answer->status == 200) << "the county took the enrolment";
    return core::Unavailable("The connection was cut before the county's answer arrived.");
  }

 private:
  Transport& inner_;
  std::atomic<bool> lost_{false};
};

class EnrolmentRetryTest : public ServerSyncTest {
 protected:
  void SetUp() override {
    ServerSyncTest::SetUp();
    auto code = env_->AddWorkerWithCode("w9", "grid_worker", kGridScope);
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    code_ = *code;
  }

  EnrollOptions Options() const {
    EnrollOptions options;
    options.server_url = link_->url();
    options.code = code_;
    options.device_name = "phone of w9";
    options.keys.kdf = ::qiaomen::testing::FastKdf();
    return options;
  }

  core::Result<std::unique_ptr<FieldDevice>> EnrolIn(const std::string& dir, Transport* transport) {
    return FieldDevice::Enroll(dir, kDevicePin, Options(), deps_, transport);
  }

  int64_t DevicesOfW9() { return CountyInt("SELECT count(*) FROM devices WHERE worker_id = 'w9'"); }

  std::string code_;
  ::qiaomen::testing::TempDir dirs_;
  core::keys::FileKeyStore key_store_{dirs_.Join("keystore"), core::SecureRandom()};
  ::qiaomen::testing::ManualClock clock_{core::SystemClock().NowMillis()};
  FieldDeviceDeps deps_{clock_, core::SecureRandom(), key_store_};
};

TEST_P(EnrolmentRetryTest, AnEnrolmentWhoseAnswerWasLostFinishesWithTheSameCode) {
  CurlTransport curl;
  LoseFirstEnrolAnswer lossy(curl);
  const std::string dir = dirs_.Join("phone");
  auto first = EnrolIn(dir, &lossy);
  ASSERT_FALSE(first.ok());
  EXPECT_EQ(first.status().code(), core::Code::kUnavailable) << first.status().ToString();
  EXPECT_EQ(DevicesOfW9(), 1) << "the county enrolled the phone; only its answer was lost";

  auto second = EnrolIn(dir, &curl);
  ASSERT_TRUE(second.ok()) << "the same phone, the same code: " << second.status().ToString();
  EXPECT_EQ(DevicesOfW9(), 1) << "still one device: the retry is the same phone";
  DeviceSyncResult synced = (*second)->Sync({});
  ASSERT_TRUE(synced.status.ok()) << synced.status.ToString();
  EXPECT_EQ((*second)->config().worker_id, "w9");

  // Another phone with the used code is refused, as before.
  auto other = EnrolIn(dirs_.Join("other"), &curl);
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().code(), core::Code::kUnauthenticated) << other.status().ToString();
  EXPECT_EQ(DevicesOfW9(), 1);
}

// The township handed out a new code after the lost answer: it works at the first try (the county
// knows the unfinished profile's device under the old code, so the phone starts a new profile).
TEST_P(EnrolmentRetryTest, AfterALostAnswerANewCodeWorksAtTheFirstTry) {
  CurlTransport curl;
  LoseFirstEnrolAnswer lossy(curl);
  const std::string dir = dirs_.Join("phone");
  ASSERT_FALSE(EnrolIn(dir, &lossy).ok());
  ASSERT_TRUE(EnrolmentUnfinished(dir));
  auto fresh = env_->AddWorkerWithCode("w9", "grid_worker", kGridScope);
  ASSERT_TRUE(fresh.ok()) << fresh.status().ToString();
  code_ = *fresh;
  auto device = EnrolIn(dir, &curl);
  ASSERT_TRUE(device.ok()) << device.status().ToString();
  EXPECT_FALSE(EnrolmentUnfinished(dir));
  EXPECT_TRUE((*device)->Sync({}).status.ok());
}

TEST_P(EnrolmentRetryTest, AUsedCodeGivesNoNewTokenOnceThePhoneHasSynced) {
  CurlTransport curl;
  const std::string dir = dirs_.Join("phone");
  auto device = EnrolIn(dir, &curl);
  ASSERT_TRUE(device.ok()) << device.status().ToString();
  ASSERT_TRUE((*device)->Sync({}).status.ok());
  // Someone who saw the code replays it with the phone's id and public key (both travel in the
  // clear inside the county's network): no token.
  v1::EnrollRequest replay;
  replay.set_code(code_);
  replay.set_device_id((*device)->profile().info().device_id);
  const auto& pk = (*device)->profile().keys().signing_public_key();
  replay.set_device_public_key(std::string(pk.begin(), pk.end()));
  replay.set_device_name("replay");
  auto reply = qiaomen::testing::HttpRequest(server_->port(), "POST", "/v1/enroll",
                                             {{"Content-Type", "application/x-protobuf"}},
                                             replay.SerializeAsString());
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  EXPECT_NE(reply->status, 200) << "a used code re-issued a token to a phone that had synced";
  EXPECT_TRUE((*device)->Sync({}).status.ok()) << "the phone's own token still works";
}

TEST_P(EnrolmentRetryTest, ARefusedEnrolmentLeavesNothingBehind) {
  CurlTransport curl;
  auto used = EnrolIn(dirs_.Join("first"), &curl);
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  const std::string dir = dirs_.Join("second");
  auto refused = EnrolIn(dir, &curl);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), core::Code::kUnauthenticated);
  EXPECT_FALSE(std::filesystem::exists(core::profile::KeyFilePath(dir)))
      << "a refused enrolment keeps no half-made profile";
}

INSTANTIATE_TEST_SUITE_P(Backends, EnrolmentRetryTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
