// Issue 14, item 6: the app end to end against a real `qiaomen-county serve`, on each county
// backend. The app (offscreen) enrols from the PNG of `enroll-code --qr`, records a visit that
// derives a hazard, and its scheduler syncs by itself (the test never asks for a sync: the network
// returns, a visit is finished, a step is recorded); the county's report then shows the visit and
// the hazard, and after a rectification with an after-photo, the hazard rectified.
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include "app_county.h"
#include "app_tests.h"
#include "test_images.h"

namespace qiaomen::mobile {
namespace {

using qiaomen::testing::Backend;

// `qiaomen-county report --format json`, or "" with a warning.
std::string ReportJson(const qiaomen::testing::CountyEnv& env) {
  auto report = env.Run({"report", "--format", "json"});
  if (report.exit_code != 0) {
    qWarning("%s", report.err.c_str());
    return "";
  }
  return report.out;
}

bool Holds(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

// Waits until the scheduler started `count` syncs and the last one ended.
bool SyncedBySchedulerTimes(const AppController& controller, const QSignalSpy& started, int count) {
  return QTest::qWaitFor([&] { return started.count() >= count; }, 20000) &&
         QTest::qWaitFor([&] { return !controller.syncing(); }, 30000) && started.count() == count;
}

}  // namespace

void EndToEndTest::visitAndRectificationReachTheReport_data() {
  QTest::addColumn<int>("backend");
  QTest::newRow("sqlite") << static_cast<int>(Backend::kSqlite);
  QTest::newRow("postgres") << static_cast<int>(Backend::kPostgres);
}

void EndToEndTest::visitAndRectificationReachTheReport() {
  QFETCH(int, backend);
  auto env = CountyWithWorker(static_cast<Backend>(backend));
  QVERIFY(env != nullptr);
  QVERIFY(AddWinterCampaign(*env, /*shipped=*/true));  // its rules derive the hazard
  auto server = env->StartServer();
  QVERIFY2(server.ok(), server.status().ToString().c_str());
  QTemporaryDir tmp;
  const std::string png = tmp.filePath(QStringLiteral("code.png")).toStdString();
  auto made =
      env->Run({"enroll-code", "--worker", "w1", "--qr", png, "--server", (*server)->base_url()});
  QVERIFY2(made.exit_code == 0, made.err.c_str());

  // Enrolment from the picture of the QR code; the phone is offline at first.
  WorkerConfig config = EnrolTestConfig(tmp);
  AppController controller(config, PositionSourceFactory());
  FakeNetwork* network = UseFakeNetwork(controller);
  QSignalSpy started(&controller, &AppController::syncStarted);
  QTRY_COMPARE(controller.state(), AppController::NeedsEnrolment);
  QSignalSpy filled(&controller, &AppController::enrolChanged);
  controller.enrolFromPhoto(QUrl::fromLocalFile(QString::fromStdString(png)).toString());
  QVERIFY(filled.wait(10000));
  QCOMPARE(controller.enrolServer(), QString::fromStdString((*server)->base_url()));
  controller.enroll(controller.enrolServer(), controller.enrolCode(), QStringLiteral("482913"),
                    QStringLiteral("482913"));
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), AppController::Ready, 20000);
  QTRY_VERIFY(controller.counts().value(QStringLiteral("hasServer")).toBool());
  QCOMPARE(started.count(), 0);

  // The signal returns: the scheduler pulls the household's task.
  network->SetOnline(true);
  QVERIFY(SyncedBySchedulerTimes(controller, started, 1));
  QTRY_VERIFY(controller.tasks()->rowCount() > 0);

  // A visit whose answer (no residual-current breaker) derives a hazard.
  const QVariantMap task = controller.tasks()->get(0);
  controller.startVisit(task.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller.visitActive());
  controller.setOutcome(AppController::Checked);
  AnswerCompleteVisit(controller);
  controller.setAnswer(QStringLiteral("rcd_installed"), QStringLiteral("no"));
  QTRY_COMPARE(controller.visitHazards()->rowCount(), 1);
  QTRY_VERIFY(controller.visit().value(QStringLiteral("complete")).toBool());
  QSignalSpy finished(&controller, &AppController::visitFinished);
  controller.finishVisit();
  QVERIFY(finished.wait(20000));
  QVERIFY(SyncedBySchedulerTimes(controller, started, 2));
  QTRY_COMPARE(controller.syncState(), AppController::Synced);
  QTRY_COMPARE(controller.counts().value(QStringLiteral("pendingChanges")).toInt(), 0);

  std::string report = ReportJson(*env);
  for (const char* expected : {"\"visits\":1,", "\"subjects_checked\":1,", "\"hazards_open\":1,",
                               "\"hazards_rectified\":0,", "\"electrical"}) {
    QVERIFY2(Holds(report, expected), (expected + std::string("\n") + report).c_str());
  }

  // The rectification with an after-photo; the scheduler sends it and the photo by itself.
  QTRY_COMPARE(controller.hazardBoard()->openCount(), 1);
  const QString hazard_id =
      controller.hazardBoard()
          ->data(controller.hazardBoard()->index(0), HazardBoardModel::kHazardId)
          .toString();
  controller.openHazard(hazard_id);
  QTRY_COMPARE(controller.hazard().value(QStringLiteral("hazardId")).toString(), hazard_id);
  const QString jpeg = tmp.filePath(QStringLiteral("after.jpg"));
  QVERIFY(WriteFile(jpeg, TestJpeg(800, 600)));
  QSignalSpy recorded(&controller, &AppController::hazardStepRecorded);
  controller.recordRectification(QStringLiteral("已加装漏电保护器"),
                                 QUrl::fromLocalFile(jpeg).toString(), false);
  QVERIFY(recorded.wait(20000));
  QVERIFY(SyncedBySchedulerTimes(controller, started, 3));
  QTRY_COMPARE(controller.counts().value(QStringLiteral("pendingChanges")).toInt(), 0);
  QTRY_COMPARE(controller.counts().value(QStringLiteral("pendingPhotos")).toInt(), 0);

  report = ReportJson(*env);
  for (const char* expected :
       {"\"visits\":1,", "\"hazards_rectified\":1,", "\"photos_pending\":0,", "\"rectified\":1"}) {
    QVERIFY2(Holds(report, expected), (expected + std::string("\n") + report).c_str());
  }
}

}  // namespace qiaomen::mobile
