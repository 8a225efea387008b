// The forms engine on the county server: publish-template runs the checker, and pushed visits are
// validated against the template version they name; an invalid one is quarantined with its reason
// and the rejection goes back to the device. On SQLite and PostgreSQL.
#include <gtest/gtest.h>

#include <fstream>

#include "qiaomen/base/time_zone.h"
#include "server_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

// household_check@1: `stove` (yes/no/na) is required; `rooms` is an integer from 1 to 20; `flue`
// is shown when `flue_relevant` holds (a broken expression makes a broken template).
std::string CheckTemplate(const std::string& flue_relevant = "selected(stove, 'yes')",
                          int rooms_max = 20) {
  return R"({"id":"household_check","version":1,"title":{"zh":"入户检查","en":"Household check"},)"
         R"("subjectKind":"HOUSEHOLD","sections":[{"id":"main","title":{"zh":"检查","en":"Check"},)"
         R"("items":[)"
         R"({"id":"stove","kind":"YES_NO_NA","label":{"zh":"煤炉","en":"Coal stove"},"required":"true"},)"
         R"({"id":"rooms","kind":"INTEGER","label":{"zh":"房间数","en":"Rooms"},"min":1,"max":)" +
         std::to_string(rooms_max) +
         R"(},)"
         R"({"id":"flue","kind":"YES_NO_NA","label":{"zh":"烟道","en":"Flue"},"relevant":")" +
         flue_relevant + R"("}]}]})";
}

class FormsTest : public ServerTest {
 protected:
  testing::CommandResult Publish(const std::string& json, const std::string& name = "t.json") {
    std::string path = env_->dir().Join(name);
    std::ofstream(path) << json;
    return env_->Run({"publish-template", path});
  }
};

TEST_P(FormsTest, PublishTemplateRefusesABrokenTemplateNamingTheItemAndStoresNothing) {
  auto broken = Publish(CheckTemplate("selected(chimney, 'yes')"));
  EXPECT_EQ(broken.exit_code, 1) << broken.out << broken.err;
  EXPECT_NE(broken.err.find("item 'flue', field 'relevant'"), std::string::npos) << broken.err;
  EXPECT_NE(broken.err.find("unknown item 'chimney'"), std::string::npos) << broken.err;
  EXPECT_NE(broken.err.find("nothing was published"), std::string::npos) << broken.err;
  // Nothing stored: a campaign cannot use it, and a corrected version 1 can still be published.
  auto campaign = env_->Run({"campaign", "create", "--id", "c1", "--title", "Winter", "--template",
                             "household_check", "--scope", "county", "--due", "+28"});
  EXPECT_EQ(campaign.exit_code, 1);
  EXPECT_NE(campaign.err.find("not published"), std::string::npos) << campaign.err;

  auto bad_json = Publish(R"({"id":"x","version":1,"colour":"red"})");
  EXPECT_EQ(bad_json.exit_code, 1);
  EXPECT_NE(bad_json.err.find("colour"), std::string::npos) << bad_json.err;

  auto good = Publish(CheckTemplate());
  ASSERT_EQ(good.exit_code, 0) << good.err;
  EXPECT_NE(good.out.find("household_check 第 1 版"), std::string::npos) << good.out;
  EXPECT_EQ(Publish(CheckTemplate()).exit_code, 0) << "the same content again is a no-op";
  auto changed = Publish(CheckTemplate("selected(stove, 'yes')", 30));
  EXPECT_EQ(changed.exit_code, 1);
  EXPECT_NE(changed.err.find("publish it as version 2"), std::string::npos) << changed.err;
}

v1::Answer YesNo(const std::string& item, v1::YesNoNa value) {
  v1::Answer a;
  a.set_item_id(item);
  a.mutable_value()->set_yes_no(value);
  return a;
}

v1::Answer Integer(const std::string& item, int64_t value) {
  v1::Answer a;
  a.set_item_id(item);
  a.mutable_value()->set_integer(value);
  return a;
}

