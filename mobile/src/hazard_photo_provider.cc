#include "hazard_photo_provider.h"

#include <QImage>

#include "device_worker.h"

namespace qiaomen::mobile {
namespace {

class PhotoResponse;

// Lets the worker reach the response only while it exists (the engine may drop a request).
struct ResponseSlot {
  std::mutex mu;
  PhotoResponse* response = nullptr;
};

class PhotoResponse : public QQuickImageResponse {
 public:
  PhotoResponse() : slot_(std::make_shared<ResponseSlot>()) { slot_->response = this; }
  ~PhotoResponse() override {
    std::lock_guard<std::mutex> lock(slot_->mu);
    slot_->response = nullptr;
  }
  std::shared_ptr<ResponseSlot> slot() const { return slot_; }

  // Any thread; the caller holds the slot's lock (or owns the response alone).
  void Deliver(QImage image, QString error) {
    {
      std::lock_guard<std::mutex> lock(data_mu_);
      image_ = std::move(image);
      error_ = std::move(error);
    }
    emit finished();
  }

  QQuickTextureFactory* textureFactory() const override {
    std::lock_guard<std::mutex> lock(data_mu_);
    return image_.isNull() ? nullptr : QQuickTextureFactory::textureFactoryForImage(image_);
  }
  QString errorString() const override {
    std::lock_guard<std::mutex> lock(data_mu_);
    return error_;
  }

 private:
  std::shared_ptr<ResponseSlot> slot_;
  mutable std::mutex data_mu_;
  QImage image_;
  QString error_;
};

}  // namespace

bool WorkerLink::Post(std::function<void(DeviceWorker*)> fn) {
  std::lock_guard<std::mutex> lock(mu_);
  if (worker_ == nullptr) return false;
  DeviceWorker* worker = worker_;
  worker_->Post([worker, fn = std::move(fn)] { fn(worker); });
  return true;
}

void WorkerLink::Detach() {
  std::lock_guard<std::mutex> lock(mu_);
  worker_ = nullptr;
}

QQuickImageResponse* HazardPhotoProvider::requestImageResponse(const QString& id,
                                                               const QSize& requested) {
  auto* response = new PhotoResponse();
  std::shared_ptr<ResponseSlot> slot = response->slot();
  const bool queued = link_->Post([slot, id, requested](DeviceWorker* worker) {
    QString error;
    QImage image = worker->ReadPhoto(id, requested, &error);
    std::lock_guard<std::mutex> lock(slot->mu);
    if (slot->response != nullptr) slot->response->Deliver(std::move(image), error);
  });
  if (!queued) response->Deliver({}, QStringLiteral("The app is closing."));
  return response;
}

}  // namespace qiaomen::mobile
