#pragma once
// The sync engine against the real county server process (qiaomen-county serve) over real
// sockets, through the in-process link simulator, with devices that are real enrolled profiles
// (SQLCipher Store + PhotoVault) behind StoreSyncAdapter and the real CurlTransport.
// The fixture is parameterised by the county's backend: every test runs on SQLite (the data
// directory's county.db) and on PostgreSQL (a fresh database of the binary's one test PostgreSQL,
// started on first use; a PostgreSQL that cannot start aborts the binary with the reason).
// Every test runs under a TestWatchdog: a hang cancels the engine and fails instead of blocking.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "qiaomen/base/hex.h"
#include "qiaomen/core/random.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/sync/curl_transport.h"
#include "qiaomen/sync/sync_engine.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/link_simulator.h"
#include "qiaomen/testing/temp_dir.h"
#include "tests/sync/profile_device.h"
#include "tests/sync/test_watchdog.h"

namespace qiaomen::sync::testing {

inline constexpr char kHouseholdsCsv[] =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
    "H-001,household,T01:Qingshi,V01:Shangcun,G01,Wang Fang,1 Hill Rd,13800000001,3,coal_heating\n"
    "H-002,household,T01:Qingshi,V01:Shangcun,G01,Li Wei,2 Hill Rd,,1,elderly_alone\n";
inline constexpr char kGridScope[] = "grids:T01-V01-G01";
inline constexpr char kTemplate[] = "household_winter";

// Wraps a transport to act before each request (arm a cut, kill the server) or to send every
// request twice (the first answer is thrown away). Thread-safe if the hook is.
class HookTransport : public Transport {
 public:
  explicit HookTransport(Transport& inner) : inner_(inner) {}
  core::Result<HttpResponse> Send(const HttpRequest& request) override {
    const int index = count_++;
    if (before) before(request, index);
    if (send_twice) inner_.Send(request).status().IgnoreError();
    auto result = inner_.Send(request);
    if (!result.ok()) ++failures;
    return result;
  }
  std::atomic<int> failures{0};  // sends that failed (cut, dropped, refused)
  std::function<void(const HttpRequest&, int)> before;
  bool send_twice = false;

 private:
  Transport& inner_;
  std::atomic<int> count_{0};
};

// Passes requests on, except that the first sync's answer never reaches the device: the county
// has done the work, and the call fails like a cut link once `resend_when()` holds, so the engine's
// resend comes no sooner. (A response dropped on the wire is not enough: curl resends at once on a
// fresh connection, inside one Send.) Thread-safe.
class LoseFirstSyncAnswer : public Transport {
 public:
  LoseFirstSyncAnswer(Transport& inner, std::function<bool()> resend_when)
      : inner_(inner), resend_when_(std::move(resend_when)) {}
  core::Result<HttpResponse> Send(const HttpRequest& request) override {
    if (request.url.find("/v1/sync") == std::string::npos || lost_.exchange(true)) {
      return inner_.Send(request);
    }
    auto answer = inner_.Send(request);
    EXPECT_TRUE(answer.ok() && answer->status == 200) << "the county took the push";
    while (!resend_when_()) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    return core::Unavailable("The connection was cut before the county's answer arrived.");
  }
  bool lost() const { return lost_; }

 private:
  Transport& inner_;
  std::function<bool()> resend_when_;
  std::atomic<bool> lost_{false};
};

class ServerSyncTest : public ::testing::TestWithParam<qiaomen::testing::Backend> {
 protected:
  // Each test's budget (the whole run of one test, server start and stop included).
  virtual std::chrono::seconds Budget() const { return std::chrono::seconds(60); }

  void SetUp() override;
  void TearDown() override;

  void StartServer();
  // A new profile enrolled as `worker` (a grid worker of `scope`), opened.
  std::unique_ptr<ProfileDevice> NewDevice(const std::string& worker,
                                           const std::string& scope = kGridScope,
                                           int64_t clock_offset_ms = 0);
  // Enrols `device` for a new worker `worker` with `role` and `scope` (token set).
  void Enroll(ProfileDevice& device, const std::string& worker, const std::string& scope,
              const std::string& role = "grid_worker");

  SyncConfig Config(const ProfileDevice& device) const;
  // One engine run on `device` (through `transport`, the real CurlTransport by default). The
  // watchdog cancels it if the test runs out of time.
  SyncReport Run(ProfileDevice& device, const SyncConfig& config, Transport* transport = nullptr);
  SyncReport Run(ProfileDevice& device) { return Run(device, Config(device)); }
  // The link the engine is told it is on in every Run (metered holds photos when the config asks).
  LinkKind run_link_ = LinkKind::kUnmetered;
  // Syncs and returns the subject id of `external_id` from the device's store ("" if absent).
  std::string Bootstrap(ProfileDevice& device, const std::string& external_id = "H-001");

