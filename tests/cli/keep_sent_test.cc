// Issue 21: a device keeps the changes it sent until the county's backup holds them, within a cap.
// When the cap makes it let go of changes no backup holds yet, the worker is told (sync and
// status), the device keeps working, and the warning goes once a backup holds them.
#include <gtest/gtest.h>

#include "cli_fixture.h"

namespace qiaomen::cli::testing {
namespace {

constexpr const char* kUnbackedZh = "不在县里的任何备份中，本机也已不再保留";
constexpr const char* kAllBackedUpZh = "包含已发送的全部更改";

bool Contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

class KeepSentTest : public CliFixture {
 protected:
  static std::string CountyData() { return county().data_dir() + "/data"; }

  void RecordVisit(const std::string& subject, const std::string& file) {
    WritePhoto("p1.jpg", 4000);
    CliRun visit = Run({"visit", "record", WriteFile(file, CheckedVisitJson(subject, false))});
    ASSERT_EQ(visit.exit_code, 0) << visit.out << visit.err;
  }
};

TEST_F(KeepSentTest, ACapReachedBeforeABackupSaysSoKeepsWorkingAndClearsAfterTheBackup) {
  Enroll("w-keep", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  RecordVisit("H001", "v1.json");

  // No backup holds anything yet, and the device may keep nothing it sent.
  CliRun tight = Run({"sync", "--keep-sent-mb", "0"});
  ASSERT_EQ(tight.exit_code, 0) << tight.out << tight.err;
  EXPECT_TRUE(Contains(tight.out, kUnbackedZh)) << tight.out;
  EXPECT_TRUE(Contains(tight.out, "qiaomen-county backup")) << tight.out;
  CliRun status = Run({"status"});
  ASSERT_EQ(status.exit_code, 0) << status.err;
  EXPECT_TRUE(Contains(status.out, kUnbackedZh)) << status.out;
  CliRun json = Run({"--json", "status"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_TRUE(Contains(json.out, "\"backed_up_through\":0")) << json.out;
  EXPECT_FALSE(Contains(json.out, "\"released_through\":0")) << json.out;

  // The device keeps working: another visit is recorded and sent.
  RecordVisit("H002", "v2.json");
  CliRun again = Run({"sync", "--keep-sent-mb", "0"});
  ASSERT_EQ(again.exit_code, 0) << again.out << again.err;
  EXPECT_TRUE(Contains(again.out, kUnbackedZh)) << again.out;

  // The county takes a backup while serving; the next sync learns it holds everything sent.
  auto backup = qiaomen::testing::RunCounty(
      {"backup", "--data", CountyData(), "--to", dir_.Join("county-backup")});
  ASSERT_EQ(backup.exit_code, 0) << backup.out << backup.err;
  CliRun after = Run({"sync"});
  ASSERT_EQ(after.exit_code, 0) << after.out << after.err;
  EXPECT_FALSE(Contains(after.out, kUnbackedZh)) << after.out;
  status = Run({"status"});
  EXPECT_FALSE(Contains(status.out, kUnbackedZh)) << status.out;
  EXPECT_TRUE(Contains(status.out, kAllBackedUpZh)) << status.out;
}

TEST_F(KeepSentTest, ABadCapIsRefusedWithWhatItMustBe) {
  Enroll("w-keep-bad", "grids:T01-V01-G01");
  for (const char* bad : {"-1", "64MB", "", "99999999"}) {
    CliRun r = Run({"sync", "--keep-sent-mb", bad});
    EXPECT_EQ(r.exit_code, 2) << bad << ": " << r.out << r.err;
    EXPECT_TRUE(Contains(r.err, "--keep-sent-mb must be a whole number")) << r.err;
  }
  CliRun chunk = Run({"sync", "--chunk-kb", "lots"});
  EXPECT_EQ(chunk.exit_code, 2) << chunk.err;
  EXPECT_TRUE(Contains(chunk.err, "--chunk-kb must be a whole number of kilobytes from 4"))
      << chunk.err;
}

}  // namespace
}  // namespace qiaomen::cli::testing
