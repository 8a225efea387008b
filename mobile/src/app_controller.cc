#include "app_controller.h"

#include <QCameraDevice>
#include <QDate>
#include <QDateTime>
#include <QDir>
#include <QJSEngine>
#include <QMediaDevices>
#include <QQmlEngine>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTimeZone>
#include <QUrl>
#include <QUuid>
#include <algorithm>

#include "app_info.h"
#include "household_edit.h"
#include "refused_words.h"

namespace qiaomen::mobile {
namespace {

WorkerConfig& StaticConfig() {
  static WorkerConfig config;
  return config;
}

QStringList& StaticEnrolPrefill() {
  static QStringList prefill{QString(), QString()};
  return prefill;
}

PositionSourceFactory& StaticPositionSource() {
  static PositionSourceFactory factory = DefaultPositionSource();
  return factory;
}

void RegisterTypes() {
  qRegisterMetaType<GeoFix>();
  qRegisterMetaType<TaskRow>();
  qRegisterMetaType<TaskGroup>();
  qRegisterMetaType<HouseholdEdit>();
  qRegisterMetaType<QList<TaskGroup>>();
  qRegisterMetaType<HomeCounts>();
  qRegisterMetaType<HazardRow>();
  qRegisterMetaType<ChecklistRow>();
  qRegisterMetaType<VisitView>();
  qRegisterMetaType<DraftRow>();
  qRegisterMetaType<HouseholdView>();
  qRegisterMetaType<SyncView>();
  qRegisterMetaType<HazardDetailView>();
  qRegisterMetaType<QList<TaskRow>>();
  qRegisterMetaType<QList<DraftRow>>();
  qRegisterMetaType<QList<HazardRow>>();
}

bool Chinese() { return AppInfo::ShowsChinese(); }

}  // namespace

void AppController::SetDefaultConfig(const WorkerConfig& config) { StaticConfig() = config; }

WorkerConfig AppController::DefaultConfig() {
  WorkerConfig config = StaticConfig();
  if (config.data_dir.isEmpty()) {
    const QString env = qEnvironmentVariable("QIAOMEN_DATA_DIR");
    const QString base =
        env.isEmpty() ? QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) : env;
    config.data_dir = base + QStringLiteral("/profile");
    config.key_store_dir = base + QStringLiteral("/keystore");
    config.capture_dir = base + QStringLiteral("/capture");
  }
  return config;
}

void AppController::SetDefaultPositionSource(PositionSourceFactory factory) {
  StaticPositionSource() = std::move(factory);
}

void AppController::SetEnrolPrefill(const QString& server_url, const QString& code) {
  StaticEnrolPrefill() = QStringList{server_url, code};
}

AppController* AppController::create(QQmlEngine* qml_engine, QJSEngine* js_engine) {
  Q_UNUSED(js_engine);
  auto* controller = new AppController(DefaultConfig());  // the engine owns it (JS ownership)
  // The hazard photos of this engine's screens come from this controller's worker.
  qml_engine->addImageProvider(QLatin1String(HazardPhotoProvider::kName),
                               new HazardPhotoProvider(controller->photo_link_));
  return controller;
}

AppController::AppController(WorkerConfig config, QObject* parent)
    : AppController(std::move(config), StaticPositionSource(), parent) {}

