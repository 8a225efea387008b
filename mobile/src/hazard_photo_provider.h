#pragma once
// image://hazardphoto/<photo id>: a hazard's sealed photos shown straight from the vault. The
// photo is decrypted and decoded on the device worker's thread (DeviceWorker::ReadPhoto), handed
// to the scene graph as an image in memory and never written to a plain file; the UI thread never
// waits for it (an asynchronous provider).
//
// Thread safety: the engine calls the provider on its image loader threads; WorkerLink is shared
// with the AppController, which detaches it before its worker thread stops, so a late request
// finishes with an error instead of reaching a deleted worker.

#include <QQuickAsyncImageProvider>
#include <functional>
#include <memory>
#include <mutex>

namespace qiaomen::mobile {

class DeviceWorker;

// The way from an image loader thread to the device worker. Any thread.
class WorkerLink {
 public:
  explicit WorkerLink(DeviceWorker* worker) : worker_(worker) {}
  // Queues `fn(worker)` on the worker's thread; false once detached (nothing queued).
  bool Post(std::function<void(DeviceWorker*)> fn);
  void Detach();

 private:
  std::mutex mu_;
  DeviceWorker* worker_;
};

class HazardPhotoProvider : public QQuickAsyncImageProvider {
 public:
  explicit HazardPhotoProvider(std::shared_ptr<WorkerLink> link) : link_(std::move(link)) {}
  QQuickImageResponse* requestImageResponse(const QString& id, const QSize& requested) override;

  static constexpr char kName[] = "hazardphoto";

 private:
  std::shared_ptr<WorkerLink> link_;
};

}  // namespace qiaomen::mobile
