#include "demo_profile.h"

#include <array>
#include <cstdint>

#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/profile/profile.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::mobile {
namespace {

struct DemoHousehold {
  const char* grid;
  const char* name;
  const char* address;
  const char* phone;
  int members;
  const char* tag;
};

constexpr std::array<DemoHousehold, 9> kHouseholds{{
    {"T01-V01-G01", "张桂兰", "石门村一组 12 号", "13812345601", 1, "elderly_alone"},
    {"T01-V01-G01", "李建国", "石门村一组 15 号", "13812345602", 4, "coal_heating"},
    {"T01-V01-G01", "王秀英", "石门村一组 21 号", "13812345603", 2, "bottled_gas"},
    {"T01-V01-G01", "赵德明", "石门村二组 3 号", "13812345604", 3, "ebike"},
    {"T01-V01-G02", "刘玉梅", "石门村三组 8 号", "13812345605", 5, "coal_heating"},
    {"T01-V01-G02", "陈志强", "石门村三组 11 号", "13812345606", 3, ""},
    {"T01-V02-G01", "杨淑芬", "东山村上湾 2 号", "13812345607", 1, "elderly_alone"},
    {"T01-V02-G01", "黄永福", "东山村上湾 9 号", "13812345608", 6, "bottled_gas"},
    {"T01-V02-G01", "周海燕", "东山村下湾 4 号", "13812345609", 2, "ebike"},
}};

v1::AdminUnit Unit(const char* id, const char* parent, const char* name, const char* level) {
  v1::AdminUnit unit;
  unit.set_id(id);
  unit.set_parent_id(parent);
  unit.set_name(name);
  unit.set_level(level);
  return unit;
}

}  // namespace

core::Status CreateDemoProfile(const QString& data_dir, const QString& key_store_dir,
                               std::optional<core::keys::KdfParams> kdf, DemoSync sync) {
  core::Clock& clock = core::SystemClock();
  core::keys::FileKeyStore key_store(key_store_dir.toStdString(), core::SecureRandom());
  core::profile::ProfileDeps deps{clock, core::SecureRandom(), key_store};
  core::profile::ProfileOptions options;
  options.keys.kdf = kdf.value_or(core::keys::KdfParams{.opslimit = 1, .memlimit_bytes = 8 * 1024});
  options.worker_id = "w-001";
  auto created = core::profile::Profile::Create(data_dir.toStdString(), kDemoPin, options, deps);
  if (!created.ok()) return created.status();
  core::profile::Profile& profile = **created;
  core::store::Store& store = profile.store();
  for (const auto& unit :
       {Unit("T01", "", "城关镇", "town"), Unit("T01-V01", "T01", "石门村", "village"),
        Unit("T01-V02", "T01", "东山村", "village"),
        Unit("T01-V01-G01", "T01-V01", "第一网格", "grid"),
        Unit("T01-V01-G02", "T01-V01", "第二网格", "grid"),
        Unit("T01-V02-G01", "T01-V02", "第一网格", "grid")}) {
    QM_RETURN_IF_ERROR(store.PutAdminUnit(unit));
  }
  const std::string today = profile.CountyDate(clock.NowMillis());
  std::vector<std::string> task_ids;
  std::vector<std::string> subject_ids;
  for (const DemoHousehold& h : kHouseholds) {
    v1::Subject subject;
    subject.set_kind(v1::HOUSEHOLD);
    subject.set_grid_id(h.grid);
    subject.set_name(h.name);
    subject.set_address(h.address);
    subject.set_phone(h.phone);
    subject.set_members(h.members);
    if (*h.tag != '\0') subject.add_tags(h.tag);
    auto made = store.CreateSubject(subject);
    if (!made.ok()) return made.status();
    v1::Task task;
    task.set_campaign_id("winter-2026");
    task.set_subject_id(made->id());
    task.set_template_id("household_winter");
    task.set_assignee("w-001");
    task.set_due_date(today);
    auto made_task = store.CreateTask(task);
    if (!made_task.ok()) return made_task.status();
    subject_ids.push_back(made->id());
    task_ids.push_back(made_task->id());
  }
  // 王秀英: nobody was home this morning, a return visit is due.
  {
    core::profile::VisitStart start;
    start.task_id = task_ids[2];
    auto draft = profile.visits().Start(start);
    if (!draft.ok()) return draft.status();
    v1::Visit visit = draft->visit;
    visit.set_outcome(v1::NOBODY_HOME);
    QM_RETURN_IF_ERROR(profile.visits().Save(visit));
    auto finished = profile.visits().Finish(*core::Uuid::FromBytes(visit.id()), {});
    if (!finished.ok()) return finished.status();
  }
  // 李建国: a coal stove without a flue, found earlier and ordered to be fixed. A general hazard
  // due at once, as household_winter grades it: no major-hazard criterion judges households.
  {
    v1::Hazard hazard;
    hazard.set_subject_id(subject_ids[1]);
    hazard.set_template_id("household_winter");
    hazard.set_rule_id("coal_stove_no_flue");
    hazard.set_category("heating_co");
    hazard.set_severity(v1::GENERAL);
    hazard.set_deadline(today);
    hazard.set_description("燃煤炉具未安装烟囱");
    auto made = store.CreateHazard(hazard);
    if (!made.ok()) return made.status();
    v1::HazardEvent ordered;
    ordered.set_hazard_id(made->id());
    ordered.set_kind(v1::ORDERED);
    ordered.set_actor("w-001");
    auto added = store.AddHazardEvent(ordered);
    if (!added.ok()) return added.status();
  }
  // 刘玉梅: a cracked gas hose, ordered to be replaced two days ago and still not done (overdue).
  {
    v1::Hazard hazard;
    hazard.set_subject_id(subject_ids[4]);
    hazard.set_template_id("household_winter");
    hazard.set_rule_id("gas_hose_defect");
    hazard.set_category("gas");
    hazard.set_severity(v1::GENERAL);
    const int64_t day = core::forms::ParseDate(today).value_or(0);
    hazard.set_deadline(core::forms::FormatDate(day - 2));
    hazard.set_description("液化气软管老化开裂");
    auto made = store.CreateHazard(hazard);
    if (!made.ok()) return made.status();
    v1::HazardEvent ordered;
    ordered.set_hazard_id(made->id());
    ordered.set_kind(v1::ORDERED);
    ordered.set_actor("w-001");
    ordered.set_note("更换燃气专用软管并加装卡箍");
    ordered.set_at_ms(clock.NowMillis());
    auto added = store.AddHazardEvent(ordered);
    if (!added.ok()) return added.status();
  }
  if (sync == DemoSync::kNever) return core::Status::Ok();
  QM_RETURN_IF_ERROR(store.SetLastSyncMillis(clock.NowMillis() - 50 * 60 * 1000));
  if (sync == DemoSync::kRefused) {
    // The county refused the last change (刘玉梅's order): it had closed the hazard meanwhile.
    auto pending = store.PendingChanges(0, 1000, SIZE_MAX / 2);
    if (!pending.ok()) return pending.status();
    if (pending->empty()) return core::Internal("the demo has no change to refuse");
    QM_RETURN_IF_ERROR(
        store.Quarantine(pending->back().seq(), "该隐患县里已销号", "failed_precondition"));
  }
  return core::Status::Ok();
}

}  // namespace qiaomen::mobile
