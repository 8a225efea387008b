// Numbered crash points of the device's sync steps (issue 19): applying a pulled page with its
// cursor, marking changes applied by the county, quarantining a refused change, and starting over
// after the county was restored (a new epoch). A child process takes each step on a real enrolled
// profile (SQLCipher) and is SIGKILLed at each of the step's SQL statements in turn; after every
// kill the profile opens and shows the step wholly done or not begun, and doing it again finishes
// it.

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/sync/store_sync_adapter.h"
#include "qiaomen/testing/crash_loop.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::sync {
namespace {

constexpr int64_t kT0 = 1'764'300'000'000;  // 2025-11-28
constexpr char kPin[] = "246810";

// An enrolled profile in `dir` whose SQL statements go through `observer`.
class CrashDevice {
 public:
  CrashDevice(std::string dir, core::Clock& clock, uint8_t device_byte,
              std::function<void(std::string_view)> observer = {})
      : dir_(std::move(dir)),
        key_store_(dir_ + ".keystore", core::SecureRandom()),
        deps_{clock, core::SecureRandom(), key_store_, std::move(observer)},
        device_byte_(device_byte) {}

  core::Status Create() {
    core::profile::ProfileOptions options;
    options.keys.kdf = ::qiaomen::testing::FastKdf();
    options.worker_id = "w-" + std::to_string(device_byte_);
    options.device_id = std::string(16, static_cast<char>(device_byte_));
    auto profile = core::profile::Profile::Create(dir_, kPin, options, deps_);
    if (!profile.ok()) return profile.status();
    Attach(std::move(*profile));
    return core::Status::Ok();
  }

  core::Status Open() {
    adapter_.reset();
    profile_.reset();
    auto profile = core::profile::Profile::Open(dir_, kPin, deps_);
    if (!profile.ok()) return profile.status();
    Attach(std::move(*profile));
    return core::Status::Ok();
  }

  core::profile::Profile& profile() { return *profile_; }
  StoreSyncAdapter& adapter() { return *adapter_; }

  void AddSubjects(int n) {
    for (int i = 0; i < n; ++i) {
      v1::Subject subject;
      subject.set_kind(v1::HOUSEHOLD);
      subject.set_grid_id("T01-V01-G01");
      subject.set_name("户" + std::to_string(device_byte_) + "-" + std::to_string(i));
      ASSERT_TRUE(profile_->store().CreateSubject(subject).ok());
    }
  }

  std::vector<uint64_t> PendingSeqs() {
    std::vector<uint64_t> seqs;
    auto batch = adapter_->NextOutboxBatch(1000, 1 << 24);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    if (batch.ok()) {
      for (const auto& change : *batch) seqs.push_back(change.seq());
    }
    return seqs;
  }

  int64_t Count(const std::string& sql) {
    auto n = profile_->database().QueryInt(sql);
    EXPECT_TRUE(n.ok()) << sql;
    return n.ok() ? *n : -1;
  }

 private:
  void Attach(std::unique_ptr<core::profile::Profile> profile) {
    profile_ = std::move(profile);
    adapter_ = std::make_unique<StoreSyncAdapter>(*profile_);
  }

  std::string dir_;
  core::keys::FileKeyStore key_store_;
  core::profile::ProfileDeps deps_;
  uint8_t device_byte_;
  std::unique_ptr<core::profile::Profile> profile_;
  std::unique_ptr<StoreSyncAdapter> adapter_;
};

class ClientCrashPointsTest : public ::testing::Test {
 protected:
  // Kills `step` at every statement in a child, on a fresh device prepared by `prepare`; after
  // each kill calls `check(device, finished)` on the reopened profile, then takes the step again
  // (it must succeed) and calls `check(device, true)`. Returns the step's statement count.
  int64_t KillAtEveryStep(const std::function<void(CrashDevice&)>& prepare,
                          const std::function<core::Status(CrashDevice&)>& step,
                          const std::function<void(CrashDevice&, bool done)>& check) {
    for (int64_t n = 1;; ++n) {
      SCOPED_TRACE("kill at statement " + std::to_string(n));
      if (n > 500) {
        ADD_FAILURE() << "the step never finished";
        return -1;
      }
      ::qiaomen::testing::TempDir dir;
      const std::string path = dir.Join("a");
      {
        CrashDevice device(path, clock_, 0xa1);
        EXPECT_TRUE(device.Create().ok());
        prepare(device);
        if (::testing::Test::HasFailure()) return -1;
      }
      ::qiaomen::testing::CrashCounter counter;
      CrashDevice child(path, clock_, 0xa1, counter.Observer());
      const auto run = ::qiaomen::testing::RunKilledAt(
          n, counter, [&] { return child.Open().ok(); }, [&] { return step(child).ok(); });
      CrashDevice device(path, clock_, 0xa1);
      const core::Status opened = device.Open();
      EXPECT_TRUE(opened.ok()) << opened.ToString();
      if (!opened.ok()) return -1;
      check(device, !run.killed);
      if (run.killed) {
        const core::Status again = step(device);
        EXPECT_TRUE(again.ok()) << again.ToString();
        check(device, true);
      }
      if (::testing::Test::HasFailure()) return -1;
      if (!run.killed) return run.steps;
    }
  }

