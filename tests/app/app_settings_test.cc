// The 我的 page's settings over a profile enrolled with a real county server: change the PIN
// (a wrong old PIN refused), export the unsent work as a bundle file, leave this device.
#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include "app_county.h"
#include "app_tests.h"

namespace qiaomen::mobile {

void SettingsTest::changePinExportAndLeave() {
  auto env = CountyWithWorker();
  QVERIFY(env != nullptr);
  auto server = env->StartServer();
  QVERIFY2(server.ok(), server.status().ToString().c_str());
  const std::string code = EnrolmentCode(*env);
  QVERIFY(!code.empty());

  QTemporaryDir tmp;
  WorkerConfig config = EnrolTestConfig(tmp);
  config.export_dir = tmp.filePath(QStringLiteral("export"));
  AppController controller(config, PositionSourceFactory());
  QTRY_COMPARE(controller.state(), AppController::NeedsEnrolment);
  controller.enroll(QString::fromStdString((*server)->base_url()), QString::fromStdString(code),
                    QStringLiteral("482913"), QStringLiteral("482913"));
  QTRY_COMPARE_WITH_TIMEOUT(controller.state(), AppController::Ready, 20000);

  QSignalSpy done(&controller, &AppController::settingsDone);
  QSignalSpy failed(&controller, &AppController::settingsFailed);
  // The new PIN is checked here; a wrong old PIN is refused by the key file.
  controller.changePin(QStringLiteral("482913"), QStringLiteral("1234"), QStringLiteral("1234"));
  QCOMPARE(failed.count(), 1);
  controller.changePin(QStringLiteral("000000"), QStringLiteral("135790"),
                       QStringLiteral("135790"));
  QTRY_COMPARE(failed.count(), 2);
  QVERIFY2(failed.last().at(0).toString().contains(QStringLiteral("原密码不正确")),
           qPrintable(failed.last().at(0).toString()));
  controller.changePin(QStringLiteral("482913"), QStringLiteral("135790"),
                       QStringLiteral("135790"));
  QTRY_COMPARE(done.count(), 1);
  controller.lock();
  QTRY_COMPARE(controller.state(), AppController::Locked);
  controller.unlock(QStringLiteral("135790"));
  QTRY_COMPARE(controller.state(), AppController::Ready);

  controller.exportBundle();
  QTRY_COMPARE_WITH_TIMEOUT(done.count() + failed.count(), 4, 10000);
  QVERIFY2(done.count() == 2, qPrintable(failed.last().at(0).toString()));
  const QStringList bundles = QDir(config.export_dir).entryList({QStringLiteral("*.bundle")});
  QCOMPARE(bundles.size(), 1);
  QVERIFY(done.last().at(0).toString().contains(bundles.first()));

  controller.leaveDevice(QStringLiteral("482913"));  // the old PIN
  QTRY_COMPARE(failed.count(), 3);
  QCOMPARE(controller.state(), AppController::Ready);
  controller.leaveDevice(QStringLiteral("135790"));
  QTRY_COMPARE(controller.state(), AppController::NeedsEnrolment);
  QVERIFY(!QDir(config.data_dir).exists());
  QVERIFY(controller.message().contains(QStringLiteral("已退出")));
}

}  // namespace qiaomen::mobile
