// The county's steps on a hazard's page over real HTTP: a staff member reinspects and closes a
// hazard with a note, is sent back to the page with a flash, and the step is in the history and
// reaches the devices; a post without the session's CSRF token, on another town's hazard or for a
// step the state machine refuses writes nothing, the last with the reason in Chinese. On SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include "console_test_support.h"

namespace qiaomen::server {
namespace {

using testing::Backend;

class HazardStepsTest : public ConsoleTest {
 protected:
  void SetUp() override {
    ConsoleTest::SetUp();
    if (HasFatalFailure()) return;
    qingshi_ = EnrolledDevice("qingshi_insp", std::string("grids:") + kGridA, "inspector");
    auto baishui = EnrolledDevice("baishui_insp", "grids:T02-V01-G01", "inspector");
    wang_ = AddHazard(
        *qingshi_, "H-001", "gas", v1::GENERAL, "2099-12-31",
        {{v1::FOUND, "软管老化"}, {v1::ORDERED, "七日内更换"}, {v1::RECTIFIED, "已换新管"}});
    li_ = AddHazard(*qingshi_, "H-002", "electrical", v1::MAJOR, "2099-12-31",
                    {{v1::FOUND, "私拉电线"}, {v1::ORDERED, "限期整改"}});
    chen_ = AddHazard(*baishui, "H-101", "heating_co", v1::MAJOR, "2099-12-31",
                      {{v1::FOUND, "煤炉无烟囱"}});
  }

  int64_t HazardEvents() {
    auto db = Database();
    if (!db) return -1;
    auto row = db->QueryOne("SELECT COUNT(*) FROM records WHERE entity = $1",
                            {Int(v1::ENTITY_HAZARD_EVENT)});
    EXPECT_TRUE(row.ok()) << row.status().ToString();
    return row.ok() ? row->Int(0) : -1;
  }

  // Posts `body` (the session's CSRF token first) to hazard `id`'s step form.
  testing::HttpReply PostStep(const std::string& session, const std::string& id,
                              const std::string& body) {
    const std::string csrf = CsrfOf(Get("/console/hazards/" + id, session).body);
    EXPECT_FALSE(csrf.empty());
    return Post("/console/hazards/" + id + "/steps", "qm_session=" + session,
                "csrf=" + csrf + "&" + body);
  }

  std::unique_ptr<testing::TestDevice> qingshi_;
  std::string wang_, li_, chen_;
};

TEST_P(HazardStepsTest, ReinspectAndCloseWithANoteThenTheHistoryAndTheDevicesHaveThem) {
  const std::string session = SessionOf("qingshi1");
  testing::HttpReply page = Get("/console/hazards/" + wang_, session);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("action=\"/console/hazards/" + wang_ + "/steps\""), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("value=\"reinspect\""), std::string::npos);
  EXPECT_EQ(page.body.find("value=\"close\""), std::string::npos)
      << "not offered before a reinspection passed";

  testing::HttpReply posted =
      PostStep(session, wang_, "step=reinspect&note=" + Encode("复查合格，新管已装"));
  ASSERT_EQ(posted.status, 303) << posted.body;
  EXPECT_EQ(posted.Header("location"), "/console/hazards/" + wang_ + "?done=reinspect#step-form");
  testing::HttpReply after = Get("/console/hazards/" + wang_ + "?done=reinspect", session);
  ASSERT_EQ(after.status, 200);
  EXPECT_NE(after.body.find("已记录“复查通过”"), std::string::npos) << after.body;
  EXPECT_NE(after.body.find("复查合格，新管已装"), std::string::npos) << "the note in the history";
  EXPECT_NE(after.body.find("qingshi1同志"), std::string::npos) << "the staff member's name";
  EXPECT_NE(after.body.find("value=\"close\""), std::string::npos) << "closing is offered now";

  ASSERT_EQ(PostStep(session, wang_, "step=close&note=").status, 303);
  testing::HttpReply closed = Get("/console/hazards/" + wang_ + "?done=close", session);
  EXPECT_NE(closed.body.find("已销号"), std::string::npos);
  EXPECT_NE(closed.body.find("这处隐患已销号，不能再处理。"), std::string::npos) << closed.body;

