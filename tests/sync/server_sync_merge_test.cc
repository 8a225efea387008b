// Concurrent offline edits and clock skew, end to end: two real profiles edit one household
// offline and sync through the real county server; devices with clocks days fast and a year slow.

#include <google/protobuf/util/message_differencer.h>
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <thread>
#include <utility>

#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

constexpr int64_t kDayMs = 24LL * 3600 * 1000;

core::Uuid IdOf(const std::string& bytes) { return *core::Uuid::FromBytes(bytes); }

class ServerMergeTest : public ServerSyncTest {
 protected:
  v1::Subject Subject(ProfileDevice& device, const std::string& id) {
    auto subject = device.store().GetSubject(IdOf(id));
    EXPECT_TRUE(subject.ok()) << subject.status().ToString();
    return subject.ok() ? *subject : v1::Subject();
  }
  void Edit(ProfileDevice& device, const v1::Subject& edited) {
    auto changed = device.store().UpdateSubject(edited);
    ASSERT_TRUE(changed.ok()) << changed.status().ToString();
    ASSERT_FALSE(changed->empty());
  }
  void SyncOk(ProfileDevice& device) {
    SyncReport report = Run(device);
    ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  }
  static void ExpectSame(const v1::Subject& a, const v1::Subject& b) {
    EXPECT_TRUE(google::protobuf::util::MessageDifferencer::Equals(a, b))
        << a.ShortDebugString() << "\n vs \n"
        << b.ShortDebugString();
  }
};

TEST_P(ServerMergeTest, OfflineEditsOfOneHouseholdKeepBothFieldsAndLogTheSameFieldLoser) {
  auto a = NewDevice("w1");
  auto b = NewDevice("w2", kGridScope, /*clock_offset_ms=*/2000);  // its edits come later
  const std::string id = Bootstrap(*a);
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(Bootstrap(*b), id);

  // Offline: A changes the phone, B the number of members; both rename the head of household.
  v1::Subject on_a = Subject(*a, id);
  on_a.set_phone("13900000001");
  on_a.set_name("Wang Fang (A)");
  Edit(*a, on_a);
  v1::Subject on_b = Subject(*b, id);
  on_b.set_members(5);
  on_b.set_name("Wang Fang (B)");
  Edit(*b, on_b);

  SyncOk(*a);
  SyncOk(*b);
  SyncOk(*a);

  v1::Subject final_a = Subject(*a, id);
  v1::Subject final_b = Subject(*b, id);
  ExpectSame(final_a, final_b);
  EXPECT_EQ(final_a.phone(), "13900000001") << "A's field survives";
  EXPECT_EQ(final_a.members(), 5) << "B's field survives";
  EXPECT_EQ(final_a.name(), "Wang Fang (B)") << "the later stamp wins the same field";
  EXPECT_EQ(*a->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)),
            *b->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)));
  for (ProfileDevice* device : {a.get(), b.get()}) {
    auto conflicts = device->store().ListConflicts();
    ASSERT_TRUE(conflicts.ok());
    ASSERT_EQ(conflicts->size(), 1u) << "one logged loser on each device";
    EXPECT_EQ((*conflicts)[0].field, "name");
    EXPECT_EQ((*conflicts)[0].losing_value.text(), "Wang Fang (A)");
    EXPECT_EQ((*conflicts)[0].winning_value.text(), "Wang Fang (B)");
    EXPECT_EQ((*conflicts)[0].losing_device, a->device_id());
  }
  EXPECT_EQ(CountyInt("SELECT count(*) FROM conflicts WHERE field = 'name'"), 1);
  ExpectDelivered(*a, 1);
  ExpectDelivered(*b, 1);
}

