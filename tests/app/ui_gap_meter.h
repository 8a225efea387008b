#pragma once
// Measures how long the UI thread's event loop is kept from running: a timer on the UI thread
// ticks every 5 ms and each gap between ticks is recorded, less the time the thread spent
// waiting for a CPU (run-queue wait from /proc/thread-self/schedstat), and the thread's own CPU
// time in it. What is left after the run-queue wait is time the thread was running something
// else or asleep waiting for something; a loaded machine does not count against it.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QObject>
#include <QTimer>
#include <algorithm>
#include <ctime>
#include <functional>

namespace qiaomen::mobile {

class UiGapMeter : public QObject {
 public:
  // Starts ticking on the calling thread (the UI thread).
  UiGapMeter() {
    timer_.setTimerType(Qt::PreciseTimer);
    timer_.setInterval(5);
    connect(&timer_, &QTimer::timeout, this, [this] { Tick(); });
    clock_.start();
    last_ns_ = clock_.nsecsElapsed();
    last_wait_ns_ = RunQueueWaitNs();
    last_cpu_ns_ = ThreadCpuNs();
    timer_.start();
  }

  // Records the gap up to now and stops.
  void Stop() {
    Tick();
    timer_.stop();
  }

  // The longest gap between two ticks, wall clock (ms).
  double max_wall_ms() const { return max_wall_ns_ / 1e6; }
  // The longest gap less the time spent waiting for a CPU (ms): the blocking this test bounds.
  double max_blocked_ms() const { return max_blocked_ns_ / 1e6; }
  int ticks() const { return ticks_; }
  // The UI thread's own CPU time within the gap that set max_blocked_ms() (ms): near it, the
  // thread was running something; near zero, it was asleep or stalled in the kernel.
  double cpu_in_max_gap_ms() const { return cpu_in_max_ns_ / 1e6; }
  // The most CPU time the UI thread used between two ticks (ms): work done on the UI thread.
  double max_cpu_in_gap_ms() const { return max_cpu_ns_ / 1e6; }
  // Whether the run-queue wait could be read (else max_blocked_ms() equals max_wall_ms()).
  bool has_schedstat() const { return last_wait_ns_ >= 0; }

 private:
  // The second field of /proc/thread-self/schedstat: nanoseconds spent runnable but waiting for
  // a CPU; -1 when the kernel does not provide it.
  static qint64 RunQueueWaitNs() {
    QFile file(QStringLiteral("/proc/thread-self/schedstat"));
    if (!file.open(QIODevice::ReadOnly)) return -1;
    const QList<QByteArray> fields = file.readAll().simplified().split(' ');
    if (fields.size() < 2) return -1;
    bool ok = false;
    const qint64 wait = fields.at(1).toLongLong(&ok);
    return ok ? wait : -1;
  }

  static qint64 ThreadCpuNs() {
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return static_cast<qint64>(now.tv_sec) * 1000000000 + now.tv_nsec;
  }

  void Tick() {
    const qint64 now = clock_.nsecsElapsed();
    const qint64 wait = RunQueueWaitNs();
    const qint64 cpu = ThreadCpuNs();
    const qint64 wall = now - last_ns_;
    const qint64 waited = (wait >= 0 && last_wait_ns_ >= 0) ? wait - last_wait_ns_ : 0;
    max_wall_ns_ = std::max(max_wall_ns_, wall);
    max_cpu_ns_ = std::max(max_cpu_ns_, cpu - last_cpu_ns_);
    if (wall - waited > max_blocked_ns_) {
      max_blocked_ns_ = wall - waited;
      cpu_in_max_ns_ = cpu - last_cpu_ns_;
    }
    last_ns_ = now;
    last_wait_ns_ = wait;
    last_cpu_ns_ = cpu;
    ++ticks_;
  }

  QTimer timer_;
  QElapsedTimer clock_;
  qint64 last_ns_ = 0;
  qint64 last_wait_ns_ = 0;
  qint64 max_wall_ns_ = 0;
  qint64 max_blocked_ns_ = 0;
  qint64 last_cpu_ns_ = 0;
  qint64 cpu_in_max_ns_ = 0;
  qint64 max_cpu_ns_ = 0;
  int ticks_ = 0;
};

// Runs a real event loop, as the app's does, until `done()` holds (checked every 5 ms); false
// when `timeout_ms` passed first. (QTRY_* and QTest::qWait sleep between checks: on the UI
// thread that is itself a block the meter would see.)
inline bool RunUntil(const std::function<bool()>& done, int timeout_ms) {
  if (done()) return true;
  QEventLoop loop;
  QTimer poll;
  poll.setInterval(5);
  QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
    if (done()) loop.quit();
  });
  QTimer::singleShot(timeout_ms, &loop, &QEventLoop::quit);
  poll.start();
  loop.exec();
  return done();
}

}  // namespace qiaomen::mobile
