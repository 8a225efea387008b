#include "app_controller.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QSignalSpy>
#include <QTest>
#include <QUrl>

#include "app_tests.h"
#include "demo_profile.h"
#include "test_images.h"

namespace qiaomen::mobile {
namespace {

using Mode = QAbstractItemModelTester::FailureReportingMode;

}  // namespace

void ControllerTest::init() {
  tmp_ = std::make_unique<QTemporaryDir>();
  QVERIFY(tmp_->isValid());
  const WorkerConfig config = TestConfig(*tmp_);
  const core::Status made = CreateDemoProfile(config.data_dir, config.key_store_dir);
  QVERIFY2(made.ok(), made.message().c_str());
  controller_ = std::make_unique<AppController>(config, PositionSourceFactory());
  QTRY_COMPARE(controller_->state(), AppController::Locked);
}

void ControllerTest::cleanup() {
  controller_.reset();
  tmp_.reset();
}

void ControllerTest::Unlock() {
  controller_->unlock(QString::fromLatin1(kDemoPin));
  QTRY_COMPARE(controller_->state(), AppController::Ready);
  QTRY_COMPARE(controller_->tasks()->rowCount(), 9);
}

void ControllerTest::wrongPinCountsDown() {
  const int before = controller_->attemptsLeft();
  QVERIFY(before > 1);
  controller_->unlock(QStringLiteral("000000"));
  QTRY_COMPARE(controller_->attemptsLeft(), before - 1);
  QCOMPARE(controller_->state(), AppController::Locked);
  QVERIFY(!controller_->message().isEmpty());
  Unlock();
}

void ControllerTest::tasksAndHomeCounts() {
  QAbstractItemModelTester tasks_tester(controller_->tasks(), Mode::QtTest);
  QAbstractItemModelTester drafts_tester(controller_->drafts(), Mode::QtTest);
  Unlock();
  QTRY_COMPARE(controller_->counts().value(QStringLiteral("total")).toInt(), 9);
  QCOMPARE(controller_->counts().value(QStringLiteral("returnVisits")).toInt(), 1);
  QCOMPARE(controller_->counts().value(QStringLiteral("hazardsOpen")).toInt(), 1);
  QAbstractItemModelTester hazards_tester(controller_->openHazards(), Mode::QtTest);
  QTRY_COMPARE(controller_->openHazards()->rowCount(), 1);
  const QModelIndex hazard = controller_->openHazards()->index(0);
  QCOMPARE(controller_->openHazards()->data(hazard, HazardListModel::kSubjectName).toString(),
           QStringLiteral("李建国"));
  QCOMPARE(controller_->openHazards()->data(hazard, HazardListModel::kTitleZh).toString(),
           QStringLiteral("燃煤炉具未安装烟囱"));
  const QVariantMap wang = TaskOf(controller_->tasks(), QStringLiteral("王秀英"));
  QVERIFY(wang.value(QStringLiteral("returnDue")).toBool());
  QCOMPARE(wang.value(QStringLiteral("section")).toString(), QStringLiteral("石门村 · 第一网格"));

  QSignalSpy loaded(controller_.get(), &AppController::tasksLoaded);
  controller_->setSearch(QStringLiteral("13812345607"));  // by phone
  QVERIFY(loaded.wait());
  QCOMPARE(controller_->tasks()->rowCount(), 1);
  QCOMPARE(controller_->tasks()->get(0).value(QStringLiteral("name")).toString(),
           QStringLiteral("杨淑芬"));
  controller_->setSearch(QStringLiteral("东山村"));  // by address
  QVERIFY(loaded.wait());
  QCOMPARE(controller_->tasks()->rowCount(), 3);
  controller_->setSearch(QString());
  QVERIFY(loaded.wait());
  controller_->setFilter(2);  // return visits due
  QVERIFY(loaded.wait());
  QCOMPARE(controller_->tasks()->rowCount(), 1);
}

void ControllerTest::answersShowAndHideItemsLive() {
  QAbstractItemModelTester checklist_tester(controller_->checklist(), Mode::QtTest);
  QAbstractItemModelTester hazards_tester(controller_->visitHazards(), Mode::QtTest);
  Unlock();
  const QVariantMap li = TaskOf(controller_->tasks(), QStringLiteral("李建国"));
  controller_->startVisit(li.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  ChecklistModel* checklist = controller_->checklist();
  QCOMPARE(checklist->rowOf(QStringLiteral("stove_location")), -1);
  controller_->setOutcome(AppController::Checked);
  controller_->setAnswer(QStringLiteral("heating_type"), QStringLiteral("coal_stove"));
  QTRY_VERIFY(checklist->rowOf(QStringLiteral("stove_location")) >= 0);
  controller_->setAnswer(QStringLiteral("flue_installed"), QStringLiteral("no"));
  QTRY_COMPARE(controller_->visitHazards()->rowCount(), 1);
  const QModelIndex hazard = controller_->visitHazards()->index(0);
  QCOMPARE(controller_->visitHazards()->data(hazard, HazardListModel::kTitleZh).toString(),
           QStringLiteral("燃煤炉具未安装烟囱"));
  QVERIFY(
      !controller_->visitHazards()->data(hazard, HazardListModel::kDeadline).toString().isEmpty());
  const int flue = checklist->rowOf(QStringLiteral("flue_installed"));
  QVERIFY(checklist->data(checklist->index(flue), ChecklistModel::kHazard).toBool());
  controller_->setAnswer(QStringLiteral("heating_type"), QStringLiteral("electric"));
  QTRY_COMPARE(checklist->rowOf(QStringLiteral("stove_location")), -1);
  QTRY_COMPARE(controller_->visitHazards()->rowCount(), 0);

  // Finishing with required items unanswered names the first one and records nothing.
  QSignalSpy problem(controller_.get(), &AppController::visitProblem);
  controller_->finishVisit();
  QVERIFY(problem.wait());
  QCOMPARE(problem.at(0).at(0).toString(), QStringLiteral("gas_type"));
  const int gas = checklist->rowOf(QStringLiteral("gas_type"));
  QTRY_VERIFY(
      !checklist->data(checklist->index(gas), ChecklistModel::kErrorZh).toString().isEmpty());
  QVERIFY(controller_->visitActive());
}

void ControllerTest::photosPerItem() {
  Unlock();
  const QVariantMap liu = TaskOf(controller_->tasks(), QStringLiteral("刘玉梅"));
  controller_->startVisit(liu.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  controller_->setOutcome(AppController::Checked);
  controller_->setAnswer(QStringLiteral("heating_type"), QStringLiteral("coal_stove"));
  ChecklistModel* checklist = controller_->checklist();
  QTRY_VERIFY(checklist->rowOf(QStringLiteral("stove_photo")) >= 0);
  const QString jpeg = tmp_->filePath(QStringLiteral("stove.jpg"));
  QVERIFY(WriteFile(jpeg, TestJpeg(640, 480)));
  controller_->addPhoto(QStringLiteral("stove_photo"), QUrl::fromLocalFile(jpeg).toString());
  const auto photos = [&] {
    const int row = checklist->rowOf(QStringLiteral("stove_photo"));
    return checklist->data(checklist->index(row), ChecklistModel::kPhotoIds).toStringList();
  };
  QTRY_COMPARE(photos().size(), 1);
  controller_->removePhoto(photos().at(0));
  QTRY_COMPARE(photos().size(), 0);
  // A missing file is an error at the item, not a crash.
  QSignalSpy problem(controller_.get(), &AppController::visitProblem);
  controller_->addPhoto(QStringLiteral("stove_photo"), tmp_->filePath(QStringLiteral("none.jpg")));
  QVERIFY(problem.wait());
  QCOMPARE(problem.at(0).at(0).toString(), QStringLiteral("stove_photo"));
}

void ControllerTest::draftSurvivesAControllerRestart() {
  Unlock();
  const QVariantMap zhao = TaskOf(controller_->tasks(), QStringLiteral("赵德明"));
  controller_->startVisit(zhao.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  controller_->setOutcome(AppController::Checked);
  controller_->setAnswer(QStringLiteral("ebike_count"), QStringLiteral("2"));
  QTRY_COMPARE(controller_->visit().value(QStringLiteral("answered")).toInt(), 1);
  // The app is killed mid-visit: a new controller over the same profile offers the draft.
  const WorkerConfig config = TestConfig(*tmp_);
  controller_.reset();
  controller_ = std::make_unique<AppController>(config, PositionSourceFactory());
  QTRY_COMPARE(controller_->state(), AppController::Locked);
  Unlock();
  QTRY_COMPARE(controller_->drafts()->rowCount(), 1);
  const QVariantMap draft = controller_->drafts()->get(0);
  QCOMPARE(draft.value(QStringLiteral("subjectName")).toString(), QStringLiteral("赵德明"));
  controller_->resumeVisit(draft.value(QStringLiteral("draftId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  QCOMPARE(controller_->visit().value(QStringLiteral("outcome")).toInt(),
           static_cast<int>(AppController::Checked));
  ChecklistModel* checklist = controller_->checklist();
  const int row = checklist->rowOf(QStringLiteral("ebike_count"));
  QCOMPARE(checklist->data(checklist->index(row), ChecklistModel::kAnswer).toString(),
           QStringLiteral("2"));
}

}  // namespace qiaomen::mobile
