// backup, backup verify and restore through the real qiaomen-county binary, on SQLite and
// PostgreSQL: a backup taken while a device syncs restores that instant exactly, with a new epoch;
// torn backups and non-empty targets are refused before anything is written.
#include <google/protobuf/util/json_util.h>
#include <gtest/gtest.h>
#include <sodium.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <thread>

#include "qiaomen/base/base64.h"
#include "qiaomen/base/durable_file.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/base/sha1.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/testing/postgres_server.h"
#include "qiaomen/v1/backup.pb.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

namespace fs = std::filesystem;
using testing::Backend;
using testing::CommandResult;

std::string RawSha256(const std::string& data) {
  std::string out(32, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(out.data()),
                     reinterpret_cast<const unsigned char*>(data.data()), data.size());
  return out;
}

// A restore target: a data directory and, on PostgreSQL, a fresh database.
struct Target {
  std::string data_dir;
  std::string db_url;  // empty on SQLite
  std::string DatabaseUrl() const { return db_url.empty() ? data_dir + "/county.db" : db_url; }
};

class BackupTest : public ServerTest {
 protected:
  void SetUp() override {
    ServerTest::SetUp();
    ASSERT_TRUE(env_->PublishTemplate("household_winter").ok());
    StartServer();
    device_ = EnrolledDevice("w1", std::string("grids:") + kGridA);
    h001_ = testing::FindSubjectId(PullAll(*device_), "H-001");
    ASSERT_FALSE(h001_.empty());
  }

  // The running county's data directory and database.
  std::string SourceDir() const { return env_->data_dir() + "/data"; }
  std::string SourceUrl() const {
    return env_->db_url().empty() ? SourceDir() + "/county.db" : env_->db_url();
  }

  // Uploads a photo of `device` (tus creation-with-upload) and syncs a visit referencing it.
  void SyncVisitWithPhoto(testing::TestDevice& device, int n) {
    std::string photo(20000 + n, '\0');
    for (size_t i = 0; i < photo.size(); ++i) photo[i] = static_cast<char>((i * 31 + n) % 253);
    std::string sha = RawSha256(photo);
    testing::HttpHeaders h = {
        {"Authorization", device.Authorization()},
        {"Tus-Resumable", "1.0.0"},
        {"Upload-Length", std::to_string(photo.size())},
        {"Upload-Metadata", "sha256 " + base::Base64Encode(base::HexEncode(sha))},
        {"Content-Type", "application/offset+octet-stream"},
        {"Upload-Checksum", "sha1 " + base::Base64Encode(base::Sha1(photo))}};
    auto upload = testing::HttpRequest(server_->port(), "POST", "/v1/photos/", h, photo);
    ASSERT_TRUE(upload.ok()) << upload.status().ToString();
    ASSERT_EQ(upload->status, 201) << upload->body;
    auto r = device.Sync(server_->port(), {device.NewVisit(h001_, "household_winter", {sha})});
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->results_size(), 1);
    ASSERT_EQ(r->results(0).outcome(), v1::ChangeResult::APPLIED) << r->results(0).reason();
  }

  CommandResult Backup(const std::string& to) const {
    return env_->Run({"backup", "--to", to, "--lang", "en"});
  }

  Target NewTarget() {
    Target target{env_->dir().Join("restored-" + std::to_string(targets_++)), ""};
    if (GetParam() == Backend::kPostgres) {
      auto url = testing::PostgresServer::Shared().CreateDatabase();
      EXPECT_TRUE(url.ok()) << url.status().ToString();
      target.db_url = url.value_or("");
    }
    return target;
  }

  static CommandResult Restore(const std::string& from, const Target& target,
                               std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"restore",       "--from", from, "--data",
                                  target.data_dir, "--lang", "en"};
    if (!target.db_url.empty()) {
      args.push_back("--db");
      args.push_back(target.db_url);
    }
    args.insert(args.end(), extra.begin(), extra.end());
    return testing::RunCounty(args);
  }

  // Every row of `sql` in the database at `url`, each row's columns hex-joined, keyed by column 0.
  static std::map<std::string, std::string> Rows(const std::string& url, const std::string& sql) {
    std::map<std::string, std::string> out;
    auto conn = OpenSqlConnection(url);
    EXPECT_TRUE(conn.ok()) << conn.status().ToString();
    if (!conn.ok()) return out;
    auto rows = (*conn)->Query(sql);
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    if (!rows.ok()) return out;
    for (const auto& row : *rows) {
      std::string value;
      for (size_t i = 1; i < row.size(); ++i) value += base::HexEncode(row.Bytes(i)) + "|";
      out[base::HexEncode(row.Bytes(0))] = value;
    }
    return out;
  }
  static std::map<std::string, std::string> Records(const std::string& url) {
    return Rows(url, "SELECT record_id, entity, snapshot, deleted FROM records");
  }
  static std::map<std::string, std::string> Changes(const std::string& url) {
    return Rows(url, "SELECT change_id, device_id, seq, payload FROM changes");
  }
  static std::string Epoch(const std::string& url) {
    auto rows = Rows(url, "SELECT key, value FROM meta WHERE key = 'epoch'");
    return rows.empty() ? "" : rows.begin()->second;
  }

  static v1::BackupManifest Manifest(const std::string& dir) {
    v1::BackupManifest manifest;
    auto json = base::ReadFile(dir + "/manifest.json");
    EXPECT_TRUE(json.ok()) << json.status().ToString();
    EXPECT_TRUE(google::protobuf::util::JsonStringToMessage(json.value_or(""), &manifest).ok());
    return manifest;
  }

  std::unique_ptr<testing::TestDevice> device_;
  std::string h001_;
  int targets_ = 0;
};