TEST_P(FormsTest, InvalidVisitsAreQuarantinedAndTheRejectionGoesBackToTheDevice) {
  ASSERT_EQ(Publish(CheckTemplate()).exit_code, 0);
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA);
  std::string h001 = testing::FindSubjectId(PullAll(*device), "H-001");
  ASSERT_FALSE(h001.empty());
  auto visit = [&](std::vector<v1::Answer> answers, uint32_t version = 1) {
    v1::Change c = device->NewVisit(h001, "household_check");
    v1::Visit* v = c.mutable_visit();
    v->set_template_version(version);
    for (auto& a : answers) *v->add_answers() = std::move(a);
    device->Sign(*v);
    return c;
  };
  std::vector<v1::Change> batch = {
      visit({YesNo("stove", v1::YES), Integer("rooms", 3)}),  // valid
      visit({Integer("rooms", 3)}),                           // required stove missing
      visit({YesNo("stove", v1::NO), Integer("rooms", 99)}),  // rooms out of range
      visit({YesNo("stove", v1::NO), Integer("garage", 1)}),  // no such item
      visit({YesNo("stove", v1::YES)}, 2),                    // version never published
      visit({YesNo("stove", v1::NO)}),                        // valid
  };
  auto r = device->Sync(server_->port(), batch);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->results_size(), 6);
  EXPECT_EQ(r->applied_through_seq(), batch.back().seq()) << "nothing blocks the queue";
  const v1::ChangeResult::Outcome kApplied = v1::ChangeResult::APPLIED;
  const v1::ChangeResult::Outcome kRejected = v1::ChangeResult::REJECTED;
  EXPECT_EQ(r->results(0).outcome(), kApplied) << r->results(0).reason();
  EXPECT_EQ(r->results(5).outcome(), kApplied) << r->results(5).reason();
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(r->results(i).outcome(), kRejected) << i;
    EXPECT_EQ(r->results(i).code(), "invalid_argument") << i << ": " << r->results(i).reason();
  }
  EXPECT_NE(r->results(1).reason().find("item 'stove'"), std::string::npos)
      << r->results(1).reason();
  EXPECT_NE(r->results(1).reason().find("household_check@1"), std::string::npos);
  EXPECT_NE(r->results(2).reason().find("item 'rooms'"), std::string::npos)
      << r->results(2).reason();
  EXPECT_NE(r->results(3).reason().find("garage"), std::string::npos) << r->results(3).reason();
  EXPECT_NE(r->results(4).reason().find("version 2 is not published"), std::string::npos)
      << r->results(4).reason();

  // Sent again (the answer was lost): the same verdicts stand, the refusals with their reasons
  // (issue 22: a plain DUPLICATE made the device take a refused visit as delivered); nothing is
  // applied or quarantined twice.
  auto again = device->Sync(server_->port(), batch);
  ASSERT_TRUE(again.ok());
  ASSERT_EQ(again->results_size(), 6);
  EXPECT_EQ(again->results(0).outcome(), v1::ChangeResult::DUPLICATE);
  EXPECT_EQ(again->results(5).outcome(), v1::ChangeResult::DUPLICATE);
  for (int i = 1; i <= 4; ++i) {
    EXPECT_EQ(again->results(i).outcome(), kRejected) << i;
    EXPECT_EQ(again->results(i).code(), r->results(i).code()) << i;
    EXPECT_EQ(again->results(i).reason(), r->results(i).reason()) << i;
  }

  // The server kept each refused visit with its reason; only the valid two count as visits.
  auto quarantine = env_->Run({"quarantine", "--format", "json"});
  ASSERT_EQ(quarantine.exit_code, 0) << quarantine.err;
  for (int i = 1; i <= 4; ++i) {
    EXPECT_NE(quarantine.out.find("\"seq\":" + std::to_string(batch[i].seq())), std::string::npos)
        << quarantine.out;
  }
  EXPECT_NE(quarantine.out.find("item 'rooms'"), std::string::npos) << quarantine.out;
  // Issue 18: each is shown with what it is, whose household, who sent it and when (county time).
  EXPECT_NE(quarantine.out.find("\"entity\":\"visit\",\"subject\":\"H-001 "), std::string::npos)
      << quarantine.out;
  EXPECT_NE(quarantine.out.find("\"worker\":\"w1 "), std::string::npos) << quarantine.out;
  auto text = env_->Run({"quarantine", "--lang", "en"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find(" visit of H-001 "), std::string::npos) << text.out;
  EXPECT_NE(text.out.find(base::CountyDate(time(nullptr) * 1000LL, base::TimeZone::Default())),
            std::string::npos)
      << text.out;
  auto report = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  EXPECT_NE(report.out.find("\"visits\":2"), std::string::npos) << report.out;
  EXPECT_NE(report.out.find("\"quarantined_changes\":4"), std::string::npos) << report.out;
  int visits = 0;
  for (const auto& c : PullAll(*device)) visits += c.entity() == v1::ENTITY_VISIT ? 1 : 0;
  EXPECT_EQ(visits, 2);
}

// Issue 18: a household checklist on premises is refused by the server too (a device that skipped
// the check, or an old one), with both kinds named; the same checklist on a household passes.
TEST_P(FormsTest, AVisitWithAChecklistOfAnotherSubjectKindIsQuarantined) {
  ASSERT_EQ(Publish(CheckTemplate()).exit_code, 0);
  StartServer();
  auto device = EnrolledDevice("w1", "grids:T01-V01-G01,T01-V02-G01");
  const auto pulled = PullAll(*device);
  std::string shop = testing::FindSubjectId(pulled, "P-001");
  std::string home = testing::FindSubjectId(pulled, "H-001");
  ASSERT_FALSE(shop.empty());
  auto visit = [&](const std::string& subject) {
    v1::Change c = device->NewVisit(subject, "household_check");
    *c.mutable_visit()->add_answers() = YesNo("stove", v1::YES);
    device->Sign(*c.mutable_visit());
    return c;
  };
  auto r = device->Sync(server_->port(), {visit(shop), visit(home)});
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->results_size(), 2);
  EXPECT_EQ(r->results(0).outcome(), v1::ChangeResult::REJECTED) << r->results(0).reason();
  EXPECT_EQ(r->results(0).code(), "invalid_argument");
  EXPECT_NE(r->results(0).reason().find("premises"), std::string::npos) << r->results(0).reason();
  EXPECT_NE(r->results(0).reason().find("household"), std::string::npos) << r->results(0).reason();
  EXPECT_EQ(r->results(1).outcome(), v1::ChangeResult::APPLIED) << r->results(1).reason();
}

INSTANTIATE_TEST_SUITE_P(Backends, FormsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
