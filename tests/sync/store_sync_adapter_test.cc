// StoreSyncAdapter on a real enrolled profile: SQLCipher Store + encrypted PhotoVault in a temp
// dir, reopened as a restart would. The last tests run the SyncEngine against the in-memory county
// with two such devices.

#include "qiaomen/sync/store_sync_adapter.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/sync/sync_engine.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"
#include "tests/sync/engine_fixture.h"
#include "tests/sync/fake_county.h"

namespace qiaomen::sync {
namespace {

using core::Code;

constexpr int64_t kT0 = 1'764'300'000'000;  // 2025-11-28
constexpr char kPin[] = "246810";

// One enrolled device in its own directory.
class Device {
 public:
  Device(const std::string& dir, core::Clock& clock, uint8_t device_byte)
      : dir_(dir),
        key_store_(dir + ".keystore", core::SecureRandom()),
        deps_{clock, core::SecureRandom(), key_store_} {
    core::profile::ProfileOptions options;
    options.keys.kdf = ::qiaomen::testing::FastKdf();
    options.worker_id = "w-" + std::to_string(device_byte);
    options.device_id = std::string(16, static_cast<char>(device_byte));
    auto profile = core::profile::Profile::Create(dir_, kPin, options, deps_);
    EXPECT_TRUE(profile.ok()) << profile.status().ToString();
    if (profile.ok()) Attach(std::move(*profile));
  }

  // Closes everything and opens the profile again, as a restarted app does.
  void Reopen() {
    adapter_.reset();
    profile_.reset();
    auto profile = core::profile::Profile::Open(dir_, kPin, deps_);
    ASSERT_TRUE(profile.ok()) << profile.status().ToString();
    Attach(std::move(*profile));
  }

  core::profile::Profile& profile() { return *profile_; }
  core::store::Store& store() { return profile_->store(); }
  StoreSyncAdapter& adapter() { return *adapter_; }

  v1::Subject AddSubject(const std::string& name) {
    v1::Subject subject;
    subject.set_kind(v1::HOUSEHOLD);
    subject.set_grid_id("T01-V01-G01");
    subject.set_name(name);
    subject.set_phone("13800000000");
    auto created = store().CreateSubject(subject);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : v1::Subject();
  }

  // A photo of `size` seeded bytes stored in the vault (and recorded in the Store).
  v1::Photo AddPhoto(size_t size, uint64_t seed, std::string* bytes_out = nullptr) {
    std::vector<uint8_t> bytes(size);
    core::SeededRandom(seed).Fill(bytes.data(), size);
    bytes[0] = 0xFF;
    bytes[1] = 0xD8;
    if (bytes_out != nullptr) bytes_out->assign(bytes.begin(), bytes.end());
    v1::Photo meta;
    meta.set_mime_type("image/jpeg");
    auto stored = profile_->photos().StoreBytes(bytes, meta);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? *stored : v1::Photo();
  }

 private:
  void Attach(std::unique_ptr<core::profile::Profile> profile) {
    profile_ = std::move(profile);
    adapter_ = std::make_unique<StoreSyncAdapter>(*profile_);
  }

  std::string dir_;
  core::keys::FileKeyStore key_store_;
  core::profile::ProfileDeps deps_;
  std::unique_ptr<core::profile::Profile> profile_;
  std::unique_ptr<StoreSyncAdapter> adapter_;
};

class StoreSyncAdapterTest : public ::testing::Test {
 protected:
  std::vector<uint64_t> Seqs(const std::vector<v1::Change>& changes) {
    std::vector<uint64_t> out;
    for (const auto& c : changes) out.push_back(c.seq());
    return out;
  }
  std::vector<v1::Change> Batch(size_t count = 1000, size_t bytes = 1 << 24) {
    auto batch = a_.adapter().NextOutboxBatch(count, bytes);
    EXPECT_TRUE(batch.ok()) << batch.status().ToString();
    return batch.ok() ? *batch : std::vector<v1::Change>{};
  }