TEST_P(BackupTest, BackupWhileADeviceSyncsRestoresThatInstantWithANewEpoch) {
  for (int i = 0; i < 3; ++i) SyncVisitWithPhoto(*device_, i);
  auto second = EnrolledDevice("w2", std::string("grids:") + kGridA);
  const std::string backup = env_->dir().Join("backup");
  CommandResult first;
  {
    std::thread syncing([&] {
      for (int i = 0; i < 8; ++i) SyncVisitWithPhoto(*second, 100 + i);
    });
    first = Backup(backup);
    syncing.join();
  }
  ASSERT_EQ(first.exit_code, 0) << first.out << first.err;
  EXPECT_NE(first.out.find("blobs copied"), std::string::npos) << first.out;
  CommandResult verify = testing::RunCounty({"backup", "verify", backup, "--lang", "en"});
  ASSERT_EQ(verify.exit_code, 0) << verify.out << verify.err;
  EXPECT_NE(verify.out.find("is whole"), std::string::npos) << verify.out;
  // Issue 18: the backup's findings come from the county catalogue, Chinese unless asked.
  CommandResult zh = testing::RunCounty({"backup", "verify", backup, "--lang", "zh"});
  ASSERT_EQ(zh.exit_code, 0) << zh.out << zh.err;
  EXPECT_NE(zh.out.find("中的备份完整"), std::string::npos) << zh.out;
  EXPECT_EQ(zh.out.find("whole"), std::string::npos) << zh.out;

  // The first backup holds one instant of the running server: what it counted, unchanged.
  v1::BackupManifest manifest = Manifest(backup);
  EXPECT_EQ(manifest.backend(), testing::BackendName(GetParam()));
  EXPECT_GE(manifest.changes(), 3);
  Target early = NewTarget();
  CommandResult restored = Restore(backup, early);
  ASSERT_EQ(restored.exit_code, 0) << restored.out << restored.err;
  auto early_records = Records(early.DatabaseUrl());
  EXPECT_EQ(static_cast<int64_t>(early_records.size()), manifest.records());
  EXPECT_EQ(static_cast<int64_t>(Changes(early.DatabaseUrl()).size()), manifest.changes());
  auto source_records = Records(SourceUrl());
  for (const auto& [key, value] : early_records) EXPECT_EQ(source_records[key], value) << key;
  for (const auto& blob : manifest.blobs()) {
    EXPECT_EQ(base::ReadFile(early.data_dir + "/" + blob.path()).value_or("early"),
              base::ReadFile(SourceDir() + "/" + blob.path()).value_or("source"));
  }

  // Again into the same directory once the device is done: only new photos are copied, and the
  // restored county is the running one, counts and content.
  CommandResult again = Backup(backup);
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_NE(again.out.find("already in the backup"), std::string::npos) << again.out;
  Target full = NewTarget();
  restored = Restore(backup, full);
  ASSERT_EQ(restored.exit_code, 0) << restored.out << restored.err;
  EXPECT_NE(restored.out.find("New epoch"), std::string::npos) << restored.out;
  EXPECT_EQ(Records(full.DatabaseUrl()), Records(SourceUrl()));
  EXPECT_EQ(Changes(full.DatabaseUrl()), Changes(SourceUrl()));
  EXPECT_NE(Epoch(full.DatabaseUrl()), Epoch(SourceUrl()));
  EXPECT_NE(Epoch(full.DatabaseUrl()), Epoch(early.DatabaseUrl()));
  const v1::BackupManifest latest = Manifest(backup);
  for (const auto& blob : latest.blobs()) {
    EXPECT_EQ(base::ReadFile(full.data_dir + "/" + blob.path()).value_or("full"),
              base::ReadFile(SourceDir() + "/" + blob.path()).value_or("source"));
  }
  EXPECT_EQ(latest.blobs_size(), 11);

  // A server on the restored store knows the device and answers with the new epoch.
  auto before = device_->Sync(server_->port(), {});
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  server_->Stop();
  testing::ServerProcessOptions options;
  options.data_dir = full.data_dir;
  auto restored_server = testing::ServerProcess::Start(options);
  ASSERT_TRUE(restored_server.ok()) << restored_server.status().ToString();
  auto after = device_->Sync((*restored_server)->port(), {});
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_FALSE(after->server_epoch().empty());
  EXPECT_NE(after->server_epoch(), before->server_epoch());
}

