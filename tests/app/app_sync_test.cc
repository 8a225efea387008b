// Background sync: the scheduler's rules with a fake network, then a real profile enrolled with a
// real `qiaomen-county serve`, whose network the test takes away and gives back.
#include <QHostAddress>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include "app_county.h"
#include "app_tests.h"
#include "qiaomen/testing/link_simulator.h"
#include "sync_scheduler.h"

namespace qiaomen::mobile {

void BackgroundSyncTest::schedulerRules() {
  FakeNetwork network(false);
  SyncScheduler scheduler(&network);
  QSignalSpy started(&scheduler, &SyncScheduler::startSync);
  // Not unlocked (or no server): the network's return does nothing, and nothing waits.
  network.SetOnline(true);
  QCOMPARE(started.count(), 0);
  network.SetOnline(false);
  scheduler.SetReady(true);
  // Offline: a finished visit waits for the network, and its return starts one sync.
  scheduler.VisitFinished();
  QCOMPARE(started.count(), 0);
  network.SetOnline(true);
  QCOMPARE(started.count(), 1);
  // While that sync runs, a finished visit starts nothing now, one sync after it.
  scheduler.VisitFinished();
  scheduler.VisitFinished();
  QCOMPARE(started.count(), 1);
  scheduler.SyncFinished(false);
  QCOMPARE(started.count(), 2);
  scheduler.SyncFinished(false);
  QCOMPARE(started.count(), 2);
  // A hazard step recorded while online syncs once too.
  scheduler.HazardStepRecorded();
  QCOMPARE(started.count(), 3);
  scheduler.SyncFinished(false);
  QCOMPARE(started.count(), 3);
  // During a visit the network's return waits until the visit is closed.
  network.SetOnline(false);
  scheduler.SetVisitOpen(true);
  network.SetOnline(true);
  QCOMPARE(started.count(), 3);
  scheduler.SetVisitOpen(false);
  QCOMPARE(started.count(), 4);
  // A sync that could not reach the server tells the monitor (a probe starts there).
  scheduler.SyncFinished(true);
  QCOMPARE(network.unreachable, 1);
  QVERIFY(!scheduler.online());
  // A sync by hand meanwhile does what a waiting one would have done.
  scheduler.VisitFinished();  // offline: waits
  scheduler.SetSyncing(true);
  scheduler.SyncFinished(false);
  network.SetOnline(true);
  QCOMPARE(started.count(), 5);  // the return itself still syncs once
  scheduler.SyncFinished(false);
  QCOMPARE(started.count(), 5);
}

void BackgroundSyncTest::probeFindsTheServerAgainWithGrowingPauses() {
  QTcpServer server;
  QVERIFY(server.listen(QHostAddress::LocalHost));
  const quint16 port = server.serverPort();
  ProbeNetworkMonitor probe(nullptr, 40);
  probe.SetServer(QUrl(QStringLiteral("http://127.0.0.1:%1").arg(port)));
  QSignalSpy changed(&probe, &NetworkMonitor::onlineChanged);
  QVERIFY(probe.online());  // until a sync says otherwise
  probe.ReportUnreachable();
  QVERIFY(!probe.online());
  QCOMPARE(changed.count(), 1);
  QTRY_VERIFY(probe.online());  // the first probe reaches the port
  QCOMPARE(changed.count(), 2);
  QCOMPARE(probe.nextPauseMs(), 0);

  // Nobody listens now: each failed probe doubles the pause, up to 20 times the first.
  server.close();
  probe.ReportUnreachable();
  QTRY_VERIFY(probe.nextPauseMs() >= 160);
  QTRY_COMPARE_WITH_TIMEOUT(probe.nextPauseMs(), 800, 10000);
  QVERIFY(!probe.online());
  QCOMPARE(changed.count(), 3);
  // The server is back: the next probe finds it.
  QVERIFY(server.listen(QHostAddress::LocalHost, port));
  QTRY_VERIFY_WITH_TIMEOUT(probe.online(), 5000);
  QCOMPARE(changed.count(), 4);
}

void BackgroundSyncTest::networkReturnSyncsOnceOverARealProfile() {
  auto env = CountyWithWorker();
  QVERIFY(env != nullptr);
  auto server = env->StartServer();
  QVERIFY2(server.ok(), server.status().ToString().c_str());
  const std::string code = EnrolmentCode(*env);
  QVERIFY(!code.empty());

  QTemporaryDir tmp;
  WorkerConfig config = EnrolTestConfig(tmp);
  AppController controller(config, PositionSourceFactory());
  FakeNetwork* network = UseFakeNetwork(controller);
  QTRY_COMPARE(controller.state(), AppController::NeedsEnrolment);
  controller.enroll(QString::fromStdString((*server)->base_url()), QString::fromStdString(code),
                    QStringLiteral("482913"), QStringLiteral("482913"));
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), AppController::Ready, 20000);
  QTRY_VERIFY(controller.counts().value(QStringLiteral("hasServer")).toBool());
  QCOMPARE(controller.syncState(), AppController::Offline);
  QVERIFY2(controller.syncBanner().startsWith(QStringLiteral("离线")),
           qPrintable(controller.syncBanner()));

  QSignalSpy started(&controller, &AppController::syncStarted);
  QSignalSpy finished(&controller, &AppController::syncChanged);
  network->SetOnline(true);
  QTRY_COMPARE(started.count(), 1);
  QCOMPARE(controller.syncState(), AppController::Syncing);
  QVERIFY2(controller.syncBanner().startsWith(QStringLiteral("正在同步 ")),
           qPrintable(controller.syncBanner()));
  QTRY_VERIFY_WITH_TIMEOUT(!controller.syncing(), 20000);
  QTRY_COMPARE(controller.syncState(), AppController::Synced);
  QVERIFY2(controller.syncBanner().startsWith(QStringLiteral("已同步 ")),
           qPrintable(controller.syncBanner()));
  // Nothing else starts one: not the sync's own reloads, not a repeated "online".
  QTest::qWait(1500);
  QCOMPARE(started.count(), 1);

  // The server goes away: the next return's sync cannot reach it, and the monitor hears so.
  network->SetOnline(false);
  QCOMPARE(controller.syncState(), AppController::Offline);
  QCOMPARE((*server)->Stop(), 0);
  network->SetOnline(true);
  QTRY_COMPARE(started.count(), 2);
  QTRY_VERIFY_WITH_TIMEOUT(!controller.syncing(), 60000);
  QTRY_COMPARE(network->unreachable, 1);
  QCOMPARE(controller.syncState(), AppController::Offline);
  QTest::qWait(500);
  QCOMPARE(started.count(), 2);
}

