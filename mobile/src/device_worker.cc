#include "device_worker.h"

#include <QMetaObject>
#include <QThread>
#include <algorithm>
#include <map>
#include <set>

#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "visit_session.h"

namespace qiaomen::mobile {
namespace {

QString Q(const std::string& s) { return QString::fromStdString(s); }
QString Msg(const core::Status& s) { return Q(s.message()); }
QString IdText(const std::string& bytes) {
  auto id = core::Uuid::FromBytes(bytes);
  return id.ok() ? Q(id->ToString()) : QString();
}

// Wrong PINs left before the keys are destroyed; -1 when the key file cannot be read.
int AttemptsLeft(const std::string& dir) {
  auto info = core::keys::InspectKeyFile(core::profile::KeyFilePath(dir));
  if (!info.ok()) return -1;
  return static_cast<int>(info->max_attempts) - static_cast<int>(info->failed_attempts);
}

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

// The sentence a person reads when enrolment failed: what happened and what to do.
QString EnrollError(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kInvalidArgument:
      return DeviceWorker::tr("服务器地址、登记码或密码的格式不对，请核对后重试。");
    case core::Code::kAlreadyExists:
      return DeviceWorker::tr("本机已经登记过，请直接输入密码解锁。");
    case core::Code::kUnauthenticated:
      return DeviceWorker::tr("登记码无效或已用过，请向乡镇工作人员重新索取。");
    case core::Code::kUnavailable:
    case core::Code::kDeadlineExceeded:
      return DeviceWorker::tr("连不上县服务器。请检查网络后再试，已填写的内容不会丢失。");
    case core::Code::kFailedPrecondition:
      return DeviceWorker::tr("这个地址不是县服务器，或安全证书不对。请核对服务器地址。");
    default:
      return DeviceWorker::tr("登记没有成功，请稍后重试。") + QStringLiteral("（") + Msg(s) +
             QStringLiteral("）");
  }
}

// The sentence for a sync run that stopped.
QString SyncError(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kUnavailable:
    case core::Code::kDeadlineExceeded:
      return DeviceWorker::tr("现在连不上县服务器。记录都保存在本机，有信号时再同步。");
    case core::Code::kUnauthenticated:
      return DeviceWorker::tr("县服务器不再认可本机，请联系乡镇工作人员重新登记。");
    case core::Code::kCancelled:
      return DeviceWorker::tr("同步已停止，未传完的下次继续。");
    default:
      return DeviceWorker::tr("同步没有完成，记录都保存在本机。") + QStringLiteral("（") + Msg(s) +
             QStringLiteral("）");
  }
}

}  // namespace

DeviceWorker::DeviceWorker(WorkerConfig config, QObject* parent)
    : QObject(parent),
      config_(std::move(config)),
      clock_(core::SystemClock()),
      key_store_(config_.key_store_dir.toStdString(), core::SecureRandom()) {}

DeviceWorker::~DeviceWorker() {
  visit_.reset();
  device_.reset();
}

void DeviceWorker::Post(std::function<void()> fn) {
  QMetaObject::invokeMethod(this, std::move(fn), Qt::QueuedConnection);
}

bool DeviceWorker::RequireDevice() {
  if (device_ != nullptr) return true;
  emit failed(tr("请先输入密码解锁。"));
  return false;
}

void DeviceWorker::Probe() {
  const std::string dir = config_.data_dir.toStdString();
  if (device_ != nullptr) {
    emit stateChanged(kReady, {}, -1);
    return;
  }
  auto info = core::keys::InspectKeyFile(core::profile::KeyFilePath(dir));
  if (info.ok()) {
    emit stateChanged(kLocked, {}, AttemptsLeft(dir));
  } else if (info.status().code() == core::Code::kNotFound) {
    emit stateChanged(kNeedsEnrolment, {}, -1);
  } else {
    emit stateChanged(kNeedsEnrolment, Msg(info.status()), -1);
  }
}

void DeviceWorker::Enroll(const QString& server_url, const QString& code, const QString& pin) {
  emit busyChanged(true);
  sync::EnrollOptions options;
  options.server_url = server_url.trimmed().toStdString();
  options.code = code.trimmed().toStdString();
  options.device_name = "qiaomen-app";
  if (config_.fast_kdf) options.keys.kdf = core::keys::KdfParams::FastForTests();
  auto device = sync::FieldDevice::Enroll(config_.data_dir.toStdString(), pin.toStdString(),
                                          options, {clock_, core::SecureRandom(), key_store_});
  emit busyChanged(false);
  if (!device.ok()) {
    emit failed(EnrollError(device.status()));
    return;
  }
  device_ = std::move(*device);
  emit stateChanged(kReady, {}, -1);
}

