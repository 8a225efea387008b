// Numbered crash points of the key file and the keystore through the fault-injecting file system
// (issue 19). For each write path — enrolment (CreateKeyFile), changing the PIN, a wrong PIN, the
// last wrong PIN — the power goes at every step; after a reboot the key file is consistent: it
// opens the same data key with the old or the new PIN (the new one if the change was reported
// done), a wrong PIN reported counted stays counted, keys reported destroyed stay destroyed.
// A full disk or an I/O error at each step is a clear error and loses nothing already saved.

#include <gtest/gtest.h>
#include <sodium.h>

#include <cerrno>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/fault_file_system.h"

namespace qiaomen::core::keys {
namespace {

constexpr char kKeyFile[] = "/profile/profile.key";
constexpr char kOldPin[] = "246810";
constexpr char kNewPin[] = "135799";

class KeyFileCrashPointsTest : public ::testing::Test {
 protected:
  KeyOptions Options(uint32_t max_attempts = 10) {
    KeyOptions options;
    options.kdf = qiaomen::testing::FastKdf();
    options.max_attempts = max_attempts;
    return options;
  }

  void Create(uint32_t max_attempts = 10) {
    auto created =
        CreateKeyFile(kKeyFile, kOldPin, Options(max_attempts), key_store_, random_, fs_);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    data_key_ = created->data_key();
  }

  bool SameKey(const UnlockedKeys& keys) {
    return sodium_memcmp(keys.data_key().bytes().data(), data_key_.bytes().data(), 32) == 0;
  }

  // Which PIN opens the key file now ("old", "new", or the error of the new PIN), checking that
  // it opens the data key made at enrolment.
  std::string WhichPinOpens() {
    auto with_new = UnlockKeyFile(kKeyFile, kNewPin, key_store_, fs_);
    if (with_new.ok()) return SameKey(*with_new) ? "new" : "new, another key";
    auto with_old = UnlockKeyFile(kKeyFile, kOldPin, key_store_, fs_);
    if (with_old.ok()) return SameKey(*with_old) ? "old" : "old, another key";
    return with_new.status().ToString() + " / " + with_old.status().ToString();
  }

  // The steps the call takes, from a scratch copy of the state (a rerun of the same call).
  template <typename Call>
  int64_t CountSteps(Call call) {
    const int64_t before = fs_.steps();
    call();
    return fs_.steps() - before;
  }

