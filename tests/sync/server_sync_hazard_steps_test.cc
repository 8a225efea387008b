// The county's steps on a hazard (qiaomen-county hazard), end to end: a worker finds a hazard and
// rectifies it on a phone, the county reinspects and closes it, and the phones see it closed after
// their next sync. A step the hazard's state does not allow is refused with why, and nothing is
// written. On SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <string>

#include "qiaomen/base/hex.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

core::Uuid IdOf(const std::string& bytes) { return *core::Uuid::FromBytes(bytes); }

class HazardStepsTest : public ServerSyncTest {
 protected:
  void SyncOk(ProfileDevice& device) {
    SyncReport report = Run(device);
    ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  }
  qiaomen::testing::CommandResult Step(const std::string& step, const std::string& hazard_id) {
    return env_->Run(
        {"hazard", step, base::HexEncode(hazard_id), "--by", "张科长", "--note", "现场复查"});
  }
  int64_t HazardEvents() {
    return CountyInt("SELECT count(*) FROM changes WHERE entity = $1",
                     {server::Int(v1::ENTITY_HAZARD_EVENT)});
  }
};

TEST_P(HazardStepsTest, TheCountyReinspectsAndClosesAHazardAndThePhonesSeeItClosed) {
  auto finder = NewDevice("w1");
  auto other = NewDevice("w2");
  const std::string subject_id = Bootstrap(*finder, "H-001");
  ASSERT_EQ(Bootstrap(*other, "H-001"), subject_id);
  auto recorded = finder->RecordVisitWith(subject_id, kTemplate, {},
                                          ProfileDevice::VisitExtras::Finding(NoCoAlarmHazard()));
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();
  ASSERT_EQ(recorded->hazards.size(), 1u);
  const std::string hazard_id = recorded->hazards[0].id();
  SyncOk(*finder);

  // Not rectified yet: neither reinspected nor closed, and nothing is written.
  const int64_t events = HazardEvents();
  for (const char* step : {"close", "reinspect"}) {
    auto refused = Step(step, hazard_id);
    EXPECT_NE(refused.exit_code, 0) << step << ": " << refused.out;
    EXPECT_FALSE(refused.err.empty()) << step;
  }
  EXPECT_EQ(HazardEvents(), events);
  auto unknown = Step("close", std::string(16, '\x07'));
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_NE(unknown.err.find("no such hazard"), std::string::npos) << unknown.err;
  auto bad = env_->Run({"hazard", "close", "not-an-id", "--by", "x"});
  EXPECT_EQ(bad.exit_code, 2) << bad.err;

  // The worker rectifies on site; the county escalates meanwhile (挂牌督办), reinspects and closes.
  v1::HazardEvent rectify;
  rectify.set_hazard_id(hazard_id);
  rectify.set_kind(v1::RECTIFIED);
  rectify.set_note("CO alarm fitted.");
  ASSERT_TRUE(finder->profile().RecordHazardStep(rectify, {}).ok());
  SyncOk(*finder);
  for (const char* step : {"escalate", "reinspect", "close"}) {
    auto done = Step(step, hazard_id);
    ASSERT_EQ(done.exit_code, 0) << step << ": " << done.out << done.err;
  }
  auto closed_again = Step("close", hazard_id);
  EXPECT_NE(closed_again.exit_code, 0) << "nothing follows closed";

  for (ProfileDevice* device : {finder.get(), other.get()}) {
    SyncOk(*device);
    auto state = device->store().GetHazardState(IdOf(hazard_id));
    ASSERT_TRUE(state.ok()) << state.status().ToString();
    EXPECT_EQ(state->status, core::domain::HazardStatus::kClosed);
    EXPECT_TRUE(state->escalated);
    EXPECT_TRUE(state->ignored.empty());
  }
  auto report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"hazards_closed\":1"), std::string::npos) << report.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, HazardStepsTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