void DeviceWorker::Unlock(const QString& pin) {
  const std::string dir = config_.data_dir.toStdString();
  emit busyChanged(true);
  auto device =
      sync::FieldDevice::Open(dir, pin.toStdString(), {clock_, core::SecureRandom(), key_store_});
  emit busyChanged(false);
  if (device.ok()) {
    device_ = std::move(*device);
    emit stateChanged(kReady, {}, -1);
    return;
  }
  const core::Status& s = device.status();
  if (s.code() == core::Code::kUnauthenticated) {
    emit unlockFailed(Msg(s), AttemptsLeft(dir));
  } else if (s.code() == core::Code::kDataLoss || s.code() == core::Code::kNotFound) {
    emit stateChanged(
        kNeedsEnrolment,
        tr("密码错误次数过多，本机数据已按规定清除。请向乡镇工作人员索取登记码，重新登记。"), -1);
  } else {
    emit unlockFailed(Msg(s), AttemptsLeft(dir));
  }
}

void DeviceWorker::Lock() {
  visit_.reset();
  device_.reset();
  Probe();
}

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
    for (const auto& q : status->quarantined) {
      counts.refused.push_back({EntityWords(q.change.entity()), Q(q.reason), q.quarantined_at_ms});
    }
  }
  counts.has_server = device_->enrolled();
  // Open hazards and those due within 3 days, over the subjects of this device's tasks.
  // TODO(store): a hazard count query; this walks the subjects (fine for a grid's few hundred).
  const std::string today = device_->profile().CountyDate(clock_.NowMillis());
  const auto today_days = core::forms::ParseDate(today).value_or(0);
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
      auto deadline = core::forms::ParseDate(hazard.deadline());
      if (deadline && *deadline - today_days <= 3) ++counts.hazards_due_soon;
      if (owner.ok()) row.subject_name = Q(owner->name());
      open_hazards.push_back(row);
    }
  }
  // The nearest deadline first; hazards without one last.
  std::stable_sort(open_hazards.begin(), open_hazards.end(),
                   [](const HazardRow& a, const HazardRow& b) {
                     if (a.deadline.isEmpty() != b.deadline.isEmpty()) return b.deadline.isEmpty();
                     return a.deadline < b.deadline;
                   });
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
  *open = true;
  auto state = profile.store().GetHazardState(*core::Uuid::FromBytes(h.id()));
  if (state.ok()) {
    using core::domain::HazardStatusName;
    using core::domain::Language;
    row.status_zh = Q(std::string(HazardStatusName(state->status, Language::kZh)));
    row.status_en = Q(std::string(HazardStatusName(state->status, Language::kEn)));
    *open = state->is_open();
    row.overdue = state->overdue || (*open && !h.deadline().empty() && h.deadline() < today);
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

void DeviceWorker::LoadTasks(const QString& search, int filter) {
  if (!RequireDevice()) return;
  core::store::Store& store = device_->profile().store();
  std::set<std::string> draft_tasks;
  if (auto drafts = device_->profile().visits().Drafts(); drafts.ok()) {
    for (const auto& d : *drafts) draft_tasks.insert(d.visit.task_id());
  }
  QList<TaskRow> rows;
  auto grids = store.ListAdminUnitsAtLevel("grid");
  if (!grids.ok()) {
    emit failed(Msg(grids.status()));
    return;
  }
  for (const auto& grid : *grids) {
    QString village;
    const QString grid_name = GridLabel(grid.id(), &village);
    core::store::TaskQuery query;
    query.grid_id = grid.id();
    query.search = search.trimmed().toStdString();
    query.include_done = filter == 3;
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
        if (filter == 1 && (row.done || row.return_due)) continue;
        if (filter == 2 && !row.return_due) continue;
        rows.push_back(row);
      }
      if (tasks->next_page.empty()) break;
      query.page = tasks->next_page;
    }
  }
  emit tasksLoaded(rows);
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

void DeviceWorker::EmitVisit() {
  if (visit_ != nullptr) emit visitChanged(visit_->View());
}

