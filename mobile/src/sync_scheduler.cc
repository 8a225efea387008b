#include "sync_scheduler.h"

namespace qiaomen::mobile {

SyncScheduler::SyncScheduler(NetworkMonitor* network, QObject* parent) : QObject(parent) {
  SetNetwork(network);
}

void SyncScheduler::SetNetwork(NetworkMonitor* network) {
  if (network_ != nullptr) disconnect(network_, nullptr, this, nullptr);
  network_ = network;
  if (network_ != nullptr) {
    connect(network_, &NetworkMonitor::onlineChanged, this, &SyncScheduler::OnOnline);
  }
  emit onlineChanged(online());
}

void SyncScheduler::OnOnline(bool online) {
  emit onlineChanged(online);
  if (online) Want();
}

void SyncScheduler::SetReady(bool ready) {
  ready_ = ready;
  if (!ready_) wanted_ = false;
}

void SyncScheduler::SetVisitOpen(bool open) {
  visit_open_ = open;
  StartIfWanted();
}

void SyncScheduler::SetSyncing(bool syncing) {
  syncing_ = syncing;
  // A sync started by hand does what a waiting one would have done.
  if (syncing_) wanted_ = false;
}

void SyncScheduler::VisitFinished() {
  visit_open_ = false;
  if (online()) Want();
}

void SyncScheduler::HazardStepRecorded() {
  if (online()) Want();
}

void SyncScheduler::SyncFinished(bool unreachable) {
  syncing_ = false;
  if (unreachable && network_ != nullptr) network_->ReportUnreachable();
  StartIfWanted();
}

void SyncScheduler::Want() {
  if (!ready_) return;
  wanted_ = true;
  StartIfWanted();
}

void SyncScheduler::StartIfWanted() {
  if (!wanted_ || !ready_ || visit_open_ || syncing_ || !online()) return;
  wanted_ = false;
  syncing_ = true;
  emit startSync();
}

}  // namespace qiaomen::mobile
