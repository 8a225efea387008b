// Issue 18: what `qiaomen visit record` refuses or recognises before anything is stored: the same
// file twice, a visit dated in the future, a checklist made for another kind of subject.
#include <gtest/gtest.h>

#include "cli_fixture.h"

namespace qiaomen::cli::testing {
namespace {

class VisitRecordTest : public CliFixture {};

TEST_F(VisitRecordTest, TheSameFileRecordedTwiceIsStoredOnceAndSaysSo) {
  Enroll("w-twice", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  const std::string file = WriteFile("visit.json", CheckedVisitJson("H001", true));
  CliRun first = Run({"visit", "record", file});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  const std::string pending = Between(Run({"status", "--json"}).out, "pending_changes");
  const std::string hazards = Run({"hazards", "--json"}).out;

  CliRun again = Run({"visit", "record", file});
  EXPECT_EQ(again.exit_code, 0) << again.err;
  EXPECT_TRUE(Contains(again.out, "未重复记录")) << again.out;
  EXPECT_EQ(Between(Run({"status", "--json"}).out, "pending_changes"), pending)
      << "nothing new to send";
  EXPECT_EQ(Run({"hazards", "--json"}).out, hazards) << "no second set of hazards";
  CliRun json = Run({"visit", "record", "--json", file});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_EQ(Between(json.out, "already_recorded"), "true") << json.out;
}

// A colleague's visit to the same household at the same minutes, pulled from the county, is not
// this file: the file is recorded (it was once taken for "already recorded", which made
// CommandsTest.AFileThatIsNotAJpegIsNotTakenAsAPhoto fail after another test's H003 visit).
TEST_F(VisitRecordTest, AColleaguesVisitAtTheSameTimesIsNotThisFile) {
  profile_ = dir_.Join("colleague");
  Enroll("w-colleague-a", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  const std::string file = WriteFile("visit.json", CheckedVisitJson("H002", false));
  ASSERT_EQ(Run({"visit", "record", file}).exit_code, 0);
  ASSERT_EQ(Run({"sync"}).exit_code, 0);

  profile_ = dir_.Join("mine");
  Enroll("w-colleague-b", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  CliRun show = Run({"subject", "show", "H002", "--json"});
  ASSERT_TRUE(Contains(show.out, "w-colleague-a")) << "the colleague's visit was pulled\n"
                                                   << show.out;
  CliRun mine = Run({"visit", "record", "--json", file});
  EXPECT_EQ(mine.exit_code, 0) << mine.err;
  EXPECT_EQ(Between(mine.out, "already_recorded"), "false") << mine.out;
  EXPECT_NE(Between(Run({"status", "--json"}).out, "pending_changes"), "0");
}

TEST_F(VisitRecordTest, AVisitDatedInTheFutureIsRefused) {
  Enroll("w-future", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("p1.jpg");
  std::string json = CheckedVisitJson("H002", false);
  for (std::string from : {"2026-11-28T09:00", "2026-11-28T09:15"}) {
    json.replace(json.find(from), 10, "2099-11-28");
  }
  CliRun r = Run({"visit", "record", WriteFile("future.json", json)});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(Contains(r.err, "clock")) << r.err;
  EXPECT_EQ(Between(Run({"status", "--json"}).out, "pending_changes"), "0");
}

TEST_F(VisitRecordTest, AChecklistForAnotherSubjectKindIsRefused) {
  Enroll("w-kind", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  const std::string file =
      WriteFile("shop.json", R"({"subject": "H003", "template": "nine_small_premises_fire",
    "outcome": "refused", "started_at": "2026-11-28T09:00:00+08:00",
    "finished_at": "2026-11-28T09:05:00+08:00"})");
  CliRun r = Run({"visit", "record", file});
  EXPECT_EQ(r.exit_code, 1) << r.out;
  EXPECT_TRUE(Contains(r.err, "premises")) << r.err;
  EXPECT_TRUE(Contains(r.err, "household")) << r.err;
  EXPECT_EQ(Between(Run({"status", "--json"}).out, "pending_changes"), "0");
}

// Issue 18: the example in `visit record --help` is a whole visit of the shipped
// household_winter checklist: written to a file as it is printed (the subject made one of this
// county's), it records, in both languages' help.
TEST_F(VisitRecordTest, TheHelpExampleRecordsAgainstTheShippedChecklist) {
  Enroll("w-help", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("photo.jpg");
  int n = 0;
  for (const char* lang : {"zh", "en"}) {
    CliRun help = Run({"visit", "record", "--help", "--lang", lang});
    ASSERT_EQ(help.exit_code, 0) << help.err;
    const auto start = help.out.find("\n  {");
    ASSERT_NE(start, std::string::npos) << help.out;
    const auto end = help.out.find("}\n\n", start);
    ASSERT_NE(end, std::string::npos) << help.out;
    std::string example = help.out.substr(start + 1, end - start);
    const std::string shown = "H-T01-V01-0001";
    ASSERT_NE(example.find(shown), std::string::npos) << example;
    example.replace(example.find(shown), shown.size(), ++n == 1 ? "H001" : "H002");
    CliRun recorded = Run({"visit", "record", WriteFile(std::string(lang) + ".json", example)});
    EXPECT_EQ(recorded.exit_code, 0) << lang << ": " << recorded.err << "\n" << example;
  }
}

// Issue 16: a visit file carries the refusal's reason and escalation, the notice with its photo,
// and a hazard fixed on the spot with its after-photo; a refused visit without a reason, or a
// reason that is not on the list, is refused with what to write.
TEST_F(VisitRecordTest, RefusalNoticeAndAFixOnTheSpotComeFromTheFile) {
  Enroll("w-door", "grids:T01-V01-G01");
  ASSERT_EQ(Run({"sync"}).exit_code, 0);
  WritePhoto("notice.jpg");
  WritePhoto("after.jpg", 3200);
  WritePhoto("p1.jpg");
  const std::string times = R"("started_at": "2026-11-28T08:00:00+08:00",
    "finished_at": "2026-11-28T08:05:00+08:00")";
  CliRun bare =
      Run({"visit", "record",
           WriteFile("bare.json", R"({"subject": "H001", "outcome": "refused", )" + times + "}")});
  EXPECT_NE(bare.exit_code, 0);
  EXPECT_TRUE(Contains(bare.err, "reason")) << bare.err;
  CliRun unknown =
      Run({"visit", "record", WriteFile("unknown.json", R"({"subject": "H001", "outcome": "refused",
    "refusal": {"reason": "busy"}, )" + times + "}")});
  EXPECT_NE(unknown.exit_code, 0);
  EXPECT_TRUE(Contains(unknown.err, "refusal.reason")) << unknown.err;

  CliRun refused = Run({"visit", "record", "--json",
                        WriteFile("refused.json", R"({"subject": "H001", "outcome": "refused",
    "refusal": {"reason": "拒绝入户", "escalate": true},
    "notice": {"delivered": true, "photo": "notice.jpg"}, )" +
                                                      times + "}")});
  ASSERT_EQ(refused.exit_code, 0) << refused.err << refused.out;
  EXPECT_EQ(Between(refused.out, "photos"), "1") << refused.out;

  // Closed hazards before and after: the fixed one is closed by its one step.
  const auto closed_hazards = [&] {
    const std::string out = Run({"hazards", "--json"}).out;
    size_t n = 0;
    for (size_t at = out.find("\"open\":false"); at != std::string::npos;
         at = out.find("\"open\":false", at + 1)) {
      ++n;
    }
    return n;
  };
  const size_t before = closed_hazards();
  std::string checked = CheckedVisitJson("H001", true);
  checked.insert(checked.rfind('}'), R"(, "fixed_on_site": {"no_rcd": "after.jpg"})");
  CliRun fixed = Run({"visit", "record", "--json", WriteFile("fixed.json", checked)});
  ASSERT_EQ(fixed.exit_code, 0) << fixed.err << fixed.out;
  EXPECT_TRUE(Contains(fixed.out, "no_rcd")) << fixed.out;
  EXPECT_EQ(closed_hazards(), before + 1) << Run({"hazards", "--json"}).out;
}

}  // namespace
}  // namespace qiaomen::cli::testing