AppController::AppController(WorkerConfig config, PositionSourceFactory position, QObject* parent)
    : QObject(parent),
      capture_dir_(CaptureDir(config)),
      export_dir_(config.export_dir),
      enrol_server_(StaticEnrolPrefill().at(0)),
      enrol_code_(StaticEnrolPrefill().at(1)),
      position_(std::move(position)),
      worker_(new DeviceWorker(std::move(config))),
      photo_link_(std::make_shared<WorkerLink>(worker_)),
      drafts_({"draftId", "subjectName", "updatedAt"}),
      hazard_events_({"eventId", "kind", "passed", "at", "actor", "note", "photos", "ignored"}),
      visit_history_({"visitId", "outcome", "finishedAt", "hazards"}),
      refused_({"what", "why", "todo", "reason", "at"}) {
  RegisterTypes();
  thread_.setObjectName(QStringLiteral("device"));
  worker_->moveToThread(&thread_);
  connect(&thread_, &QThread::finished, worker_, &QObject::deleteLater);
  connect(worker_, &DeviceWorker::stateChanged, this, &AppController::OnState);
  connect(worker_, &DeviceWorker::busyChanged, this, [this](bool busy) {
    busy_ += busy ? 1 : -1;
    emit busyChanged();
  });
  connect(worker_, &DeviceWorker::failed, this, &AppController::SetMessage);
  connect(worker_, &DeviceWorker::unlockFailed, this, [this](const QString& m, int left) {
    attempts_left_ = left;
    emit stateChanged();
    SetMessage(m);
  });
  connect(worker_, &DeviceWorker::enrolLinkRead, this,
          [this](const QString& server, const QString& code, const QString& key_pin) {
            enrol_server_ = server;
            enrol_code_ = code;
            enrol_pin_ = key_pin;
            emit enrolChanged();
          });
  connect(worker_, &DeviceWorker::enrolScanFailed, this, &AppController::SetMessage);
  connect(worker_, &DeviceWorker::homeLoaded, this, &AppController::OnHome);
  connect(worker_, &DeviceWorker::hazardsLoaded, this, [this](const QList<HazardRow>& rows) {
    open_hazards_.SetRows(rows);
    hazard_board_.SetRows(rows);
  });
  ConnectHazards();
  connect(worker_, &DeviceWorker::tasksLoaded, this,
          [this](const QList<TaskRow>& rows, const QList<TaskGroup>& groups) {
            tasks_.SetRows(rows, groups);
            emit tasksLoaded();
          });
  connect(worker_, &DeviceWorker::householdSaved, this, [this](const QString& m) {
    openHousehold(household_.value(QStringLiteral("subjectId")).toString(),
                  household_.value(QStringLiteral("taskId")).toString());
    ReloadTasks();
    emit householdSaved(m);
  });
  connect(worker_, &DeviceWorker::householdEditFailed, this,
          [this](const QString& m) { emit householdEditProblem(QString(), m); });
  connect(worker_, &DeviceWorker::householdLoaded, this, &AppController::OnHousehold);
  connect(worker_, &DeviceWorker::visitChanged, this, &AppController::OnVisit);
  connect(worker_, &DeviceWorker::visitProblem, this, &AppController::visitProblem);
  connect(&position_, &PositionTracker::changed, this, &AppController::locationChanged);
  connect(this, &AppController::visitChanged, this, &AppController::locationChanged);
  connect(worker_, &DeviceWorker::visitFinished, this, [this](const QString& m, bool closed) {
    position_.Stop();
    visit_.clear();
    emit visitChanged();
    emit visitFinished(m, closed);
    refresh();
    // After the reloads: the device's thread runs them before the sync it queues next.
    scheduler_.VisitFinished();
  });
  connect(worker_, &DeviceWorker::visitClosed, this, [this] {
    position_.Stop();
    visit_.clear();
    emit visitChanged();
    refresh();
  });
  connect(worker_, &DeviceWorker::syncProgress, this, &AppController::ShowSyncProgress);
  connect(worker_, &DeviceWorker::syncFinished, this, &AppController::OnSync);
  connect(worker_, &DeviceWorker::settingsDone, this, &AppController::settingsDone);
  connect(worker_, &DeviceWorker::settingsFailed, this, &AppController::settingsFailed);
  connect(&scheduler_, &SyncScheduler::startSync, this, &AppController::sync);
  connect(&scheduler_, &SyncScheduler::onlineChanged, this, &AppController::syncChanged);
  connect(this, &AppController::visitChanged, this,
          [this] { scheduler_.SetVisitOpen(visitActive()); });
  SetNetworkMonitor(MakeDefaultNetworkMonitor());
  thread_.start();
  DeviceWorker* w = worker_;
  worker_->Post([w] { w->Probe(); });
}

AppController::~AppController() {
  photo_link_->Detach();
  worker_->CancelSync();
  thread_.quit();
  thread_.wait();
}

void AppController::SetMessage(const QString& message) {
  message_ = message;
  emit messageChanged();
}

void AppController::clearMessage() { SetMessage({}); }

void AppController::OnState(int state, const QString& message, int attempts_left) {
  state_ = static_cast<State>(state);
  if (state_ != Ready) scheduler_.SetReady(false);
  attempts_left_ = attempts_left;
  emit stateChanged();
  SetMessage(message);
  if (state_ == Ready) refresh();
}