void DeviceWorker::StartVisit(const QString& task_id) {
  if (!RequireDevice()) return;
  // A draft of this task already there is continued, not doubled.
  if (auto drafts = device_->profile().visits().Drafts(); drafts.ok()) {
    for (const auto& d : *drafts) {
      if (IdText(d.visit.task_id()) == task_id) {
        ResumeVisit(IdText(d.visit.id()));
        return;
      }
    }
  }
  auto visit = VisitSession::Start(device_->profile(), clock_, task_id);
  if (!visit.ok()) {
    emit failed(Msg(visit.status()));
    return;
  }
  visit_ = std::move(*visit);
  EmitVisit();
}

void DeviceWorker::ResumeVisit(const QString& draft_id) {
  if (!RequireDevice()) return;
  auto visit = VisitSession::Resume(device_->profile(), clock_, draft_id);
  if (!visit.ok()) {
    emit failed(Msg(visit.status()));
    return;
  }
  visit_ = std::move(*visit);
  EmitVisit();
}

void DeviceWorker::SetOutcome(int outcome) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->SetOutcome(outcome); !s.ok()) emit failed(Msg(s));
  EmitVisit();
}

void DeviceWorker::SetAnswer(const QString& item_id, const QVariant& value) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->SetAnswer(item_id, value); !s.ok()) emit visitProblem(item_id, Msg(s));
  EmitVisit();
}

void DeviceWorker::AddPhoto(const QString& item_id, const QString& path) {
  if (visit_ == nullptr) return;
  emit busyChanged(true);
  core::Status s = visit_->AddPhoto(item_id, path);
  emit busyChanged(false);
  if (!s.ok()) emit visitProblem(item_id, Msg(s));
  EmitVisit();
}

void DeviceWorker::RemovePhoto(const QString& photo_id) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->RemovePhoto(photo_id); !s.ok()) emit failed(Msg(s));
  EmitVisit();
}

void DeviceWorker::FinishVisit() {
  if (visit_ == nullptr) return;
  emit busyChanged(true);
  QString first;
  auto recorded = visit_->Finish(&first);
  emit busyChanged(false);
  if (!recorded.ok()) {
    EmitVisit();
    if (!first.isEmpty()) {
      emit visitProblem(first, tr("还有未完成的检查项，请按红色提示补全。"));
    } else {
      emit failed(Msg(recorded.status()));
    }
    return;
  }
  const bool closed = recorded->visit.outcome() != v1::NOBODY_HOME;
  const QString message = recorded->hazards.empty()
                              ? tr("已保存，待上传。")
                              : tr("已保存，发现 %n 处隐患，已下达限期整改。", nullptr,
                                   static_cast<int>(recorded->hazards.size()));
  visit_.reset();
  emit visitFinished(message, closed);
}

void DeviceWorker::DiscardVisit() {
  if (visit_ == nullptr) return;
  if (auto s = visit_->Discard(); !s.ok()) emit failed(Msg(s));
  visit_.reset();
  emit visitClosed();
}

void DeviceWorker::CloseVisit() {
  visit_.reset();
  emit visitClosed();
}

void DeviceWorker::Sync() {
  if (!RequireDevice()) return;
  SyncView view;
  if (!device_->enrolled()) {
    view.message = tr("这台手机还没有设置县服务器，无法同步。请先登记。");
    emit syncFinished(view);
    return;
  }
  emit busyChanged(true);
  syncing_ = device_.get();
  auto result = device_->Sync({}, [this](const sync::SyncProgress& p) {
    double fraction = 0;
    if (p.phase == sync::SyncProgress::Phase::kPhotos && p.bytes_total > 0) {
      fraction = 0.5 + 0.5 * static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total);
    } else if (p.records_total > 0) {
      fraction = 0.5 * static_cast<double>(p.records_done) / static_cast<double>(p.records_total);
    }
    if (p.phase == sync::SyncProgress::Phase::kDone) fraction = 1;
    emit syncProgress(fraction, Q(p.message));
  });
  syncing_ = nullptr;
  emit busyChanged(false);
  view.ok = result.status.ok();
  view.message = view.ok ? tr("同步完成。") : SyncError(result.status);
  view.pushed = result.report.changes_pushed;
  view.pulled = result.report.changes_pulled;
  view.photos = result.report.photos_uploaded;
  emit syncFinished(view);
}

void DeviceWorker::CancelSync() {
  if (sync::FieldDevice* device = syncing_.load(); device != nullptr) device->CancelSync();
}

}  // namespace qiaomen::mobile