  // The county's own database (its SQLite file, or its PostgreSQL database) through the server's
  // SqlConnection, for end-state checks; opened on first use. Queries use the dialects' common SQL
  // with `$n` placeholders (bytes as server::Blob).
  server::SqlConnection* County();
  // The first column of the first row of `sql` as an integer (-1 and a failure on error).
  int64_t CountyInt(const std::string& sql, const std::vector<server::SqlValue>& params = {});
  // The county's changes of one record made by devices (not by its own import), in log order.
  std::vector<v1::Change> CountyChanges(const std::string& record_id);
  std::string BlobPath(const std::string& sha256_hex) const;

  // The device's outbox is empty, no photo waits, nothing is quarantined; the county holds each of
  // its changes exactly once (by change id) and a verified file for each of its photos.
  void ExpectDelivered(ProfileDevice& device, int64_t expected_changes);
  // The county holds the photo with this SHA-256 (lower-case hex): a blob row and a file whose
  // bytes have that hash.
  void ExpectCountyHoldsPhoto(const std::string& sha256_hex);

  // Stops the county and rolls it back to a backup that held the first `through` changes of each
  // listed device (with their records, refusals and marks) and none of the photo files
  // `lost_blobs` (hex); with `new_epoch` the restore gives the county a new epoch, as a restore
  // procedure should; without, it kept the old one. Then starts it again behind the same link.
  void Restore(const std::vector<std::pair<ProfileDevice*, int64_t>>& held,
               const std::vector<std::string>& lost_blobs, bool new_epoch);