TEST_P(ServerMergeTest, ClockSkewLaterEditsWinAndFutureStampsAreRebased) {
  auto fast = NewDevice("w1", kGridScope, 3 * kDayMs);
  auto slow = NewDevice("w2", kGridScope, -365 * kDayMs);
  const std::string id = Bootstrap(*fast, "H-002");
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(Bootstrap(*slow, "H-002"), id);

  // The fast device edits first, with a stamp three days ahead. The answer to its push is lost
  // after the county committed it: the device learns the re-based stamp from the resend.
  v1::Subject edit = Subject(*fast, id);
  edit.set_phone("13700000003");
  Edit(*fast, edit);
  {
    HookTransport hook(curl_);
    hook.before = [&](const HttpRequest& request, int) {
      if (request.url.find("/v1/sync") != std::string::npos && hook.failures == 0) {
        link_->DropNextResponses(1);
      }
    };
    SyncReport first = Run(*fast, Config(*fast), &hook);
    ASSERT_TRUE(first.status.ok()) << first.status.ToString();
    EXPECT_GE(link_->cuts(), 1) << "the answer was lost";
    EXPECT_EQ(first.changes_rebased, 1) << "the county re-based the stamp and said so";
    EXPECT_NE(first.Summary().find("clock is about 3 days ahead of the county server"),
              std::string::npos)
        << first.Summary();
  }
  const int64_t limit = core::SystemClock().NowMillis() + 60'000;
  std::vector<v1::Change> county = CountyChanges(id);
  ASSERT_EQ(county.size(), 1u);
  EXPECT_LE(core::HlcMillis(county[0].hlc()), limit) << "the future stamp was re-based";

  // The slow device syncs (the server's clock ratchets its HLC a year forward) and edits: the
  // edit is causally later than the fast device's and must win everywhere it is merged.
  SyncReport slow_sync = Run(*slow);
  ASSERT_TRUE(slow_sync.status.ok()) << slow_sync.status.ToString();
  EXPECT_LT(slow_sync.device_clock_skew_ms, -364 * kDayMs) << "the app can warn: clock a year slow";
  EXPECT_EQ(Subject(*slow, id).phone(), "13700000003");
  v1::Subject later = Subject(*slow, id);
  later.set_phone("13700000004");
  Edit(*slow, later);
  EXPECT_EQ(Subject(*slow, id).phone(), "13700000004") << "the slow device's own edit stands";
  SyncOk(*slow);
  SyncReport fast_sync = Run(*fast);
  ASSERT_TRUE(fast_sync.status.ok()) << fast_sync.status.ToString();
  EXPECT_GT(fast_sync.device_clock_skew_ms, 2 * kDayMs) << "the app can warn: clock days fast";

  county = CountyChanges(id);
  ASSERT_EQ(county.size(), 2u);
  EXPECT_GT(county[1].hlc(), county[0].hlc()) << "the slow device's later edit is stamped later";
  for (const auto& c : county) EXPECT_LE(core::HlcMillis(c.hlc()), limit);
  // What the county holds, seen by a device enrolled afterwards: the causally later edit.
  auto fresh = NewDevice("w3");
  ASSERT_EQ(Bootstrap(*fresh, "H-002"), id);
  EXPECT_EQ(Subject(*fresh, id).phone(), "13700000004");
  ExpectSame(Subject(*fresh, id), Subject(*slow, id));
  // The fast device was told the stamp the county applied, so the later edit wins there too.
  EXPECT_EQ(Subject(*fast, id).phone(), "13700000004");
  ExpectSame(Subject(*fast, id), Subject(*slow, id));
  EXPECT_EQ(*fast->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)),
            *slow->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)));
  ExpectDelivered(*fast, 1);
  ExpectDelivered(*slow, 1);
}

