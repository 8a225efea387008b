#pragma once
// A real SQLCipher profile with a small checklist of its own (two hazard rules with deadlines, a
// photo item, a date rule on today()), one household and its task: what the visit-flow tests, the
// draft kill test and the numbered-crash-point test start from.

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <memory>
#include <string>

#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/testing/fast_kdf.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::core::profile::testing {

inline constexpr char kPin[] = "246810";

// stove_ok == 'no' -> heating (general, 3 days); alarm_ok == 'no' -> co_alarm (general, 7 days,
// photo on `evidence`); service_date == today() -> serviced_today (general, no deadline);
// exit_clear == 'no' -> blocked_exit (immediate, suspected major); gas_smell == 'yes' -> the
// gas_leak emergency (actions, no hazard). The last two items are optional and unanswered by
// PrepareDraft.
inline constexpr char kChecklistJson[] = R"json({
  "id": "field_check", "version": 1,
  "title": {"zh": "入户检查", "en": "Home check"}, "subjectKind": "HOUSEHOLD",
  "sections": [{"id": "main", "title": {"zh": "检查", "en": "Check"}, "items": [
    {"id": "stove_ok", "kind": "YES_NO_NA", "label": {"zh": "炉具完好", "en": "Stove sound"},
     "required": "true"},
    {"id": "alarm_ok", "kind": "YES_NO_NA", "label": {"zh": "报警器有效", "en": "Alarm works"},
     "required": "true"},
    {"id": "service_date", "kind": "DATE", "label": {"zh": "检修日期", "en": "Serviced on"}},
    {"id": "evidence", "kind": "PHOTO", "label": {"zh": "照片", "en": "Photos"}},
    {"id": "exit_clear", "kind": "YES_NO_NA", "label": {"zh": "通道畅通", "en": "Exit clear"}},
    {"id": "gas_smell", "kind": "YES_NO_NA", "label": {"zh": "有燃气味", "en": "Gas smell"}}]}],
  "hazardRules": [
    {"id": "stove", "when": "stove_ok == 'no'", "category": "heating_co",
     "title": {"zh": "炉具破损", "en": "Damaged stove"}, "severity": "GENERAL",
     "deadlineDays": 3},
    {"id": "alarm", "when": "alarm_ok == 'no'", "category": "co_alarm",
     "title": {"zh": "一氧化碳报警器失效", "en": "CO alarm not working"}, "severity": "GENERAL",
     "deadlineDays": 7, "photoRequired": true, "photoItem": "evidence"},
    {"id": "serviced_today", "when": "service_date == today()", "category": "note",
     "title": {"zh": "当日检修", "en": "Serviced today"}, "severity": "GENERAL"},
    {"id": "blocked_exit", "when": "exit_clear == 'no'", "category": "fire_escape",
     "title": {"zh": "通道堵塞", "en": "Exit blocked"}, "severity": "GENERAL",
     "urgency": "IMMEDIATE", "suspectedMajor": true},
    {"id": "gas_leak", "when": "gas_smell == 'yes'", "category": "gas",
     "title": {"zh": "燃气泄漏", "en": "Gas leak"}, "emergency": true,
     "actions": [{"zh": "关闭阀门", "en": "Close the valve"},
                 {"zh": "开窗通风", "en": "Open the windows"}]}]
})json";

// 2026-12-01 23:30 in Asia/Shanghai (UTC+8) = 15:30 UTC.
inline constexpr int64_t kDec1At2330County = 1'796'139'000'000;

class FieldVisitsFixture : public ::testing::Test {
 protected:
  FieldVisitsFixture()
      : clock_(kDec1At2330County - 3'600'000),
        key_store_(tmp_.Join("keystore"), SecureRandom()),
        deps_{clock_, SecureRandom(), key_store_} {}

  void SetUp() override {
    dir_ = tmp_.Join("profile");
    std::filesystem::create_directories(dir_ + "/checklists");
    std::ofstream(dir_ + "/checklists/field_check.json") << kChecklistJson;
    ProfileOptions options;
    options.keys.kdf = qiaomen::testing::FastKdf();
    options.keys.max_attempts = 100;
    options.worker_id = "w-001";
    auto profile = Profile::Create(dir_, kPin, options, deps_);
    ASSERT_TRUE(profile.ok()) << profile.status().ToString();
    profile_ = std::move(*profile);
    v1::Subject subject;
    subject.set_kind(v1::HOUSEHOLD);
    subject.set_grid_id("T01-V01-G01");
    subject.set_name("张桂兰");
    auto created = profile_->store().CreateSubject(subject);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    subject_id_ = created->id();
    v1::Task task;
    task.set_subject_id(subject_id_);
    task.set_template_id("field_check");
    task.set_assignee("w-001");
    task.set_due_date("2026-12-10");
    auto made = profile_->store().CreateTask(task);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    task_id_ = made->id();
  }

  // Opens the profile again (after a Close or in a parent after its child was killed).
  Result<std::unique_ptr<Profile>> Reopen(const ProfileDeps& deps) {
    return Profile::Open(dir_, kPin, deps);
  }

  static v1::Answer YesNo(const std::string& item, v1::YesNoNa value) {
    v1::Answer answer;
    answer.set_item_id(item);
    answer.mutable_value()->set_yes_no(value);
    return answer;
  }

  static std::vector<uint8_t> Jpeg(size_t size, uint8_t seed) {
    std::vector<uint8_t> bytes(size);
    for (size_t i = 0; i < size; ++i) bytes[i] = static_cast<uint8_t>(seed * 31 + i * 7);
    bytes[0] = 0xFF;
    bytes[1] = 0xD8;
    return bytes;
  }

  // Starts the task's visit, answers both checks "no" (two hazards with deadlines) and adds
  // `photos` photos of `photo_size` bytes on `evidence`. Returns the draft's id.
  std::string PrepareDraft(Profile& profile, int photos, size_t photo_size) {
    VisitStart start;
    start.task_id = task_id_;
    auto draft = profile.visits().Start(start);
    EXPECT_TRUE(draft.ok()) << draft.status().ToString();
    if (!draft.ok()) return {};
    v1::Visit visit = draft->visit;
    visit.set_outcome(v1::CHECKED);
    *visit.add_answers() = YesNo("stove_ok", v1::NO);
    *visit.add_answers() = YesNo("alarm_ok", v1::NO);
    EXPECT_TRUE(profile.visits().Save(visit).ok());
    const Uuid id = *Uuid::FromBytes(visit.id());
    for (int i = 0; i < photos; ++i) {
      PhotoCapture capture;
      capture.item_id = "evidence";
      auto jpeg = Jpeg(photo_size, static_cast<uint8_t>(i + 1));
      auto added = profile.visits().AddPhoto(id, jpeg, capture);
      EXPECT_TRUE(added.ok()) << added.status().ToString();
    }
    return visit.id();
  }

  ::qiaomen::testing::TempDir tmp_;
  qiaomen::testing::ManualClock clock_;
  keys::FileKeyStore key_store_;
  ProfileDeps deps_;
  std::string dir_;
  std::unique_ptr<Profile> profile_;
  std::string subject_id_;
  std::string task_id_;
};

}  // namespace qiaomen::core::profile::testing
