#include "position_tracker.h"

#include <QGeoPositionInfo>
#include <QGeoPositionInfoSource>

namespace qiaomen::mobile {

PositionSourceFactory DefaultPositionSource() {
  return [](QObject* parent) { return QGeoPositionInfoSource::createDefaultSource(parent); };
}

PositionTracker::PositionTracker(PositionSourceFactory factory, QObject* parent)
    : QObject(parent), factory_(std::move(factory)) {}

void PositionTracker::Start() {
  if (!created_) {
    created_ = true;
    if (factory_) source_ = factory_(this);
    if (source_ != nullptr) {
      // A fix every 10 s is enough for "where was this visit" and spares the battery.
      source_->setUpdateInterval(10000);
      connect(source_, &QGeoPositionInfoSource::positionUpdated, this,
              &PositionTracker::OnPosition);
      connect(source_, &QGeoPositionInfoSource::errorOccurred, this,
              [this](QGeoPositionInfoSource::Error error) {
                if (error == QGeoPositionInfoSource::NoError ||
                    error == QGeoPositionInfoSource::UpdateTimeoutError) {
                  return;  // a timeout is "no fix yet": keep listening
                }
                failed_ = true;
                emit changed();
              });
    }
  }
  fix_ = {};
  failed_ = false;
  emit changed();
  if (source_ == nullptr) return;
  // The last fix the platform already holds (seconds old) gives the visit a place at once.
  const QGeoPositionInfo last = source_->lastKnownPosition(true);
  if (last.isValid() && last.timestamp().secsTo(QDateTime::currentDateTimeUtc()) < 300) {
    OnPosition(last);
  }
  source_->requestUpdate(30000);  // one fix as soon as there is one, not after the interval
  source_->startUpdates();
}

void PositionTracker::Stop() {
  if (source_ != nullptr) source_->stopUpdates();
}

bool PositionTracker::Available() const { return source_ != nullptr && !failed_; }

void PositionTracker::OnPosition(const QGeoPositionInfo& info) {
  if (!info.isValid() || !info.coordinate().isValid()) return;
  fix_.valid = true;
  fix_.latitude = info.coordinate().latitude();
  fix_.longitude = info.coordinate().longitude();
  fix_.accuracy_m = info.hasAttribute(QGeoPositionInfo::HorizontalAccuracy)
                        ? static_cast<float>(info.attribute(QGeoPositionInfo::HorizontalAccuracy))
                        : 0.0F;
  fix_.time_ms = info.timestamp().toMSecsSinceEpoch();
  emit changed();
}

}  // namespace qiaomen::mobile