// Issue 21: a phone keeps what it sent until the county's backup holds it, within a cap; when the
// cap lets go of changes no backup holds, the sync screen says so, and says it no more once a
// backup holds them.
void BackgroundSyncTest::aCapReachedBeforeABackupIsSaidOnTheSyncScreen() {
  auto env = CountyWithWorker();
  QVERIFY(env != nullptr);
  QVERIFY(AddWinterCampaign(*env));
  auto server = env->StartServer();
  QVERIFY2(server.ok(), server.status().ToString().c_str());
  const std::string code = EnrolmentCode(*env);
  QVERIFY(!code.empty());

  QTemporaryDir tmp;
  WorkerConfig config = EnrolTestConfig(tmp);
  config.keep_sent_bytes = 0;  // keep nothing beyond the last backup
  AppController controller(config, PositionSourceFactory());
  UseFakeNetwork(controller);
  QTRY_COMPARE(controller.state(), AppController::NeedsEnrolment);
  controller.enroll(QString::fromStdString((*server)->base_url()), QString::fromStdString(code),
                    QStringLiteral("482913"), QStringLiteral("482913"));
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), AppController::Ready, 20000);
  controller.sync();
  QTRY_VERIFY_WITH_TIMEOUT(!controller.syncing(), 20000);
  QTRY_VERIFY(controller.tasks()->rowCount() > 0);

  const QVariantMap task = controller.tasks()->get(0);
  controller.openHousehold(task.value(QStringLiteral("subjectId")).toString(),
                           task.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(!controller.household().value(QStringLiteral("subjectId")).toString().isEmpty());
  QSignalSpy saved(&controller, &AppController::householdSaved);
  controller.saveHousehold(QStringLiteral("13900001111"), QStringLiteral("2"), {});
  QTRY_COMPARE(saved.count(), 1);
  controller.sync();
  QVERIFY(controller.syncing());
  QTRY_VERIFY_WITH_TIMEOUT(!controller.syncing(), 20000);
  QVERIFY2(controller.syncMessage().contains(QStringLiteral("还不在县里的备份中")),
           qPrintable(controller.syncMessage()));

  // The county backs up; the next sync learns the backup holds everything, and says nothing.
  QTemporaryDir backup_dir;
  auto backup =
      env->Run({"backup", "--to", backup_dir.filePath(QStringLiteral("b")).toStdString()});
  QVERIFY2(backup.exit_code == 0, (backup.out + backup.err).c_str());
  controller.sync();
  QTRY_VERIFY_WITH_TIMEOUT(!controller.syncing(), 20000);
  QVERIFY2(!controller.syncMessage().contains(QStringLiteral("备份")),
           qPrintable(controller.syncMessage()));
}

