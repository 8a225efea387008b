#include <QDateTime>
#include <QFile>
#include <QLocale>
#include <QUrl>

#include "app_controller.h"
#include "app_info.h"
#include "hazard_steps.h"
#include "qiaomen/v1/records.pb.h"

// The controller's hazard side: a hazard's detail page and the steps recorded on it. The worker
// does the reading and recording; this file turns its values into what QML binds to.

namespace qiaomen::mobile {
namespace {

QString LocalPath(const QString& file) {
  const QUrl url(file);
  return url.isLocalFile() ? url.toLocalFile() : file;
}

}  // namespace

void AppController::ConnectHazards() {
  connect(worker_, &DeviceWorker::hazardLoaded, this, &AppController::OnHazard);
  connect(worker_, &DeviceWorker::hazardStepRecorded, this,
          [this](const QString& message, const QString&) {
            refresh();  // the lists, the counts and the tasks' hazard badges
            emit hazardStepRecorded(message);
            scheduler_.HazardStepRecorded();  // after the reloads, as for a finished visit
          });
  connect(worker_, &DeviceWorker::hazardStepFailed, this, &AppController::hazardStepFailed);
}

void AppController::openHazard(const QString& hazard_id) {
  DeviceWorker* w = worker_;
  worker_->Post([w, hazard_id] { w->LoadHazard(hazard_id); });
}

void AppController::OnHazard(const HazardDetailView& v) {
  const HazardRow& r = v.row;
  QVariantList photos;
  for (const HazardPhotoRow& p : v.photos) {
    photos.push_back(QVariantMap{{QStringLiteral("photoId"), p.id},
                                 {QStringLiteral("after"), p.after},
                                 {QStringLiteral("at"), countyTimeText(p.at_county)}});
  }
  hazard_ = {{QStringLiteral("hazardId"), r.id},
             {QStringLiteral("titleZh"), r.title_zh},
             {QStringLiteral("titleEn"), r.title_en},
             {QStringLiteral("categoryZh"), v.category_zh},
             {QStringLiteral("categoryEn"), v.category_en},
             {QStringLiteral("major"), r.major},
             {QStringLiteral("deadline"), r.deadline},
             {QStringLiteral("deadlineDays"), r.deadline_days},
             {QStringLiteral("statusZh"), r.status_zh},
             {QStringLiteral("statusEn"), r.status_en},
             {QStringLiteral("statusCode"), v.status_code},
             {QStringLiteral("overdue"), r.overdue},
             {QStringLiteral("dueSoon"), r.due_soon},
             {QStringLiteral("subjectId"), r.subject_id},
             {QStringLiteral("subjectName"), r.subject_name},
             {QStringLiteral("subjectAddress"), r.subject_address},
             {QStringLiteral("legalBasisZh"), v.legal_basis_zh},
             {QStringLiteral("legalBasisEn"), v.legal_basis_en},
             {QStringLiteral("description"), v.description},
             {QStringLiteral("photos"), photos},
             {QStringLiteral("mayReinspect"), HazardSteps::MayReinspect(v.role)},
             {QStringLiteral("recheckNote"), HazardSteps::ReinspectNotAllowed()}};
  QList<QVariantMap> events;
  for (const HazardEventRow& e : v.events) {
    events.push_back({{QStringLiteral("eventId"), e.id},
                      {QStringLiteral("kind"), e.kind},
                      {QStringLiteral("passed"), e.passed},
                      {QStringLiteral("at"), countyTimeText(e.at_county)},
                      {QStringLiteral("actor"), e.actor},
                      {QStringLiteral("note"), e.note},
                      {QStringLiteral("photos"), e.photos},
                      {QStringLiteral("ignored"), !e.ignored_reason.isEmpty()}});
  }
  hazard_events_.SetRows(events);
  emit hazardChanged();
}

void AppController::PostHazardStep(int kind, bool passed, const QString& note, const QString& file,
                                   bool captured) {
  const QString hazard_id = hazard_.value(QStringLiteral("hazardId")).toString();
  const QString path = file.isEmpty() ? QString() : LocalPath(file);
  if (hazard_id.isEmpty()) {
    if (captured) discardCapture(path);
    return;
  }
  DeviceWorker* w = worker_;
  worker_->Post([w, hazard_id, kind, passed, note, path, captured] {
    w->RecordHazardStep(hazard_id, kind, passed, note, path, captured);
  });
}

void AppController::recordRectification(const QString& note, const QString& file, bool captured) {
  PostHazardStep(v1::RECTIFIED, true, note, file, captured);
}

void AppController::recordRecheck(bool passed, const QString& note) {
  PostHazardStep(v1::REINSPECTED, passed, note, QString(), false);
}

void AppController::discardCapture(const QString& file) {
  // Only the private capture folder's files: a picked picture is the worker's own.
  const QString path = LocalPath(file);
  if (path.isEmpty() || !path.startsWith(capture_dir_ + QLatin1Char('/'))) return;
  worker_->Post([path] { QFile::remove(path); });
}

QString AppController::countyTimeText(const QString& county_time) const {
  const QDateTime at = QDateTime::fromString(county_time, QStringLiteral("yyyy-MM-dd HH:mm"));
  if (!at.isValid()) return county_time;
  const QDate today =
      QDate::fromString(counts_.value(QStringLiteral("today")).toString(), Qt::ISODate);
  const bool this_year = !today.isValid() || today.year() == at.date().year();
  const QString hm = at.toString(QStringLiteral("HH:mm"));
  if (!AppInfo::ShowsChinese()) {
    return QLocale(QLocale::English)
               .toString(at.date(),
                         this_year ? QStringLiteral("d MMM ") : QStringLiteral("d MMM yyyy ")) +
           hm;
  }
  const QString day = QStringLiteral("%1月%2日 ").arg(at.date().month()).arg(at.date().day());
  return (this_year ? QString() : QStringLiteral("%1年").arg(at.date().year())) + day + hm;
}

}  // namespace qiaomen::mobile