// The county knows when its last backup was taken (report, /metrics), and each device how much of
// its work that backup holds (every sync answer): what lies above would be sent again after a
// restore.
TEST_P(BackupTest, TheCountyAndEachDeviceKnowWhatTheLastBackupHolds) {
  CommandResult report = env_->Run({"report"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("上次备份：无"), std::string::npos) << report.out;
  SyncVisitWithPhoto(*device_, 1);
  auto answer = device_->Sync(server_->port(), {});
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(answer->applied_through_seq(), 1u);
  EXPECT_EQ(answer->backed_up_through_seq(), 0u) << "no backup yet";

  CommandResult backup = Backup(env_->dir().Join("backup"));
  ASSERT_EQ(backup.exit_code, 0) << backup.out << backup.err;
  SyncVisitWithPhoto(*device_, 2);  // after the backup
  answer = device_->Sync(server_->port(), {});
  ASSERT_TRUE(answer.ok()) << answer.status().ToString();
  EXPECT_EQ(answer->applied_through_seq(), 2u);
  EXPECT_EQ(answer->backed_up_through_seq(), 1u) << "the backup holds the first visit only";

  report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"backup_age_seconds\":0"), std::string::npos) << report.out;
  report = env_->Run({"report", "--lang", "en"});
  EXPECT_NE(report.out.find("last backup: 0 h 0 min ago."), std::string::npos) << report.out;
  auto metrics = testing::HttpRequest(server_->port(), "GET", "/metrics", {}, "");
  ASSERT_TRUE(metrics.ok()) << metrics.status().ToString();
  const size_t at = metrics->body.find("\nqiaomen_last_backup_timestamp_seconds ");
  ASSERT_NE(at, std::string::npos) << metrics->body;
  EXPECT_GT(std::stoll(metrics->body.substr(at + 39)), 1'700'000'000);
}

// A pg_dump that fails (too old for the server, a broken install) fails the backup with its reason
// and what to do, and leaves no manifest, so nothing looks like a backup. SQLite needs no pg_dump.
TEST_P(BackupTest, AFailingPgDumpLeavesNoBackupAndSaysWhatToDo) {
  const std::string bin = env_->dir().Join("bin");
  fs::create_directories(bin);
  {
    std::ofstream tool(bin + "/pg_dump");
    tool << "#!/bin/sh\necho 'pg_dump: error: aborting because of server version mismatch' >&2\n"
            "exit 1\n";
  }
  fs::permissions(bin + "/pg_dump", fs::perms::owner_all);
  const std::string path = std::getenv("PATH") == nullptr ? "" : std::getenv("PATH");
  ASSERT_EQ(setenv("PATH", (bin + ":" + path).c_str(), 1), 0);
  const std::string to = env_->dir().Join("backup");
  CommandResult result = Backup(to);
  setenv("PATH", path.c_str(), 1);
  if (GetParam() == Backend::kSqlite) {
    ASSERT_EQ(result.exit_code, 0) << result.out << result.err;
    EXPECT_TRUE(fs::exists(to + "/manifest.json"));
    return;
  }
  EXPECT_NE(result.exit_code, 0) << result.out;
  EXPECT_NE(result.err.find("server version mismatch"), std::string::npos) << result.err;
  EXPECT_NE(result.err.find("postgresql-client"), std::string::npos) << result.err;
  EXPECT_FALSE(fs::exists(to + "/manifest.json"));
  CommandResult verify = testing::RunCounty({"backup", "verify", to, "--lang", "en"});
  EXPECT_NE(verify.exit_code, 0) << verify.out;
  CommandResult report = env_->Run({"report"});
  EXPECT_NE(report.out.find("上次备份：无"), std::string::npos) << report.out;
}

