// The hazard state machine: every (state, event) cell of the table, the refusal sentences, and
// derivation from an event log in any order.

#include "qiaomen/core/domain/hazard_state.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>

#include "qiaomen/core/random.h"

namespace qiaomen::core::domain {
namespace {

v1::HazardEvent Event(v1::HazardEventKind kind, int64_t at_ms = 0, bool passed = false,
                      std::string id = "") {
  v1::HazardEvent e;
  e.set_kind(kind);
  e.set_at_ms(at_ms);
  e.set_passed(passed);
  e.set_id(id.empty() ? "e" + std::to_string(at_ms) + "-" + std::to_string(kind) : id);
  e.set_hazard_id("h1");
  return e;
}

// The log of `events`, each stamped by its own at_ms (a log from devices with true clocks).
Result<HazardState> Derive(std::vector<v1::HazardEvent> events) {
  std::vector<HazardLogEntry> log;
  for (v1::HazardEvent& e : events) {
    const HlcStamp hlc = PackHlc(e.at_ms(), 0);
    log.push_back({.hlc = hlc, .event = std::move(e)});
  }
  return DeriveHazardState(std::move(log));
}

std::vector<std::string> IgnoredIds(const HazardState& state) {
  std::vector<std::string> ids;
  for (const IgnoredHazardEvent& i : state.ignored) ids.push_back(i.event_id);
  return ids;
}

// The starting points of the table, reached through the machine itself.
enum class Start { kNone, kFound, kOrdered, kRectified, kReinspected, kClosed };

HazardState Reach(Start start) {
  std::vector<v1::HazardEvent> path;
  if (start >= Start::kFound) path.push_back(Event(v1::FOUND, 1));
  if (start >= Start::kOrdered) path.push_back(Event(v1::ORDERED, 2));
  if (start >= Start::kRectified) path.push_back(Event(v1::RECTIFIED, 3));
  if (start >= Start::kReinspected) path.push_back(Event(v1::REINSPECTED, 4, true));
  if (start >= Start::kClosed) path.push_back(Event(v1::CLOSED, 5));
  HazardState s;
  for (const v1::HazardEvent& e : path) {
    Result<HazardState> next = Transition(s, e);
    EXPECT_TRUE(next.ok()) << next.status().ToString();
    s = next.value();
  }
  return s;
}

struct Cell {
  Start start;
  v1::HazardEventKind kind;
  bool passed;
  std::optional<HazardStatus> result;  // nullopt: refused
};

constexpr auto F = HazardStatus::kFound;
constexpr auto O = HazardStatus::kOrdered;
constexpr auto R = HazardStatus::kRectified;
constexpr auto P = HazardStatus::kReinspected;
constexpr auto C = HazardStatus::kClosed;
constexpr std::nullopt_t X = std::nullopt;

// Rows: start state. Columns: FOUND, ORDERED, RECTIFIED, REINSPECTED passed, REINSPECTED failed,
// CLOSED, OVERDUE, ESCALATED, CASE_OPENED.
std::vector<Cell> Table() {
  const std::vector<std::pair<Start, std::vector<std::optional<HazardStatus>>>> rows = {
      {Start::kNone, {F, X, X, X, X, X, X, X, X}},
      {Start::kFound, {X, O, X, X, X, X, F, F, F}},
      {Start::kOrdered, {X, O, R, X, X, X, O, O, O}},
      {Start::kRectified, {X, X, X, P, O, X, R, R, R}},
      {Start::kReinspected, {X, X, X, X, X, C, P, P, P}},
      {Start::kClosed, {X, X, X, X, X, X, X, X, X}},
  };
  const std::vector<std::pair<v1::HazardEventKind, bool>> columns = {
      {v1::FOUND, false},      {v1::ORDERED, false},     {v1::RECTIFIED, false},
      {v1::REINSPECTED, true}, {v1::REINSPECTED, false}, {v1::CLOSED, false},
      {v1::OVERDUE, false},    {v1::ESCALATED, false},   {v1::CASE_OPENED, false},
  };
  std::vector<Cell> cells;
  for (const auto& [start, results] : rows) {
    for (size_t i = 0; i < columns.size(); ++i) {
      cells.push_back({start, columns[i].first, columns[i].second, results[i]});
    }
  }
  return cells;
}

TEST(HazardStateTest, EveryTransitionOfTheTable) {
  const std::vector<Cell> cells = Table();
  ASSERT_EQ(cells.size(), 54u);
  for (const Cell& cell : cells) {
    SCOPED_TRACE("start " + std::to_string(static_cast<int>(cell.start)) + " event " +
                 v1::HazardEventKind_Name(cell.kind) + (cell.passed ? " passed" : ""));
    const HazardState before = Reach(cell.start);
    Result<HazardState> after = Transition(before, Event(cell.kind, 10, cell.passed));
    if (!cell.result.has_value()) {
      ASSERT_FALSE(after.ok());
      EXPECT_EQ(after.status().code(), Code::kFailedPrecondition);
      EXPECT_EQ(after.status().message().back(), '.');
      continue;
    }
    ASSERT_TRUE(after.ok()) << after.status().ToString();
    EXPECT_EQ(after->status, *cell.result);
    EXPECT_EQ(after->event_count, before.event_count + 1);
    EXPECT_EQ(after->overdue, before.overdue || cell.kind == v1::OVERDUE);
    EXPECT_EQ(after->escalated, before.escalated || cell.kind == v1::ESCALATED);
    EXPECT_EQ(after->case_opened, before.case_opened || cell.kind == v1::CASE_OPENED);
    EXPECT_EQ(after->failed_reinspections,
              before.failed_reinspections + (cell.kind == v1::REINSPECTED && !cell.passed));
    EXPECT_EQ(after->is_open(), *cell.result != HazardStatus::kClosed);
  }
}

TEST(HazardStateTest, RefusalsSayWhatToDo) {
  Result<HazardState> r = Transition(Reach(Start::kClosed), Event(v1::RECTIFIED, 9));
  EXPECT_EQ(r.status().message(),
            "A hazard that is closed cannot be rectified again; open a new finding instead.");
  r = Transition(Reach(Start::kOrdered), Event(v1::CLOSED, 9));
  EXPECT_NE(r.status().message().find("reinspect it first"), std::string::npos);
  r = Transition(Reach(Start::kFound), Event(v1::RECTIFIED, 9));
  EXPECT_NE(r.status().message().find("issue the rectification order first"), std::string::npos);
  r = Transition(HazardState{}, Event(v1::ORDERED, 9));
  EXPECT_NE(r.status().message().find("record the finding first"), std::string::npos);
  r = Transition(Reach(Start::kFound), Event(v1::HAZARD_EVENT_KIND_UNSPECIFIED, 9));
  EXPECT_EQ(r.status().code(), Code::kInvalidArgument);
}

// 疑似重大隐患: suspected by a rule or a worker, judged once by the county (for 消防救援大队 or the
// competent department); the judgement decides whether the hazard counts as major.
TEST(HazardStateTest, ASuspectedMajorHazardIsJudgedOnce) {
  Result<HazardState> found = Derive({Event(v1::FOUND, 1)});
  ASSERT_TRUE(found.ok());
  EXPECT_EQ(found->major_review, MajorReview::kNone);
  EXPECT_FALSE(CountsAsMajor(v1::GENERAL, *found));
  EXPECT_TRUE(CountsAsMajor(v1::MAJOR, *found));
  // No judgement without a suspicion.
  Result<HazardState> r = Transition(*found, Event(v1::MAJOR_CONFIRMED, 2));
  EXPECT_EQ(r.status().code(), Code::kFailedPrecondition);
  EXPECT_NE(r.status().message().find("mark it suspected major first"), std::string::npos);

  Result<HazardState> suspected =
      Derive({Event(v1::FOUND, 1), Event(v1::SUSPECTED_MAJOR, 2), Event(v1::SUSPECTED_MAJOR, 3)});
  ASSERT_TRUE(suspected.ok());
  EXPECT_EQ(suspected->major_review, MajorReview::kSuspected);
  EXPECT_TRUE(suspected->ignored.empty());               // suspecting twice is harmless
  EXPECT_FALSE(CountsAsMajor(v1::GENERAL, *suspected));  // counted apart until judged

  Result<HazardState> confirmed = Transition(*suspected, Event(v1::MAJOR_CONFIRMED, 4));
  ASSERT_TRUE(confirmed.ok());
  EXPECT_EQ(confirmed->major_review, MajorReview::kConfirmed);
  EXPECT_TRUE(CountsAsMajor(v1::GENERAL, *confirmed));
  EXPECT_EQ(confirmed->status, HazardStatus::kFound);  // the judgement is no rectification step

  Result<HazardState> downgraded = Transition(*suspected, Event(v1::MAJOR_DOWNGRADED, 4));
  ASSERT_TRUE(downgraded.ok());
  EXPECT_EQ(downgraded->major_review, MajorReview::kDowngraded);
  EXPECT_FALSE(CountsAsMajor(v1::MAJOR, *downgraded));

  // One judgement stands: a second one, or a new suspicion after it, is refused.
  for (v1::HazardEventKind kind :
       {v1::MAJOR_DOWNGRADED, v1::MAJOR_CONFIRMED, v1::SUSPECTED_MAJOR}) {
    r = Transition(*confirmed, Event(kind, 5));
    EXPECT_EQ(r.status().code(), Code::kFailedPrecondition) << v1::HazardEventKind_Name(kind);
  }
  // Two offline judgements: the first in the log stands, the other is kept and listed.
  Result<HazardState> both =
      Derive({Event(v1::FOUND, 1), Event(v1::SUSPECTED_MAJOR, 2), Event(v1::MAJOR_DOWNGRADED, 3),
              Event(v1::MAJOR_CONFIRMED, 4)});
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->major_review, MajorReview::kDowngraded);
  ASSERT_EQ(both->ignored.size(), 1u);
  EXPECT_EQ(both->ignored[0].kind, v1::MAJOR_CONFIRMED);
  EXPECT_EQ(MajorReviewLabel(MajorReview::kSuspected).zh,
            "疑似重大隐患（待消防救援大队或主管部门判定）");
  EXPECT_EQ(HazardEventLabel(v1::MAJOR_DOWNGRADED, true).code, "major_downgraded");
}

TEST(HazardStateTest, UrgencyLabelsReadOldHazardsAsByDeadline) {
  EXPECT_EQ(UrgencyLabel(v1::IMMEDIATE).zh, "立即整改");
  EXPECT_EQ(UrgencyLabel(v1::SAME_DAY).en, "The same day");
  EXPECT_EQ(UrgencyLabel(v1::URGENCY_UNSPECIFIED).code, "by_deadline");
  EXPECT_EQ(UrgencyFromCode("same_day"), v1::SAME_DAY);
  EXPECT_EQ(UrgencyFromCode("soon"), std::nullopt);
}

TEST(HazardStateTest, FlagsStayThroughTheLifecycleAndTimesAreKept) {
  std::vector<v1::HazardEvent> log = {Event(v1::FOUND, 100),
                                      Event(v1::ORDERED, 200),
                                      Event(v1::OVERDUE, 300),
                                      Event(v1::ESCALATED, 400),
                                      Event(v1::CASE_OPENED, 450),
                                      Event(v1::RECTIFIED, 500),
                                      Event(v1::REINSPECTED, 600, false),
                                      Event(v1::RECTIFIED, 700),
                                      Event(v1::REINSPECTED, 800, true),
                                      Event(v1::CLOSED, 900)};
  Result<HazardState> s = Derive(log);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->status, HazardStatus::kClosed);
  EXPECT_TRUE(s->overdue && s->escalated && s->case_opened);
  EXPECT_EQ(s->failed_reinspections, 1);
  EXPECT_EQ(s->found_at_ms, 100);
  EXPECT_EQ(s->closed_at_ms, 900);
  EXPECT_EQ(s->last_event_at_ms, 900);
  EXPECT_EQ(s->event_count, 10);
  EXPECT_TRUE(s->ignored.empty());
  EXPECT_FALSE(s->is_open());
}