  ::qiaomen::testing::TempDir tmp_;
  qiaomen::testing::ManualClock clock_{kT0};
  Device a_{tmp_.Join("a"), clock_, 0xa1};
};

TEST_F(StoreSyncAdapterTest, OutboxBatchesAreBoundedByCountAndBytesInSeqOrder) {
  for (int i = 0; i < 10; ++i) a_.AddSubject("户" + std::to_string(i));
  EXPECT_EQ(*a_.adapter().PendingChangeCount(), 10);
  EXPECT_EQ(Seqs(Batch(3)), (std::vector<uint64_t>{1, 2, 3}));
  const size_t one = Batch(1)[0].ByteSizeLong();
  EXPECT_EQ(Batch(100, one * 3 + one / 2).size(), 3u);
  EXPECT_EQ(Seqs(Batch(100, 1)), (std::vector<uint64_t>{1})) << "one change always goes";
  EXPECT_TRUE(Batch(0).empty());
  auto all = Batch();
  ASSERT_EQ(all.size(), 10u);
  EXPECT_EQ(all[0].device_id(), std::string(16, '\xa1'));
  EXPECT_EQ(all[9].fields().fields_size() > 0, true);
}

TEST_F(StoreSyncAdapterTest, MarkAppliedThroughDrainsTheOutboxNeverBackwardsAndSurvivesRestart) {
  for (int i = 0; i < 6; ++i) a_.AddSubject("户" + std::to_string(i));
  ASSERT_TRUE(a_.adapter().MarkAppliedThrough(4).ok());
  EXPECT_EQ(Seqs(Batch()), (std::vector<uint64_t>{5, 6}));
  ASSERT_TRUE(a_.adapter().MarkAppliedThrough(2).ok());
  EXPECT_EQ(Seqs(Batch()), (std::vector<uint64_t>{5, 6})) << "a lower mark is a no-op";
  a_.Reopen();
  EXPECT_EQ(*a_.adapter().PendingChangeCount(), 2);
  EXPECT_EQ(Seqs(Batch()), (std::vector<uint64_t>{5, 6}));
  ASSERT_TRUE(a_.adapter().MarkAppliedThrough(6).ok());
  EXPECT_TRUE(Batch().empty());
  EXPECT_EQ(*a_.adapter().PendingChangeCount(), 0);
}

TEST_F(StoreSyncAdapterTest, QuarantinedChangesKeepTheServerReasonAndAreNeverSentAgain) {
  for (int i = 0; i < 4; ++i) a_.AddSubject("户" + std::to_string(i));
  ASSERT_TRUE(
      a_.adapter().Quarantine(2, "invalid_argument", "The grid T01-V01-G01 is closed.").ok());
  ASSERT_TRUE(
      a_.adapter().Quarantine(2, "invalid_argument", "The grid T01-V01-G01 is closed.").ok())
      << "idempotent";
  EXPECT_EQ(Seqs(Batch()), (std::vector<uint64_t>{1, 3, 4}));
  EXPECT_EQ(*a_.adapter().PendingChangeCount(), 3);
  ASSERT_TRUE(a_.adapter().MarkAppliedThrough(4).ok());
  a_.Reopen();
  EXPECT_TRUE(Batch().empty());
  auto quarantined = a_.store().ListQuarantined();
  ASSERT_TRUE(quarantined.ok());
  ASSERT_EQ(quarantined->size(), 1u);
  EXPECT_EQ((*quarantined)[0].change.seq(), 2u);
  EXPECT_EQ((*quarantined)[0].code, "invalid_argument");
  EXPECT_EQ((*quarantined)[0].reason, "The grid T01-V01-G01 is closed.");
  EXPECT_EQ(a_.adapter().Quarantine(99, "x", "y").code(), Code::kNotFound);
}

TEST_F(StoreSyncAdapterTest, APulledPageAndItsCursorCommitTogether) {
  Device b(tmp_.Join("b"), clock_, 0xb2);
  v1::Subject one = b.AddSubject("赵大爷");
  v1::Subject two = b.AddSubject("钱大妈");
  auto from_b = b.adapter().NextOutboxBatch(100, 1 << 20);
  ASSERT_TRUE(from_b.ok());
  ASSERT_EQ(from_b->size(), 2u);

  EXPECT_EQ(*a_.adapter().PullCursor(), "");
  PulledPage page{.changes = *from_b, .next_cursor = "cursor-1"};
  ASSERT_TRUE(a_.adapter().ApplyPulledPage(page).ok());
  a_.Reopen();
  EXPECT_EQ(*a_.adapter().PullCursor(), "cursor-1");
  auto got = a_.store().GetSubject(*core::Uuid::FromBytes(one.id()));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->name(), "赵大爷");
  EXPECT_EQ(*a_.adapter().PendingChangeCount(), 0) << "pulled changes are not journaled again";
  ASSERT_TRUE(a_.adapter().ApplyPulledPage(page).ok()) << "a page applied twice is a no-op";