TEST_P(BackupTest, TornBackupsAreRefusedByVerifyAndRestoreWithNothingWritten) {
  SyncVisitWithPhoto(*device_, 1);
  const std::string backup = env_->dir().Join("backup");
  CommandResult made = Backup(backup);
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;
  v1::BackupManifest manifest = Manifest(backup);
  ASSERT_EQ(manifest.blobs_size(), 1);

  struct Tear {
    std::string name;
    std::function<void(const std::string&)> damage;
    std::string says;
  };
  std::vector<Tear> tears = {
      {"no-manifest", [](const std::string& dir) { fs::remove(dir + "/manifest.json"); },
       "incomplete"},
      {"altered-blob",
       [&](const std::string& dir) {
         std::fstream f(dir + "/" + manifest.blobs(0).path(),
                        std::ios::in | std::ios::out | std::ios::binary);
         f.seekp(100);
         f.put('!');
       },
       "damaged: " + manifest.blobs(0).path() + " was altered"},
      {"truncated-database",
       [&](const std::string& dir) {
         fs::resize_file(dir + "/" + manifest.database().path(), manifest.database().size() / 2);
       },
       "damaged: " + manifest.database().path() + " has "},
  };
  for (const auto& tear : tears) {
    SCOPED_TRACE(tear.name);
    const std::string copy = env_->dir().Join(tear.name);
    fs::copy(backup, copy, fs::copy_options::recursive);
    tear.damage(copy);
    CommandResult verify = testing::RunCounty({"backup", "verify", copy, "--lang", "en"});
    EXPECT_EQ(verify.exit_code, 1);
    EXPECT_NE((verify.out + verify.err).find(tear.says), std::string::npos)
        << verify.out << verify.err;
    Target target = NewTarget();
    CommandResult restore = Restore(copy, target);
    EXPECT_EQ(restore.exit_code, 1);
    EXPECT_NE((restore.out + restore.err).find(tear.says), std::string::npos)
        << restore.out << restore.err;
    EXPECT_FALSE(fs::exists(target.data_dir)) << "nothing is written";
    if (!target.db_url.empty()) {
      auto tables = Rows(target.db_url,
                         "SELECT table_name FROM information_schema.tables WHERE table_schema = "
                         "current_schema()");
      EXPECT_TRUE(tables.empty());
    }
  }
  CommandResult wrong = testing::RunCounty({"backup", "verify", env_->dir().Join("nowhere")});
  EXPECT_EQ(wrong.exit_code, 1);
  EXPECT_NE(wrong.err.find("There is no backup at"), std::string::npos) << wrong.err;
}

TEST_P(BackupTest, RestoreRefusesANonEmptyTargetWithoutForce) {
  SyncVisitWithPhoto(*device_, 1);
  const std::string backup = env_->dir().Join("backup");
  CommandResult made = Backup(backup);
  ASSERT_EQ(made.exit_code, 0) << made.out << made.err;

  Target occupied = NewTarget();
  ASSERT_TRUE(base::EnsureDir(occupied.data_dir).ok());
  ASSERT_TRUE(base::WriteFileAtomically(occupied.data_dir + "/notes.txt", "keep").ok());
  CommandResult refused = Restore(backup, occupied);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.err.find("is not empty"), std::string::npos) << refused.err;
  EXPECT_NE(refused.err.find("--force"), std::string::npos) << refused.err;
  EXPECT_FALSE(fs::exists(occupied.data_dir + "/blobs"));

  if (GetParam() == Backend::kPostgres) {
    // The running county's own database is not empty.
    Target used{env_->dir().Join("into-used-db"), env_->db_url()};
    CommandResult into_used = Restore(backup, used);
    EXPECT_EQ(into_used.exit_code, 1);
    EXPECT_NE(into_used.err.find("is not empty"), std::string::npos) << into_used.err;
    EXPECT_FALSE(fs::exists(used.data_dir));
  }

  CommandResult forced = Restore(backup, occupied, {"--force"});
  ASSERT_EQ(forced.exit_code, 0) << forced.out << forced.err;
  EXPECT_EQ(Records(occupied.DatabaseUrl()), Records(SourceUrl()));
  // Into the county's own directory (and database) once its server is stopped: a restore in place.
  server_->Stop();
  Target in_place{SourceDir(), env_->db_url()};
  const std::string old_epoch = Epoch(SourceUrl());
  const auto old_changes = Changes(SourceUrl());
  CommandResult again = Restore(backup, in_place, {"--force"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_EQ(Changes(SourceUrl()), old_changes);
  EXPECT_NE(Epoch(SourceUrl()), old_epoch);
}

INSTANTIATE_TEST_SUITE_P(Backends, BackupTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