void AppController::enroll(const QString& server_url, const QString& code, const QString& pin,
                           const QString& pin_again) {
  if (server_url.trimmed().isEmpty() || code.trimmed().isEmpty()) {
    SetMessage(tr("请填写县服务器地址和登记码（向乡镇工作人员索取）。"));
    return;
  }
  static const QRegularExpression kSixDigits(QStringLiteral("^[0-9]{6}$"));
  if (!kSixDigits.match(pin).hasMatch()) {
    SetMessage(tr("密码须为 6 位数字。"));
    return;
  }
  if (pin != pin_again) {
    SetMessage(tr("两次输入的密码不一致，请重新输入。"));
    return;
  }
  SetMessage({});
  // The QR code's pin belongs to the server it named: not to an address typed over it.
  const QString key_pin = server_url.trimmed() == enrol_server_ ? enrol_pin_ : QString();
  DeviceWorker* w = worker_;
  worker_->Post([w, server_url, code, pin, key_pin] { w->Enroll(server_url, code, pin, key_pin); });
}

void AppController::enrolFromPhoto(const QString& file) {
  SetMessage({});
  DeviceWorker* w = worker_;
  worker_->Post([w, file] { w->ReadEnrolPhoto(file); });
}

void AppController::unlock(const QString& pin) {
  SetMessage({});
  DeviceWorker* w = worker_;
  worker_->Post([w, pin] { w->Unlock(pin); });
}

void AppController::lock() {
  DeviceWorker* w = worker_;
  worker_->Post([w] { w->Lock(); });
}

void AppController::refresh() {
  DeviceWorker* w = worker_;
  worker_->Post([w] { w->LoadHome(); });
  ReloadTasks();
}

void AppController::ReloadTasks() {
  DeviceWorker* w = worker_;
  const QString search = search_;
  const int filter = filter_;
  worker_->Post([w, search, filter] { w->LoadTasks(search, filter); });
}

void AppController::setSearch(const QString& search) {
  if (search == search_) return;
  search_ = search;
  emit filterChanged();
  ReloadTasks();
}

void AppController::setFilter(int filter) {
  if (filter == filter_) return;
  filter_ = filter;
  emit filterChanged();
  ReloadTasks();
}

void AppController::OnHome(const HomeCounts& c, const QList<DraftRow>& drafts) {
  counts_ = {{QStringLiteral("total"), c.total},
             {QStringLiteral("visited"), c.visited},
             {QStringLiteral("remaining"), c.remaining},
             {QStringLiteral("returnVisits"), c.return_visits},
             {QStringLiteral("hazardsOpen"), c.hazards_open},
             {QStringLiteral("hazardsDueSoon"), c.hazards_due_soon},
             {QStringLiteral("pendingChanges"), c.pending_changes},
             {QStringLiteral("pendingPhotos"), c.pending_photos},
             {QStringLiteral("drafts"), c.drafts},
             {QStringLiteral("lastSync"), c.last_sync_ms},
             {QStringLiteral("hasServer"), c.has_server},
             {QStringLiteral("serverUrl"), c.server_url},
             {QStringLiteral("today"), c.today}};
  QList<QVariantMap> rows;
  for (const DraftRow& d : drafts) {
    rows.push_back({{QStringLiteral("draftId"), d.draft_id},
                    {QStringLiteral("subjectName"), d.subject_name},
                    {QStringLiteral("updatedAt"), d.updated_at_ms}});
  }
  drafts_.SetRows(rows);
  QList<QVariantMap> refused;
  for (const RefusedRow& r : c.refused) {
    const RefusedWords words = WordsForRefusal(r.code);
    refused.push_back({{QStringLiteral("what"), r.what},
                       {QStringLiteral("why"), words.why},
                       {QStringLiteral("todo"), words.todo},
                       {QStringLiteral("reason"), r.reason},
                       {QStringLiteral("at"), r.at_ms}});
  }
  refused_.SetRows(refused);
  scheduler_.SetReady(state_ == Ready && c.has_server);
  if (network_ != nullptr) network_->SetServer(QUrl(c.server_url));
  emit homeChanged();
  emit syncChanged();  // the banner counts what waits
}

void AppController::openHousehold(const QString& subject_id, const QString& task_id) {
  DeviceWorker* w = worker_;
  worker_->Post([w, subject_id, task_id] { w->LoadHousehold(subject_id, task_id); });
}

