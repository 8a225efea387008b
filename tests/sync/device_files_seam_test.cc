// The field device's own files go through the file-system seam (issue 19): a device enrolled and
// used with a FaultFileSystem writes nothing on the real disk but its SQLite database, and a
// bundle exported through it survives a power loss at every step whole or not at all, and a full
// disk or an I/O error while exporting is a clear error that loses nothing of the profile.

#include <gtest/gtest.h>

#include <cerrno>
#include <filesystem>
#include <memory>
#include <set>
#include <string>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/sync/client_config.h"
#include "qiaomen/sync/field_device.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/fault_file_system.h"
#include "qiaomen/testing/manual_clock.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

constexpr char kBundle[] = "/usb/day.qmb";

class DeviceFilesSeamTest : public ServerSyncTest {
 protected:
  void SetUp() override {
    ServerSyncTest::SetUp();
    auto code = env_->AddWorkerWithCode("w9", "grid_worker", kGridScope);
    ASSERT_TRUE(code.ok()) << code.status().ToString();
    // SQLite writes the database on the real disk, in the real folder.
    std::filesystem::create_directories(dir_);
    EnrollOptions options;
    options.server_url = link_->url();
    options.code = *code;
    options.device_name = "phone of w9";
    options.keys.kdf = ::qiaomen::testing::FastKdf();
    CurlTransport curl;
    auto device = FieldDevice::Enroll(dir_, kDevicePin, options, deps_, &curl);
    ASSERT_TRUE(device.ok()) << device.status().ToString();
    device_ = std::move(*device);
    ASSERT_TRUE(fs_.CreateDir("/usb", 0700).ok());
    ASSERT_TRUE(fs_.SyncDir("/").ok());
  }

  // Whether the county takes the bundle at `path` in the fault file system (as it is now).
  ::qiaomen::testing::CommandResult Import(const std::string& path) {
    auto bytes = base::ReadWholeFile(fs_, path);
    EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
    const std::string real = dirs_.Join("import.qmb");
    EXPECT_TRUE(base::WriteFileAtomically(real, bytes.ok() ? *bytes : "").ok());
    return env_->Run({"import-bundle", "--lang=en", real});
  }

  ::qiaomen::testing::TempDir dirs_;
  std::string dir_ = dirs_.Join("phone");
  ::qiaomen::testing::FaultFileSystem fs_;
  core::keys::FileKeyStore key_store_{dirs_.Join("keystore"), core::SecureRandom(), fs_};
  ::qiaomen::testing::ManualClock clock_{core::SystemClock().NowMillis()};
  FieldDeviceDeps deps_{clock_, core::SecureRandom(), key_store_, &fs_};
  std::unique_ptr<FieldDevice> device_;
};

TEST_P(DeviceFilesSeamTest, AnEnrolledDeviceWritesNothingButItsDatabaseOnTheRealDisk) {
  std::set<std::string> real;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dirs_.path())) {
    if (entry.is_regular_file()) real.insert(entry.path().filename().string());
  }
  const std::string database =
      std::filesystem::path(core::profile::DatabasePath(dir_)).filename().string();
  EXPECT_TRUE(real.contains(database));
  for (const std::string& name : real) {
    EXPECT_EQ(name.rfind(database, 0), 0u) << name << " was written past the file system";
  }
  const std::vector<std::string> files = fs_.Files();
  const std::set<std::string> seam(files.begin(), files.end());
  for (const std::string& path :
       {core::profile::KeyFilePath(dir_), core::profile::InfoPath(dir_), ClientConfigPath(dir_)}) {
    EXPECT_TRUE(seam.contains(path)) << path << " is not in the device's file system";
  }
  EXPECT_FALSE(seam.contains(UnfinishedEnrolmentPath(dir_))) << "the enrolment finished";
}

TEST_P(DeviceFilesSeamTest, ABundleSurvivesAPowerLossAtEveryStepWholeOrNotAtAll) {
  const int64_t before = fs_.steps();
  auto exported = device_->ExportBundle(kBundle);
  ASSERT_TRUE(exported.ok()) << exported.status().ToString();
  const int64_t steps = fs_.steps() - before;
  EXPECT_EQ(steps, 6) << "the steps of writing a bundle changed";
  EXPECT_EQ(Import(kBundle).exit_code, 0);
  for (int64_t n = 1; n <= steps; ++n) {
    const std::string when = "power loss at step " + std::to_string(n);
    fs_.Remove(kBundle).IgnoreError();  // none after a power loss at the first steps
    ASSERT_TRUE(fs_.SyncDir("/usb").ok()) << when;
    fs_.PowerLossAfter(n);
    auto cut = device_->ExportBundle(kBundle);
    EXPECT_FALSE(cut.ok()) << when;
    fs_.Reboot();
    auto there = base::FileExists(fs_, kBundle);
    ASSERT_TRUE(there.ok()) << when;
    if (*there) {
      const auto imported = Import(kBundle);
      EXPECT_EQ(imported.exit_code, 0) << when << ": " << imported.out << imported.err;
    }
    // Nothing the device had is lost: it opens with its PIN, and exports again.
    device_.reset();
    auto reopened = FieldDevice::Open(dir_, kDevicePin, deps_);
    ASSERT_TRUE(reopened.ok()) << when << ": " << reopened.status().ToString();
    device_ = std::move(*reopened);
  }
  ASSERT_TRUE(device_->ExportBundle(kBundle).ok());
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(Import(kBundle).exit_code, 0) << "a bundle reported written survives";
}

TEST_P(DeviceFilesSeamTest, AFullDiskOrAnIoErrorWhileExportingIsClearAndKeepsTheLastBundle) {
  ASSERT_TRUE(device_->ExportBundle(kBundle).ok());
  const auto last = base::ReadWholeFile(fs_, kBundle);
  ASSERT_TRUE(last.ok());
  for (int err : {ENOSPC, EIO}) {
    for (int64_t n = 1; n <= 5; ++n) {  // step 6 is the folder sync after the rename
      const std::string when =
          std::string(err == ENOSPC ? "ENOSPC" : "EIO") + " at step " + std::to_string(n);
      fs_.FailAfter(n, err);
      auto failed = device_->ExportBundle(kBundle);
      ASSERT_FALSE(failed.ok()) << when;
      EXPECT_EQ(failed.status().code(),
                err == ENOSPC ? core::Code::kResourceExhausted : core::Code::kIOError)
          << when << ": " << failed.status().ToString();
      EXPECT_NE(failed.status().message().find(kBundle), std::string::npos)
          << when << ": " << failed.status().ToString();
      EXPECT_EQ(*base::ReadWholeFile(fs_, kBundle), *last) << when;
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, DeviceFilesSeamTest,
                         ::testing::Values(qiaomen::testing::Backend::kSqlite), BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
