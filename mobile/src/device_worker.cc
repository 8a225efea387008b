#include "device_worker.h"

#include <QDir>
#include <QFile>
#include <QMetaObject>
#include <QThread>
#include <algorithm>
#include <map>
#include <set>

#include "enrol_scan.h"
#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/forms/value.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "qt_text.h"
#include "visit_session.h"

namespace qiaomen::mobile {
namespace {

// Wrong PINs left before the keys are destroyed; -1 when the key file cannot be read.
int AttemptsLeft(const std::string& dir) {
  auto info = core::keys::InspectKeyFile(core::profile::KeyFilePath(dir));
  if (!info.ok()) return -1;
  return static_cast<int>(info->max_attempts) - static_cast<int>(info->failed_attempts);
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

}  // namespace

QString CaptureDir(const WorkerConfig& config) {
  return config.capture_dir.isEmpty() ? config.data_dir + QStringLiteral("-capture")
                                      : config.capture_dir;
}

DeviceWorker::DeviceWorker(WorkerConfig config, QObject* parent)
    : QObject(parent),
      config_(std::move(config)),
      clock_(core::SystemClock()),
      key_store_(config_.key_store_dir.toStdString(), core::SecureRandom()) {}

DeviceWorker::~DeviceWorker() {
  WaitForSync();
  visit_.reset();
  device_.reset();
}

void DeviceWorker::Post(std::function<void()> fn) {
  // Every request holds the profile while it runs: a sync on its own thread takes turns with it.
  QMetaObject::invokeMethod(
      this,
      [this, fn = std::move(fn)] {
        std::unique_lock<std::mutex> lock(profile_mu_);
        held_ = &lock;
        fn();
        held_ = nullptr;
      },
      Qt::QueuedConnection);
}

bool DeviceWorker::RequireDevice() {
  if (device_ != nullptr) return true;
  emit failed(tr("请先输入密码解锁。"));
  return false;
}

void DeviceWorker::Probe() {
  // Camera captures a killed app left unsealed: plain photos must not stay on disk.
  QDir captures(CaptureDir(config_));
  for (const QString& name : captures.entryList(QDir::Files)) captures.remove(name);
  const std::string dir = config_.data_dir.toStdString();
  if (device_ != nullptr) {
    emit stateChanged(kReady, {}, -1);
    return;
  }
  auto info = core::keys::InspectKeyFile(core::profile::KeyFilePath(dir));
  if (info.ok() && sync::EnrolmentUnfinished(dir)) {
    // The county's answer to the enrolment never came: enrolling again with the same code and
    // PIN finishes it (FieldDevice::Enroll).
    emit stateChanged(kNeedsEnrolment, {}, -1);
  } else if (info.ok()) {
    emit stateChanged(kLocked, {}, AttemptsLeft(dir));
  } else if (info.status().code() == core::Code::kNotFound) {
    emit stateChanged(kNeedsEnrolment, {}, -1);
  } else {
    emit stateChanged(kNeedsEnrolment, Msg(info.status()), -1);
  }
}

void DeviceWorker::ReadEnrolPhoto(const QString& path) {
  emit busyChanged(true);
  QString error;
  auto link = ReadEnrolLinkFromFile(path, &error);
  emit busyChanged(false);
  if (!link.ok()) {
    emit enrolScanFailed(error);
    return;
  }
  emit enrolLinkRead(QString::fromStdString(link->server_url), QString::fromStdString(link->code),
                     QString::fromStdString(link->pin_sha256));
}

void DeviceWorker::Enroll(const QString& server_url, const QString& code, const QString& pin,
                          const QString& pin_sha256) {
  emit busyChanged(true);
  sync::EnrollOptions options;
  options.server_url = server_url.trimmed().toStdString();
  options.code = code.trimmed().toStdString();
  options.pin_sha256 = pin_sha256.toStdString();
  options.device_name = "qiaomen-app";
  options.keys = config_.enrol_keys;
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
  WaitForSync();
  visit_.reset();
  device_.reset();
  Probe();
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

void DeviceWorker::SetRefusal(int reason, const QString& note, bool escalate) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->SetRefusal(reason, note, escalate); !s.ok()) emit failed(Msg(s));
  EmitVisit();
}

void DeviceWorker::SetEducation(const QStringList& codes) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->SetEducation(codes); !s.ok()) emit failed(Msg(s));
  EmitVisit();
}

void DeviceWorker::SetNoticeDelivered(bool delivered) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->SetNoticeDelivered(delivered); !s.ok()) emit failed(Msg(s));
  EmitVisit();
}

void DeviceWorker::SetAnswer(const QString& item_id, const QVariant& value) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->SetAnswer(item_id, value); !s.ok()) emit visitProblem(item_id, Msg(s));
  EmitVisit();
}

void DeviceWorker::AddPhoto(const QString& item_id, const QString& path, bool captured,
                            const GeoFix& fix) {
  if (visit_ == nullptr) {
    if (captured) QFile::remove(path);
    return;
  }
  emit busyChanged(true);
  core::Status s = visit_->AddPhoto(item_id, path, fix);
  if (captured) QFile::remove(path);
  emit busyChanged(false);
  if (!s.ok()) emit visitProblem(item_id, Msg(s));
  EmitVisit();
}

void DeviceWorker::RemovePhoto(const QString& photo_id) {
  if (visit_ == nullptr) return;
  if (auto s = visit_->RemovePhoto(photo_id); !s.ok()) emit failed(Msg(s));
  EmitVisit();
}

void DeviceWorker::FinishVisit(const GeoFix& fix) {
  if (visit_ == nullptr) return;
  emit busyChanged(true);
  QString first;
  auto recorded = visit_->Finish(fix, &first);
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
  // Nobody home and refused keep the task open for a return visit.
  const bool closed =
      recorded->visit.outcome() != v1::NOBODY_HOME && recorded->visit.outcome() != v1::REFUSED;
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

}  // namespace qiaomen::mobile