TEST(HazardStateTest, DeriveIsIndependentOfOrderAndDuplicates) {
  std::vector<v1::HazardEvent> log = {
      Event(v1::FOUND, 100),
      Event(v1::ORDERED, 200),
      Event(v1::RECTIFIED, 300),
      Event(v1::RECTIFIED, 300, false, "second-device"),  // two devices rectified offline
      Event(v1::OVERDUE, 250),
      Event(v1::REINSPECTED, 400, true)};
  Result<HazardState> expected = Derive(log);
  ASSERT_TRUE(expected.ok());
  EXPECT_EQ(expected->status, HazardStatus::kReinspected);
  ASSERT_EQ(expected->ignored.size(), 1u);
  SeededRandom rng(42);
  for (int round = 0; round < 50; ++round) {
    SCOPED_TRACE(round);
    std::vector<v1::HazardEvent> shuffled = log;
    shuffled.push_back(log[rng.Uniform(log.size())]);  // a duplicate delivery
    for (size_t i = shuffled.size(); i > 1; --i)
      std::swap(shuffled[i - 1], shuffled[rng.Uniform(i)]);
    Result<HazardState> s = Derive(shuffled);
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(s->status, expected->status);
    EXPECT_EQ(s->event_count, expected->event_count);
    EXPECT_EQ(s->overdue, expected->overdue);
    EXPECT_EQ(s->ignored, expected->ignored);
  }
}