TEST_P(ServerMergeTest, ADeviceEnrolledBetweenOfflineEditsConvergesWithTheOthers) {
  auto x = NewDevice("w1");
  auto y = NewDevice("w2", kGridScope, /*clock_offset_ms=*/2000);  // its edit is stamped later
  const std::string id = Bootstrap(*x);
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(Bootstrap(*y), id);

  // X changes the phone offline; Y later changes the members and syncs.
  v1::Subject on_x = Subject(*x, id);
  on_x.set_phone("13900000009");
  Edit(*x, on_x);
  v1::Subject on_y = Subject(*y, id);
  on_y.set_members(6);
  Edit(*y, on_y);
  SyncOk(*y);

  // N enrols now: its snapshot holds Y's members and the old phone. Then X syncs.
  auto n = NewDevice("w3");
  ASSERT_EQ(Bootstrap(*n), id);
  SyncOk(*x);
  SyncOk(*y);
  SyncOk(*n);

  for (ProfileDevice* device : {x.get(), y.get(), n.get()}) {
    EXPECT_EQ(Subject(*device, id).phone(), "13900000009");
    EXPECT_EQ(Subject(*device, id).members(), 6);
  }
  ExpectSame(Subject(*n, id), Subject(*x, id));
  ExpectSame(Subject(*n, id), Subject(*y, id));
  EXPECT_EQ(*n->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)),
            *x->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)))
      << "each field carries its own writer's stamp on the new device too";
  EXPECT_EQ(CountyInt("SELECT count(*) FROM conflicts"), 0) << "nothing was concurrent";
}

TEST_P(ServerMergeTest, ACountyFromBeforeSnapshotHistoriesGivesNewDevicesEachFieldsOwnStamp) {
  auto x = NewDevice("w1");
  auto y = NewDevice("w2", kGridScope, /*clock_offset_ms=*/2000);
  const std::string id = Bootstrap(*x);
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(Bootstrap(*y), id);
  v1::Subject on_x = Subject(*x, id);
  on_x.set_phone("13900000009");
  Edit(*x, on_x);
  SyncOk(*x);
  v1::Subject on_y = Subject(*y, id);
  on_y.set_members(6);
  Edit(*y, on_y);
  SyncOk(*y);
  SyncOk(*x);

  // The county's store as a server from before snapshot histories left it: the household's
  // snapshot flattened to one stamp, and no note that it was made again.
  server_->Stop();
  server::SqlConnection* county = County();
  ASSERT_NE(county, nullptr);
  auto row = county->QueryOne("SELECT snapshot FROM records WHERE entity = 1 AND record_id = $1",
                              {server::Blob(id)});
  ASSERT_TRUE(row.ok()) << row.status().ToString();
  v1::Change flat;
  ASSERT_TRUE(flat.ParseFromString(row->Bytes(0)));
  ASSERT_TRUE(flat.has_history());
  flat.clear_history();
  for (auto& f : *flat.mutable_fields()->mutable_fields()) f.set_base_hlc(0);
  ASSERT_TRUE(county
                  ->Exec("UPDATE records SET snapshot = $1 WHERE entity = 1 AND record_id = $2",
                         {server::Blob(flat.SerializeAsString()), server::Blob(id)})
                  .ok());
  ASSERT_TRUE(county->Exec("DELETE FROM meta WHERE key = 'snapshot_histories'").ok());
  StartServer();
  link_->SetTargetPort(server_->port());

  // The upgraded server makes the snapshot again from its merge state: a new device gets each
  // field with its own writer's stamp.
  auto n = NewDevice("w3");
  ASSERT_EQ(Bootstrap(*n), id);
  ExpectSame(Subject(*n, id), Subject(*x, id));
  EXPECT_EQ(*n->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)),
            *x->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)));
}