  // The device whose grid holds the hazard pulls both steps as the county's changes.
  int steps = 0;
  for (const v1::Change& change : PullAll(*qingshi_)) {
    if (change.has_hazard_event() && base::HexEncode(change.hazard_event().hazard_id()) == wang_ &&
        change.hazard_event().actor() == "qingshi1同志") {
      ++steps;
    }
  }
  EXPECT_EQ(steps, 2);
}

TEST_P(HazardStepsTest, APostWithoutTheSessionsCsrfTokenWritesNothing) {
  const std::string session = SessionOf("county1");
  const int64_t before = HazardEvents();
  testing::HttpReply none =
      Post("/console/hazards/" + wang_ + "/steps", "qm_session=" + session, "step=reinspect");
  EXPECT_EQ(none.status, 403) << none.body;
  testing::HttpReply wrong = Post("/console/hazards/" + wang_ + "/steps", "qm_session=" + session,
                                  "csrf=" + std::string(64, 'a') + "&step=reinspect");
  EXPECT_EQ(wrong.status, 403);
  EXPECT_NE(wrong.body.find("未执行"), std::string::npos) << wrong.body;
  // Another staff member's token is not this session's.
  const std::string other = CsrfOf(Get("/console/", SessionOf("qingshi1")).body);
  EXPECT_EQ(Post("/console/hazards/" + wang_ + "/steps", "qm_session=" + session,
                 "csrf=" + other + "&step=reinspect")
                .status,
            403);
  EXPECT_EQ(HazardEvents(), before);
}

TEST_P(HazardStepsTest, AnotherTownsHazardIsNotFoundAndNothingIsWritten) {
  const std::string session = SessionOf("qingshi1");
  const std::string csrf = CsrfOf(Get("/console/", session).body);
  const int64_t before = HazardEvents();
  testing::HttpReply r = Post("/console/hazards/" + chen_ + "/steps", "qm_session=" + session,
                              "csrf=" + csrf + "&step=escalate");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(r.body.find("Chen"), std::string::npos);
  EXPECT_EQ(Post("/console/hazards/" + base::HexEncode(testing::RandomId()) + "/steps",
                 "qm_session=" + session, "csrf=" + csrf + "&step=escalate")
                .body,
            r.body)
      << "reads as an unknown hazard";
  EXPECT_EQ(HazardEvents(), before);
  EXPECT_EQ(PostStep(SessionOf("county1"), chen_, "step=escalate").status, 303) << "the county may";
}

TEST_P(HazardStepsTest, AStepTheStateMachineRefusesShowsWhyInChineseAndKeepsTheNote) {
  const std::string session = SessionOf("qingshi1");
  const int64_t before = HazardEvents();
  // Li Wei's hazard is under order, not rectified: it cannot be closed or reinspected.
  testing::HttpReply r = PostStep(session, li_, "step=close&note=" + Encode("想直接销号"));
  EXPECT_EQ(r.status, 409) << r.body;
  EXPECT_NE(r.body.find("这处隐患正在限期整改，还没有整改完，不能销号：复查通过后才能销号"),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find(">想直接销号</textarea>"), std::string::npos) << "nothing typed is lost";
  testing::HttpReply again = PostStep(session, li_, "step=reinspect");
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("要等网格员在现场记录整改后再复查"), std::string::npos);

  testing::HttpReply unknown = PostStep(session, li_, "step=found&note=x");
  EXPECT_EQ(unknown.status, 400);
  EXPECT_NE(unknown.body.find("请选择要记录的一步"), std::string::npos);
  testing::HttpReply long_note =
      PostStep(session, li_, "step=escalate&note=" + Encode(std::string(600, 'x')));
  EXPECT_EQ(long_note.status, 400);
  EXPECT_NE(long_note.body.find("说明太长（600 字）"), std::string::npos) << long_note.body;
  EXPECT_NE(long_note.body.find(std::string(600, 'x')), std::string::npos);
  EXPECT_EQ(PostStep(session, li_, "step=escalate&note=%FF%FE").status, 400);
  EXPECT_EQ(HazardEvents(), before);
}

INSTANTIATE_TEST_SUITE_P(Backends, HazardStepsTest,
                         ::testing::Values(Backend::kSqlite, Backend::kPostgres), ParamName);

}  // namespace
}  // namespace qiaomen::server
