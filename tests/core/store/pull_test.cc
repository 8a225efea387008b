#include <gtest/gtest.h>

#include "qiaomen/core/merge/merge.h"
#include "tests/core/store/store_fixture.h"

namespace qiaomen::core::store {
namespace {

using testing::DeviceId;
using testing::kT0;
using testing::StoreTest;

class PullTest : public StoreTest {
 protected:
  v1::Change Remote(v1::Entity entity, const std::string& record_id, HlcStamp hlc) {
    v1::Change change;
    change.set_change_id(Uuid::NewV7(clock_, random_).ToBytes());
    change.set_device_id(other_);
    change.set_seq(++other_seq_);
    change.set_hlc(hlc);
    change.set_entity(entity);
    change.set_record_id(record_id);
    return change;
  }
  static void Set(v1::Change& change, const std::string& field, const std::string& text,
                  HlcStamp base = 0) {
    auto* set = change.mutable_fields()->add_fields();
    set->set_field(field);
    set->mutable_value()->set_text(text);
    set->set_base_hlc(base);
  }
  v1::Change RemoteSubject(const std::string& id, const std::string& name, HlcStamp hlc) {
    v1::Change change = Remote(v1::ENTITY_SUBJECT, id, hlc);
    change.mutable_fields()->set_create(true);
    Set(change, "kind", "household");
    Set(change, "grid_id", "G1");
    Set(change, "name", name);
    Set(change, "phone", "13700000000");
    return change;
  }
  std::string NewId() { return Uuid::NewV7(clock_, random_).ToBytes(); }

  std::string other_ = DeviceId(0xe2);
  uint64_t other_seq_ = 0;
};

TEST_F(PullTest, AppliesAPageAndItsCursorTogetherAndIsIdempotent) {
  const std::string subject_id = NewId();
  const std::string visit_id = NewId();
  std::vector<v1::Change> page;
  page.push_back(RemoteSubject(subject_id, "赵大爷", PackHlc(kT0 - 1000, 0)));
  v1::Change visit = Remote(v1::ENTITY_VISIT, visit_id, PackHlc(kT0 - 900, 0));
  visit.mutable_visit()->set_id(visit_id);
  visit.mutable_visit()->set_subject_id(subject_id);
  visit.mutable_visit()->set_outcome(v1::CHECKED);
  page.push_back(visit);
  v1::Change unit = Remote(v1::ENTITY_ADMIN_UNIT, "G1", PackHlc(kT0 - 800, 0));
  unit.mutable_admin_unit()->set_id("G1");
  unit.mutable_admin_unit()->set_parent_id("V1");
  unit.mutable_admin_unit()->set_level("grid");
  page.push_back(unit);
  ASSERT_TRUE(store().ApplyPulledPage(page, "cursor-1").ok());
  EXPECT_EQ(store().GetSubject(Id(subject_id))->name(), "赵大爷");
  EXPECT_EQ(store().GetVisit(Id(visit_id))->outcome(), v1::CHECKED);
  EXPECT_EQ(store().GetAdminUnit("G1")->level(), "grid");
  EXPECT_EQ(store().GetSyncState()->pull_cursor, "cursor-1");
  EXPECT_EQ(Count("outbox"), 0) << "pulled changes are not journaled again";

  auto dump = [&] {
    return *store().database().QueryText(
        "SELECT group_concat(hex(record_id) || field || hex(value) || hlc, ',') FROM (SELECT * "
        "FROM registers ORDER BY 1, 2, 3);");
  };
  const std::string registers = dump();
  const int64_t states = Count("record_states");
  ASSERT_TRUE(store().ApplyPulledPage(page, "cursor-1").ok());
  EXPECT_EQ(dump(), registers);
  EXPECT_EQ(Count("record_states"), states);
  EXPECT_EQ(Count("visits"), 1);
  EXPECT_EQ(Count("conflict_log"), 0);
}

TEST_F(PullTest, AMalformedChangeAppliesNothingAndKeepsTheCursor) {
  ASSERT_TRUE(store().SetPullCursor("cursor-0").ok());
  const std::string subject_id = NewId();
  std::vector<v1::Change> page;
  page.push_back(RemoteSubject(subject_id, "钱某", PackHlc(kT0 - 1000, 0)));
  v1::Change broken = Remote(v1::ENTITY_SUBJECT, NewId(), PackHlc(kT0 - 900, 0));
  Set(broken, "no_such_field", "x");
  page.push_back(broken);
  Status status = store().ApplyPulledPage(page, "cursor-1");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("change 2 of the pulled page"), std::string::npos)
      << status.ToString();
  EXPECT_EQ(store().GetSubject(Id(subject_id)).status().code(), Code::kNotFound);
  EXPECT_EQ(store().GetSyncState()->pull_cursor, "cursor-0");
  EXPECT_EQ(Count("registers"), 0);