TEST_P(ServerMergeTest, AResendAfterTheStampLeftTheFutureWindowStillLearnsTheRebasedStamp) {
  // A clock a day and five seconds fast: its stamp is re-based when it arrives; five seconds later
  // the same stamp is in the window.
  constexpr int64_t kAhead = kDayMs + 5000;
  auto fast = NewDevice("w1", kGridScope, kAhead);
  auto other = NewDevice("w2");
  const std::string id = Bootstrap(*fast, "H-002");
  ASSERT_FALSE(id.empty());
  ASSERT_EQ(Bootstrap(*other, "H-002"), id);

  v1::Subject edit = Subject(*fast, id);
  edit.set_phone("13700000005");
  Edit(*fast, edit);
  auto pending = fast->store().PendingChanges(0, 10, 1 << 20);
  ASSERT_TRUE(pending.ok()) << pending.status().ToString();
  ASSERT_EQ(pending->size(), 1u);
  const core::HlcStamp sent = (*pending)[0].hlc();
  {
    // The county applies the push and the answer is lost; the resend comes only once the stamp is
    // no longer over a day ahead of the county's clock.
    LoseFirstSyncAnswer lossy(curl_, [sent] {
      return core::HlcMillis(sent) + 500 <
             core::SystemClock().NowMillis() + core::kDefaultMaxSkewMs;
    });
    SyncReport first = Run(*fast, Config(*fast), &lossy);
    ASSERT_TRUE(first.status.ok()) << first.status.ToString();
    EXPECT_TRUE(lossy.lost()) << "the answer was lost";
    EXPECT_EQ(first.changes_rebased, 1) << "the resend's answer carries the county's stamp";
  }
  std::vector<v1::Change> county = CountyChanges(id);
  ASSERT_EQ(county.size(), 1u);
  ASSERT_NE(county[0].hlc(), sent)
      << "the first push must arrive while its stamp is over a day ahead (re-based); it came more "
         "than five seconds after the edit";
  EXPECT_EQ(fast->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id))->at("phone"),
            county[0].hlc())
      << "the device's copy carries the county's stamp";
  // Someone edits the phone after that, with a true clock: the later edit wins everywhere.
  SyncOk(*other);
  v1::Subject later = Subject(*other, id);
  later.set_phone("13700000006");
  Edit(*other, later);
  SyncOk(*other);
  SyncOk(*fast);
  EXPECT_EQ(Subject(*fast, id).phone(), "13700000006");
  ExpectSame(Subject(*fast, id), Subject(*other, id));
  EXPECT_EQ(*fast->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)),
            *other->store().GetFieldStamps(v1::ENTITY_SUBJECT, IdOf(id)));
}

// Issue 22 item 6, against the county: a phone two hours slow rectifies a hazard after it saw the
// order. Ordered by wall clocks, the rectification came "before" the order and was ignored on
// every replica; ordered by HLC (ratcheted by the order the phone pulled) it comes after it.
TEST_P(ServerMergeTest, ARectificationFromAPhoneTwoHoursSlowCountsEverywhere) {
  auto finder = NewDevice("w1");
  auto slow = NewDevice("w2", kGridScope, -2 * 3'600'000);
  const std::string subject_id = Bootstrap(*finder, "H-001");
  ASSERT_EQ(Bootstrap(*slow, "H-001"), subject_id);
  auto recorded = finder->RecordVisitWith(subject_id, kTemplate, {},
                                          ProfileDevice::VisitExtras::Finding(NoCoAlarmHazard()));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  ASSERT_EQ(recorded->hazards.size(), 1u);
  const std::string hazard_id = recorded->hazards[0].id();
  SyncOk(*finder);
  SyncOk(*slow);

  v1::HazardEvent step;
  step.set_hazard_id(hazard_id);
  step.set_kind(v1::RECTIFIED);
  step.set_note("CO alarm fitted.");
  auto rectified = slow->profile().RecordHazardStep(step, {});
  ASSERT_TRUE(rectified.ok()) << rectified.status().ToString();
  SyncOk(*slow);
  SyncOk(*finder);
  for (ProfileDevice* device : {finder.get(), slow.get()}) {
    auto state = device->store().GetHazardState(IdOf(hazard_id));
    ASSERT_TRUE(state.ok()) << state.status().ToString();
    EXPECT_EQ(state->status, core::domain::HazardStatus::kRectified);
  }
  auto report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"hazards_rectified\":1"), std::string::npos) << report.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerMergeTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
