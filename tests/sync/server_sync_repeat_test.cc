// Repeat groups end to end (issue 23): a worker checks each gas cylinder of a household as an
// instance of the shipped household checklist; the phone derives one hazard per failing cylinder,
// the county re-validates the visit with the same forms engine and holds each hazard with its
// instance. On SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "qiaomen/core/merge/record_fields.h"
#include "qiaomen/core/merge/record_state.h"
#include "tests/sync/server_sync_fixture.h"

namespace qiaomen::sync::testing {
namespace {

class RepeatVisitTest : public ServerSyncTest {};

// A checked household with electric heating, bottled gas and three cylinders, whose second and
// third cylinders have a leaking regulator.
v1::Visit TwoFailingCylinders(v1::Visit visit) {
  auto add = [&visit](const std::string& item, uint32_t instance = 0) {
    v1::Answer* a = visit.add_answers();
    a->set_item_id(item);
    a->set_instance(instance);
    return a->mutable_value();
  };
  add("heating_type")->set_choice("electric");
  add("gas_type")->set_choice("bottled");
  add("ebike_count")->set_integer(0);
  add("cylinder_count")->set_integer(2);  // more than two is a hazard of its own
  for (const char* item :
       {"gas_no_leak", "valve_ok", "hose_ok", "stove_flameout", "wiring_ok", "sockets_ok",
        "rcd_installed", "escape_clear", "combustibles_away", "window_exit"}) {
    add(item)->set_yes_no(v1::YES);
  }
  add("elderly_alone")->set_yes_no(v1::NO);
  add("extinguisher")->set_yes_no(v1::YES);
  add("extinguisher_gauge")->set_yes_no(v1::YES);
  add("extinguisher_expiry")->set_date("2027-06-01");
  add("hose_material")->set_choice("metal_corrugated");
  visit.add_education("leaflet");  // the visit's own field since version 4
  for (uint32_t k = 1; k <= 2; ++k) {
    add("cylinder_ok", k)->set_yes_no(v1::YES);
    add("cylinder_location", k)->set_choice("kitchen");
    add("cylinder_source", k)->set_choice("licensed");
    add("regulator_ok", k)->set_yes_no(v1::NO);
  }
  visit.set_outcome(v1::CHECKED);
  return visit;
}

TEST_P(RepeatVisitTest, EachFailingCylinderIsItsOwnHazardOnThePhoneAndAtTheCounty) {
  auto published = env_->Run(
      {"publish-template", std::string(QIAOMEN_SOURCE_DIR) + "/checklists/household_winter.json"});
  ASSERT_EQ(published.exit_code, 0) << published.out << published.err;
  auto device = NewDevice("w1");
  const std::string subject_id = Bootstrap(*device, "H-001");

  core::profile::VisitStart start;
  start.subject_id = subject_id;
  start.template_id = "household_winter";
  auto draft = device->profile().visits().Start(start);
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  ASSERT_GE(draft->visit.template_version(), 4u) << "the shipped checklist with repeats";
  ASSERT_TRUE(device->profile().visits().Save(TwoFailingCylinders(draft->visit)).ok());
  const auto draft_id = *core::Uuid::FromBytes(draft->visit.id());
  std::vector<core::profile::ItemError> problems;
  auto recorded = device->profile().visits().Finish(draft_id, {}, &problems);
  ASSERT_TRUE(recorded.ok()) << recorded.status().ToString();

  // One hazard per failing cylinder, each naming it.
  std::set<uint32_t> instances;
  for (const v1::Hazard& h : recorded->hazards) {
    if (h.rule_id() != "gas_regulator_defect") continue;
    instances.insert(h.repeat_instance());
    EXPECT_NE(h.description().find("第 " + std::to_string(h.repeat_instance()) + " 个气瓶"),
              std::string::npos)
        << h.description();
  }
  EXPECT_EQ(instances, (std::set<uint32_t>{1, 2}));

  SyncReport report = Run(*device);
  ASSERT_TRUE(report.status.ok()) << report.status.ToString();
  // The county took the visit (validated with the same engine) and holds both hazards.
  EXPECT_EQ(CountyInt("SELECT count(*) FROM quarantine"), 0);
  EXPECT_EQ(CountyInt("SELECT count(*) FROM changes WHERE entity = $1 AND record_id = $2",
                      {server::Int(v1::ENTITY_VISIT), server::Blob(recorded->visit.id())}),
            1);
  auto rows = County()->Query("SELECT state FROM records WHERE entity = $1",
                              {server::Int(v1::ENTITY_HAZARD)});
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  std::set<uint32_t> at_county;
  for (const auto& row : *rows) {
    auto state = core::merge::DecodeRecordState(row.Bytes(0));
    ASSERT_TRUE(state.ok());
    auto hazard = core::merge::HazardFromState(*state);
    ASSERT_TRUE(hazard.ok()) << hazard.status().ToString();
    if (hazard->rule_id() == "gas_regulator_defect") at_county.insert(hazard->repeat_instance());
  }
  EXPECT_EQ(at_county, (std::set<uint32_t>{1, 2}));

  // A second sync sends nothing again and makes no new hazard.
  ASSERT_TRUE(Run(*device).status.ok());
  EXPECT_EQ(
      CountyInt("SELECT count(*) FROM records WHERE entity = $1", {server::Int(v1::ENTITY_HAZARD)}),
      static_cast<int64_t>(recorded->hazards.size()));
}

INSTANTIATE_TEST_SUITE_P(Backends, RepeatVisitTest, ::testing::ValuesIn(kBothBackends),
                         BackendParamName);

}  // namespace
}  // namespace qiaomen::sync::testing
