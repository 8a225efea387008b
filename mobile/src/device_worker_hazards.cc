#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QImage>
#include <QTemporaryFile>
#include <QTimeZone>
#include <algorithm>

#include "device_worker.h"
#include "evidence_photo.h"
#include "hazard_steps.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/uuid.h"
#include "qt_text.h"

// The hazard side of the device worker: a hazard's detail (events, photos), the steps of its
// life recorded through Profile::RecordHazardStep (as `qiaomen hazard update` does), and photos
// decrypted in memory for the image provider. Runs on the worker's thread like the rest of
// DeviceWorker.

namespace qiaomen::mobile {
namespace {

core::Result<core::Uuid> ParseId(const QString& text) {
  return core::Uuid::Parse(text.trimmed().toStdString());
}

QString StatusCode(const core::domain::HazardState& state) {
  return Q(std::string(core::domain::HazardStatusCode(state.status)));
}

}  // namespace

QString DeviceWorker::Role() const {
  return device_->enrolled() ? Q(device_->config().role) : config_.role_without_server;
}

void DeviceWorker::LoadHazard(const QString& hazard_id) {
  if (!RequireDevice()) return;
  core::profile::Profile& profile = device_->profile();
  core::store::Store& store = profile.store();
  auto id = ParseId(hazard_id);
  if (!id.ok()) {
    emit failed(Msg(id.status()));
    return;
  }
  auto hazard = store.GetHazard(*id);
  if (!hazard.ok()) {
    emit failed(tr("本机上找不到这处隐患，请同步后再看。"));
    return;
  }
  const base::TimeZone& zone = profile.county_time_zone();
  HazardDetailView view;
  bool open = true;
  view.row = HazardRowOf(*hazard, profile.CountyDate(clock_.NowMillis()), &open);
  if (auto owner = store.GetSubject(*core::Uuid::FromBytes(hazard->subject_id())); owner.ok()) {
    view.row.subject_name = Q(owner->name());
    view.row.subject_address = Q(owner->address());
  }
  const auto category = core::domain::HazardCategoryLabel(hazard->category());
  view.category_zh = Q(std::string(category.zh));
  view.category_en = Q(std::string(category.en));
  view.description = Q(hazard->description());
  view.legal_basis_zh = view.legal_basis_en = Q(hazard->legal_basis());
  std::string photo_item;
  if (auto tpl = profile.checklists().Latest(hazard->template_id()); tpl.ok()) {
    for (const auto& rule : tpl->proto().hazard_rules()) {
      if (rule.id() != hazard->rule_id()) continue;
      photo_item = rule.photo_item();
      if (view.legal_basis_zh.isEmpty()) {
        view.legal_basis_zh = Q(rule.legal_basis().zh());
        view.legal_basis_en = Q(rule.legal_basis().en());
      }
    }
  }
  core::domain::HazardState state;
  if (auto s = store.GetHazardState(*id); s.ok()) state = *s;
  view.status_code = StatusCode(state);
  // The finding's proof: the photos of the rule's photo item in the visit that found it.
  if (auto visit = core::Uuid::FromBytes(hazard->visit_id()); visit.ok() && !photo_item.empty()) {
    if (auto photos = store.ListPhotos(*visit); photos.ok()) {
      for (const auto& p : *photos) {
        if (p.item_id() != photo_item) continue;
        view.photos.push_back(
            {IdText(p.id()), false, Q(base::CountyDateTime(p.taken_at_ms(), zone))});
      }
    }
  }
  if (auto events = store.ListHazardEvents(*id); events.ok()) {
    for (const auto& e : *events) {
      HazardEventRow row;
      row.id = IdText(e.id());
      row.kind = e.kind();
      row.passed = e.passed();
      row.at_ms = e.at_ms();
      row.at_county = Q(base::CountyDateTime(e.at_ms(), zone));
      row.actor = Q(e.actor());
      row.note = Q(e.note());
      row.photos = e.photo_ids_size();
      for (const auto& ignored : state.ignored) {
        if (ignored.event_id == e.id()) row.ignored_reason = Q(ignored.reason);
      }
      for (const auto& photo : e.photo_ids())
        view.photos.push_back({IdText(photo), true, row.at_county});
      view.events.push_back(row);
    }
  }
  view.role = Role();
  emit hazardLoaded(view);
}

void DeviceWorker::RecordHazardStep(const QString& hazard_id, int kind, bool passed,
                                    const QString& note, const QString& photo_path, bool captured) {
  // A camera capture is a plain file: it goes whatever happens below.
  struct DropCapture {
    QString path;
    ~DropCapture() {
      if (!path.isEmpty()) QFile::remove(path);
    }
  } drop{captured ? photo_path : QString()};
  if (!RequireDevice()) return;
  core::profile::Profile& profile = device_->profile();
  core::store::Store& store = profile.store();
  auto id = ParseId(hazard_id);
  if (!id.ok()) {
    emit hazardStepFailed(Msg(id.status()));
    return;
  }
  auto hazard = store.GetHazard(*id);
  auto before = store.GetHazardState(*id);
  if (!hazard.ok() || !before.ok()) {
    emit hazardStepFailed(tr("本机上找不到这处隐患，请同步后再看。"));
    return;
  }
  const QString status = StatusCode(*before);
  if (kind == v1::REINSPECTED && !HazardSteps::MayReinspect(Role())) {
    emit hazardStepFailed(HazardSteps::ReinspectNotAllowed());
    return;
  }
  if (kind == v1::RECTIFIED && photo_path.isEmpty()) {
    emit hazardStepFailed(tr("记录整改须附一张整改后的照片，请拍照或选择照片。"));
    return;
  }
  v1::HazardEvent event;
  event.set_hazard_id(hazard->id());
  event.set_kind(static_cast<v1::HazardEventKind>(kind));
  event.set_at_ms(clock_.NowMillis());
  event.set_note(note.trimmed().toStdString());
  event.set_passed(passed);
  emit busyChanged(true);
  // The after-photo becomes evidence like a visit's (upright, 1600 px, stamped, no metadata); the
  // device API seals files, so the evidence waits in the private capture folder until sealed.
  std::vector<std::string> paths;
  QTemporaryFile evidence(QDir(CaptureDir(config_)).filePath(QStringLiteral("step-XXXXXX.jpg")));
  if (!photo_path.isEmpty()) {
    PhotoStamp stamp;
    stamp.lines << Q(base::CountyDateTime(event.at_ms(), profile.county_time_zone()));
    if (auto owner = store.GetSubject(*core::Uuid::FromBytes(hazard->subject_id())); owner.ok()) {
      stamp.lines << Q(owner->address());
    }
    stamp.lines << Q(profile.info().worker_id);
    auto jpeg = PrepareEvidencePhoto(photo_path, stamp);
    QDir().mkpath(CaptureDir(config_));
    if (!jpeg.ok() || !evidence.open() || evidence.write(*jpeg) != jpeg->size() ||
        !evidence.flush()) {
      emit busyChanged(false);
      emit hazardStepFailed(HazardSteps::Refusal(
          jpeg.ok() ? core::IOError("The evidence photo could not be written.") : jpeg.status(),
          status, kind));
      return;
    }
    evidence.close();
    paths.push_back(evidence.fileName().toStdString());
  }
  auto saved = profile.RecordHazardStep(event, paths);
  emit busyChanged(false);
  if (!saved.ok()) {
    emit hazardStepFailed(HazardSteps::Refusal(saved.status(), status, kind));
    return;
  }
  QString message;
  if (kind == v1::RECTIFIED) {
    message = tr("已记录整改，待上传。等待复查。");
  } else if (kind == v1::REINSPECTED) {
    message = passed ? tr("复查通过，待上传。") : tr("复查未通过，已退回限期整改，待上传。");
  } else {
    message = tr("已保存，待上传。");
  }
  emit hazardStepRecorded(message, hazard_id);
  LoadHazard(hazard_id);
}

QImage DeviceWorker::ReadPhoto(const QString& photo_id, const QSize& requested, QString* error) {
  if (device_ == nullptr) {
    *error = QStringLiteral("locked");
    return {};
  }
  auto id = ParseId(photo_id);
  if (!id.ok()) {
    *error = Msg(id.status());
    return {};
  }
  core::profile::Profile& profile = device_->profile();
  auto meta = profile.store().GetPhoto(*id);
  if (!meta.ok()) {
    *error = Msg(meta.status());
    return {};
  }
  auto bytes = profile.photos().Read(*id, meta->sha256());
  if (!bytes.ok()) {
    *error = Msg(bytes.status());
    return {};
  }
  // Decoded from memory: the plain JPEG never touches the disk.
  QImage image = QImage::fromData(bytes->data(), static_cast<int>(bytes->size()));
  std::fill(bytes->begin(), bytes->end(), uint8_t{0});
  if (image.isNull()) {
    *error = QStringLiteral("not a picture");
    return {};
  }
  if (requested.isValid() && (requested.width() > 0 || requested.height() > 0)) {
    const QSize bound(requested.width() > 0 ? requested.width() : image.width(),
                      requested.height() > 0 ? requested.height() : image.height());
    if (image.width() > bound.width() || image.height() > bound.height()) {
      image = image.scaled(bound, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    }
  }
  return image;
}

}  // namespace qiaomen::mobile