void AppController::OnHousehold(const HouseholdView& v) {
  household_ = {{QStringLiteral("subjectId"), v.subject_id},
                {QStringLiteral("taskId"), v.task_id},
                {QStringLiteral("name"), v.name},
                {QStringLiteral("address"), v.address},
                {QStringLiteral("phone"), v.phone},
                {QStringLiteral("members"), v.members},
                {QStringLiteral("tags"), v.tags},
                {QStringLiteral("note"), v.note},
                {QStringLiteral("grid"), v.grid}};
  QList<QVariantMap> visits;
  for (const VisitRow& r : v.visits) {
    visits.push_back({{QStringLiteral("visitId"), r.id},
                      {QStringLiteral("outcome"), r.outcome},
                      {QStringLiteral("finishedAt"), r.finished_at_ms},
                      {QStringLiteral("hazards"), r.hazards}});
  }
  visit_history_.SetRows(visits);
  household_hazards_.SetRows(v.hazards);
  emit householdChanged();
}

void AppController::saveHousehold(const QString& phone, const QString& members,
                                  const QStringList& tags) {
  const QString subject_id = household_.value(QStringLiteral("subjectId")).toString();
  if (subject_id.isEmpty()) return;
  const HouseholdEditCheck check = CheckHouseholdEdit(phone, members, tags);
  if (!check.ok) {
    emit householdEditProblem(check.field == HouseholdField::kPhone     ? QStringLiteral("phone")
                              : check.field == HouseholdField::kMembers ? QStringLiteral("members")
                                                                        : QString(),
                              check.message);
    return;
  }
  DeviceWorker* w = worker_;
  const HouseholdEdit edit = check.edit;
  worker_->Post([w, subject_id, edit] { w->EditHousehold(subject_id, edit); });
}

void AppController::startVisit(const QString& task_id) {
  DeviceWorker* w = worker_;
  worker_->Post([w, task_id] { w->StartVisit(task_id); });
}

void AppController::resumeVisit(const QString& draft_id) {
  DeviceWorker* w = worker_;
  worker_->Post([w, draft_id] { w->ResumeVisit(draft_id); });
}

void AppController::setOutcome(int outcome) {
  DeviceWorker* w = worker_;
  worker_->Post([w, outcome] { w->SetOutcome(outcome); });
}

void AppController::setAnswer(const QString& item_id, const QVariant& value) {
  DeviceWorker* w = worker_;
  // A JS array arrives as a QJSValue-backed list: flatten it to plain strings for the worker.
  QVariant plain = value.canConvert<QStringList>() && value.typeId() != QMetaType::QString
                       ? QVariant(value.toStringList())
                       : value;
  if (value.typeId() == QMetaType::Int || value.typeId() == QMetaType::Double ||
      value.typeId() == QMetaType::LongLong) {
    plain = value.toString();
  }
  worker_->Post([w, item_id, plain] { w->SetAnswer(item_id, plain); });
}

void AppController::setRefusal(int reason, const QString& note, bool escalate) {
  DeviceWorker* w = worker_;
  worker_->Post([w, reason, note, escalate] { w->SetRefusal(reason, note, escalate); });
}

void AppController::setEducation(const QStringList& codes) {
  DeviceWorker* w = worker_;
  worker_->Post([w, codes] { w->SetEducation(codes); });
}

void AppController::setNoticeDelivered(bool delivered) {
  DeviceWorker* w = worker_;
  worker_->Post([w, delivered] { w->SetNoticeDelivered(delivered); });
}

void AppController::PostPhoto(const QString& item_id, const QString& file, bool captured) {
  const QUrl url(file);
  const QString path = url.isLocalFile() ? url.toLocalFile() : file;
  DeviceWorker* w = worker_;
  const GeoFix fix = position_.Fix();
  worker_->Post([w, item_id, path, captured, fix] { w->AddPhoto(item_id, path, captured, fix); });
}

void AppController::addPhoto(const QString& item_id, const QString& file) {
  PostPhoto(item_id, file, false);
}

void AppController::addCapturedPhoto(const QString& item_id, const QString& file) {
  PostPhoto(item_id, file, true);
}

QString AppController::newCapturePath() const {
  QDir().mkpath(capture_dir_);
  return capture_dir_ + QLatin1Char('/') + QUuid::createUuid().toString(QUuid::WithoutBraces) +
         QStringLiteral(".jpg");
}

bool AppController::cameraAvailable() const { return !QMediaDevices::videoInputs().isEmpty(); }

