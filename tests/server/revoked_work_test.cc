// Issue 18, item 3: the county reviews the work a revoked device sent after it was let back:
// kept unsent through the revocation, or made while revoked. On SQLite and PostgreSQL, and on a
// county made before revocations were recorded (the table is created when the county is opened).
#include <gtest/gtest.h>

#include "qiaomen/base/hex.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/server/sql_connection.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

class RevokedWorkTest : public ServerTest {};

// The member `key`'s raw JSON value in the element of a JSON array that contains `marker`.
std::string ValueIn(const std::string& json, const std::string& marker, const std::string& key) {
  const auto at = json.find(marker);
  if (at == std::string::npos) return "";
  const auto start = json.rfind('{', at);
  const std::string element = json.substr(start, json.find('}', at) - start);
  const auto k = element.find("\"" + key + "\":");
  if (k == std::string::npos) return "";
  const auto v = k + key.size() + 3;
  return element.substr(v, element.find_first_of(",}", v) - v);
}

TEST_P(RevokedWorkTest, WorkKeptAndWorkMadeWhileRevokedAreListedApart) {
  ASSERT_TRUE(env_->PublishTemplate("household_winter").ok());
  // A county from before revocations were recorded: the table is made again when it is opened.
  {
    const std::string url =
        env_->db_url().empty() ? env_->data_dir() + "/data/county.db" : env_->db_url();
    auto conn = OpenSqlConnection(url);
    ASSERT_TRUE(conn.ok()) << conn.status().ToString();
    ASSERT_TRUE((*conn)->ExecScript("DROP TABLE device_revocations").ok());
  }
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA);
  const auto subjects = PullAll(*device);
  const std::string h001 = testing::FindSubjectId(subjects, "H-001");
  const std::string h002 = testing::FindSubjectId(subjects, "H-002");
  ASSERT_FALSE(h001.empty());
  ASSERT_FALSE(h002.empty());
  auto sent = device->Sync(server_->port(), {device->NewVisit(h001, "household_winter")});
  ASSERT_TRUE(sent.ok()) << sent.status().ToString();

  // Made before the revocation and not sent; then the device is revoked.
  v1::Change kept = device->NewVisit(h001, "household_winter");
  kept.set_device_time_ms(core::SystemClock().NowMillis() - 1000);
  const std::string id = core::Uuid::FromBytes(device->device_id())->ToString();
  auto revoked = env_->Run({"revoke-device", id});
  ASSERT_EQ(revoked.exit_code, 0) << revoked.err;
  EXPECT_EQ(env_->Run({"revoke-device", id}).exit_code, 0) << "revoking twice changes nothing";
  v1::Change made_revoked = device->NewVisit(h002, "household_winter");
  made_revoked.set_device_time_ms(core::SystemClock().NowMillis() + 1);
  EXPECT_FALSE(device->Sync(server_->port(), {kept, made_revoked}).ok()) << "revoked";

  auto none = env_->Run({"revoked-work", "--format", "json"});
  ASSERT_EQ(none.exit_code, 0) << none.err;
  EXPECT_EQ(none.out, "[]\n") << "nothing came back while the device stays revoked";

  auto code = env_->Run({"enroll-code", "--worker", "w1", "--device", id});
  ASSERT_EQ(code.exit_code, 0) << code.err;
  std::string text = code.out;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  ASSERT_TRUE(device->Enroll(server_->port(), text).ok());
  v1::Change after = device->NewVisit(h002, "household_winter");
  after.set_device_time_ms(core::SystemClock().NowMillis() + 60000);
  auto back = device->Sync(server_->port(), {kept, made_revoked, after});
  ASSERT_TRUE(back.ok()) << back.status().ToString();

  auto work = env_->Run({"revoked-work", "--format", "json"});
  ASSERT_EQ(work.exit_code, 0) << work.err;
  EXPECT_EQ(ValueIn(work.out, "\"seq\":2,", "made_while_revoked"), "false") << work.out;
  EXPECT_EQ(ValueIn(work.out, "\"seq\":2,", "subject"), "\"H-001 Wang Fang\"") << work.out;
  EXPECT_EQ(ValueIn(work.out, "\"seq\":3,", "made_while_revoked"), "true") << work.out;
  EXPECT_EQ(ValueIn(work.out, "\"seq\":1,", "entity"), "") << "received before the revocation";
  EXPECT_EQ(ValueIn(work.out, "\"seq\":4,", "entity"), "") << "made after the re-enrolment";
  EXPECT_EQ(ValueIn(work.out, "\"seq\":2,", "device"), "\"" + id + "\"") << work.out;
  auto english = env_->Run({"revoked-work", "--lang", "en"});
  EXPECT_NE(english.out.find("made while revoked: check it"), std::string::npos) << english.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, RevokedWorkTest,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace qiaomen::server
