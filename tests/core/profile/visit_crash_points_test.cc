// Numbered crash points (issue 12's acceptance): a child process takes a whole visit — a draft,
// three photos of the evidence, two derived hazards — and finishes it; it is SIGKILLed at step N
// (each SQL statement and each photo file step counted by the profile's observer), for every N
// from 1 to the number of steps the flow takes. After each kill the profile opens and is whole:
// either the visit is recorded with everything (photos, hazards, FOUND and ORDERED events, journal
// rows, a valid signature) or nothing of it is, the draft is whole or gone, and no photo file is
// left without its row (nor a row without its file).

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <memory>
#include <set>

#include "field_visits_fixture.h"
#include "qiaomen/testing/crash_loop.h"
#include "qiaomen/testing/manual_clock.h"

namespace qiaomen::core::profile {
namespace {

namespace fs = std::filesystem;
using testing::FieldVisitsFixture;

constexpr int kPhotos = 3;
constexpr size_t kPhotoSize = 150'000;  // three 64 KiB chunks each

int64_t Count(Profile& profile, const std::string& sql) {
  auto n = profile.database().QueryInt(sql);
  EXPECT_TRUE(n.ok()) << sql << ": " << n.status().ToString();
  return n.ok() ? *n : -1;
}

std::set<std::string> Ids(Profile& profile, const std::string& sql) {
  std::set<std::string> ids;
  auto stmt = profile.database().Prepare(sql);
  EXPECT_TRUE(stmt.ok());
  if (!stmt.ok()) return ids;
  while (*stmt->Step()) {
    auto blob = stmt->ColumnBlob(0);
    ids.insert(Uuid::FromBytes(std::string(blob.begin(), blob.end()))->ToString());
  }
  return ids;
}

class VisitCrashPointsTest : public FieldVisitsFixture {
 protected:
  // Runs the whole visit in a child SIGKILLed at step `kill_at` (0: never); returns the steps it
  // took when it finished, -1 when it was killed.
  int64_t RunOnce(int64_t kill_at) {
    qiaomen::testing::ManualClock clock(testing::kDec1At2330County - 600'000);
    qiaomen::testing::CrashCounter counter;
    ProfileDeps deps{clock, SecureRandom(), key_store_, counter.Observer()};
    std::unique_ptr<Profile> profile;
    const auto run = qiaomen::testing::RunKilledAt(
        kill_at, counter,
        [&] {
          auto opened = Reopen(deps);
          if (!opened.ok()) return false;
          profile = std::move(*opened);
          return true;
        },
        [&] {
          const std::string id = PrepareDraft(*profile, kPhotos, kPhotoSize);
          if (id.empty()) return false;
          FinishOptions finish;
          finish.finished_at_ms = testing::kDec1At2330County;
          return profile->visits().Finish(*Uuid::FromBytes(id), finish).ok();
        });
    return run.killed ? -1 : run.steps;
  }

  // The profile after a kill: the visit whole or absent, and files and rows in step.
  void ExpectWhole(int64_t journal_before, bool* recorded) {
    auto reopened = Reopen(deps_);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    Profile& p = **reopened;
    const int64_t visits = Count(p, "SELECT count(*) FROM visits;");
    ASSERT_LE(visits, 1);
    *recorded = visits == 1;
    const int64_t journal = Count(p, "SELECT count(*) FROM outbox;");
    EXPECT_EQ(Count(p, "SELECT max(seq) FROM outbox;"), journal) << "journal seqs have a gap";
    if (*recorded) {
      EXPECT_EQ(Count(p, "SELECT count(*) FROM photos WHERE visit_id IS NOT NULL;"), kPhotos);
      EXPECT_EQ(Count(p, "SELECT count(*) FROM hazards;"), 2);
      EXPECT_EQ(Count(p, "SELECT count(*) FROM hazard_events;"), 4);
      EXPECT_EQ(journal - journal_before, kPhotos + 1 + 2 + 4);
      EXPECT_EQ(Count(p, "SELECT count(*) FROM visit_drafts;"), 0);
      EXPECT_EQ(Count(p, "SELECT count(*) FROM draft_photos;"), 0);
      EXPECT_EQ(Count(p, "SELECT count(*) FROM tasks WHERE done_visit_id IS NOT NULL;"), 1);
      auto stmt = p.database().Prepare("SELECT id FROM visits;");
      ASSERT_TRUE(stmt.ok() && *stmt->Step());
      auto blob = stmt->ColumnBlob(0);
      auto visit = p.store().GetVisit(*Uuid::FromBytes(std::string(blob.begin(), blob.end())));
      ASSERT_TRUE(visit.ok());
      EXPECT_TRUE(evidence::VerifyVisit(*visit, p.device_key().public_key()).ok());
      for (const auto& ref : visit->photos()) {
        EXPECT_TRUE(p.photos().Read(*Uuid::FromBytes(ref.photo_id()), ref.sha256()).ok());
      }
    } else {
      EXPECT_EQ(Count(p, "SELECT count(*) FROM photos;"), 0);
      EXPECT_EQ(Count(p, "SELECT count(*) FROM hazards;"), 0);
      EXPECT_EQ(Count(p, "SELECT count(*) FROM hazard_events;"), 0);
      EXPECT_EQ(journal, journal_before);
      EXPECT_LE(Count(p, "SELECT count(*) FROM visit_drafts;"), 1);
      auto drafts = p.visits().Drafts();
      ASSERT_TRUE(drafts.ok());
      for (const auto& draft : *drafts) {
        for (const auto& photo : draft.photos) {
          EXPECT_TRUE(p.photos().Read(*Uuid::FromBytes(photo.id()), photo.sha256()).ok());
        }
      }
    }
    // Every photo file has its row (recorded or draft) and every row its file; no temp file.
    std::set<std::string> files;
    for (const auto& entry : fs::directory_iterator(p.photos().dir())) {
      const std::string name = entry.path().filename().string();
      EXPECT_EQ(name.find(".tmp"), std::string::npos) << name;
      files.insert(name.substr(0, name.find('.')));
    }
    std::set<std::string> rows = Ids(p, "SELECT id FROM photos;");
    for (const auto& id : Ids(p, "SELECT id FROM draft_photos;")) rows.insert(id);
    EXPECT_EQ(files, rows);
  }
};

TEST_F(VisitCrashPointsTest, AKillAtEveryStepOfAVisitLeavesItWholeOrAbsent) {
  const int64_t journal_before = Count(*profile_, "SELECT count(*) FROM outbox;");
  profile_.reset();
  // The profile as it was before the visit, restored before every round.
  const std::string pristine = tmp_.Join("pristine");
  const std::string pristine_keys = tmp_.Join("pristine-keys");
  fs::copy(dir_, pristine, fs::copy_options::recursive);
  fs::copy(tmp_.Join("keystore"), pristine_keys, fs::copy_options::recursive);
  auto restore = [&] {
    fs::remove_all(dir_);
    fs::remove_all(tmp_.Join("keystore"));
    fs::copy(pristine, dir_, fs::copy_options::recursive);
    fs::copy(pristine_keys, tmp_.Join("keystore"), fs::copy_options::recursive);
  };

  // Uninterrupted, the visit is recorded whole; that run counts the steps.
  const int64_t total = RunOnce(0);
  ASSERT_GE(total, 100) << "the visit flow should take at least 100 counted steps";
  bool recorded = false;
  ExpectWhole(journal_before, &recorded);
  EXPECT_TRUE(recorded);
  int recorded_after = 0;
  for (int64_t kill_at = 1; kill_at <= total; ++kill_at) {
    SCOPED_TRACE("killed at step " + std::to_string(kill_at) + " of " + std::to_string(total));
    restore();
    ASSERT_EQ(RunOnce(kill_at), -1) << "the child was not killed";
    ExpectWhole(journal_before, &recorded);
    if (HasFailure()) return;
    recorded_after += recorded ? 1 : 0;
  }
  std::printf(
      "[ crash points ] a visit with %d photos: %lld steps, each killed; %d left it "
      "recorded, the rest left none of it\n",
      kPhotos, static_cast<long long>(total), recorded_after);
}

}  // namespace
}  // namespace qiaomen::core::profile
