#include <QSignalSpy>
#include <QTest>
#include <QThread>
#include <ctime>

#include "app_tests.h"
#include "demo_profile.h"
#include "test_images.h"
#include "ui_gap_meter.h"

namespace qiaomen::mobile {
namespace {

// The bound: the UI thread is never blocked longer than this. It bounds (1) the UI
// thread's own CPU time within any gap between two 5 ms ticks (work done on the UI thread) and
// (2) each gap less the time the thread waited for a CPU (work, or waiting for the worker).
constexpr double kMaxUiGapMs = 50;
// Under AddressSanitizer (the ci preset) the worker's Argon2id (32 MiB) goes through ASan's
// allocator, whose locks and unmapping put the UI thread to sleep for 16-80 ms in a gap in which
// it ran 0.1-0.4 ms (measured: tests print both); a release build shows 5-6 ms. (2) is then
// bounded by this instead, which still catches the UI thread waiting for a derivation (300+ ms)
// or for a 4000x3000 photo to be encoded (100+ ms each, 3 in a row); (1) keeps the bound.
#if defined(__SANITIZE_ADDRESS__)
constexpr double kMaxStallMs = 150;
#else
constexpr double kMaxStallMs = kMaxUiGapMs;
#endif

// Whether `meter` saw the UI thread do or wait for the work.
bool Blocked(const UiGapMeter& meter) {
  return meter.max_cpu_in_gap_ms() >= kMaxUiGapMs || meter.max_blocked_ms() >= kMaxStallMs;
}

// This thread's CPU time in nanoseconds.
qint64 ThreadCpuNs() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<qint64>(now.tv_sec) * 1000000000 + now.tv_nsec;
}

// Keeps the UI thread busy for `ms` of its own CPU time (spinning, as a slow call on the UI
// thread would), however long the machine makes it wait for a CPU meanwhile.
void BusyUiThread(int ms) {
  const qint64 until = ThreadCpuNs() + static_cast<qint64>(ms) * 1000000;
  while (ThreadCpuNs() < until) {
  }
}

void Report(const char* what, const UiGapMeter& meter) {
  qInfo(
      "%s: longest UI-thread gap %.1f ms wall, %.1f ms not waiting for a CPU (%.1f ms of it "
      "running; bound %.0f ms); most UI-thread CPU in one gap %.1f ms (bound %.0f ms); %d "
      "ticks, schedstat %s",
      what, meter.max_wall_ms(), meter.max_blocked_ms(), meter.cpu_in_max_gap_ms(), kMaxStallMs,
      meter.max_cpu_in_gap_ms(), kMaxUiGapMs, meter.ticks(),
      meter.has_schedstat() ? "read" : "missing");
}

}  // namespace

void UiThreadTest::unlockDoesNotBlockTheUiThread() {
  QTemporaryDir tmp;
  const WorkerConfig config = TestConfig(tmp);
  // The PIN under the Argon2id cost a real enrolment gets (hundreds of ms of CPU per try).
  const core::Status made =
      CreateDemoProfile(config.data_dir, config.key_store_dir, core::keys::KdfParams::Default());
  QVERIFY2(made.ok(), made.message().c_str());
  AppController controller(config, PositionSourceFactory());
  QTRY_COMPARE(controller.state(), AppController::Locked);

  // The meter can fail: 80 ms of work on the UI thread is seen as a gap over the bound.
  {
    UiGapMeter control;
    QElapsedTimer wait;
    wait.start();
    RunUntil([&] { return wait.elapsed() >= 20; }, 1000);
    BusyUiThread(80);
    wait.restart();
    RunUntil([&] { return wait.elapsed() >= 20; }, 1000);
    control.Stop();
    Report("control (80 ms busy on the UI thread)", control);
    QVERIFY(control.max_cpu_in_gap_ms() > kMaxUiGapMs);
    QVERIFY(Blocked(control));
  }

  UiGapMeter meter;
  QElapsedTimer took;
  took.start();
  controller.unlock(QStringLiteral("000000"));  // a wrong PIN costs a full derivation too
  QVERIFY(RunUntil([&] { return !controller.message().isEmpty(); }, 60000));
  controller.unlock(QString::fromLatin1(kDemoPin));
  QVERIFY(RunUntil([&] { return controller.tasks()->rowCount() == 9; }, 60000));
  meter.Stop();
  qInfo("two unlocks (a wrong PIN, then the right one) took %lld ms", took.elapsed());
  Report("unlock", meter);
  QVERIFY(meter.ticks() > 10);
  QVERIFY2(!Blocked(meter), "the UI thread was blocked while unlocking");
}

void UiThreadTest::photosAndFinishDoNotBlockTheUiThread() {
  QTemporaryDir tmp;
  const WorkerConfig config = TestConfig(tmp);
  const core::Status made = CreateDemoProfile(config.data_dir, config.key_store_dir);
  QVERIFY2(made.ok(), made.message().c_str());
  AppController controller(config, PositionSourceFactory());
  QTRY_COMPARE(controller.state(), AppController::Locked);
  controller.unlock(QString::fromLatin1(kDemoPin));
  QTRY_COMPARE(controller.state(), AppController::Ready);
  QTRY_COMPARE(controller.tasks()->rowCount(), 9);
  const QVariantMap task = TaskOf(controller.tasks(), QStringLiteral("陈志强"));
  controller.startVisit(task.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller.visitActive());
  controller.setOutcome(AppController::Checked);
  AnswerCompleteVisit(controller);
  QTRY_VERIFY(controller.visit().value(QStringLiteral("complete")).toBool());
  QStringList photos;
  for (int i = 0; i < 3; ++i) {
    photos << tmp.filePath(QStringLiteral("photo%1.jpg").arg(i));
    QVERIFY(WriteFile(photos.last(), TestJpeg(4000, 3000, 6)));
  }

  UiGapMeter meter;
  QElapsedTimer took;
  took.start();
  for (const QString& photo : photos) controller.addPhoto(QStringLiteral("hazard_photos"), photo);
  QSignalSpy finished(&controller, &AppController::visitFinished);
  controller.finishVisit();  // queued behind the photos on the worker thread
  QVERIFY(finished.wait(60000));
  meter.Stop();
  qInfo("three 4000x3000 photos and finishing took %lld ms", took.elapsed());
  Report("photos and finish", meter);
  QVERIFY(finished.at(0).at(1).toBool());
  QVERIFY(meter.ticks() > 10);
  QVERIFY2(!Blocked(meter),
           "the UI thread was blocked while photos were sealed and the visit finished");
}

}  // namespace qiaomen::mobile