  // A record id that is not a 16-byte id is refused the same way.
  page.pop_back();
  page.push_back(RemoteSubject("H-17", "孙某", PackHlc(kT0 - 800, 0)));
  status = store().ApplyPulledPage(page, "cursor-1");
  ASSERT_FALSE(status.ok());
  EXPECT_NE(status.message().find("not a 16-byte id"), std::string::npos) << status.ToString();
  EXPECT_EQ(store().GetSyncState()->pull_cursor, "cursor-0");
  EXPECT_EQ(Count("subjects"), 0);
}

TEST_F(PullTest, ConcurrentEditsOfOneFieldLogTheLoserOtherFieldsBothSurvive) {
  v1::Subject subject = AddSubject("孙某");
  const HlcStamp created =
      store().GetFieldStamps(v1::ENTITY_SUBJECT, Id(subject.id()))->at("phone");
  // Locally: a new phone number.
  clock_.Advance(1000);
  v1::Subject edited = subject;
  edited.set_phone("local-phone");
  ASSERT_TRUE(store().UpdateSubject(edited).ok());
  // Remotely and concurrently (it saw only the creation), a later stamp: phone and address.
  v1::Change remote = Remote(v1::ENTITY_SUBJECT, subject.id(), PackHlc(kT0 + 5000, 0));
  Set(remote, "phone", "remote-phone", created);
  Set(remote, "address", "三组12号", created);
  ASSERT_TRUE(store().ApplyPulledPage({remote}, "c1").ok());
  auto got = store().GetSubject(Id(subject.id()));
  EXPECT_EQ(got->phone(), "remote-phone");
  EXPECT_EQ(got->address(), "三组12号");
  EXPECT_EQ(got->name(), "孙某");
  auto conflicts = store().ListConflicts();
  ASSERT_TRUE(conflicts.ok());
  ASSERT_EQ(conflicts->size(), 1u);
  const ConflictRecord& c = (*conflicts)[0];
  EXPECT_EQ(c.field, "phone");
  EXPECT_EQ(c.losing_value.text(), "local-phone");
  EXPECT_EQ(c.losing_device, device_);
  EXPECT_EQ(c.winning_value.text(), "remote-phone");
  EXPECT_EQ(c.winning_device, other_);
  EXPECT_EQ(c.rule, "lww");
  // Pulled again: no second entry.
  ASSERT_TRUE(store().ApplyPulledPage({remote}, "c1").ok());
  EXPECT_EQ(store().ListConflicts()->size(), 1u);
  // The pulled stamp ratcheted the clock: the next local edit wins over it.
  EXPECT_GE(store().LastHlc(), PackHlc(kT0 + 5000, 0));
  v1::Subject again = *got;
  again.set_phone("newest");
  ASSERT_TRUE(store().UpdateSubject(again).ok());
  EXPECT_EQ(store().GetSubject(Id(subject.id()))->phone(), "newest");
}

TEST_F(PullTest, ConcurrentSeverityEditsKeepTheHigher) {
  v1::Subject subject = AddSubject("周某");
  v1::Hazard hazard = MakeHazard("ebike_indoors", v1::MAJOR);
  hazard.set_subject_id(subject.id());
  auto created = store().CreateHazard(hazard);
  ASSERT_TRUE(created.ok());
  const HlcStamp base =
      store().GetFieldStamps(v1::ENTITY_HAZARD, Id(created->id()))->at("severity");
  v1::Change remote = Remote(v1::ENTITY_HAZARD, created->id(), PackHlc(kT0 + 9000, 0));
  Set(remote, "severity", "general", base - 1);  // did not see the major finding
  ASSERT_TRUE(store().ApplyPulledPage({remote}, "c").ok());
  EXPECT_EQ(store().GetHazard(Id(created->id()))->severity(), v1::MAJOR);
  ASSERT_EQ(store().ListConflicts()->size(), 1u);
  EXPECT_EQ((*store().ListConflicts())[0].rule, "severity_max");
}

TEST_F(PullTest, AppendOnlyRecordsAreInsertedIfAbsentAndCloseTasks) {
  v1::Subject subject = AddSubject("吴某");
  v1::Task task = AddTask(subject);
  const std::string visit_id = NewId();
  v1::Change visit = Remote(v1::ENTITY_VISIT, visit_id, PackHlc(kT0 + 1, 0));
  *visit.mutable_visit() = MakeVisit(subject, v1::MOVED);
  visit.mutable_visit()->set_id(visit_id);
  visit.mutable_visit()->set_task_id(task.id());
  v1::Change photo = Remote(v1::ENTITY_PHOTO, NewId(), PackHlc(kT0 + 2, 0));
  photo.mutable_photo()->set_id(photo.record_id());
  photo.mutable_photo()->set_visit_id(visit_id);
  photo.mutable_photo()->set_sha256(std::string(32, 'p'));
  ASSERT_TRUE(store().ApplyPulledPage({visit, photo, visit, photo}, "c").ok());
  EXPECT_EQ(Count("visits"), 1);
  EXPECT_EQ(Count("photos"), 1);
  EXPECT_TRUE(*store().HasPhoto(Id(photo.record_id())));
  EXPECT_TRUE(store().ListTasks(testing::TasksIn(subject.grid_id()))->items.empty());
}

TEST_F(PullTest, RemoveOutOfScopeKeepsThisDevicesUnsyncedWork) {
  // Two subjects from the server; on one this device recorded a visit it has not delivered.
  const std::string kept_id = NewId();
  const std::string gone_id = NewId();
  ASSERT_TRUE(store()
                  .ApplyPulledPage({RemoteSubject(kept_id, "郑某", PackHlc(kT0 - 10, 0)),
                                    RemoteSubject(gone_id, "王某", PackHlc(kT0 - 9, 0))},
                                   "c")
                  .ok());
  v1::Subject kept = *store().GetSubject(Id(kept_id));
  VisitInput input;
  input.visit = MakeVisit(kept, v1::CHECKED);
  auto visit = store().RecordVisit(input);
  ASSERT_TRUE(visit.ok());
  ASSERT_TRUE(store().RemoveOutOfScope({kept_id, gone_id}).ok());
  EXPECT_EQ(store().GetSubject(Id(gone_id)).status().code(), Code::kNotFound);
  EXPECT_TRUE(store().GetVisit(Id(visit->visit.id())).ok());
  EXPECT_TRUE(store().GetSubject(Id(kept_id)).ok()) << "the unsynced visit keeps its subject";
  EXPECT_EQ(store().PendingChanges(0, 10, 1 << 20)->size(), 1u);

  // Once delivered, it goes too, with the merge state of the subject.
  ASSERT_TRUE(store().MarkAppliedThrough(1).ok());
  ASSERT_TRUE(store().RemoveOutOfScope({kept_id}).ok());
  EXPECT_EQ(store().GetVisit(Id(visit->visit.id())).status().code(), Code::kNotFound);
  EXPECT_EQ(store().GetSubject(Id(kept_id)).status().code(), Code::kNotFound);
  EXPECT_EQ(Count("record_states"), 0);
  EXPECT_EQ(Count("registers"), 0);
}

TEST_F(PullTest, APageCanRemoveRecordsInItsTransaction) {
  const std::string a = NewId();
  const std::string b = NewId();
  ASSERT_TRUE(store()
                  .ApplyPulledPage({RemoteSubject(a, "甲", PackHlc(kT0 - 10, 0)),
                                    RemoteSubject(b, "乙", PackHlc(kT0 - 9, 0))},
                                   "c1")
                  .ok());
  // The next page moves b in again (a later edit) and drops a, which left the scope.
  v1::Change edit = Remote(v1::ENTITY_SUBJECT, b, PackHlc(kT0 - 5, 0));
  Set(edit, "note", "moved");
  ASSERT_TRUE(store().ApplyPulledPage({edit}, "c2", {a}).ok());
  EXPECT_EQ(store().GetSubject(Id(a)).status().code(), Code::kNotFound);
  EXPECT_EQ(store().GetSubject(Id(b))->note(), "moved");
  EXPECT_EQ(store().GetSyncState()->pull_cursor, "c2");
  // A pulled photo from another device is not this device's to upload.
  v1::Change photo = Remote(v1::ENTITY_PHOTO, NewId(), PackHlc(kT0 - 4, 0));
  photo.mutable_photo()->set_id(photo.record_id());
  photo.mutable_photo()->set_sha256(std::string(32, 'q'));
  ASSERT_TRUE(store().ApplyPulledPage({photo}, "c3").ok());
  EXPECT_TRUE(store().PhotosAwaitingUpload()->empty());
}

// A snapshot holds the whole scope: what the device holds and no snapshot page named left it
// (a restore or a scope change the device did not hear of), except this device's undelivered
// work and what it delivered after the snapshot began. Dropped once the log follows.
TEST_F(PullTest, TheLogAfterASnapshotDropsWhatNoSnapshotPageNamed) {
  const std::string stays = NewId();
  const std::string left = NewId();
  ASSERT_TRUE(store()
                  .ApplyPulledPage({RemoteSubject(stays, "甲", PackHlc(kT0 - 10, 0)),
                                    RemoteSubject(left, "乙", PackHlc(kT0 - 9, 0))},
                                   "c1")
                  .ok());
  const v1::Subject own = AddSubject("丙");  // this device's, delivered during the snapshot
  ASSERT_TRUE(store()
                  .ApplyPulledPage({RemoteSubject(stays, "甲", PackHlc(kT0 - 10, 0))}, "s1", {},
                                   /*snapshot=*/true)
                  .ok());
  ASSERT_TRUE(store().MarkAppliedThrough(1).ok());
  ASSERT_TRUE(store().ApplyPulledPage({}, "s2", {}, /*snapshot=*/true).ok());
  EXPECT_TRUE(store().GetSubject(Id(left)).ok()) << "nothing goes before the snapshot ends";

  ASSERT_TRUE(store().ApplyPulledPage({}, "l1").ok());
  EXPECT_EQ(store().GetSubject(Id(left)).status().code(), Code::kNotFound);
  EXPECT_TRUE(store().GetSubject(Id(stays)).ok());
  EXPECT_TRUE(store().GetSubject(Id(own.id())).ok()) << "delivered after the snapshot began";
  EXPECT_EQ(Count("snapshot_seen"), 0);

  // Only once: a later log page drops nothing, even what was not in that snapshot.
  const std::string later = NewId();
  ASSERT_TRUE(
      store().ApplyPulledPage({RemoteSubject(later, "丁", PackHlc(kT0 - 5, 0))}, "l2").ok());
  ASSERT_TRUE(store().ApplyPulledPage({}, "l3").ok());
  EXPECT_TRUE(store().GetSubject(Id(later)).ok());
}

// A phone three days fast: the server re-based its stamps. Until the phone hears of it, an edit
// made later by someone else loses here (it would win everywhere else); afterwards it wins.
TEST_F(PullTest, ARebasedOwnChangeLetsLaterEditsFromOthersWin) {
  constexpr int64_t kThreeDays = 3LL * 24 * 3600 * 1000;
  clock_.Set(kT0 + kThreeDays);
  const v1::Subject rebased = AddSubject("周奶奶");
  const v1::Subject kept = AddSubject("吴大爷");
  clock_.Set(kT0);
  const HlcStamp server_stamp = PackHlc(kT0 - 5000, 0);
  auto outbox_hlc = [&](int seq) {
    return *store().database().QueryInt(
        "SELECT hlc FROM outbox WHERE seq = " + std::to_string(seq) + ";");
  };
  const int64_t future = outbox_hlc(1);
  const int64_t kept_stamp = outbox_hlc(2);
  ASSERT_GT(HlcMillis(static_cast<HlcStamp>(future)), kT0 + kThreeDays - 1000);
  auto hex = [](const std::string& bytes) {
    static constexpr char kDigits[] = "0123456789ABCDEF";
    std::string out;
    for (unsigned char c : bytes) out += {kDigits[c >> 4], kDigits[c & 15]};
    return out;
  };

  ASSERT_TRUE(store().RebaseOwnChange(1, server_stamp).ok());
  EXPECT_EQ(outbox_hlc(1), static_cast<int64_t>(server_stamp));
  EXPECT_EQ(outbox_hlc(2), kept_stamp) << "another change keeps its stamp";
  const std::string fields_of = "FROM registers WHERE hex(record_id) = '" + hex(rebased.id()) + "'";
  EXPECT_GT(*store().database().QueryInt("SELECT count(*) " + fields_of + ";"), 3);
  EXPECT_EQ(*store().database().QueryInt("SELECT count(*) " + fields_of + " AND hlc <> " +
                                         std::to_string(server_stamp) + ";"),
            0)
      << "every field the change wrote carries the server's stamp";
  auto pending = store().PendingChanges(0, 10, 1 << 20);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 2u);
  EXPECT_EQ((*pending)[0].hlc(), server_stamp) << "the journal's payload too";

