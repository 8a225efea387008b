#pragma once
// Whether the phone is online, for background sync (sync_scheduler.h). The system's word where Qt
// has one (QNetworkInformation: Android, NetworkManager on Linux); otherwise a probe of the county
// server's port with growing pauses (30 s doubling to 10 min) while it cannot be reached. Tests
// inject their own monitor and flip it.
//
// Thread safety: UI thread only (a QObject with timers and sockets of that thread).

#include <QNetworkInformation>
#include <QObject>
#include <QPointer>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <memory>

namespace qiaomen::mobile {

class NetworkMonitor : public QObject {
  Q_OBJECT

 public:
  using QObject::QObject;
  // Whether the county server may be reachable now (true when not known).
  virtual bool online() const = 0;
  // The county server the device syncs with ("" before enrolment): what a probe checks.
  virtual void SetServer(const QUrl& server) { Q_UNUSED(server); }
  // A sync could not reach the server. A probing monitor takes the phone for offline and probes
  // again; the system's monitor keeps its own word.
  virtual void ReportUnreachable() {}

 signals:
  void onlineChanged(bool online);
};

// QNetworkInformation's reachability: online unless it says disconnected or local-only.
class SystemNetworkMonitor : public NetworkMonitor {
  Q_OBJECT

 public:
  // nullptr when this platform has no network information backend.
  static std::unique_ptr<SystemNetworkMonitor> Create(QObject* parent = nullptr);
  bool online() const override { return online_; }

 private:
  explicit SystemNetworkMonitor(QNetworkInformation* info, QObject* parent);
  void OnReachability(QNetworkInformation::Reachability reachability);
  bool online_ = true;
};

// Online until a sync fails to reach the server; then a TCP connect to the server's port after
// 30 s, 60 s, ... up to 10 min, until one succeeds.
class ProbeNetworkMonitor : public NetworkMonitor {
  Q_OBJECT

 public:
  static constexpr int kFirstPauseMs = 30'000;
  static constexpr int kLongestPauseMs = 600'000;
  // `first_pause_ms`: the first pause (tests shorten it); it doubles up to 20 times that, at
  // most kLongestPauseMs.
  explicit ProbeNetworkMonitor(QObject* parent = nullptr, int first_pause_ms = kFirstPauseMs);
  bool online() const override { return online_; }
  void SetServer(const QUrl& server) override { server_ = server; }
  void ReportUnreachable() override;
  // The pause before the next probe (for tests and the screens: 0 when online).
  int nextPauseMs() const { return online_ ? 0 : pause_ms_; }

 private:
  void Probe();
  void SetOnline(bool online);
  QUrl server_;
  bool online_ = true;
  int first_pause_ms_;
  int longest_pause_ms_;
  int pause_ms_;
  QTimer timer_;
  QPointer<QTcpSocket> socket_;
};

// The system's monitor where there is one, the probe otherwise.
std::unique_ptr<NetworkMonitor> MakeDefaultNetworkMonitor(QObject* parent = nullptr);

}  // namespace qiaomen::mobile