// The sync runs on a thread of its own and holds the profile only for its own store calls: while
// a run waits on a stalled link, opening a household and reloading the home counts, the hazard
// list and the tasks are answered (they used to queue behind the whole run on the device thread).
void BackgroundSyncTest::screensAnswerWhileASyncWaitsOnAStalledLink() {
  auto env = CountyWithWorker();
  QVERIFY(env != nullptr);
  QVERIFY(AddWinterCampaign(*env));
  auto server = env->StartServer();
  QVERIFY2(server.ok(), server.status().ToString().c_str());
  qiaomen::testing::LinkSimulator link("127.0.0.1", (*server)->port());
  QVERIFY(link.Start());
  const std::string code = EnrolmentCode(*env);
  QVERIFY(!code.empty());

  QTemporaryDir tmp;
  WorkerConfig config = EnrolTestConfig(tmp);
  AppController controller(config, PositionSourceFactory());
  UseFakeNetwork(controller);
  QTRY_COMPARE(controller.state(), AppController::NeedsEnrolment);
  controller.enroll(QString::fromStdString(link.url()), QString::fromStdString(code),
                    QStringLiteral("482913"), QStringLiteral("482913"));
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), AppController::Ready, 20000);
  controller.sync();
  QTRY_VERIFY_WITH_TIMEOUT(!controller.syncing(), 20000);
  QTRY_VERIFY(controller.tasks()->rowCount() > 0);
  const QVariantMap task = controller.tasks()->get(0);
  const QString subject = task.value(QStringLiteral("subjectId")).toString();

  // The link holds every byte: the run waits on it.
  link.SetStalled(true);
  controller.sync();
  QVERIFY(controller.syncing());
  QSignalSpy household(&controller, &AppController::householdChanged);
  controller.openHousehold(subject, task.value(QStringLiteral("taskId")).toString());
  QVERIFY(household.wait(10000));
  QVERIFY(controller.syncing());  // answered while the run still waits
  QCOMPARE(controller.household().value(QStringLiteral("subjectId")).toString(), subject);
  QSignalSpy home(&controller, &AppController::homeChanged);
  QSignalSpy tasks(&controller, &AppController::tasksLoaded);
  controller.refresh();  // the home counts, the hazard list and the tasks
  QVERIFY(home.wait(10000));
  QTRY_COMPARE(tasks.count(), 1);
  QVERIFY(controller.syncing());

  // The link comes back: the same run goes on and ends.
  link.SetStalled(false);
  QTRY_VERIFY_WITH_TIMEOUT(!controller.syncing(), 60000);
  QVERIFY2(controller.syncMessage().startsWith(QStringLiteral("同步完成")),
           qPrintable(controller.syncMessage()));
}

}  // namespace qiaomen::mobile
