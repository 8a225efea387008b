#pragma once
// When the app syncs by itself: once when the network returns, and after each finished visit or
// recorded hazard step while online; never while a visit is open (what the visit is about to
// record goes with the next one) and never two at once. What it could not start then (a sync was
// running, a visit was open) it starts once afterwards. The sync itself runs on a thread of its
// own that takes turns with the screens on the profile (DeviceWorker::Sync).
//
// Thread safety: UI thread only.

#include <QObject>

#include "network_monitor.h"

namespace qiaomen::mobile {

class SyncScheduler : public QObject {
  Q_OBJECT

 public:
  // `network` must outlive the scheduler (or be replaced with SetNetwork first).
  explicit SyncScheduler(NetworkMonitor* network, QObject* parent = nullptr);
  void SetNetwork(NetworkMonitor* network);
  bool online() const { return network_ != nullptr && network_->online(); }

  // What the app is doing; each may start a sync that waited.
  void SetReady(bool ready);  // unlocked and enrolled with a server
  void SetVisitOpen(bool open);
  void SetSyncing(bool syncing);
  void VisitFinished();
  // A hazard step (a rectification, a recheck) was saved outside a visit: sync like a finished
  // visit does, without touching whether a visit is open.
  void HazardStepRecorded();
  // A sync ended; `unreachable`: it could not reach the server (the network monitor is told).
  void SyncFinished(bool unreachable);

 signals:
  void startSync();
  void onlineChanged(bool online);

 private:
  void OnOnline(bool online);
  void Want();  // a sync is due: now if it can start, otherwise when it can
  void StartIfWanted();
  NetworkMonitor* network_ = nullptr;
  bool ready_ = false;
  bool visit_open_ = false;
  bool syncing_ = false;
  bool wanted_ = false;
};

}  // namespace qiaomen::mobile
