#include <QAbstractItemModelTester>
#include <QDir>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include "app_tests.h"
#include "demo_profile.h"
#include "hazard_steps.h"
#include "test_images.h"

namespace qiaomen::mobile {
namespace {

using Mode = QAbstractItemModelTester::FailureReportingMode;

// The hazard of the board whose household is `name` ("" when none).
QString HazardOf(HazardBoardModel* board, const QString& name) {
  const int filter = board->filter();
  board->setFilter(HazardBoardModel::Open);
  QString id;
  for (int i = 0; i < board->rowCount(); ++i) {
    const QModelIndex index = board->index(i);
    if (board->data(index, HazardBoardModel::kSubjectName).toString() == name) {
      id = board->data(index, HazardBoardModel::kHazardId).toString();
    }
  }
  board->setFilter(filter);
  return id;
}

}  // namespace

void HazardTest::cleanup() {
  controller_.reset();
  tmp_.reset();
}

void HazardTest::Open(const std::string& role) {
  tmp_ = std::make_unique<QTemporaryDir>();
  WorkerConfig config = TestConfig(*tmp_);
  config.role_without_server = QString::fromStdString(role);
  const core::Status made = CreateDemoProfile(config.data_dir, config.key_store_dir);
  if (!made.ok()) qFatal("demo profile: %s", made.message().c_str());
  controller_ = std::make_unique<AppController>(config, PositionSourceFactory());
  QTRY_COMPARE_WITH_TIMEOUT(controller_->state(), AppController::Locked, 10000);
  controller_->unlock(QString::fromLatin1(kDemoPin));
  QTRY_COMPARE_WITH_TIMEOUT(controller_->hazardBoard()->openCount(), 2, 10000);
  overdue_ = HazardOf(controller_->hazardBoard(), QStringLiteral("刘玉梅"));
  controller_->openHazard(overdue_);
  QTRY_COMPARE(controller_->hazard().value(QStringLiteral("hazardId")).toString(), overdue_);
}

bool HazardTest::Rectify(const QString& note) {
  const QString jpeg = tmp_->filePath(QStringLiteral("after.jpg"));
  if (!WriteFile(jpeg, TestJpeg(800, 600))) return false;
  QSignalSpy recorded(controller_.get(), &AppController::hazardStepRecorded);
  controller_->recordRectification(note, QUrl::fromLocalFile(jpeg).toString());
  return recorded.wait(20000);
}

void HazardTest::listsByTheCountyDay() {
  Open("inspector");
  HazardBoardModel* board = controller_->hazardBoard();
  QAbstractItemModelTester tester(board, Mode::QtTest);
  // The demo: 李建国's stove is due today (due soon), 刘玉梅's hose was due two days ago.
  QCOMPARE(board->dueSoonCount(), 1);
  QCOMPARE(board->overdueCount(), 1);
  const QString li = HazardOf(board, QStringLiteral("李建国"));
  const QString liu = HazardOf(board, QStringLiteral("刘玉梅"));
  QVERIFY(board->listed(li, HazardBoardModel::DueSoon));
  QVERIFY(!board->listed(li, HazardBoardModel::Overdue));
  QVERIFY(board->listed(liu, HazardBoardModel::Overdue));
  // The overdue household comes first.
  QCOMPARE(board->data(board->index(0), HazardBoardModel::kHazardId).toString(), liu);
  QCOMPARE(board->data(board->index(0), HazardBoardModel::kDeadlineDays).toInt(), -2);
  QCOMPARE(controller_->counts().value(QStringLiteral("hazardsDueSoon")).toInt(), 2);
  // The detail: its category, legal basis from the checklist rule (gas_hose_defect cites no
  // article since issue 16, and a basis is only ever a real article: none is shown), found then
  // ordered.
  const QVariantMap h = controller_->hazard();
  QCOMPARE(h.value(QStringLiteral("categoryZh")).toString(), QStringLiteral("燃气"));
  QCOMPARE(h.value(QStringLiteral("legalBasisZh")).toString(), QString());
  QCOMPARE(h.value(QStringLiteral("statusCode")).toString(), QStringLiteral("ordered"));
  QVERIFY(h.value(QStringLiteral("overdue")).toBool());
  RecordListModel* events = controller_->hazardEvents();
  QAbstractItemModelTester events_tester(events, Mode::QtTest);
  QCOMPARE(events->rowCount(), 2);
  QCOMPARE(events->get(0).value(QStringLiteral("kind")).toInt(), 1);  // found
  QCOMPARE(events->get(1).value(QStringLiteral("kind")).toInt(), 2);  // ordered
  QCOMPARE(events->get(1).value(QStringLiteral("note")).toString(),
           QStringLiteral("更换燃气专用软管并加装卡箍"));
  QVERIFY(!events->get(1).value(QStringLiteral("at")).toString().isEmpty());
}

void HazardTest::rectificationWithAPhotoLeavesTheOverdueList() {
  Open("grid_worker");
  const QString id = overdue_;
  HazardBoardModel* board = controller_->hazardBoard();
  QAbstractItemModelTester tester(board, Mode::QtTest);
  QAbstractItemModelTester events_tester(controller_->hazardEvents(), Mode::QtTest);
  QVERIFY(Rectify(QStringLiteral("已更换软管")));
  QTRY_COMPARE(controller_->hazardEvents()->rowCount(), 3);
  const QVariantMap step = controller_->hazardEvents()->get(2);
  QCOMPARE(step.value(QStringLiteral("kind")).toInt(), 3);  // rectified
  QCOMPARE(step.value(QStringLiteral("note")).toString(), QStringLiteral("已更换软管"));
  QCOMPARE(step.value(QStringLiteral("photos")).toInt(), 1);
  const QVariantMap h = controller_->hazard();
  QCOMPARE(h.value(QStringLiteral("statusCode")).toString(), QStringLiteral("rectified"));
  const QVariantList photos = h.value(QStringLiteral("photos")).toList();
  QCOMPARE(photos.size(), 1);
  QVERIFY(photos.at(0).toMap().value(QStringLiteral("after")).toBool());
  // Rectified: waiting for the recheck, not for the household; still open.
  QTRY_VERIFY(!board->listed(id, HazardBoardModel::Overdue));
  QCOMPARE(board->overdueCount(), 0);
  QVERIFY(board->listed(id, HazardBoardModel::Open));
  // Nothing left in the capture folder: the evidence copy was sealed and removed.
  QCOMPARE(QDir(TestConfig(*tmp_).capture_dir).entryList(QDir::Files).size(), 0);
}

void HazardTest::aRefusedStepSaysWhyInChinese() {
  Open("grid_worker");
  QVERIFY(Rectify(QString()));
  QTRY_COMPARE(controller_->hazard().value(QStringLiteral("statusCode")).toString(),
               QStringLiteral("rectified"));
  const QString jpeg = tmp_->filePath(QStringLiteral("again.jpg"));
  QVERIFY(WriteFile(jpeg, TestJpeg(640, 480)));
  QSignalSpy failed(controller_.get(), &AppController::hazardStepFailed);
  controller_->recordRectification(QString(), jpeg);
  QVERIFY(failed.wait(20000));
  QCOMPARE(failed.at(0).at(0).toString(),
           QStringLiteral("这处隐患已经记录过整改，正在等待复查，不用再记录。"));
  // Nothing was kept: the history still has three steps.
  QTest::qWait(200);
  QCOMPARE(controller_->hazardEvents()->rowCount(), 3);
  // A rectification needs its after-photo.
  controller_->recordRectification(QStringLiteral("没拍照"), QString());
  QVERIFY(failed.wait(10000));
  QVERIFY(failed.at(1).at(0).toString().contains(QStringLiteral("整改后的照片")));
}

void HazardTest::recheckIsForInspectorsOnly() {
  Open("grid_worker");
  QVERIFY(!controller_->hazard().value(QStringLiteral("mayReinspect")).toBool());
  QVERIFY(Rectify(QString()));
  QSignalSpy failed(controller_.get(), &AppController::hazardStepFailed);
  controller_->recordRecheck(true, QString());
  QVERIFY(failed.wait(10000));
  QCOMPARE(failed.at(0).at(0).toString(), HazardSteps::ReinspectNotAllowed());
  cleanup();

  Open("inspector");
  QVERIFY(controller_->hazard().value(QStringLiteral("mayReinspect")).toBool());
  QVERIFY(Rectify(QString()));
  QSignalSpy recorded(controller_.get(), &AppController::hazardStepRecorded);
  controller_->recordRecheck(false, QStringLiteral("软管未加卡箍"));
  QVERIFY(recorded.wait(10000));
  QTRY_COMPARE(controller_->hazardEvents()->rowCount(), 4);
  QVERIFY(!controller_->hazardEvents()->get(3).value(QStringLiteral("passed")).toBool());
  // A failed recheck sends it back under order (and, past its deadline, overdue again).
  QCOMPARE(controller_->hazard().value(QStringLiteral("statusCode")).toString(),
           QStringLiteral("ordered"));
  QVERIFY(Rectify(QString()));
  controller_->recordRecheck(true, QString());
  QVERIFY(recorded.wait(10000));
  QTRY_COMPARE(controller_->hazard().value(QStringLiteral("statusCode")).toString(),
               QStringLiteral("reinspected"));
}

}  // namespace qiaomen::mobile
