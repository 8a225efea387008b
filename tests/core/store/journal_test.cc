#include <gtest/gtest.h>

#include <set>

#include "tests/core/store/store_fixture.h"

namespace qiaomen::core::store {
namespace {

using testing::StoreTest;

class JournalTest : public StoreTest {
 protected:
  std::vector<v1::Change> All() {
    auto all = store().PendingChanges(0, 10000, 1 << 30);
    EXPECT_TRUE(all.ok()) << all.status().ToString();
    return all.ok() ? *all : std::vector<v1::Change>();
  }
};

TEST_F(JournalTest, SeqsAreContiguousFromOneAndFailedMutationsLeaveNoRow) {
  v1::Subject a = AddSubject("甲");
  EXPECT_FALSE(store().CreateSubject(MakeSubject("")).ok());
  v1::Subject b = AddSubject("乙");
  VisitInput broken;
  broken.visit = MakeVisit(a, v1::CHECKED);
  broken.derived_hazards.push_back(MakeHazard("", v1::MAJOR));  // fails after the visit journaled
  EXPECT_FALSE(store().RecordVisit(broken).ok());
  AddTask(b);
  VisitInput ok;
  ok.visit = MakeVisit(b, v1::CHECKED);
  ok.derived_hazards.push_back(MakeHazard());
  ASSERT_TRUE(store().RecordVisit(ok).ok());
  const auto changes = All();
  ASSERT_EQ(changes.size(), 6u);  // subject, subject, task, visit, hazard, FOUND event
  HlcStamp previous = 0;
  std::set<std::string> change_ids;
  for (size_t i = 0; i < changes.size(); ++i) {
    EXPECT_EQ(changes[i].seq(), i + 1);
    EXPECT_GT(changes[i].hlc(), previous) << "stamps strictly increase";
    previous = changes[i].hlc();
    EXPECT_EQ(changes[i].device_id(), device_);
    EXPECT_EQ(changes[i].change_id().size(), 16u);
    change_ids.insert(changes[i].change_id());
  }
  EXPECT_EQ(change_ids.size(), changes.size());
  EXPECT_EQ(changes[3].entity(), v1::ENTITY_VISIT);
  EXPECT_EQ(changes[3].visit().outcome(), v1::CHECKED);
  EXPECT_EQ(changes[4].entity(), v1::ENTITY_HAZARD);
  EXPECT_EQ(changes[5].hazard_event().kind(), v1::FOUND);
  // Journal and data agree: one visit, one hazard, and no trace of the failed visit.
  EXPECT_EQ(Count("visits"), 1);
  EXPECT_EQ(Count("hazards"), 1);
}

TEST_F(JournalTest, HlcSurvivesRestartAndAWallClockThatJumpsBack) {
  AddSubject("甲");
  const HlcStamp before_restart = All().back().hlc();
  EXPECT_EQ(HlcMillis(before_restart), testing::kT0);

  // Same millisecond after a restart: the counter goes on.
  Reopen();
  EXPECT_EQ(store().LastHlc(), before_restart);
  AddSubject("乙");
  const HlcStamp after_restart = All().back().hlc();
  EXPECT_GT(after_restart, before_restart);

  // The phone's clock is set back an hour, and the app restarts: stamps still go up.
  clock_.Set(testing::kT0 - 3600 * 1000);
  Reopen();
  AddSubject("丙");
  const HlcStamp after_jump = All().back().hlc();
  EXPECT_GT(after_jump, after_restart);
  EXPECT_EQ(HlcMillis(after_jump), testing::kT0) << "held at the highest time seen";

  // Without a restart too.
  clock_.Set(testing::kT0 - 7200 * 1000);
  AddSubject("丁");
  EXPECT_GT(All().back().hlc(), after_jump);

  // A later wall clock takes over again.
  clock_.Set(testing::kT0 + 1000);
  AddSubject("戊");
  EXPECT_EQ(All().back().hlc(), PackHlc(testing::kT0 + 1000, 0));
}

TEST_F(JournalTest, ObservedServerStampsRatchetAndPersist) {
  const HlcStamp server = PackHlc(testing::kT0 + 60000, 5);
  ASSERT_TRUE(store().ObserveHlc(server).ok());
  Reopen();
  EXPECT_EQ(store().LastHlc(), server);
  AddSubject("甲");
  EXPECT_GT(All().back().hlc(), server);
  const HlcStamp far = PackHlc(testing::kT0 + 400LL * 86400 * 1000, 0);
  EXPECT_EQ(store().ObserveHlc(far).code(), Code::kFailedPrecondition);
  EXPECT_LT(store().LastHlc(), far);
}

TEST_F(JournalTest, PendingChangesHonoursAfterSeqCountAndBytes) {
  for (int i = 0; i < 10; ++i) AddSubject("户" + std::to_string(i));
  auto three = store().PendingChanges(4, 3, 1 << 20);
  ASSERT_EQ(three->size(), 3u);
  EXPECT_EQ((*three)[0].seq(), 5u);
  const size_t one = (*three)[0].ByteSizeLong();
  auto by_bytes = store().PendingChanges(0, 100, one * 2 + one / 2);
  EXPECT_EQ(by_bytes->size(), 2u);
  auto tiny = store().PendingChanges(0, 100, 1);
  EXPECT_EQ(tiny->size(), 1u) << "the first change always goes";
  EXPECT_TRUE(store().PendingChanges(0, 0, 100)->empty());
}

TEST_F(JournalTest, AppliedThroughQuarantineAndRewind) {
  for (int i = 0; i < 6; ++i) AddSubject("户" + std::to_string(i));
  ASSERT_TRUE(store().Quarantine(2, "The grid is outside your scope.", "permission_denied").ok());
  ASSERT_TRUE(store().MarkAppliedThrough(3).ok());
  auto pending = store().PendingChanges(0, 100, 1 << 20);
  ASSERT_EQ(pending->size(), 3u);
  EXPECT_EQ((*pending)[0].seq(), 4u);
  ASSERT_TRUE(store().MarkAppliedThrough(1).ok()) << "going back is a no-op";
  EXPECT_EQ(store().GetSyncState()->applied_through, 3u);
  auto quarantined = store().ListQuarantined();
  ASSERT_EQ(quarantined->size(), 1u);
  EXPECT_EQ((*quarantined)[0].change.seq(), 2u);
  EXPECT_EQ((*quarantined)[0].reason, "The grid is outside your scope.");
  EXPECT_EQ((*quarantined)[0].code, "permission_denied");
  EXPECT_EQ((*quarantined)[0].quarantined_at_ms, testing::kT0);
  EXPECT_EQ(store().Quarantine(99, "x", "y").code(), Code::kNotFound);

  // A server restored from backup holds only up to 1: 3 comes back, and so does 2 (the server
  // forgot refusing it, and its seq line stops without it).
  ASSERT_TRUE(store().ResetForNewEpoch("epoch-restored", 1).ok());
  pending = store().PendingChanges(0, 100, 1 << 20);
  ASSERT_EQ(pending->size(), 5u);
  EXPECT_EQ((*pending)[0].seq(), 2u);
  EXPECT_TRUE(store().ListQuarantined()->empty()) << "judged again when it is sent";
  EXPECT_EQ(store().GetSyncState()->applied_through, 1u);
}

// Delivered changes go once the county's backup holds them, and past the cap the oldest others;
// pending and refused ones always stay, and a seq let go is never issued again (not even with no
// row left, across a reopen).
TEST_F(JournalTest, DeliveredChangesGoOnceBackedUpOrPastTheCapAndTheirSeqsAreNeverReused) {
  for (int i = 0; i < 6; ++i) AddSubject("户" + std::to_string(i));
  ASSERT_TRUE(store().Quarantine(2, "bad", "invalid_argument").ok());
  ASSERT_TRUE(store().MarkAppliedThrough(5).ok());  // 1, 3, 4, 5 delivered; 6 pending
  auto count = [&] { return *store().database().QueryInt("SELECT count(*) FROM outbox;"); };

  auto none = store().ReleaseDelivered(int64_t{1} << 30);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_EQ(none->backed_up + none->over_cap, 0) << "no backup yet, under the cap: all kept";
  EXPECT_EQ(count(), 6);

  ASSERT_TRUE(store().SetBackedUpThrough(3).ok());
  auto backed = store().ReleaseDelivered(int64_t{1} << 30);
  ASSERT_TRUE(backed.ok());
  EXPECT_EQ(backed->backed_up, 2) << "1 and 3; the refused 2 stays";
  EXPECT_EQ(backed->over_cap, 0);
  EXPECT_EQ(store().ListQuarantined()->size(), 1u);
  EXPECT_EQ(store().GetSyncState()->released_through, 3u);

  // A cap that holds one delivered change: 4 goes, 5 stays.
  const int64_t five =
      *store().database().QueryInt("SELECT length(payload) FROM outbox WHERE seq = 5;");
  auto capped = store().ReleaseDelivered(five);
  ASSERT_TRUE(capped.ok());
  EXPECT_EQ(capped->over_cap, 1);
  EXPECT_EQ(capped->kept_bytes, five);
  auto state = store().GetSyncState();
  EXPECT_EQ(state->released_through, 4u);
  EXPECT_EQ(state->last_seq, 6u);
  EXPECT_EQ(*store().PendingChangeCount(), 1) << "pending work is never let go";

  // Everything delivered goes; the next change still gets 7 after a reopen.
  ASSERT_TRUE(store().MarkAppliedThrough(6).ok());
  ASSERT_TRUE(store().SetBackedUpThrough(6).ok());
  ASSERT_TRUE(store().ReleaseDelivered(0).ok());
  EXPECT_EQ(count(), 1) << "only the refused 2";
  Reopen();
  EXPECT_EQ(store().GetSyncState()->last_seq, 6u);
  AddSubject("后");
  auto pending = store().PendingChanges(0, 100, 1 << 20);
  ASSERT_EQ(pending->size(), 1u);
  EXPECT_EQ((*pending)[0].seq(), 7u);
}

TEST_F(JournalTest, SyncStatePersists) {
  auto empty = store().GetSyncState();
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->pull_cursor.empty());
  EXPECT_EQ(empty->last_sync_ms, 0);
  ASSERT_TRUE(store().SetPullCursor(std::string("\x00\x01cursor", 8)).ok());
  ASSERT_TRUE(store().SetServerEpoch("epoch-2").ok());
  ASSERT_TRUE(store().SetLastSyncMillis(testing::kT0 + 5).ok());
  AddSubject("甲");
  Reopen();
  auto state = store().GetSyncState();
  EXPECT_EQ(state->pull_cursor, std::string("\x00\x01cursor", 8));
  EXPECT_EQ(state->server_epoch, "epoch-2");
  EXPECT_EQ(state->last_sync_ms, testing::kT0 + 5);
  EXPECT_EQ(state->last_seq, 1u);
}

TEST_F(JournalTest, ResetForNewEpochReplaysWhatTheServerLost) {
  for (int i = 0; i < 5; ++i) AddSubject("户" + std::to_string(i));
  ASSERT_TRUE(store().SetPullCursor("cursor-9").ok());
  ASSERT_TRUE(store().MarkAppliedThrough(4).ok());
  ASSERT_TRUE(store().Quarantine(3, "bad", "invalid_argument").ok());
  EXPECT_EQ(*store().PendingChangeCount(), 1);
  ASSERT_TRUE(store().ResetForNewEpoch("epoch-restored", 1).ok());
  auto state = store().GetSyncState();
  EXPECT_EQ(state->server_epoch, "epoch-restored");
  EXPECT_TRUE(state->pull_cursor.empty());
  EXPECT_EQ(state->applied_through, 1u);
  auto pending = store().PendingChanges(0, 100, 1 << 20);
  // 2, 3, 4, 5: the refused 3 too, since the restored server forgot refusing it and stops at the
  // first seq it does not get again; it is judged again.
  ASSERT_EQ(pending->size(), 4u);
  EXPECT_EQ((*pending)[0].seq(), 2u);
  EXPECT_EQ((*pending)[1].seq(), 3u);
  EXPECT_TRUE(store().ListQuarantined()->empty());
  // A server that holds more than we thought: those rows are applied.
  ASSERT_TRUE(store().ResetForNewEpoch("epoch-3", 4).ok());
  EXPECT_EQ(*store().PendingChangeCount(), 1);
}

// The county refused an edit: no other replica has it, so it leaves the record here too (still
// listed as refused, with its reason), until a restore has it judged again.
TEST_F(JournalTest, ARefusedEditLeavesItsRecordUntilJudgedAgain) {
  v1::Subject subject = AddSubject("甲");
  ASSERT_TRUE(store().MarkAppliedThrough(1).ok());
  subject.set_phone("13912345678");
  ASSERT_TRUE(store().UpdateSubject(subject).ok());
  ASSERT_EQ(store().GetSubject(Id(subject.id()))->phone(), "13912345678");

  Status refused =
      store().Quarantine(2, "The household is outside your scope.", "permission_denied");
  ASSERT_TRUE(refused.ok()) << refused.ToString();
  EXPECT_EQ(store().GetSubject(Id(subject.id()))->phone(), "13800000000");
  EXPECT_EQ(store().ListQuarantined()->size(), 1u);

  ASSERT_TRUE(store().ResetForNewEpoch("epoch-restored", 1).ok());
  EXPECT_EQ(store().GetSubject(Id(subject.id()))->phone(), "13912345678");
  EXPECT_EQ(*store().PendingChangeCount(), 1);

  // Refused again, then sent again by the worker once the cause is put right: back in its record.
  ASSERT_TRUE(store().Quarantine(2, "Outside your scope.", "permission_denied").ok());
  ASSERT_EQ(store().GetSubject(Id(subject.id()))->phone(), "13800000000");
  auto resent = store().Resend(2);
  ASSERT_TRUE(resent.ok()) << resent.status().ToString();
  EXPECT_EQ(store().GetSubject(Id(subject.id()))->phone(), "13912345678");

  // A refused creation takes its record with it.
  const v1::Subject made = AddSubject("乙");
  ASSERT_TRUE(store().Quarantine(4, "bad", "invalid_argument").ok());
  EXPECT_EQ(store().GetSubject(Id(made.id())).status().code(), Code::kNotFound);
  EXPECT_EQ(Count("record_states"), 1);
}

TEST_F(JournalTest, PhotosAwaitUploadUntilConfirmed) {
  v1::Photo photo;
  const Uuid id = Uuid::NewV7(clock_, random_);
  photo.set_id(id.ToBytes());
  photo.set_sha256(std::string(32, 's'));
  photo.set_size(100);
  ASSERT_TRUE(store().RecordPhoto(photo).ok());
  auto waiting = store().PhotosAwaitingUpload();
  ASSERT_EQ(waiting->size(), 1u);
  EXPECT_EQ((*waiting)[0].id(), id.ToBytes());
  ASSERT_TRUE(store().MarkPhotoUploaded(id).ok());
  ASSERT_TRUE(store().MarkPhotoUploaded(id).ok());
  EXPECT_TRUE(store().PhotosAwaitingUpload()->empty());
  EXPECT_EQ(store().MarkPhotoUploaded(Uuid::NewV7(clock_, random_)).code(), Code::kNotFound);
}

}  // namespace
}  // namespace qiaomen::core::store