  // Someone else edits both households an hour later, having seen the first versions.
  for (const v1::Subject* subject : {&rebased, &kept}) {
    v1::Change edit = Remote(v1::ENTITY_SUBJECT, subject->id(), PackHlc(kT0 + 3600000, 0));
    Set(edit, "phone", "13911112222", server_stamp);
    ASSERT_TRUE(store().ApplyPulledPage({edit}, "c").ok());
  }
  EXPECT_EQ(store().GetSubject(Id(rebased.id()))->phone(), "13911112222")
      << "the later edit wins once the stamp is re-based";
  EXPECT_EQ(store().GetSubject(Id(kept.id()))->phone(), "13800000000")
      << "control: a stamp three days ahead still beats it";

  // Idempotent, and harmless for an unknown seq or a zero stamp.
  const std::string before = *store().database().QueryText(
      "SELECT group_concat(hex(record_id) || field || hlc, ',') FROM registers;");
  ASSERT_TRUE(store().RebaseOwnChange(1, server_stamp).ok());
  ASSERT_TRUE(store().RebaseOwnChange(99, server_stamp).ok());
  ASSERT_TRUE(store().RebaseOwnChange(2, 0).ok());
  EXPECT_EQ(*store().database().QueryText(
                "SELECT group_concat(hex(record_id) || field || hlc, ',') FROM registers;"),
            before);
  EXPECT_EQ(outbox_hlc(2), kept_stamp);
}

