// The 我的 page's settings on the device's thread: change the PIN, export the unsent work as a
// bundle file (the offline hand-over), leave this device.
#include <QDateTime>
#include <QDir>
#include <filesystem>

#include "device_worker.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/profile/profile_files.h"
#include "qt_text.h"
#include "visit_session.h"

namespace qiaomen::mobile {

void DeviceWorker::ChangePin(const QString& old_pin, const QString& new_pin) {
  if (!RequireDevice()) return;
  emit busyChanged(true);
  const core::Status changed =
      device_->profile().ChangePin(old_pin.toStdString(), new_pin.toStdString());
  emit busyChanged(false);
  if (changed.ok()) {
    emit settingsDone(tr("密码已更改。下次解锁请用新密码。"));
  } else if (changed.code() == core::Code::kUnauthenticated) {
    emit settingsFailed(tr("原密码不正确，密码没有更改。连续输错 10 次，本机数据将被清除。"));
  } else {
    emit settingsFailed(tr("密码没有更改，请再试一次。") + QStringLiteral("（") + Msg(changed) +
                        QStringLiteral("）"));
  }
}

void DeviceWorker::ExportBundle(const QString& folder) {
  if (!RequireDevice()) return;
  if (!QDir().mkpath(folder)) {
    emit settingsFailed(tr("无法在 %1 建立文件，请检查存储空间。").arg(folder));
    return;
  }
  const QString path = QDir(folder).filePath(
      QStringLiteral("qiaomen-%1.bundle")
          .arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss"))));
  emit busyChanged(true);
  auto exported = device_->ExportBundle(path.toStdString());
  emit busyChanged(false);
  if (!exported.ok()) {
    emit settingsFailed(tr("没有导出：%1").arg(Msg(exported.status())));
    return;
  }
  emit bundleExported(path, exported->changes, exported->photos);
  emit settingsDone(
      tr("已把 %1 条记录、%2 张照片导出到 %3。请把这个文件交给乡镇工作人员，由县里导入；"
         "这些记录仍留在本机，下次同步时县里确认后才算送达。")
          .arg(exported->changes)
          .arg(exported->photos)
          .arg(path));
}

void DeviceWorker::LeaveDevice(const QString& pin) {
  if (!RequireDevice()) return;
  emit busyChanged(true);
  WaitForSync();  // a sync in flight uses the device: it stops first
  visit_.reset();
  // FieldDevice::Leave checks the PIN, then destroys the keys before it deletes the files: once
  // they are gone nothing left on the phone can be read, even if deleting is interrupted.
  const core::Status left = device_->Leave(pin.toStdString());
  if (!left.ok() && left.code() != core::Code::kIOError) {
    emit busyChanged(false);
    emit settingsFailed(
        left.code() == core::Code::kUnauthenticated ? tr("密码不正确，本机没有退出。") : Msg(left));
    return;
  }
  device_.reset();
  std::error_code ignored;
  std::filesystem::remove_all(CaptureDir(config_).toStdString(), ignored);
  emit busyChanged(false);
  emit stateChanged(
      kNeedsEnrolment,
      left.ok() ? tr("本机已退出，数据已清除。如要再用，请向乡镇工作人员索取登记码。") : Msg(left),
      -1);
}

}  // namespace qiaomen::mobile