  // A page with one malformed change: nothing of it lands and the cursor stays.
  v1::Subject three = b.AddSubject("孙师傅");
  auto more = b.adapter().NextOutboxBatch(100, 1 << 20);
  ASSERT_TRUE(more.ok());
  std::vector<v1::Change> changes;
  for (const auto& c : *more) {
    if (c.record_id() == three.id()) changes.push_back(c);
  }
  ASSERT_EQ(changes.size(), 1u);
  v1::Change broken = changes[0];
  broken.set_seq(broken.seq() + 1);
  broken.set_change_id(std::string(16, '\x5b'));
  broken.clear_fields();
  auto* unknown = broken.mutable_fields()->add_fields();
  unknown->set_field("no_such_field");
  unknown->mutable_value()->set_text("x");
  changes.push_back(broken);
  core::Status status =
      a_.adapter().ApplyPulledPage({.changes = changes, .next_cursor = "cursor-2"});
  EXPECT_FALSE(status.ok());
  EXPECT_EQ(*a_.adapter().PullCursor(), "cursor-1");
  EXPECT_EQ(a_.store().GetSubject(*core::Uuid::FromBytes(three.id())).status().code(),
            Code::kNotFound);
}

TEST_F(StoreSyncAdapterTest, APageRemovesWhatLeftTheScopeExceptThisDevicesUnsyncedWork) {
  Device b(tmp_.Join("b"), clock_, 0xb2);
  v1::Subject theirs = b.AddSubject("周某");
  ASSERT_TRUE(a_.adapter()
                  .ApplyPulledPage(
                      {.changes = *b.adapter().NextOutboxBatch(100, 1 << 20), .next_cursor = "c1"})
                  .ok());
  v1::Subject mine = a_.AddSubject("吴某");
  ASSERT_TRUE(a_.adapter()
                  .ApplyPulledPage({.next_cursor = "c2",
                                    .snapshot = true,
                                    .removed_record_ids = {theirs.id(), mine.id()},
                                    .scope = "grids:T01-V01-G02"})
                  .ok());
  EXPECT_EQ(a_.store().GetSubject(*core::Uuid::FromBytes(theirs.id())).status().code(),
            Code::kNotFound);
  EXPECT_TRUE(a_.store().GetSubject(*core::Uuid::FromBytes(mine.id())).ok())
      << "unsynced own work stays";
  EXPECT_EQ(*a_.adapter().PullCursor(), "c2");
}

TEST_F(StoreSyncAdapterTest, HlcRatchetsAndPersistsFarFutureStampsOnlyWhenTheServerVouches) {
  const core::HlcStamp start = *a_.adapter().CurrentHlc();
  const core::HlcStamp server = core::PackHlc(kT0 + 60'000, 3);
  ASSERT_TRUE(a_.adapter().ObserveHlc(server).ok());
  EXPECT_EQ(*a_.adapter().CurrentHlc(), server);
  a_.Reopen();
  EXPECT_EQ(*a_.adapter().CurrentHlc(), server);
  EXPECT_GT(server, start);
  const core::HlcStamp far = core::PackHlc(kT0 + 400LL * 86'400'000, 0);
  EXPECT_EQ(a_.adapter().ObserveHlc(far).code(), Code::kFailedPrecondition);
  EXPECT_EQ(*a_.adapter().CurrentHlc(), server);
  v1::Subject s = a_.AddSubject("郑某");
  auto first = Batch();
  ASSERT_EQ(first.size(), 1u);
  EXPECT_GT(first[0].hlc(), server);
  ASSERT_TRUE(a_.adapter().MarkAppliedThrough(first[0].seq()).ok());

  // A stamp the server vouches for is taken however far ahead (this device's clock is slow).
  ASSERT_TRUE(a_.adapter().ObserveServerHlc(far).ok());
  EXPECT_EQ(*a_.adapter().CurrentHlc(), far);
  a_.Reopen();
  EXPECT_EQ(*a_.adapter().CurrentHlc(), far);
  a_.AddSubject("王某");
  auto batch = Batch();
  ASSERT_EQ(batch.size(), 1u);
  EXPECT_GT(batch[0].hlc(), far) << "new changes are stamped after what was observed";
}

TEST_F(StoreSyncAdapterTest, EpochResetForgetsTheCursorAndReplaysWhatTheServerLost) {
  for (int i = 0; i < 5; ++i) a_.AddSubject("户" + std::to_string(i));
  EXPECT_EQ(*a_.adapter().ServerEpoch(), "");
  ASSERT_TRUE(a_.adapter().SetServerEpoch("epoch-1").ok());
  ASSERT_TRUE(a_.adapter().ApplyPulledPage({.next_cursor = "cursor-9"}).ok());
  ASSERT_TRUE(a_.adapter().MarkAppliedThrough(5).ok());
  ASSERT_TRUE(a_.adapter().Quarantine(3, "invalid_argument", "bad").ok());
  EXPECT_TRUE(Batch().empty());

  ASSERT_TRUE(a_.adapter().ResetForNewEpoch("epoch-restored", 1).ok());
  a_.Reopen();
  EXPECT_EQ(*a_.adapter().ServerEpoch(), "epoch-restored");
  EXPECT_EQ(*a_.adapter().PullCursor(), "");
  EXPECT_EQ(Seqs(Batch()), (std::vector<uint64_t>{2, 3, 4, 5}))
      << "3 goes again too: the restored server forgot refusing it, and its seq line needs it";
}

TEST_F(StoreSyncAdapterTest, PendingPhotosAreReadFromTheVaultUntilMarkedUploaded) {
  std::string bytes_1, bytes_2;
  v1::Photo p1 = a_.AddPhoto(70'000, 1, &bytes_1);
  clock_.Advance(1000);
  v1::Photo p2 = a_.AddPhoto(5'000, 2, &bytes_2);
  auto pending = a_.adapter().PendingPhotos();
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].photo_id, p1.id());
  EXPECT_EQ((*pending)[0].size, 70'000);
  EXPECT_EQ((*pending)[0].sha256_hex, testing::Sha256Hex(bytes_1));
  EXPECT_EQ((*pending)[1].sha256_hex, testing::Sha256Hex(bytes_2));
  auto read = a_.adapter().ReadPhoto((*pending)[0]);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(*read, bytes_1);

  ASSERT_TRUE(a_.adapter().MarkPhotoUploaded(p1.id()).ok());
  ASSERT_TRUE(a_.adapter().MarkPhotoUploaded(p1.id()).ok()) << "idempotent";
  a_.Reopen();
  pending = a_.adapter().PendingPhotos();
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].photo_id, p2.id());
  EXPECT_EQ(*a_.adapter().ReadPhoto((*pending)[0]), bytes_2);
  EXPECT_EQ(a_.adapter().MarkPhotoUploaded("short").code(), Code::kInvalidArgument);
}

TEST_F(StoreSyncAdapterTest, AnAlteredOrMissingPhotoFileIsReportedNotSent) {
  v1::Photo p1 = a_.AddPhoto(20'000, 1);
  v1::Photo p2 = a_.AddPhoto(20'000, 2);
  auto pending = *a_.adapter().PendingPhotos();
  ASSERT_EQ(pending.size(), 2u);
  const std::string path_1 = a_.profile().photos().PathFor(*core::Uuid::FromBytes(p1.id()));
  {
    std::fstream f(path_1, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(200);
    f.put('\x5a');
  }
  EXPECT_EQ(a_.adapter().ReadPhoto(pending[0]).status().code(), Code::kCorruption);
  std::filesystem::remove(a_.profile().photos().PathFor(*core::Uuid::FromBytes(p2.id())));
  EXPECT_EQ(a_.adapter().ReadPhoto(pending[1]).status().code(), Code::kNotFound);
  PendingPhoto wrong = pending[1];
  wrong.sha256_hex = std::string(64, '0');
  EXPECT_FALSE(a_.adapter().ReadPhoto(wrong).ok());
}

// The engine against the in-memory county, with two real profiles: A's subject and photo reach
// the county, B pulls the subject into its own SQLCipher store; a second run sends nothing.
TEST_F(StoreSyncAdapterTest, TheEngineSyncsTwoRealProfilesThroughTheFakeCounty) {
  Device b(tmp_.Join("b"), clock_, 0xb2);
  v1::Subject subject = a_.AddSubject("冯大哥");
  std::string photo_bytes;
  a_.AddPhoto(150'000, 9, &photo_bytes);

  testing::FakeCounty county;
  testing::RecordingSleeper sleeper;
  core::SeededRandom random(42);
  auto run = [&](Device& device) {
    SyncConfig config;
    config.server_url = "https://county.test/";
    config.token = "secret";
    SyncEngine engine(config, SyncDeps{.transport = county,
                                       .store = device.adapter(),
                                       .clock = clock_,
                                       .random = random,
                                       .sleeper = sleeper});
    return engine.Run();
  };
  SyncReport first = run(a_);
  EXPECT_TRUE(first.status.ok()) << first.status.ToString();
  EXPECT_EQ(*a_.adapter().PendingChangeCount(), 0);
  EXPECT_TRUE(a_.adapter().PendingPhotos()->empty());
  ASSERT_EQ(county.blobs.size(), 1u);
  EXPECT_EQ(county.blobs.begin()->second, photo_bytes);

  SyncReport pulled = run(b);
  EXPECT_TRUE(pulled.status.ok()) << pulled.status.ToString();
  auto got = b.store().GetSubject(*core::Uuid::FromBytes(subject.id()));
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(got->name(), "冯大哥");

  const size_t logged = county.log.size();
  a_.Reopen();
  SyncReport again = run(a_);
  EXPECT_TRUE(again.status.ok()) << again.status.ToString();
  EXPECT_EQ(county.log.size(), logged) << "nothing is sent twice after a restart";
}

}  // namespace
}  // namespace qiaomen::sync
