#include <QString>
#include <algorithm>
#include <set>

#include "device_worker.h"
#include "hazard_board_model.h"
#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/uuid.h"
#include "qt_text.h"

// The read side of the device worker: the home counts, the task list, a household, the open
// hazards. Runs on the worker's thread like the rest of DeviceWorker.

namespace qiaomen::mobile {
namespace {

QString EntityWords(v1::Entity entity) {
  switch (entity) {
    case v1::ENTITY_SUBJECT:
      return QStringLiteral("住户信息修改");
    case v1::ENTITY_TASK:
      return QStringLiteral("任务修改");
    case v1::ENTITY_VISIT:
      return QStringLiteral("入户检查记录");
    case v1::ENTITY_PHOTO:
      return QStringLiteral("照片");
    case v1::ENTITY_HAZARD:
      return QStringLiteral("隐患");
    case v1::ENTITY_HAZARD_EVENT:
      return QStringLiteral("隐患处理记录");
    default:
      return QStringLiteral("修改");
  }
}

}  // namespace

void DeviceWorker::LoadHome() {
  if (!RequireDevice()) return;
  core::store::Store& store = device_->profile().store();
  HomeCounts counts;
  if (auto c = store.CountTasks("", ""); c.ok()) {
    counts.total = c->total;
    counts.visited = c->visited;
    counts.remaining = c->remaining;
    counts.return_visits = c->return_visits;
  }
  if (auto status = device_->Status(); status.ok()) {
    counts.pending_changes = status->pending_changes;
    counts.pending_photos = status->pending_photos;
    counts.drafts = status->drafts;
    counts.last_sync_ms = status->last_sync_ms;
    counts.server_url = Q(status->server_url);
    for (const auto& q : status->quarantined) {
      counts.refused.push_back(
          {EntityWords(q.change.entity()), Q(q.reason), Q(q.code), q.quarantined_at_ms});
    }
  }
  counts.has_server = device_->enrolled();
  // Open hazards and those due within 3 days, over the subjects of this device's tasks.
  // Walks the subjects of this phone's tasks: fine for a grid's few hundred; a county-scale
  // count needs a store query (named in the issue 13 note).
  const std::string today = device_->profile().CountyDate(clock_.NowMillis());
  counts.today = Q(today);
  std::set<std::string> subjects;
  if (auto grids = store.ListAdminUnitsAtLevel("grid"); grids.ok()) {
    for (const auto& grid : *grids) {
      core::store::TaskQuery query;
      query.grid_id = grid.id();
      query.include_done = true;
      query.limit = 200;
      for (int page = 0; page < 20; ++page) {
        auto tasks = store.ListTasks(query);
        if (!tasks.ok()) break;
        for (const auto& item : tasks->items) subjects.insert(item.subject.id());
        if (tasks->next_page.empty()) break;
        query.page = tasks->next_page;
      }
    }
  }
  QList<HazardRow> open_hazards;
  for (const auto& subject : subjects) {
    auto hazards = store.ListHazards(*core::Uuid::FromBytes(subject));
    if (!hazards.ok() || hazards->empty()) continue;
    auto owner = store.GetSubject(*core::Uuid::FromBytes(subject));
    for (const auto& hazard : *hazards) {
      bool open = false;
      HazardRow row = HazardRowOf(hazard, today, &open);
      if (!open) continue;
      ++counts.hazards_open;
      if (row.due_soon || row.overdue) ++counts.hazards_due_soon;
      if (owner.ok()) {
        row.subject_name = Q(owner->name());
        row.subject_address = Q(owner->address());
      }
      open_hazards.push_back(row);
    }
  }
  // Households whole, the most urgent first (hazard_board_model.h).
  open_hazards = GroupHazardsByHousehold(open_hazards);
  emit hazardsLoaded(open_hazards);
  QList<DraftRow> drafts;
  if (auto list = device_->profile().visits().Drafts(); list.ok()) {
    for (const auto& draft : *list) {
      DraftRow row;
      row.draft_id = IdText(draft.visit.id());
      row.updated_at_ms = draft.updated_at_ms;
      if (auto id = core::Uuid::FromBytes(draft.visit.subject_id()); id.ok()) {
        if (auto subject = store.GetSubject(*id); subject.ok())
          row.subject_name = Q(subject->name());
      }
      drafts.push_back(row);
    }
  }
  emit homeLoaded(counts, drafts);
}

HazardRow DeviceWorker::HazardRowOf(const v1::Hazard& h, const std::string& today, bool* open) {
  core::profile::Profile& profile = device_->profile();
  HazardRow row;
  row.id = IdText(h.id());
  row.subject_id = IdText(h.subject_id());
  row.category = Q(h.category());
  row.major = h.severity() == v1::MAJOR;
  row.deadline = Q(h.deadline());
  row.title_zh = row.title_en = Q(h.description().empty() ? h.category() : h.description());
  if (auto tpl = profile.checklists().Latest(h.template_id()); tpl.ok()) {
    for (const auto& rule : tpl->proto().hazard_rules()) {
      if (rule.id() != h.rule_id()) continue;
      row.title_zh = Q(rule.title().zh());
      row.title_en = Q(rule.title().en());
    }
  }
  const auto day = core::forms::ParseDate(today);
  const auto deadline = core::forms::ParseDate(h.deadline());
  if (day && deadline) row.deadline_days = static_cast<int>(*deadline - *day);
  *open = true;
  auto state = profile.store().GetHazardState(*core::Uuid::FromBytes(h.id()));
  if (state.ok()) {
    using core::domain::HazardStatusName;
    using core::domain::Language;
    row.status_zh = Q(std::string(HazardStatusName(state->status, Language::kZh)));
    row.status_en = Q(std::string(HazardStatusName(state->status, Language::kEn)));
    *open = state->is_open();
    // Overdue and due soon are about the household's rectification: a rectified hazard waits
    // for its recheck, not for the household.
    using core::domain::HazardStatus;
    row.awaiting_rectification =
        *open && (state->status == HazardStatus::kFound || state->status == HazardStatus::kOrdered);
    row.overdue = row.awaiting_rectification && (state->overdue || row.deadline_days < 0);
    row.due_soon = row.awaiting_rectification && !row.overdue && !h.deadline().empty() &&
                   row.deadline_days <= 3;
  }
  return row;
}

QString DeviceWorker::GridLabel(const std::string& grid_id, QString* village) {
  core::store::Store& store = device_->profile().store();
  auto grid = store.GetAdminUnit(grid_id);
  if (!grid.ok()) return Q(grid_id);
  if (auto parent = store.GetAdminUnit(grid->parent_id()); parent.ok())
    *village = Q(parent->name());
  return Q(grid->name().empty() ? grid_id : grid->name());
}

int DeviceWorker::OpenHazardCount(const std::string& subject_id) {
  core::store::Store& store = device_->profile().store();
  auto id = core::Uuid::FromBytes(subject_id);
  if (!id.ok()) return 0;
  auto hazards = store.ListHazards(*id);
  if (!hazards.ok()) return 0;
  int open = 0;
  for (const auto& h : *hazards) {
    auto state = store.GetHazardState(*core::Uuid::FromBytes(h.id()));
    open += state.ok() && state->is_open() ? 1 : 0;
  }
  return open;
}

void DeviceWorker::LoadTasks(const QString& search, int filter) {
  if (!RequireDevice()) return;
  core::store::Store& store = device_->profile().store();
  std::set<std::string> draft_tasks;
  if (auto drafts = device_->profile().visits().Drafts(); drafts.ok()) {
    for (const auto& d : *drafts) draft_tasks.insert(d.visit.task_id());
  }
  QList<TaskRow> rows;
  QList<TaskGroup> groups;
  auto grids = store.ListAdminUnitsAtLevel("grid");
  if (!grids.ok()) {
    emit failed(Msg(grids.status()));
    return;
  }
  for (const auto& grid : *grids) {
    QString village;
    const QString grid_name = GridLabel(grid.id(), &village);
    // The group's counts are its whole campaign's, whatever the search and filter show.
    if (auto counts = store.CountTasks(grid.id(), ""); counts.ok() && counts->total > 0) {
      groups.push_back(
          {village, grid_name, counts->visited, counts->remaining, counts->return_visits});
    }
    core::store::TaskQuery query;
    query.grid_id = grid.id();
    query.search = search.trimmed().toStdString();
    query.include_done = filter == kAllTasks;
    query.limit = 200;
    for (int page = 0; page < 50; ++page) {
      auto tasks = store.ListTasks(query);
      if (!tasks.ok()) {
        emit failed(Msg(tasks.status()));
        return;
      }
      for (const auto& item : tasks->items) {
        TaskRow row;
        row.task_id = IdText(item.task.id());
        row.subject_id = IdText(item.subject.id());
        row.name = Q(item.subject.name());
        row.address = Q(item.subject.address());
        row.phone = Q(item.subject.phone());
        row.village = village;
        row.grid = grid_name;
        row.due_date = Q(item.task.due_date());
        row.done = item.done;
        row.has_draft = draft_tasks.count(item.task.id()) > 0;
        row.open_hazards = OpenHazardCount(item.subject.id());
        if (!item.done) {
          if (auto visits = store.ListVisits(*core::Uuid::FromBytes(item.subject.id()));
              visits.ok()) {
            for (const auto& v : *visits) {
              if (v.task_id() == item.task.id() && v.outcome() == v1::NOBODY_HOME) {
                row.return_due = true;
              }
            }
          }
        }
        if (filter == kNotVisited && (row.done || row.return_due)) continue;
        if (filter == kReturnDue && !row.return_due) continue;
        if (filter == kOpenHazards && row.open_hazards == 0) continue;
        rows.push_back(row);
      }
      if (tasks->next_page.empty()) break;
      query.page = tasks->next_page;
    }
  }
  emit tasksLoaded(rows, groups);
}

void DeviceWorker::LoadHousehold(const QString& subject_id, const QString& task_id) {
  if (!RequireDevice()) return;
  core::profile::Profile& profile = device_->profile();
  core::store::Store& store = profile.store();
  auto id = core::Uuid::Parse(subject_id.toStdString());
  if (!id.ok()) {
    emit failed(Msg(id.status()));
    return;
  }
  auto subject = store.GetSubject(*id);
  if (!subject.ok()) {
    emit failed(Msg(subject.status()));
    return;
  }
  shown_subject_ = subject->id();
  auto stamps = store.GetFieldStamps(v1::ENTITY_SUBJECT, *id);
  shown_stamps_ = stamps.ok() ? *stamps : core::store::FieldStamps();
  HouseholdView view;
  view.subject_id = subject_id;
  view.task_id = task_id;
  view.name = Q(subject->name());
  view.address = Q(subject->address());
  view.phone = Q(subject->phone());
  view.members = subject->members();
  for (const auto& tag : subject->tags()) view.tags << Q(tag);
  view.note = Q(subject->note());
  QString village;
  view.grid = GridLabel(subject->grid_id(), &village);
  if (!village.isEmpty()) view.grid = village + QStringLiteral(" · ") + view.grid;
  auto hazards = store.ListHazards(*id);
  if (auto visits = store.ListVisits(*id); visits.ok()) {
    for (const auto& v : *visits) {
      VisitRow row;
      row.id = IdText(v.id());
      row.outcome = v.outcome();
      row.finished_at_ms = v.finished_at_ms();
      if (hazards.ok()) {
        for (const auto& h : *hazards) row.hazards += h.visit_id() == v.id() ? 1 : 0;
      }
      view.visits.push_back(row);
    }
  }
  const std::string today = profile.CountyDate(clock_.NowMillis());
  if (hazards.ok()) {
    QList<HazardRow> closed;
    for (const auto& h : *hazards) {
      bool open = true;
      HazardRow row = HazardRowOf(h, today, &open);
      (open ? view.hazards : closed).push_back(row);
    }
    view.hazards += closed;
  }
  emit householdLoaded(view);
}

}  // namespace qiaomen::mobile