QString AppController::locationText() const {
  if (visit_.isEmpty()) return {};
  const GeoFix fix = position_.Fix();
  if (!fix.valid && position_.Available()) return tr("正在定位…（定不到位置也能照常保存）");
  if (!fix.valid) return tr("未能定位：本次检查将不带位置保存。");
  if (fix.accuracy_m <= 0) return tr("已定位");
  return tr("已定位，误差约 %1 米").arg(static_cast<int>(fix.accuracy_m + 0.5F));
}

void AppController::removePhoto(const QString& photo_id) {
  DeviceWorker* w = worker_;
  worker_->Post([w, photo_id] { w->RemovePhoto(photo_id); });
}

void AppController::finishVisit() {
  DeviceWorker* w = worker_;
  const GeoFix fix = position_.Fix();
  worker_->Post([w, fix] { w->FinishVisit(fix); });
}

void AppController::discardVisit() {
  DeviceWorker* w = worker_;
  worker_->Post([w] { w->DiscardVisit(); });
}

void AppController::closeVisit() {
  DeviceWorker* w = worker_;
  worker_->Post([w] { w->CloseVisit(); });
}

void AppController::OnVisit(const VisitView& v) {
  if (visit_.isEmpty()) position_.Start();  // a visit opened: where is it?
  visit_ = {{QStringLiteral("draftId"), v.draft_id},
            {QStringLiteral("taskId"), v.task_id},
            {QStringLiteral("subjectId"), v.subject_id},
            {QStringLiteral("subjectName"), v.subject_name},
            {QStringLiteral("address"), v.address},
            {QStringLiteral("titleZh"), v.title_zh},
            {QStringLiteral("titleEn"), v.title_en},
            {QStringLiteral("outcome"), v.outcome},
            {QStringLiteral("answered"), v.answered},
            {QStringLiteral("visible"), v.visible},
            {QStringLiteral("sections"), v.sections},
            {QStringLiteral("complete"), v.complete},
            {QStringLiteral("refusalReason"), v.refusal_reason},
            {QStringLiteral("refusalNote"), v.refusal_note},
            {QStringLiteral("escalated"), v.escalated},
            {QStringLiteral("education"), v.education},
            {QStringLiteral("noticeDelivered"), v.notice_delivered},
            {QStringLiteral("noticePhoto"), v.notice_photo},
            {QStringLiteral("fixedOnSite"), v.fixed_on_site}};
  checklist_.SetRows(v.items);
  visit_hazards_.SetRows(v.hazards);
  emit visitChanged();
}

void AppController::sync() {
  if (syncing_) return;
  syncing_ = true;
  scheduler_.SetSyncing(true);
  emit syncStarted();
  sync_fraction_ = 0;
  sync_message_ = tr("正在同步…");
  sync_eta_.clear();
  emit syncChanged();
  DeviceWorker* w = worker_;
  worker_->Post([w] { w->Sync(); });
}

void AppController::cancelSync() { worker_->CancelSync(); }

void AppController::changePin(const QString& old_pin, const QString& new_pin,
                              const QString& new_pin_again) {
  static const QRegularExpression kSixDigits(QStringLiteral("^[0-9]{6}$"));
  if (!kSixDigits.match(new_pin).hasMatch()) {
    emit settingsFailed(tr("新密码须为 6 位数字。"));
    return;
  }
  if (new_pin != new_pin_again) {
    emit settingsFailed(tr("两次输入的新密码不一致，请重新输入。"));
    return;
  }
  DeviceWorker* w = worker_;
  worker_->Post([w, old_pin, new_pin] { w->ChangePin(old_pin, new_pin); });
}

QString AppController::exportFolder() const {
  if (!export_dir_.isEmpty()) return export_dir_;
  return QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
         QStringLiteral("/qiaomen");
}

void AppController::exportBundle() {
  DeviceWorker* w = worker_;
  const QString folder = exportFolder();
  worker_->Post([w, folder] { w->ExportBundle(folder); });
}

void AppController::leaveDevice(const QString& pin) {
  DeviceWorker* w = worker_;
  worker_->Post([w, pin] { w->LeaveDevice(pin); });
}

void AppController::ShowSyncProgress(double fraction, const QString& message, qint64 eta_ms) {
  syncing_ = true;
  sync_fraction_ = fraction;
  if (!message.isEmpty()) sync_message_ = message;
  sync_eta_ = fraction < 1 ? EtaText(eta_ms) : QString();
  emit syncChanged();
}