TEST(HazardStateTest, FoundComesFirstEvenFromASlowClock) {
  // The order was stamped by a phone whose clock is behind the one that found the hazard.
  Result<HazardState> s = Derive({Event(v1::ORDERED, 50), Event(v1::FOUND, 100)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->status, HazardStatus::kOrdered);
  EXPECT_TRUE(s->ignored.empty());
}

TEST(HazardStateTest, DeriveNeedsAFinding) {
  EXPECT_EQ(Derive({}).status().code(), Code::kInvalidArgument);
  Result<HazardState> s = Derive({Event(v1::ORDERED, 1), Event(v1::RECTIFIED, 2)});
  EXPECT_EQ(s.status().code(), Code::kInvalidArgument);
  EXPECT_NE(s.status().message().find("no finding"), std::string::npos);
}

TEST(HazardStateTest, EventsAfterClosingAreIgnoredInTheLog) {
  Result<HazardState> s = Derive({Event(v1::FOUND, 1), Event(v1::ORDERED, 2),
                                  Event(v1::RECTIFIED, 3), Event(v1::REINSPECTED, 4, true),
                                  Event(v1::CLOSED, 5), Event(v1::OVERDUE, 6, false, "late")});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->status, HazardStatus::kClosed);
  EXPECT_FALSE(s->overdue);
  EXPECT_EQ(IgnoredIds(*s), std::vector<std::string>{"late"});
  EXPECT_EQ(s->ignored[0].kind, v1::OVERDUE);
  EXPECT_EQ(s->ignored[0].reason,
            "A hazard that is closed cannot become overdue; open a new finding instead.")
      << "the reason is the sentence people read";
}

TEST(HazardStateTest, LabelsInBothLanguages) {
  EXPECT_EQ(HazardStatusName(HazardStatus::kFound), "发现");
  EXPECT_EQ(HazardStatusName(HazardStatus::kOrdered), "限期整改");
  EXPECT_EQ(HazardStatusName(HazardStatus::kRectified), "已整改");
  EXPECT_EQ(HazardStatusName(HazardStatus::kReinspected), "复查通过");
  EXPECT_EQ(HazardStatusName(HazardStatus::kClosed), "已销号");
  EXPECT_EQ(HazardStatusName(HazardStatus::kClosed, Language::kEn), "Closed");
  EXPECT_EQ(HazardStatusName(HazardStatus::kOrdered, Language::kEn), "Ordered to rectify");
  EXPECT_EQ(HazardStatusCode(HazardStatus::kReinspected), "reinspected");
  EXPECT_EQ(OverdueLabel(), "逾期");
  EXPECT_EQ(EscalatedLabel(), "挂牌督办");
  EXPECT_EQ(CaseOpenedLabel(Language::kEn), "Case opened");
}

}  // namespace
}  // namespace qiaomen::core::domain