  ::qiaomen::testing::TempDir tmp_;
  ::qiaomen::testing::ManualClock clock_{kT0};
};

TEST_F(ClientCrashPointsTest, APulledPageLandsWithItsCursorOrNotAtAll) {
  CrashDevice colleague(tmp_.Join("b"), clock_, 0xb2);
  ASSERT_TRUE(colleague.Create().ok());
  colleague.AddSubjects(6);
  auto changes = colleague.adapter().NextOutboxBatch(100, 1 << 20);
  ASSERT_TRUE(changes.ok());
  ASSERT_EQ(changes->size(), 6u);
  const PulledPage page{.changes = *changes, .next_cursor = "cursor-1"};

  const int64_t steps = KillAtEveryStep(
      [](CrashDevice& a) { a.AddSubjects(1); },
      [&](CrashDevice& a) { return a.adapter().ApplyPulledPage(page); },
      [&](CrashDevice& a, bool done) {
        const int64_t subjects = a.Count("SELECT count(*) FROM subjects;");
        const std::string cursor = *a.adapter().PullCursor();
        if (cursor == "cursor-1") {
          EXPECT_EQ(subjects, 7) << "the cursor moved without the page's records";
        } else {
          EXPECT_FALSE(done) << "a finished apply left the cursor at '" << cursor << "'";
          EXPECT_EQ(cursor, "");
          EXPECT_EQ(subjects, 1) << "part of the page landed without its cursor";
        }
        EXPECT_EQ(a.PendingSeqs(), (std::vector<uint64_t>{1}))
            << "the device's own change is untouched and pulled ones are not journaled";
      });
  EXPECT_GT(steps, 6) << "one statement per record at least";
  std::printf("apply a pulled page of 6 records: %lld crash points\n",
              static_cast<long long>(steps));
}

TEST_F(ClientCrashPointsTest, ChangesMarkedAppliedLeaveTheQueueTogether) {
  const int64_t steps =
      KillAtEveryStep([](CrashDevice& a) { a.AddSubjects(4); },
                      [](CrashDevice& a) { return a.adapter().MarkAppliedThrough(3); },
                      [](CrashDevice& a, bool done) {
                        const uint64_t through = *a.adapter().AppliedThrough();
                        if (through == 3) {
                          EXPECT_EQ(a.PendingSeqs(), (std::vector<uint64_t>{4}));
                        } else {
                          EXPECT_FALSE(done);
                          EXPECT_EQ(through, 0u);
                          EXPECT_EQ(a.PendingSeqs(), (std::vector<uint64_t>{1, 2, 3, 4}))
                              << "changes left the queue without the mark";
                        }
                      });
  EXPECT_GT(steps, 0);
  std::printf("mark applied: %lld crash points\n", static_cast<long long>(steps));
}

TEST_F(ClientCrashPointsTest, ARefusedChangeIsQuarantinedWithItsReasonOrStillPending) {
  const int64_t steps = KillAtEveryStep(
      [](CrashDevice& a) { a.AddSubjects(4); },
      [](CrashDevice& a) {
        return a.adapter().Quarantine(2, "invalid_argument", "网格 T01-V01-G01 已关闭。");
      },
      [](CrashDevice& a, bool done) {
        auto quarantined = a.profile().store().ListQuarantined();
        ASSERT_TRUE(quarantined.ok());
        if (quarantined->empty()) {
          EXPECT_FALSE(done);
          EXPECT_EQ(a.PendingSeqs(), (std::vector<uint64_t>{1, 2, 3, 4}));
        } else {
          ASSERT_EQ(quarantined->size(), 1u);
          EXPECT_EQ((*quarantined)[0].change.seq(), 2u);
          EXPECT_EQ((*quarantined)[0].reason, "网格 T01-V01-G01 已关闭。");
          EXPECT_EQ(a.PendingSeqs(), (std::vector<uint64_t>{1, 3, 4}));
        }
      });
  EXPECT_GT(steps, 0);
  std::printf("quarantine: %lld crash points\n", static_cast<long long>(steps));
}

TEST_F(ClientCrashPointsTest, ANewEpochIsTakenWhollyOrTheOldOneStays) {
  const int64_t steps = KillAtEveryStep(
      [](CrashDevice& a) {
        a.AddSubjects(5);
        ASSERT_TRUE(a.adapter().SetServerEpoch("epoch-1").ok());
        ASSERT_TRUE(a.adapter().ApplyPulledPage({.next_cursor = "cursor-9"}).ok());
        ASSERT_TRUE(a.adapter().MarkAppliedThrough(5).ok());
        ASSERT_TRUE(a.adapter().Quarantine(3, "invalid_argument", "bad").ok());
      },
      [](CrashDevice& a) { return a.adapter().ResetForNewEpoch("epoch-restored", 1); },
      [](CrashDevice& a, bool done) {
        const std::string epoch = *a.adapter().ServerEpoch();
        if (epoch == "epoch-restored") {
          EXPECT_EQ(*a.adapter().PullCursor(), "");
          EXPECT_EQ(a.PendingSeqs(), (std::vector<uint64_t>{2, 3, 4, 5}));
        } else {
          EXPECT_FALSE(done);
          EXPECT_EQ(epoch, "epoch-1");
          EXPECT_EQ(*a.adapter().PullCursor(), "cursor-9");
          EXPECT_TRUE(a.PendingSeqs().empty());
        }
      });
  EXPECT_GT(steps, 0);
  std::printf("new epoch: %lld crash points\n", static_cast<long long>(steps));
}

}  // namespace
}  // namespace qiaomen::sync
