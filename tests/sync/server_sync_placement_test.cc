// Where records belong, end to end against the real county server: a visit the county refuses
// takes what depends on it (its photos, hazards and their events) with it and leaves its task
// open on the device too; a household moved to another grid goes whole to the new grid's devices
// and leaves the old grid's.

#include <gtest/gtest.h>

#include <string>
#include <utility>

#include "qiaomen/base/hex.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

// A checklist the county never published: a visit made with it is refused.
constexpr char kUnpublished[] = "household_unpublished";
constexpr char kOtherGrid[] = "grids:T01-V01-G02";

std::string Hex(const std::string& bytes) { return base::HexEncode(bytes); }

class ServerPlacementTest : public ServerSyncTest {
 protected:
  SyncReport SyncOk(ProfileDevice& device) {
    SyncReport report = Run(device);
    EXPECT_TRUE(report.status.ok()) << report.status.ToString();
    return report;
  }
  static int64_t LastSeq(ProfileDevice& device) {
    return static_cast<int64_t>(device.store().GetSyncState()->last_seq);
  }
  int64_t DeviceInt(ProfileDevice& device, const std::string& sql) {
    auto value = device.store().database().QueryInt(sql);
    EXPECT_TRUE(value.ok()) << sql << ": " << value.status().ToString();
    return value.ok() ? *value : -1;
  }
  // The task of the subject `subject_id` on `device` ("" if none).
  std::string TaskOf(ProfileDevice& device, const std::string& subject_id) {
    auto hex = device.store().database().QueryText(
        "SELECT coalesce(hex(id), '') FROM tasks WHERE "
        "subject_id = x'" +
        Hex(subject_id) + "' LIMIT 1;");
    if (!hex.ok() || hex->empty()) return "";
    return base::HexDecode(*hex).value_or("");
  }
  bool TaskDone(ProfileDevice& device, const std::string& task_id) {
    return DeviceInt(device, "SELECT done_visit_id IS NOT NULL FROM tasks WHERE id = x'" +
                                 Hex(task_id) + "';") == 1;
  }
  // A checked visit of the subject's task with one photo and one hazard its answers found, as the
  // app records it (the photo sealed while the visit is open, all journaled when it is finished).
  core::Result<core::store::RecordedVisit> VisitWithHazard(ProfileDevice& device,
                                                           const std::string& subject_id,
                                                           const std::string& task_id,
                                                           const std::string& template_id,
                                                           uint64_t seed) {
    return device.RecordVisitWith(subject_id, template_id, {PhotoBytes(20'000, seed)},
                                  ProfileDevice::VisitExtras::Finding(NoCoAlarmHazard(), task_id));
  }
  void CreateCampaign() {
    auto campaign = env_->Run({"campaign", "create", "--id", "c1", "--title", "Winter",
                               "--template", kTemplate, "--scope", "county", "--due", "+28"});
    ASSERT_EQ(campaign.exit_code, 0) << campaign.out << campaign.err;
  }
};

TEST_P(ServerPlacementTest, ARefusedVisitTakesItsPhotoHazardAndEventsWithItAndItsTaskStaysOpen) {
  CreateCampaign();
  auto a = NewDevice("w1");
  const std::string id = Bootstrap(*a);
  ASSERT_FALSE(id.empty());
  const std::string task = TaskOf(*a, id);
  ASSERT_FALSE(task.empty()) << "the campaign's task for H-001 reached the device";

  // A visit with a checklist the county does not know: the county refuses it.
  auto refused = VisitWithHazard(*a, id, task, kUnpublished, 1);
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  ASSERT_EQ(refused->hazards.size(), 1u);
  EXPECT_TRUE(TaskDone(*a, task)) << "the device closes the task when the visit is finished";
  SyncOk(*a);

  // Visit, photo, hazard, FOUND and ORDERED: all refused, none applied at the county.
  auto quarantined = a->store().ListQuarantined();
  ASSERT_TRUE(quarantined.ok());
  EXPECT_EQ(quarantined->size(), 5u);
  for (const auto& q : *quarantined) {
    if (q.change.entity() == v1::ENTITY_VISIT) continue;
    EXPECT_NE(q.reason.find("refused"), std::string::npos) << q.reason;
    EXPECT_NE(
        q.reason.find(Hex(q.change.entity() == v1::ENTITY_HAZARD_EVENT ? refused->hazards[0].id()
                                                                       : refused->visit.id())),
        std::string::npos)
        << "names what it depends on: " << q.reason;
  }
  EXPECT_EQ(CountyInt("SELECT count(*) FROM records WHERE entity IN (3, 4, 5, 6)"), 0)
      << "nothing of the refused visit is applied at the county";
  EXPECT_EQ(CountyInt("SELECT count(*) FROM quarantine"), 5);
  EXPECT_FALSE(TaskDone(*a, task)) << "the county's task is open, and so is the device's";
  // The task stays open through a pull of the task itself (its done state is derived again).
  SyncOk(*a);
  EXPECT_FALSE(TaskDone(*a, task));

  // The return visit with the published checklist is taken whole and closes the task.
  auto good = VisitWithHazard(*a, id, task, kTemplate, 2);
  ASSERT_TRUE(good.ok()) << good.status().ToString();
  SyncOk(*a);
  EXPECT_TRUE(TaskDone(*a, task));
  EXPECT_EQ(a->store().ListQuarantined()->size(), 5u) << "no new refusal";
  EXPECT_EQ(CountyInt("SELECT count(*) FROM records WHERE entity IN (3, 4, 5, 6)"), 5)
      << "visit, photo, hazard, FOUND and ORDERED of the good visit";
  ExpectCountyHoldsPhoto(Hex(good->photos[0].sha256()));
}

TEST_P(ServerPlacementTest, ARefusalWhoseAnswerWasLostIsARefusalOnTheDeviceToo) {
  CreateCampaign();
  auto a = NewDevice("w1");
  const std::string id = Bootstrap(*a);
  ASSERT_FALSE(id.empty());
  const std::string task = TaskOf(*a, id);
  ASSERT_FALSE(task.empty());
  auto refused = VisitWithHazard(*a, id, task, kUnpublished, 4);
  ASSERT_TRUE(refused.ok()) << refused.status().ToString();
  {
    // The county refuses the visit and what depends on it; the answer is lost on the way back, and
    // the engine sends the same changes again.
    LoseFirstSyncAnswer lossy(curl_, [] { return true; });
    SyncReport report = Run(*a, Config(*a), &lossy);
    ASSERT_TRUE(report.status.ok()) << report.status.ToString();
    ASSERT_TRUE(lossy.lost());
  }
  // The resend is answered with the same refusals: nothing is taken as delivered.
  auto quarantined = a->store().ListQuarantined();
  ASSERT_TRUE(quarantined.ok());
  EXPECT_EQ(quarantined->size(), 5u);
  for (const auto& q : *quarantined) EXPECT_FALSE(q.reason.empty());
  EXPECT_EQ(*a->adapter().PendingChangeCount(), 0);
  EXPECT_EQ(CountyInt("SELECT count(*) FROM quarantine"), 5) << "each refused once";
  EXPECT_EQ(CountyInt("SELECT count(*) FROM records WHERE entity IN (3, 4, 5, 6)"), 0);
  EXPECT_FALSE(TaskDone(*a, task));
}

TEST_P(ServerPlacementTest, AHouseholdMovedToAnotherGridGoesWholeToItsDevicesAndLeavesTheOld) {
  // Grid G02 exists with its own household; a township device sees the whole town.
  ASSERT_EQ(env_->ImportCsv("external_id,kind,town,village,grid,name,address,phone,members,tags\n"
                            "H-003,household,T01:Qingshi,V01:Shangcun,G02,Zhao Lei,3 Hill Rd,,2,\n")
                .exit_code,
            0);
  CreateCampaign();
  auto a = NewDevice("w1");
  auto b = NewDevice("w2", kOtherGrid);
  auto town = NewDevice("w3", "town:T01");
  const std::string id = Bootstrap(*a);
  ASSERT_FALSE(id.empty());
  ASSERT_FALSE(Bootstrap(*b, "H-003").empty());
  ASSERT_EQ(Bootstrap(*town), id);
  const std::string task = TaskOf(*a, id);
  ASSERT_FALSE(task.empty());

  // A visits H-001 (a photo, a hazard ordered to be put right), and the county knows it all.
  auto visit = VisitWithHazard(*a, id, task, kTemplate, 3);
  ASSERT_TRUE(visit.ok()) << visit.status().ToString();
  const std::string hazard = visit->hazards[0].id();
  SyncOk(*a);
  ExpectDelivered(*a, LastSeq(*a));
  SyncOk(*town);

  // The township re-imports its list: H-001 now lives in grid G02.
  auto moved = env_->ImportCsv(
      "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
      "H-001,household,T01:Qingshi,V01:Shangcun,G02,Wang Fang,1 Hill Rd,13800000001,3,"
      "coal_heating\n");
  ASSERT_EQ(moved.exit_code, 0) << moved.out << moved.err;
  for (ProfileDevice* device : {a.get(), b.get(), town.get()}) SyncOk(*device);

  // The new grid's device has the household whole: its registers, its task, its visit and photo,
  // its hazard with its events.
  auto there = b->store().GetSubjectByExternalId("H-001");
  ASSERT_TRUE(there.ok()) << there.status().ToString();
  EXPECT_EQ(there->name(), "Wang Fang");
  EXPECT_EQ(there->phone(), "13800000001");
  EXPECT_EQ(there->grid_id(), "T01-V01-G02");
  EXPECT_FALSE(TaskOf(*b, id).empty()) << "its task came with it";
  EXPECT_TRUE(TaskDone(*b, task)) << "done by A's visit, which came with it";
  EXPECT_EQ(DeviceInt(*b, "SELECT count(*) FROM visits WHERE subject_id = x'" + Hex(id) + "';"), 1);
  EXPECT_EQ(DeviceInt(*b, "SELECT count(*) FROM photos WHERE visit_id = x'" +
                              Hex(visit->visit.id()) + "';"),
            1);
  EXPECT_EQ(
      DeviceInt(*b, "SELECT count(*) FROM hazard_events WHERE hazard_id = x'" + Hex(hazard) + "';"),
      2)
      << "FOUND and ORDERED";

  // The old grid's device no longer holds it (nothing was left undelivered there).
  EXPECT_FALSE(a->store().GetSubjectByExternalId("H-001").ok());
  EXPECT_EQ(DeviceInt(*a, "SELECT count(*) FROM visits;"), 0);
  EXPECT_EQ(DeviceInt(*a, "SELECT count(*) FROM hazards;"), 0);
  EXPECT_EQ(DeviceInt(*a, "SELECT count(*) FROM tasks WHERE subject_id = x'" + Hex(id) + "';"), 0);
  EXPECT_TRUE(a->store().GetSubjectByExternalId("H-002").ok()) << "the rest of G01 stays";

  // The township's device, whose scope holds both grids, keeps it, now in G02.
  auto kept = town->store().GetSubjectByExternalId("H-001");
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->grid_id(), "T01-V01-G02");
  EXPECT_EQ(DeviceInt(*town, "SELECT count(*) FROM visits;"), 1);

  // The new grid's worker follows the hazard up: the county takes the step in the new grid.
  v1::HazardEvent step;
  step.set_hazard_id(hazard);
  step.set_kind(v1::RECTIFIED);
  step.set_note("CO alarm fitted.");
  auto recorded = b->profile().RecordHazardStep(step, {});
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  SyncOk(*b);
  ExpectDelivered(*b, LastSeq(*b));
  EXPECT_EQ(CountyInt("SELECT count(*) FROM records WHERE entity = 6 AND grid_id = 'T01-V01-G02'"),
            3);

  // A device of the new grid enrolled afterwards gets the same from its first snapshot.
  auto late = NewDevice("w4", kOtherGrid);
  ASSERT_EQ(Bootstrap(*late), id);
  EXPECT_EQ(DeviceInt(*late, "SELECT count(*) FROM hazard_events;"),
            DeviceInt(*b, "SELECT count(*) FROM hazard_events;"));
}

INSTANTIATE_TEST_SUITE_P(Backends, ServerPlacementTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
