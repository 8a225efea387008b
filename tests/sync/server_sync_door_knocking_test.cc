// Door-knocking as townships run it (issue 16), end to end against the real county server on both
// backends: a refusal with its reason and escalation to the village committee, the return visit
// after it, the notice (告知书) with its photo, a hazard fixed on the spot (当场整改) in one step,
// and a village's "no shelter" record all travel from a phone to the county, and the county's
// report counts them.

#include <gtest/gtest.h>

#include <fstream>
#include <string>

#include "qiaomen/base/hex.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

constexpr char kVillageCsv[] =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
    "V-T01-V01,village,T01:Qingshi,V01:Shangcun,G01,Shangcun,Village committee,,0,\n";

// A facility checklist: what a village with a shelter is checked with, and what its record names
// when it has none.
constexpr char kShelterTemplate[] = R"({"id":"shelter_check","version":1,
  "title":{"zh":"应急避难场所","en":"Emergency shelter"},"subjectKind":"FACILITY",
  "sections":[{"id":"main","title":{"zh":"检查","en":"Check"},"items":[{"id":"usable",
  "kind":"YES_NO_NA","label":{"zh":"可正常使用","en":"Usable"}}]}]})";

class DoorKnockingSyncTest : public ServerSyncTest {
 protected:
  void SyncOk(ProfileDevice& device) {
    SyncReport report = Run(device);
    ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  }
  std::string TaskOf(ProfileDevice& device, const std::string& subject_id) {
    auto hex = device.store().database().QueryText(
        "SELECT coalesce(hex(id), '') FROM tasks WHERE subject_id = x'" +
        base::HexEncode(subject_id) + "' LIMIT 1;");
    if (!hex.ok() || hex->empty()) return "";
    return base::HexDecode(*hex).value_or("");
  }
  // The number after "key": in the report's JSON (-1 when absent).
  static int64_t JsonNumber(const std::string& json, const std::string& key) {
    const std::string needle = "\"" + key + "\":";
    const size_t at = json.find(needle);
    if (at == std::string::npos) return -1;
    return std::stoll(json.substr(at + needle.size()));
  }
};

TEST_P(DoorKnockingSyncTest, RefusalReturnVisitNoticeFixOnTheSpotAndNoShelterReachTheReport) {
  auto imported = env_->ImportCsv(kVillageCsv);
  ASSERT_EQ(imported.exit_code, 0) << imported.out << imported.err;
  const std::string shelter_path = devices_dir_.Join("shelter_check.json");
  std::ofstream(shelter_path) << kShelterTemplate;
  auto published = env_->Run({"publish-template", shelter_path});
  ASSERT_EQ(published.exit_code, 0) << published.out << published.err;
  auto campaign = env_->Run({"campaign", "create", "--id", "c1", "--title", "Winter", "--template",
                             kTemplate, "--scope", "county", "--due", "+28"});
  ASSERT_EQ(campaign.exit_code, 0) << campaign.out << campaign.err;

  auto phone = NewDevice("w1");
  const std::string household = Bootstrap(*phone, "H-001");
  ASSERT_FALSE(household.empty());
  const std::string village = Bootstrap(*phone, "V-T01-V01");
  ASSERT_FALSE(village.empty()) << "the village's record reached the phone";
  const std::string task = TaskOf(*phone, household);
  ASSERT_FALSE(task.empty());

  // (a) Refused at the door, with the reason; the worker asks the village committee along.
  ProfileDevice::VisitExtras refused;
  refused.task_id = task;
  refused.complete = [](v1::Visit& visit, int64_t now_ms) {
    visit.set_outcome(v1::REFUSED);
    visit.set_started_at_ms(now_ms - 7'200'000);
    visit.set_finished_at_ms(now_ms - 7'000'000);
    visit.mutable_refusal()->set_reason(v1::REFUSED_ENTRY);
    visit.mutable_refusal()->set_escalated_to_village(true);
  };
  auto first = phone->RecordVisitWith(household, kTemplate, {}, std::move(refused));
  ASSERT_TRUE(first.ok()) << first.status().ToString();

  // (b)(c)(e) The return visit: checked, the notice left and photographed, and a hazard fixed on
  // the spot with its after-photo.
  ProfileDevice::VisitExtras back = ProfileDevice::VisitExtras::Finding(NoCoAlarmHazard(), task);
  back.fixed_on_site["co_alarm_missing"] = 1;
  back.complete = [](v1::Visit& visit, int64_t) {
    visit.mutable_notice()->set_delivered(true);
    visit.mutable_notice()->set_photo_id(visit.photos(0).photo_id());
  };
  auto second = phone->RecordVisitWith(
      household, kTemplate, {PhotoBytes(12'000, 1), PhotoBytes(12'000, 2)}, std::move(back));
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_EQ(second->hazards.size(), 1u);
  const std::string hazard_id = second->hazards[0].id();

  // (5) The village has no emergency shelter: its own record says so.
  auto none = phone->RecordVisit(village, "shelter_check", {}, [](v1::Visit& visit, int64_t) {
    visit.set_outcome(v1::NO_SHELTER);
  });
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  // A household cannot be recorded as having no shelter: the device refuses it, nothing written.
  auto wrong = phone->RecordVisit(household, kTemplate, {}, [](v1::Visit& visit, int64_t) {
    visit.set_outcome(v1::NO_SHELTER);
  });
  EXPECT_EQ(wrong.status().code(), core::Code::kInvalidArgument) << wrong.status().ToString();

  SyncOk(*phone);
  EXPECT_EQ(CountyInt("SELECT count(*) FROM quarantine"), 0) << "the county took every change";
  // One step closed the hazard: FOUND and FIXED_ON_SITE, no order, rectification or closure.
  EXPECT_EQ(CountyInt("SELECT count(*) FROM changes WHERE entity = $1",
                      {server::Int(v1::ENTITY_HAZARD_EVENT)}),
            2);
  auto state = phone->store().GetHazardState(*core::Uuid::FromBytes(hazard_id));
  ASSERT_TRUE(state.ok()) << state.status().ToString();
  EXPECT_EQ(state->status, core::domain::HazardStatus::kClosed);
  EXPECT_TRUE(state->fixed_on_site);

  auto json = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(JsonNumber(json.out, "return_visits"), 1) << json.out;
  EXPECT_EQ(JsonNumber(json.out, "refusals_escalated"), 1) << json.out;
  EXPECT_EQ(JsonNumber(json.out, "refused_entry"), 1) << json.out;
  EXPECT_EQ(JsonNumber(json.out, "notices_delivered"), 1) << json.out;
  EXPECT_EQ(JsonNumber(json.out, "hazards_fixed_on_site"), 1) << json.out;
  EXPECT_EQ(JsonNumber(json.out, "hazards_closed"), 1) << json.out;
  EXPECT_EQ(JsonNumber(json.out, "villages_without_shelter"), 1) << json.out;
  // The village's record is no household: coverage counts the two households only.
  EXPECT_EQ(JsonNumber(json.out, "subjects"), 2) << json.out;
  auto zh = env_->Run({"report"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_NE(zh.out.find("无应急避难场所的村：1"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("回访：1"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("拒绝入户已提请村委会协助：1"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("  拒绝入户：1"), std::string::npos) << zh.out;
  EXPECT_NE(zh.out.find("当场整改：1"), std::string::npos) << zh.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, DoorKnockingSyncTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
