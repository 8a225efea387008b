#pragma once
// The phone's position while a visit is open, from QtPositioning: asked for when a visit opens,
// stopped when it closes, the latest fix kept. Having no source (a desktop without GNSS) or no
// fix (indoors, permission denied, a cold receiver) is normal, not an error: Fix() is then
// invalid and the visit is saved without a location, and the screens say so.
//
// Thread safety: lives on the UI thread (its source delivers there; nothing here blocks).

#include <QObject>
#include <QString>
#include <functional>

#include "app_types.h"

class QGeoPositionInfo;
class QGeoPositionInfoSource;

namespace qiaomen::mobile {

// Makes the position source of a new tracker (parented to the given object), or returns null
// when there is none. The default asks QtPositioning for the platform's source.
using PositionSourceFactory = std::function<QGeoPositionInfoSource*(QObject* parent)>;
PositionSourceFactory DefaultPositionSource();

class PositionTracker : public QObject {
  Q_OBJECT

 public:
  // `factory` is called once, at the first Start(); may be empty (no positioning at all).
  explicit PositionTracker(PositionSourceFactory factory, QObject* parent = nullptr);

  // Forgets the last fix and asks for updates (a visit opened). Harmless when already started.
  void Start();
  // Stops updates (the visit closed); the last fix is kept until the next Start().
  void Stop();

  // The latest fix since Start(), or an invalid one.
  GeoFix Fix() const { return fix_; }
  // False when there is no source, or it reported an error since Start().
  bool Available() const;

 signals:
  void changed();

 private:
  void OnPosition(const QGeoPositionInfo& info);

  PositionSourceFactory factory_;
  bool created_ = false;
  QGeoPositionInfoSource* source_ = nullptr;  // child of this; null when none
  bool failed_ = false;
  GeoFix fix_;
};

}  // namespace qiaomen::mobile