  // Declared first: destroyed last, so it also watches teardown (a server that never stops).
  std::unique_ptr<TestWatchdog> watchdog_;
  std::unique_ptr<qiaomen::testing::CountyEnv> env_;
  std::unique_ptr<qiaomen::testing::ServerProcess> server_;
  std::unique_ptr<qiaomen::testing::LinkSimulator> link_;
  std::unique_ptr<server::SqlConnection> county_;
  qiaomen::testing::TempDir devices_dir_;
  CurlTransport curl_;
  core::SeededRandom random_{99};
  std::mutex engines_mu_;
  std::vector<SyncEngine*> engines_;  // running, for the watchdog to cancel
};

inline void ServerSyncTest::SetUp() {
  watchdog_ = std::make_unique<TestWatchdog>(Budget());
  watchdog_->OnTimeout([this] {
    std::lock_guard lock(engines_mu_);
    for (SyncEngine* engine : engines_) engine->Cancel();
  });
  auto env = qiaomen::testing::CountyEnv::Create(GetParam());
  ASSERT_TRUE(env.ok()) << env.status().ToString();
  env_ = std::move(env).value();
  // The server really runs on the backend the test is named after.
  const bool on_postgres = GetParam() == qiaomen::testing::Backend::kPostgres;
  ASSERT_NE(County(), nullptr);
  ASSERT_EQ(County()->dialect(),
            on_postgres ? server::SqlDialect::kPostgres : server::SqlDialect::kSqlite);
  ASSERT_EQ(std::filesystem::exists(env_->data_dir() + "/data/county.db"), !on_postgres)
      << "the data directory's own SQLite file exists only on the SQLite backend";
  auto imported = env_->ImportCsv(kHouseholdsCsv);
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  ASSERT_TRUE(env_->PublishTemplate(kTemplate).ok());
  StartServer();
  link_ = std::make_unique<qiaomen::testing::LinkSimulator>("127.0.0.1", server_->port());
  ASSERT_TRUE(link_->Start());
}

inline void ServerSyncTest::TearDown() {
  {
    std::lock_guard lock(engines_mu_);
    engines_.clear();
  }
  link_.reset();
  server_.reset();  // SIGTERM and wait: still under the watchdog
  county_.reset();
}

inline void ServerSyncTest::StartServer() {
  auto server = env_->StartServer();
  ASSERT_TRUE(server.ok()) << server.status().ToString();
  server_ = std::move(server).value();
}

inline void ServerSyncTest::Enroll(ProfileDevice& device, const std::string& worker,
                                   const std::string& scope, const std::string& role) {
  auto code = env_->AddWorkerWithCode(worker, role, scope);
  ASSERT_TRUE(code.ok()) << code.status().ToString();
  v1::EnrollRequest request;
  request.set_code(*code);
  request.set_device_id(device.device_id());
  request.set_device_public_key(device.public_key());
  request.set_device_name("phone of " + worker);
  auto reply = qiaomen::testing::HttpRequest(server_->port(), "POST", "/v1/enroll",
                                             {{"Content-Type", "application/x-protobuf"}},
                                             request.SerializeAsString());
  ASSERT_TRUE(reply.ok()) << reply.status().ToString();
  ASSERT_EQ(reply->status, 200) << reply->body;
  v1::EnrollResponse response;
  ASSERT_TRUE(response.ParseFromString(reply->body));
  device.token = response.token();
}

inline std::unique_ptr<ProfileDevice> ServerSyncTest::NewDevice(const std::string& worker,
                                                                const std::string& scope,
                                                                int64_t clock_offset_ms) {
  auto device = std::make_unique<ProfileDevice>(devices_dir_.Join(worker), worker, clock_offset_ms);
  core::Status opened = device->Open();
  EXPECT_TRUE(opened.ok()) << opened.ToString();
  if (opened.ok()) Enroll(*device, worker, scope);
  return device;
}

inline SyncConfig ServerSyncTest::Config(const ProfileDevice& device) const {
  SyncConfig config;
  config.server_url = link_->url();
  config.token = device.token;
  config.backoff = {.base_ms = 20, .cap_ms = 400, .max_attempts = 40};
  return config;
}

inline SyncReport ServerSyncTest::Run(ProfileDevice& device, const SyncConfig& config,
                                      Transport* transport) {
  SyncEngine engine(config, SyncDeps{.transport = transport != nullptr ? *transport : curl_,
                                     .store = device.adapter(),
                                     .clock = device.clock(),
                                     .random = random_,
                                     .sleeper = RealSleeper()});
  engine.SetLink(run_link_);
  {
    std::lock_guard lock(engines_mu_);
    engines_.push_back(&engine);
  }
  SyncReport report = engine.Run();
  {
    std::lock_guard lock(engines_mu_);
    std::erase(engines_, &engine);
  }
  return report;
}

inline std::string ServerSyncTest::Bootstrap(ProfileDevice& device,
                                             const std::string& external_id) {
  SyncReport report = Run(device);
  EXPECT_TRUE(report.status.ok()) << report.status.ToString();
  auto subject = device.store().GetSubjectByExternalId(external_id);
  EXPECT_TRUE(subject.ok()) << subject.status().ToString();
  return subject.ok() ? subject->id() : "";
}

inline server::SqlConnection* ServerSyncTest::County() {
  if (county_ == nullptr) {
    const bool on_postgres = env_->backend() == qiaomen::testing::Backend::kPostgres;
    const std::string url = on_postgres ? env_->db_url() : env_->data_dir() + "/data/county.db";
    auto conn = server::OpenSqlConnection(url);
    EXPECT_TRUE(conn.ok()) << "the county's database " << url << ": " << conn.status().ToString();
    if (conn.ok()) county_ = std::move(conn).value();
  }
  return county_.get();
}

inline int64_t ServerSyncTest::CountyInt(const std::string& sql,
                                         const std::vector<server::SqlValue>& params) {
  server::SqlConnection* county = County();
  if (county == nullptr) return -1;
  auto row = county->QueryOne(sql, params);
  EXPECT_TRUE(row.ok()) << sql << ": " << row.status().ToString();
  return row.ok() && row->size() > 0 && !row->IsNull(0) ? row->Int(0) : -1;
}

inline std::vector<v1::Change> ServerSyncTest::CountyChanges(const std::string& record_id) {
  std::vector<v1::Change> out;
  server::SqlConnection* county = County();
  if (county == nullptr) return out;
  auto rows = county->Query(
      "SELECT payload FROM changes WHERE record_id = $1 AND device_id IN "
      "(SELECT device_id FROM devices) ORDER BY id",
      {server::Blob(record_id)});
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  if (!rows.ok()) return out;
  for (const server::SqlRow& row : *rows) {
    v1::Change change;
    EXPECT_TRUE(change.ParseFromString(row.Bytes(0)));
    out.push_back(change);
  }
  return out;
}

inline std::string ServerSyncTest::BlobPath(const std::string& hex) const {
  return env_->data_dir() + "/data/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2);
}

inline void ServerSyncTest::ExpectDelivered(ProfileDevice& device, int64_t expected_changes) {
  EXPECT_EQ(*device.adapter().PendingChangeCount(), 0);
  EXPECT_TRUE(device.adapter().PendingPhotos()->empty());
  EXPECT_TRUE(device.store().ListQuarantined()->empty());
  const std::vector<server::SqlValue> dev{server::Blob(device.device_id())};
  EXPECT_EQ(CountyInt("SELECT count(*) FROM changes WHERE device_id = $1", dev), expected_changes);
  EXPECT_EQ(CountyInt("SELECT count(DISTINCT change_id) FROM changes WHERE device_id = $1", dev),
            expected_changes);
  EXPECT_EQ(CountyInt("SELECT count(DISTINCT seq) FROM changes WHERE device_id = $1", dev),
            expected_changes);
  EXPECT_EQ(CountyInt("SELECT count(*) FROM quarantine WHERE device_id = $1", dev), 0);
  EXPECT_EQ(CountyInt("SELECT applied_seq FROM devices WHERE device_id = $1", dev),
            static_cast<int64_t>(device.store().GetSyncState()->last_seq));
  // Every photo the device knows is on the county, complete and with the right hash.
  auto hashes = device.store().database().QueryText(
      "SELECT coalesce(group_concat(lower(hex(sha256)), ','), '') FROM photos;");
  ASSERT_TRUE(hashes.ok()) << hashes.status().ToString();
  std::string list = *hashes;
  for (size_t start = 0; start < list.size();) {
    size_t end = list.find(',', start);
    if (end == std::string::npos) end = list.size();
    const std::string hex = list.substr(start, end - start);
    start = end + 1;
    ExpectCountyHoldsPhoto(hex);
  }
}

inline void ServerSyncTest::ExpectCountyHoldsPhoto(const std::string& hex) {
  EXPECT_EQ(CountyInt("SELECT count(*) FROM blobs WHERE sha256 = $1", {server::Text(hex)}), 1)
      << hex;
  std::ifstream file(BlobPath(hex), std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
  EXPECT_EQ(base::HexEncode(Sha256Raw(bytes)), hex) << "the county's file of photo " << hex;
}

inline void ServerSyncTest::Restore(const std::vector<std::pair<ProfileDevice*, int64_t>>& held,
                                    const std::vector<std::string>& lost_blobs, bool new_epoch) {
  server_->Stop();
  server::SqlConnection* county = County();
  ASSERT_NE(county, nullptr);
  for (const auto& [device, through] : held) {
    const std::vector<server::SqlValue> args{server::Blob(device->device_id()),
                                             server::Int(through)};
    for (const char* sql : {
             "DELETE FROM records WHERE entity IN (3, 4, 6) AND record_id IN (SELECT record_id "
             "FROM changes WHERE device_id = $1 AND seq > $2)",
             "DELETE FROM changes WHERE device_id = $1 AND seq > $2",
             "DELETE FROM quarantine WHERE device_id = $1 AND seq > $2",
             "UPDATE devices SET applied_seq = $2 WHERE device_id = $1",
         }) {
      core::Status s = county->Exec(sql, args);
      ASSERT_TRUE(s.ok()) << sql << ": " << s.ToString();
    }
  }
  for (const std::string& hex : lost_blobs) {
    ASSERT_TRUE(county->Exec("DELETE FROM blobs WHERE sha256 = $1", {server::Text(hex)}).ok());
    std::filesystem::remove(BlobPath(hex));
  }
  if (new_epoch) {
    std::string epoch(16, '\0');
    core::SecureRandom().Fill(reinterpret_cast<uint8_t*>(epoch.data()), epoch.size());
    ASSERT_TRUE(
        county->Exec("UPDATE meta SET value = $1 WHERE key = 'epoch'", {server::Blob(epoch)}).ok());
  }
  StartServer();
  link_->SetTargetPort(server_->port());
}

// "sqlite" / "postgres", so tests read Backends/ServerSyncTest.Name/postgres. Each suite:
//   INSTANTIATE_TEST_SUITE_P(Backends, Suite, ::testing::ValuesIn(kBothBackends),
//                            BackendParamName);
inline constexpr qiaomen::testing::Backend kBothBackends[] = {qiaomen::testing::Backend::kSqlite,
                                                              qiaomen::testing::Backend::kPostgres};
inline std::string BackendParamName(
    const ::testing::TestParamInfo<qiaomen::testing::Backend>& info) {
  return qiaomen::testing::BackendName(info.param);
}

}  // namespace qiaomen::sync::testing
