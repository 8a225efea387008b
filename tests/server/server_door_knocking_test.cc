// Door-knocking at the county (issue 16): the server validates a visit's refusal, notice and
// village fields and a fixed-on-the-spot step's after-photo with the device's rules (a refused
// visit of an older device without a reason is still taken), and the report counts return
// visits, refusals by reason and escalation, notices and fixes on the spot, the same in Chinese,
// English and JSON. On SQLite and PostgreSQL.

#include <gtest/gtest.h>

#include <ctime>
#include <functional>
#include <sstream>
#include <string>

#include "server_test_support.h"

namespace qiaomen::server {
namespace {

class DoorKnockingTest : public ServerTest {
 protected:
  // A visit of `subject` for `task`, finished `hours_ago`, changed by `edit`, signed.
  v1::Change Visit(testing::TestDevice& device, const std::string& subject, const std::string& task,
                   v1::VisitOutcome outcome, int hours_ago,
                   const std::function<void(v1::Visit&)>& edit = {}) {
    v1::Change change = device.NewVisit(subject, "household_check");
    v1::Visit& visit = *change.mutable_visit();
    visit.set_task_id(task);
    visit.set_outcome(outcome);
    const int64_t finished = static_cast<int64_t>(time(nullptr)) * 1000 - hours_ago * 3'600'000;
    visit.set_started_at_ms(finished - 600'000);
    visit.set_finished_at_ms(finished);
    if (edit) edit(visit);
    device.Sign(visit);
    return change;
  }
  // A hazard on `subject` found and fixed on the spot (with `photo_id` as after-photo, or none).
  void FixedHazard(testing::TestDevice& device, const std::string& subject,
                   const std::string& photo_id, std::vector<v1::Change>& batch) {
    const std::string id = testing::RandomId();
    v1::Change hazard = device.NewChange(v1::ENTITY_HAZARD, id);
    hazard.mutable_hazard()->set_id(id);
    hazard.mutable_hazard()->set_subject_id(subject);
    hazard.mutable_hazard()->set_category("electrical");
    hazard.mutable_hazard()->set_severity(v1::GENERAL);
    batch.push_back(hazard);
    int64_t at = static_cast<int64_t>(time(nullptr)) * 1000 - 1'800'000;
    for (v1::HazardEventKind kind : {v1::FOUND, v1::FIXED_ON_SITE}) {
      const std::string event_id = testing::RandomId();
      v1::Change e = device.NewChange(v1::ENTITY_HAZARD_EVENT, event_id);
      v1::HazardEvent* event = e.mutable_hazard_event();
      event->set_id(event_id);
      event->set_hazard_id(id);
      event->set_kind(kind);
      event->set_at_ms(at += 60'000);
      event->set_actor(device.worker_id());
      if (kind == v1::FIXED_ON_SITE && !photo_id.empty()) event->add_photo_ids(photo_id);
      batch.push_back(e);
    }
  }
  // The report's lines that start with one of `labels` (after its indent), in report order.
  static std::string Lines(const std::string& report, const std::vector<std::string>& labels) {
    std::istringstream in(report);
    std::string out, line;
    while (std::getline(in, line)) {
      for (const std::string& label : labels) {
        if (line.rfind(label, 0) == 0) out += line + "\n";
      }
    }
    return out;
  }
};

TEST_P(DoorKnockingTest, TheCountyChecksTheNewFieldsAndTheReportCountsThem) {
  ASSERT_TRUE(env_->PublishTemplate("household_check").ok());
  StartServer();
  auto device = EnrolledDevice("w1", std::string("grids:") + kGridA, "inspector");
  const auto subjects = PullAll(*device);
  const std::string h001 = testing::FindSubjectId(subjects, "H-001");
  const std::string h002 = testing::FindSubjectId(subjects, "H-002");
  ASSERT_FALSE(h001.empty());
  ASSERT_FALSE(h002.empty());
  const std::string task1 = testing::RandomId(), task2 = testing::RandomId();

  std::vector<v1::Change> batch;
  // H-001: refused (asked for another day; the village committee is asked along), then checked on
  // the return visit, the notice left and signed for.
  batch.push_back(Visit(*device, h001, task1, v1::REFUSED, 5, [](v1::Visit& v) {
    v.mutable_refusal()->set_reason(v1::ASKED_TO_RESCHEDULE);
    v.mutable_refusal()->set_escalated_to_village(true);
  }));
  batch.push_back(Visit(*device, h001, task1, v1::CHECKED, 1, [](v1::Visit& v) {
    v.mutable_notice()->set_delivered(true);
    v.set_signature_photo_id(testing::RandomId());
  }));
  // H-002: nobody home, then refused by an older device (no reason): a return visit all the same.
  batch.push_back(Visit(*device, h002, task2, v1::NOBODY_HOME, 4));
  batch.push_back(Visit(*device, h002, task2, v1::REFUSED, 2));
  const size_t valid_visits = batch.size();
  // Refused by the county: a reason on a checked visit, a notice without proof, no shelter on a
  // household.
  batch.push_back(Visit(*device, h002, "", v1::CHECKED, 1,
                        [](v1::Visit& v) { v.mutable_refusal()->set_reason(v1::REFUSED_ENTRY); }));
  batch.push_back(Visit(*device, h002, "", v1::CHECKED, 1,
                        [](v1::Visit& v) { v.mutable_notice()->set_delivered(true); }));
  batch.push_back(Visit(*device, h002, "", v1::NO_SHELTER, 1));
  const size_t hazards_from = batch.size();
  FixedHazard(*device, h001, testing::RandomId(), batch);  // with its after-photo
  FixedHazard(*device, h002, "", batch);                   // without: the step is refused

  auto r = device->Sync(server_->port(), batch);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->results_size(), static_cast<int>(batch.size()));
  for (int i = 0; i < r->results_size(); ++i) {
    const auto& result = r->results(i);
    const size_t at = static_cast<size_t>(i);
    const bool refused = (at >= valid_visits && at < hazards_from) || at == batch.size() - 1;
    EXPECT_EQ(result.outcome(), refused ? v1::ChangeResult::REJECTED : v1::ChangeResult::APPLIED)
        << i << ": " << result.reason();
  }
  EXPECT_NE(r->results(static_cast<int>(valid_visits)).reason().find("refusal reason"),
            std::string::npos)
      << r->results(static_cast<int>(valid_visits)).reason();
  EXPECT_NE(r->results(static_cast<int>(valid_visits + 1)).reason().find("告知书"),
            std::string::npos);
  EXPECT_NE(r->results(static_cast<int>(valid_visits + 2)).reason().find("无应急避难场所"),
            std::string::npos);
  EXPECT_NE(r->results(r->results_size() - 1).reason().find("after-photo"), std::string::npos);

  auto json = env_->Run({"report", "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  for (const char* expected :
       {"\"return_visits\":2,", "\"refusals_escalated\":1,", "\"notices_delivered\":1,",
        "\"villages_without_shelter\":0,", "\"hazards_fixed_on_site\":1,",
        "\"refusals_by_reason\":{\"asked_to_reschedule\":1,\"unspecified\":1}",
        "\"subjects_checked\":1,", "\"visits_refused\":1,"}) {
    EXPECT_NE(json.out.find(expected), std::string::npos) << expected << "\n" << json.out;
  }
  auto csv = env_->Run({"report", "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_NE(csv.out.find("refusals_by_reason,asked_to_reschedule,要求改期,,,1"), std::string::npos)
      << csv.out;

  // The report's door-knocking lines, in both languages: the same numbers.
  auto zh = env_->Run({"report"});
  ASSERT_EQ(zh.exit_code, 0) << zh.err;
  EXPECT_EQ(Lines(zh.out, {"  要求改期", "  未填写", "回访：", "拒绝入户已提请", "告知书",
                           "无应急避难场所", "当场整改"}),
            "  要求改期：1\n"
            "  未填写：1\n"
            "回访：2\n"
            "拒绝入户已提请村委会协助：1\n"
            "告知书已送达：1\n"
            "无应急避难场所的村：0\n"
            "当场整改：1\n")
      << zh.out;
  EXPECT_NE(zh.out.find("\n拒绝入户（按原因）\n"), std::string::npos) << zh.out;
  auto en = env_->Run({"report", "--lang", "en"});
  ASSERT_EQ(en.exit_code, 0) << en.err;
  EXPECT_EQ(Lines(en.out, {"  Asked for", "  Unspecified", "return_visits:", "refusals_",
                           "notices_", "villages_", "hazards_fixed"}),
            "  Asked for another day: 1\n"
            "  Unspecified: 1\n"
            "return_visits: 2\n"
            "refusals_escalated: 1\n"
            "notices_delivered: 1\n"
            "villages_without_shelter: 0\n"
            "hazards_fixed_on_site: 1\n")
      << en.out;
  EXPECT_NE(en.out.find("\nRefusals by reason\n"), std::string::npos) << en.out;
}

INSTANTIATE_TEST_SUITE_P(Backends, DoorKnockingTest,
                         ::testing::Values(testing::Backend::kSqlite, testing::Backend::kPostgres),
                         ParamName);

}  // namespace
}  // namespace qiaomen::server