void AppController::SetNetworkMonitor(std::unique_ptr<NetworkMonitor> network) {
  scheduler_.SetNetwork(network.get());
  network_ = std::move(network);
  if (network_ != nullptr) {
    network_->SetServer(QUrl(counts_.value(QStringLiteral("serverUrl")).toString()));
  }
  emit syncChanged();
}

AppController::SyncState AppController::syncState() const {
  if (syncing_) return Syncing;
  if (!online()) return Offline;
  if (refused_.rowCount() > 0) return RefusedChanges;
  if (counts_.value(QStringLiteral("lastSync")).toLongLong() > 0) return Synced;
  return NeverSynced;
}

QString AppController::syncBanner() const {
  const qint64 pending = counts_.value(QStringLiteral("pendingChanges")).toLongLong();
  const qint64 last = counts_.value(QStringLiteral("lastSync")).toLongLong();
  const QString waiting = pending > 0 ? tr("%1 条待上传").arg(pending) : QString();
  const QString synced_at = last > 0 ? tr("已同步 %1").arg(timeText(last)) : tr("尚未同步");
  const auto join = [](QStringList parts) {
    parts.removeAll(QString());
    return parts.join(QStringLiteral(" · "));
  };
  switch (syncState()) {
    case Syncing:
      return tr("正在同步 %1%").arg(static_cast<int>(sync_fraction_ * 100));
    case Offline:
      return join({tr("离线"), waiting});
    case RefusedChanges:
      return join({tr("%1 条被拒收").arg(refused_.rowCount()), synced_at, waiting});
    case Synced:
    case NeverSynced:
      return join({synced_at, waiting});
  }
  return synced_at;
}

QString AppController::EtaText(qint64 eta_ms) {
  if (eta_ms < 0) return {};
  const qint64 seconds = (eta_ms + 999) / 1000;
  if (seconds < 60) return tr("预计还需 %1 秒").arg(std::max<qint64>(seconds, 1));
  if (seconds < 3600) return tr("预计还需 %1 分 %2 秒").arg(seconds / 60).arg(seconds % 60);
  return tr("预计还需 %1 小时 %2 分").arg(seconds / 3600).arg(seconds % 3600 / 60);
}

void AppController::OnSync(const SyncView& v) {
  syncing_ = false;
  scheduler_.SyncFinished(v.unreachable);
  sync_eta_.clear();
  sync_fraction_ = v.ok ? 1 : sync_fraction_;
  sync_message_ = v.message;
  emit syncChanged();
  refresh();
}

QString AppController::dayText(const QString& date) const {
  QDate day = QDate::fromString(
      date.isEmpty() ? counts_.value(QStringLiteral("today")).toString() : date, Qt::ISODate);
  if (!day.isValid()) day = QDate::currentDate();
  if (!Chinese()) return QLocale(QLocale::English).toString(day, QStringLiteral("ddd d MMM"));
  static const char* const kWeek[] = {"一", "二", "三", "四", "五", "六", "日"};
  return QStringLiteral("%1月%2日 周%3")
      .arg(day.month())
      .arg(day.day())
      .arg(QString::fromUtf8(kWeek[day.dayOfWeek() - 1]));
}

QString AppController::timeText(qint64 ms) const {
  if (ms <= 0) return tr("从未");
  const QDateTime at =
      QDateTime::fromMSecsSinceEpoch(ms, QTimeZone(QByteArrayLiteral("Asia/Shanghai")));
  const QString today = counts_.value(QStringLiteral("today")).toString();
  const QString hm = at.toString(QStringLiteral("HH:mm"));
  if (at.date().toString(Qt::ISODate) == today) return hm;
  if (!Chinese())
    return QLocale(QLocale::English).toString(at.date(), QStringLiteral("d MMM ")) + hm;
  return QStringLiteral("%1月%2日 %3").arg(at.date().month()).arg(at.date().day()).arg(hm);
}

int AppController::daysUntil(const QString& date) const {
  const QDate today =
      QDate::fromString(counts_.value(QStringLiteral("today")).toString(), Qt::ISODate);
  const QDate day = QDate::fromString(date, Qt::ISODate);
  if (!today.isValid() || !day.isValid()) return 0;
  return static_cast<int>(today.daysTo(day));
}

}  // namespace qiaomen::mobile
