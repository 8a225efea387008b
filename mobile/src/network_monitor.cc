#include "network_monitor.h"

#include <algorithm>
#include <memory>

namespace qiaomen::mobile {

std::unique_ptr<SystemNetworkMonitor> SystemNetworkMonitor::Create(QObject* parent) {
  if (!QNetworkInformation::loadBackendByFeatures(QNetworkInformation::Feature::Reachability)) {
    return nullptr;
  }
  QNetworkInformation* info = QNetworkInformation::instance();
  if (info == nullptr) return nullptr;
  return std::unique_ptr<SystemNetworkMonitor>(new SystemNetworkMonitor(info, parent));
}

SystemNetworkMonitor::SystemNetworkMonitor(QNetworkInformation* info, QObject* parent)
    : NetworkMonitor(parent) {
  OnReachability(info->reachability());
  connect(info, &QNetworkInformation::reachabilityChanged, this,
          &SystemNetworkMonitor::OnReachability);
}

void SystemNetworkMonitor::OnReachability(QNetworkInformation::Reachability reachability) {
  // Unknown counts as online: a sync that fails says so, and costs little.
  const bool online = reachability != QNetworkInformation::Reachability::Disconnected &&
                      reachability != QNetworkInformation::Reachability::Local;
  if (online == online_) return;
  online_ = online;
  emit onlineChanged(online_);
}

ProbeNetworkMonitor::ProbeNetworkMonitor(QObject* parent, int first_pause_ms)
    : NetworkMonitor(parent),
      first_pause_ms_(first_pause_ms),
      longest_pause_ms_(std::min(first_pause_ms * 20, kLongestPauseMs)),
      pause_ms_(first_pause_ms) {
  timer_.setSingleShot(true);
  connect(&timer_, &QTimer::timeout, this, &ProbeNetworkMonitor::Probe);
}

void ProbeNetworkMonitor::ReportUnreachable() {
  if (online_) pause_ms_ = first_pause_ms_;
  SetOnline(false);
  if (!timer_.isActive() && socket_.isNull()) timer_.start(pause_ms_);
}

void ProbeNetworkMonitor::Probe() {
  if (server_.isEmpty() || !server_.isValid()) {
    timer_.start(pause_ms_);
    return;
  }
  const bool tls = server_.scheme() == QLatin1String("https");
  auto* socket = new QTcpSocket(this);
  socket_ = socket;
  auto finished = std::make_shared<bool>(false);
  const auto done = [this, socket, finished](bool reached) {
    if (*finished) return;
    *finished = true;
    socket->abort();
    socket->deleteLater();
    if (reached) {
      pause_ms_ = first_pause_ms_;
      SetOnline(true);
      return;
    }
    pause_ms_ = std::min(pause_ms_ * 2, longest_pause_ms_);
    timer_.start(pause_ms_);
  };
  connect(socket, &QTcpSocket::connected, this, [done] { done(true); });
  connect(socket, &QTcpSocket::errorOccurred, this, [done] { done(false); });
  socket->connectToHost(server_.host(), static_cast<quint16>(server_.port(tls ? 443 : 80)));
  // A connect that hangs counts as a failure after 10 s.
  QTimer::singleShot(10'000, socket, [socket, done] {
    if (socket->state() != QAbstractSocket::ConnectedState) done(false);
  });
}

void ProbeNetworkMonitor::SetOnline(bool online) {
  if (online == online_) return;
  online_ = online;
  emit onlineChanged(online_);
}

std::unique_ptr<NetworkMonitor> MakeDefaultNetworkMonitor(QObject* parent) {
  if (auto system = SystemNetworkMonitor::Create(parent)) return system;
  return std::make_unique<ProbeNetworkMonitor>(parent);
}

}  // namespace qiaomen::mobile