  qiaomen::testing::FaultFileSystem fs_;
  SeededRandom random_{11};
  FileKeyStore key_store_{"/keystore", random_, fs_};
  sql::RawKey data_key_;
};

TEST_F(KeyFileCrashPointsTest, APowerLossAtEveryStepOfEnrolmentLeavesNoKeyFileOrAWholeOne) {
  const int64_t steps = CountSteps([&] { Create(); });
  // keystore: create folder + atomic write (6); key file: create folder + atomic write (6)
  EXPECT_EQ(steps, 14) << "the crash points of creating a key file changed";
  for (int64_t n = 1; n <= steps; ++n) {
    const std::string when = "power loss at step " + std::to_string(n);
    qiaomen::testing::FaultFileSystem fresh;
    FileKeyStore key_store("/keystore", random_, fresh);
    fresh.PowerLossAfter(n);
    auto created = CreateKeyFile(kKeyFile, kOldPin, Options(), key_store, random_, fresh);
    EXPECT_FALSE(created.ok()) << when;
    fresh.Reboot();
    auto info = InspectKeyFile(kKeyFile, fresh);
    if (info.ok()) {
      ADD_FAILURE() << when << ": a key file survived an enrolment that was not reported done";
    } else {
      EXPECT_EQ(info.status().code(), Code::kNotFound) << when << ": " << info.status().ToString();
    }
    // Enrolling again works after any of them.
    EXPECT_TRUE(CreateKeyFile(kKeyFile, kOldPin, Options(), key_store, random_, fresh).ok())
        << when;
  }
}

TEST_F(KeyFileCrashPointsTest, APowerLossAtEveryStepOfAPinChangeKeepsTheOldOrTheNewPin) {
  Create();
  const int64_t steps = CountSteps([&] {
    ASSERT_TRUE(ChangePin(kKeyFile, kOldPin, kNewPin, key_store_, random_, {}, fs_).ok());
  });
  // count the attempt (6), reset the count (6), the rewrapped key (6)
  EXPECT_EQ(steps, 18) << "the crash points of a PIN change changed";
  std::string opens = WhichPinOpens();
  EXPECT_EQ(opens, "new");
  for (int64_t n = 1; n <= steps; ++n) {
    const std::string when = "power loss at step " + std::to_string(n);
    if (opens == "new") {
      ASSERT_TRUE(ChangePin(kKeyFile, kNewPin, kOldPin, key_store_, random_, {}, fs_).ok()) << when;
    }
    fs_.PowerLossAfter(n);
    const Status changed = ChangePin(kKeyFile, kOldPin, kNewPin, key_store_, random_, {}, fs_);
    EXPECT_FALSE(changed.ok()) << when;
    fs_.Reboot();
    opens = WhichPinOpens();
    EXPECT_TRUE(opens == "old" || opens == "new") << when << ": " << opens;
    auto info = InspectKeyFile(kKeyFile, fs_);
    ASSERT_TRUE(info.ok()) << when;
    EXPECT_EQ(info->failed_attempts, 0u) << when;  // the right PIN above reset the count
  }
  if (opens == "new") {
    ASSERT_TRUE(ChangePin(kKeyFile, kNewPin, kOldPin, key_store_, random_, {}, fs_).ok());
  }
  // Once reported done, a power loss keeps the new PIN.
  ASSERT_TRUE(ChangePin(kKeyFile, kOldPin, kNewPin, key_store_, random_, {}, fs_).ok());
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(WhichPinOpens(), "new");
}

TEST_F(KeyFileCrashPointsTest, AWrongPinReportedCountedStaysCountedAfterAPowerLoss) {
  Create();
  const int64_t steps = CountSteps([&] {
    EXPECT_EQ(UnlockKeyFile(kKeyFile, "000000", key_store_, fs_).status().code(),
              Code::kUnauthenticated);
  });
  EXPECT_EQ(steps, 6) << "the crash points of a wrong PIN changed";
  ASSERT_TRUE(UnlockKeyFile(kKeyFile, kOldPin, key_store_, fs_).ok());
  for (int64_t n = 1; n <= steps + 1; ++n) {
    const std::string when = "power loss at step " + std::to_string(n);
    fs_.PowerLossAfter(n);
    const Status tried = UnlockKeyFile(kKeyFile, "000000", key_store_, fs_).status();
    if (fs_.powered()) fs_.PowerLoss();  // n past the last step: the power goes afterwards
    fs_.Reboot();
    auto info = InspectKeyFile(kKeyFile, fs_);
    ASSERT_TRUE(info.ok()) << when;
    if (tried.code() == Code::kUnauthenticated) {
      EXPECT_EQ(info->failed_attempts, 1u) << when << ": the PIN was checked but not counted";
    } else {
      EXPECT_EQ(tried.code(), Code::kIOError) << when;
      EXPECT_LE(info->failed_attempts, 1u) << when;
    }
    ASSERT_TRUE(UnlockKeyFile(kKeyFile, kOldPin, key_store_, fs_).ok()) << when;
  }
}

TEST_F(KeyFileCrashPointsTest, TheLastWrongPinDestroysTheKeysWhereverThePowerGoes) {
  qiaomen::testing::FaultFileSystem probe;
  int64_t steps = 0;
  {
    FileKeyStore key_store("/keystore", random_, probe);
    ASSERT_TRUE(CreateKeyFile(kKeyFile, kOldPin, Options(1), key_store, random_, probe).ok());
    const int64_t before = probe.steps();
    EXPECT_EQ(UnlockKeyFile(kKeyFile, "000000", key_store, probe).status().code(), Code::kDataLoss);
    steps = probe.steps() - before;
  }
  // count (6); overwrite and delete (write, sync, close, remove, folder sync) the key file (5)
  // and the keystore key (5); there is no key.tmp to destroy
  EXPECT_EQ(steps, 16) << "the crash points of destroying the keys changed";
  for (int64_t n = 1; n <= steps; ++n) {
    const std::string when = "power loss at step " + std::to_string(n);
    qiaomen::testing::FaultFileSystem fresh;
    FileKeyStore key_store("/keystore", random_, fresh);
    ASSERT_TRUE(CreateKeyFile(kKeyFile, kOldPin, Options(1), key_store, random_, fresh).ok());
    fresh.PowerLossAfter(n);
    EXPECT_EQ(UnlockKeyFile(kKeyFile, "000000", key_store, fresh).status().code(), Code::kIOError)
        << when;
    fresh.Reboot();
    // Until the wrong PIN was counted durably the right PIN still opens the keys; from then on
    // never again: destroyed (DataLoss), overwritten with noise and synced (Corruption), or
    // deleted (NotFound; a profile with a database and no key file reports DataLoss).
    auto again = UnlockKeyFile(kKeyFile, kOldPin, key_store, fresh);
    if (n <= 6) {
      EXPECT_TRUE(again.ok()) << when << ": " << again.status().ToString();
    } else {
      const Code code = again.status().code();
      EXPECT_TRUE(code == Code::kDataLoss || code == Code::kCorruption || code == Code::kNotFound)
          << when << ": " << again.status().ToString();
    }
  }
}

TEST_F(KeyFileCrashPointsTest, TheChecksCatchAKeyFileWriteThatForgetsTheFolderSync) {
  // What the tests above would see if the key file were renamed into place without syncing its
  // folder: a PIN change reported done, and a wrong PIN reported counted, undone by a power loss.
  Create();
  fs_.IgnoreSyncs(true, false);
  ASSERT_TRUE(ChangePin(kKeyFile, kOldPin, kNewPin, key_store_, random_, {}, fs_).ok());
  fs_.IgnoreSyncs(false, false);
  fs_.PowerLoss();
  fs_.Reboot();
  EXPECT_EQ(WhichPinOpens(), "old");
  fs_.IgnoreSyncs(true, false);
  EXPECT_EQ(UnlockKeyFile(kKeyFile, "000000", key_store_, fs_).status().code(),
            Code::kUnauthenticated);
  fs_.IgnoreSyncs(false, false);
  fs_.PowerLoss();
  fs_.Reboot();
  auto info = InspectKeyFile(kKeyFile, fs_);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->failed_attempts, 0u);
}

TEST_F(KeyFileCrashPointsTest, AFullDiskOrAnIoErrorDuringAPinChangeIsClearAndLosesNoKey) {
  Create();
  for (int err : {ENOSPC, EIO}) {
    for (int64_t n = 1; n <= 18; ++n) {
      const std::string when =
          std::string(err == ENOSPC ? "ENOSPC" : "EIO") + " at step " + std::to_string(n);
      fs_.FailAfter(n, err);
      const Status changed = ChangePin(kKeyFile, kOldPin, kNewPin, key_store_, random_, {}, fs_);
      if (changed.ok()) {
        ADD_FAILURE() << when << ": the change was reported done";
        ASSERT_TRUE(ChangePin(kKeyFile, kNewPin, kOldPin, key_store_, random_, {}, fs_).ok());
        continue;
      }
      EXPECT_EQ(changed.code(), err == ENOSPC ? Code::kResourceExhausted : Code::kIOError)
          << when << ": " << changed.ToString();
      EXPECT_NE(changed.message().find("/profile/profile.key"), std::string::npos)
          << when << ": " << changed.message();
      // The old PIN still opens the keys; the new one only if the failing step was the last
      // folder sync, after the rename (reported failed, yet in effect until a power loss).
      const std::string opens = WhichPinOpens();
      EXPECT_TRUE(opens == "old" || (opens == "new" && n == 18)) << when << ": " << opens;
      if (opens == "new") {
        ASSERT_TRUE(ChangePin(kKeyFile, kNewPin, kOldPin, key_store_, random_, {}, fs_).ok());
      }
      fs_.PowerLoss();
      fs_.Reboot();
      EXPECT_EQ(WhichPinOpens(), "old") << when << ", then a power loss";
    }
  }
}

}  // namespace
}  // namespace qiaomen::core::keys