TEST_F(PullTest, ADeleteLosesToAConcurrentUpdateItNeverSaw) {
  const std::string id = NewId();
  const HlcStamp created = PackHlc(kT0 - 10'000, 0);
  const v1::Change create = RemoteSubject(id, "孙大娘", created);
  ASSERT_TRUE(store().ApplyPulledPage({create}, "c1").ok());
  // Another device changes the phone, having seen the creation. This device has not heard of that
  // when it deletes the household a little later by the clock.
  v1::Change update = Remote(v1::ENTITY_SUBJECT, id, PackHlc(kT0 - 5000, 0));
  Set(update, "phone", "13611112222", created);
  ASSERT_TRUE(store().DeleteSubject(Id(id)).ok());
  auto pending = store().PendingChanges(0, 10, 1 << 20);
  ASSERT_TRUE(pending.ok());
  ASSERT_EQ(pending->size(), 1u);
  const v1::Change erase = (*pending)[0];
  ASSERT_GT(erase.hlc(), update.hlc()) << "the delete is stamped after the update";

  ASSERT_TRUE(store().ApplyPulledPage({update}, "c2").ok());
  auto subject = store().GetSubject(Id(id));
  ASSERT_TRUE(subject.ok()) << "the update the delete never saw keeps the household: "
                            << subject.status().ToString();
  EXPECT_EQ(subject->phone(), "13611112222");
  EXPECT_EQ(*store().database().QueryInt("SELECT flagged FROM subjects;"), 1)
      << "kept, flagged for review";
  auto conflicts = store().ListConflicts();
  ASSERT_TRUE(conflicts.ok());
  ASSERT_EQ(conflicts->size(), 1u);
  EXPECT_EQ((*conflicts)[0].rule, "update_beats_delete");

  // The county and every other replica meet the changes in another order and agree.
  auto first = merge::ApplyChange(std::nullopt, create);
  ASSERT_TRUE(first.ok());
  auto second = merge::ApplyChange(first->state, update);
  ASSERT_TRUE(second.ok());
  auto third = merge::ApplyChange(second->state, erase);
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  EXPECT_FALSE(third->state.deleted);
  EXPECT_TRUE(third->state.flagged);
  ASSERT_EQ(third->conflicts.size(), 1u);
  EXPECT_EQ(third->conflicts[0].rule, "update_beats_delete");

  // A delete that saw the update removes the household.
  ASSERT_TRUE(store().DeleteSubject(Id(id)).ok());
  EXPECT_EQ(store().GetSubject(Id(id)).status().code(), Code::kNotFound);
}

TEST_F(PullTest, HazardStepsFollowTheHybridClockNotPhoneClocks) {
  // An inspector with a true clock found the hazard and ordered its rectification an hour later.
  const std::string hazard_id = NewId();
  const std::string subject_id = NewId();
  ASSERT_TRUE(
      store()
          .ApplyPulledPage({RemoteSubject(subject_id, "钱师傅", PackHlc(kT0 - 7'200'000, 0))}, "c0")
          .ok());
  v1::Change hazard = Remote(v1::ENTITY_HAZARD, hazard_id, PackHlc(kT0 - 7'000'000, 0));
  hazard.mutable_hazard()->set_id(hazard_id);
  hazard.mutable_hazard()->set_subject_id(subject_id);
  hazard.mutable_hazard()->set_category("no_co_alarm");
  hazard.mutable_hazard()->set_severity(v1::GENERAL);
  auto event = [&](v1::HazardEventKind kind, int64_t at_ms) {
    v1::Change change = Remote(v1::ENTITY_HAZARD_EVENT, NewId(), PackHlc(at_ms, 0));
    v1::HazardEvent* e = change.mutable_hazard_event();
    e->set_id(change.record_id());
    e->set_hazard_id(hazard_id);
    e->set_kind(kind);
    e->set_at_ms(at_ms);
    e->set_actor("inspector-1");
    return change;
  };
  ASSERT_TRUE(store()
                  .ApplyPulledPage({hazard, event(v1::FOUND, kT0 - 7'000'000),
                                    event(v1::ORDERED, kT0 - 3'600'000)},
                                   "c1")
                  .ok());
  // This phone is two hours slow: it records the rectification at what it thinks is kT0 - 2 h,
  // after it saw the order.
  clock_.Set(kT0 - 7'200'000);
  v1::HazardEvent rectified;
  rectified.set_hazard_id(hazard_id);
  rectified.set_kind(v1::RECTIFIED);
  auto added = store().AddHazardEvent(rectified, {});
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  auto state = store().GetHazardState(Id(hazard_id));
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(state->status, domain::HazardStatus::kRectified);
  EXPECT_TRUE(state->ignored.empty());

  // Another phone, offline, rectified too without seeing this one: its step is not taken, and the
  // hazard says which step and why.
  const v1::Change second = event(v1::RECTIFIED, kT0 - 3'000'000);
  ASSERT_TRUE(store().ApplyPulledPage({second}, "c2").ok());
  state = store().GetHazardState(Id(hazard_id));
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(state->status, domain::HazardStatus::kRectified);
  ASSERT_EQ(state->ignored.size(), 1u);
  EXPECT_EQ(state->ignored[0].event_id, second.record_id());
  EXPECT_NE(state->ignored[0].reason.find("cannot be marked rectified"), std::string::npos)
      << state->ignored[0].reason;
}

}  // namespace
}  // namespace qiaomen::core::store
