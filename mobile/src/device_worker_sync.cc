#include <algorithm>

#include "device_worker.h"
#include "qt_text.h"

// The device's sync, on a thread of its own: the run holds the profile mutex only while it reads
// or writes the profile (sync::SyncOptions::profile_mutex), so the screens' requests, which hold it
// too (DeviceWorker::Post), are answered while the run waits on the network.

namespace qiaomen::mobile {
namespace {

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

// What a sync is doing, in the UI language (the engine's own message is English).
QString SyncProgressWords(const sync::SyncProgress& p) {
  switch (p.phase) {
    case sync::SyncProgress::Phase::kMetadata:
      return DeviceWorker::tr("正在同步记录：%1 / %2 条")
          .arg(p.records_done)
          .arg(std::max(p.records_total, p.records_done));
    case sync::SyncProgress::Phase::kPhotos:
      return DeviceWorker::tr("正在上传照片：%1 / %2 MB")
          .arg(static_cast<double>(p.bytes_done) / 1e6, 0, 'f', 1)
          .arg(static_cast<double>(p.bytes_total) / 1e6, 0, 'f', 1);
    case sync::SyncProgress::Phase::kWaiting:
      return DeviceWorker::tr("网络不稳，稍后自动重试…");
    case sync::SyncProgress::Phase::kDone:
      return DeviceWorker::tr("正在收尾…");
  }
  return {};
}

}  // namespace

void DeviceWorker::Sync() {
  if (!RequireDevice()) return;
  if (sync_running_.load()) return;  // the run in flight answers for this one
  SyncView view;
  if (!device_->enrolled()) {
    view.message = tr("这台手机还没有设置县服务器，无法同步。请先登记。");
    emit syncFinished(view);
    return;
  }
  if (sync_thread_.joinable()) sync_thread_.join();  // the last run has ended (not running)
  // Not busyChanged: the screens' buttons stay usable during a sync (syncProgress says it runs).
  sync::FieldDevice* device = device_.get();
  syncing_ = device;
  sync_running_ = true;
  sync::SyncOptions options;
  options.journal_cap_bytes = config_.keep_sent_bytes;
  options.profile_mutex = &profile_mu_;
  sync_thread_ = std::thread([this, device, options] { RunSync(device, options); });
}

void DeviceWorker::RunSync(sync::FieldDevice* device, const sync::SyncOptions& options) {
  auto result = device->Sync(options, [this](const sync::SyncProgress& p) {
    double fraction = 0;
    if (p.phase == sync::SyncProgress::Phase::kPhotos && p.bytes_total > 0) {
      fraction = 0.5 + 0.5 * static_cast<double>(p.bytes_done) / static_cast<double>(p.bytes_total);
    } else if (p.records_total > 0) {
      fraction = 0.5 * static_cast<double>(p.records_done) / static_cast<double>(p.records_total);
    }
    if (p.phase == sync::SyncProgress::Phase::kDone) fraction = 1;
    emit syncProgress(fraction, SyncProgressWords(p), p.eta_ms);
  });
  syncing_ = nullptr;
  SyncView view;
  view.ok = result.status.ok();
  view.unreachable = result.status.code() == core::Code::kUnavailable ||
                     result.status.code() == core::Code::kDeadlineExceeded;
  view.message = view.ok ? tr("同步完成。") : SyncError(result.status);
  if (!result.unknown_county_time_zone.empty()) {
    std::lock_guard<std::mutex> lock(profile_mu_);
    view.message += tr("本机不认识县里的时区 %1，日期暂按 %2 计算。")
                        .arg(Q(result.unknown_county_time_zone),
                             Q(device->profile().county_time_zone().name()));
  }
  if (result.released_through > result.backed_up_through) {
    // The cap let go of sent changes that no county backup holds: a restore would lose them.
    view.message += tr("注意：已发送的第 %1 至 %2 项更改还不在县里的备份中，本机存放空间已满，"
                       "已不再保留。请告诉乡镇：县里需要尽快运行备份。")
                        .arg(result.backed_up_through + 1)
                        .arg(result.released_through);
  }
  view.pushed = result.report.changes_pushed;
  view.pulled = result.report.changes_pulled;
  view.photos = result.report.photos_uploaded;
  sync_running_ = false;
  emit syncFinished(view);
}

void DeviceWorker::WaitForSync() {
  if (!sync_thread_.joinable()) return;
  CancelSync();
  // The run needs the profile mutex to stop: a request that holds it lets go while it waits.
  if (held_ != nullptr) held_->unlock();
  sync_thread_.join();
  if (held_ != nullptr) held_->lock();
}

void DeviceWorker::CancelSync() {
  if (sync::FieldDevice* device = syncing_.load(); device != nullptr) device->CancelSync();
}

}  // namespace qiaomen::mobile
