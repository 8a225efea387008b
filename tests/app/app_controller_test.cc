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
  QCOMPARE(controller_->counts().value(QStringLiteral("hazardsOpen")).toInt(), 2);
  QAbstractItemModelTester hazards_tester(controller_->openHazards(), Mode::QtTest);
  QTRY_COMPARE(controller_->openHazards()->rowCount(), 2);
  // 刘玉梅's overdue hose first, then 李建国's stove (due today).
  QCOMPARE(controller_->openHazards()
               ->data(controller_->openHazards()->index(0), HazardListModel::kSubjectName)
               .toString(),
           QStringLiteral("刘玉梅"));
  const QModelIndex hazard = controller_->openHazards()->index(1);
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

void ControllerTest::groupCountsFollowAFinishedVisit() {
  QAbstractItemModelTester tasks_tester(controller_->tasks(), Mode::QtTest);
  Unlock();
  const QString shimen = QStringLiteral("石门村 · 第一网格");
  const auto visited = [&] {
    return controller_->tasks()->group(shimen).value(QStringLiteral("visited")).toInt();
  };
  const auto remaining = [&] {
    return controller_->tasks()->group(shimen).value(QStringLiteral("remaining")).toInt();
  };
  // 石门村 第一网格: four households, 王秀英's nobody-home visit left her task open.
  QCOMPARE(visited(), 0);
  QCOMPARE(remaining(), 4);
  QCOMPARE(controller_->tasks()->group(shimen).value(QStringLiteral("returnVisits")).toInt(), 1);
  QCOMPARE(controller_->tasks()
               ->group(QStringLiteral("东山村 · 第一网格"))
               .value(QStringLiteral("remaining"))
               .toInt(),
           3);
  const QVariantMap zhao = TaskOf(controller_->tasks(), QStringLiteral("赵德明"));
  controller_->startVisit(zhao.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  // A vacant house closes the task (nobody home and refused keep it open for a return visit).
  controller_->setOutcome(AppController::Vacant);
  QSignalSpy finished(controller_.get(), &AppController::visitFinished);
  controller_->finishVisit();
  QVERIFY(finished.wait());
  QTRY_COMPARE(visited(), 1);
  QCOMPARE(remaining(), 3);
  // The open-tasks list no longer shows him, but his group still counts him.
  QVERIFY(TaskOf(controller_->tasks(), QStringLiteral("赵德明")).isEmpty());
}

void ControllerTest::openHazardsFilter() {
  QAbstractItemModelTester tasks_tester(controller_->tasks(), Mode::QtTest);
  Unlock();
  const QVariantMap li = TaskOf(controller_->tasks(), QStringLiteral("李建国"));
  QCOMPARE(li.value(QStringLiteral("openHazards")).toInt(), 1);
  QCOMPARE(TaskOf(controller_->tasks(), QStringLiteral("张桂兰"))
               .value(QStringLiteral("openHazards"))
               .toInt(),
           0);
  QSignalSpy loaded(controller_.get(), &AppController::tasksLoaded);
  controller_->setFilter(4);  // open hazards: 李建国's and 刘玉梅's
  QVERIFY(loaded.wait());
  QCOMPARE(controller_->tasks()->rowCount(), 2);
  QCOMPARE(controller_->tasks()->get(0).value(QStringLiteral("name")).toString(),
           QStringLiteral("李建国"));
  // The groups keep their counts whatever the filter shows.
  QCOMPARE(controller_->tasks()->groups().size(), 3);
  controller_->setSearch(QStringLiteral("东山村"));
  QVERIFY(loaded.wait());
  QCOMPARE(controller_->tasks()->rowCount(), 0);
}

void ControllerTest::editHouseholdSavesAndRefusesABadPhone() {
  Unlock();
  const QVariantMap yang = TaskOf(controller_->tasks(), QStringLiteral("杨淑芬"));
  const QString subject = yang.value(QStringLiteral("subjectId")).toString();
  controller_->openHousehold(subject, yang.value(QStringLiteral("taskId")).toString());
  QTRY_COMPARE(controller_->household().value(QStringLiteral("subjectId")).toString(), subject);
  QSignalSpy problem(controller_.get(), &AppController::householdEditProblem);
  QSignalSpy saved(controller_.get(), &AppController::householdSaved);
  // A wrong number is refused at once, with what to type, and nothing is written.
  controller_->saveHousehold(QStringLiteral("138123"), QStringLiteral("2"), {});
  QCOMPARE(problem.count(), 1);
  QCOMPARE(problem.at(0).at(0).toString(), QStringLiteral("phone"));
  QVERIFY(problem.at(0).at(1).toString().contains(QStringLiteral("区号")));
  controller_->saveHousehold(QStringLiteral("13900001111"), QStringLiteral("99999"), {});
  QCOMPARE(problem.count(), 2);
  QCOMPARE(problem.at(1).at(0).toString(), QStringLiteral("members"));
  QCOMPARE(saved.count(), 0);
  // A good edit is saved, goes to the outbox, and shows on the page and in the task list.
  QTRY_COMPARE(controller_->counts().value(QStringLiteral("total")).toInt(), 9);
  const qint64 pending = controller_->counts().value(QStringLiteral("pendingChanges")).toLongLong();
  controller_->saveHousehold(QStringLiteral("139 0000 1111"), QStringLiteral("2"),
                             {QStringLiteral("elderly_alone"), QStringLiteral("ebike")});
  QVERIFY(saved.wait());
  QCOMPARE(saved.at(0).at(0).toString(), QStringLiteral("已保存，待上传。"));
  QTRY_COMPARE(controller_->household().value(QStringLiteral("phone")).toString(),
               QStringLiteral("13900001111"));
  QCOMPARE(controller_->household().value(QStringLiteral("members")).toInt(), 2);
  QCOMPARE(controller_->household().value(QStringLiteral("tags")).toStringList(),
           (QStringList{"elderly_alone", "ebike"}));
  QCOMPARE(controller_->household().value(QStringLiteral("taskId")).toString(),
           yang.value(QStringLiteral("taskId")).toString());
  QTRY_COMPARE(TaskOf(controller_->tasks(), QStringLiteral("杨淑芬"))
                   .value(QStringLiteral("phone"))
                   .toString(),
               QStringLiteral("13900001111"));
  controller_->refresh();
  QTRY_VERIFY(controller_->counts().value(QStringLiteral("pendingChanges")).toLongLong() > pending);
  QCOMPARE(problem.count(), 2);
  // The same values again: nothing to write.
  controller_->saveHousehold(QStringLiteral("13900001111"), QStringLiteral("2"),
                             {QStringLiteral("elderly_alone"), QStringLiteral("ebike")});
  QVERIFY(saved.wait());
  QCOMPARE(saved.at(1).at(0).toString(), QStringLiteral("没有改动。"));
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

// Issue 16: a refusal is finished with its reason (the task stays open for the return visit), and
// a hazard fixed on the spot, with its after-photo, is closed in the visit: the open hazards stay.
void ControllerTest::refusalNeedsItsReasonAndAFixOnTheSpotClosesTheHazard() {
  Unlock();
  const QString shimen = QStringLiteral("石门村 · 第一网格");
  const auto returns = [&] {
    return controller_->tasks()->group(shimen).value(QStringLiteral("returnVisits")).toInt();
  };
  QCOMPARE(returns(), 1);
  const QVariantMap zhao = TaskOf(controller_->tasks(), QStringLiteral("赵德明"));
  controller_->startVisit(zhao.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  controller_->setOutcome(AppController::Refused);
  QSignalSpy failed(controller_.get(), &AppController::messageChanged);
  controller_->finishVisit();
  QVERIFY(failed.wait());  // no reason yet: nothing is saved
  QCOMPARE(controller_->message(), QStringLiteral("请选择拒绝的原因。"));
  QVERIFY(controller_->visitActive());
  controller_->setRefusal(AppController::RefusedEntry, QString(), true);
  QTRY_COMPARE(controller_->visit().value(QStringLiteral("refusalReason")).toInt(),
               static_cast<int>(AppController::RefusedEntry));
  QVERIFY(controller_->visit().value(QStringLiteral("escalated")).toBool());
  QSignalSpy finished(controller_.get(), &AppController::visitFinished);
  controller_->finishVisit();
  QVERIFY(finished.wait());
  QTRY_COMPARE(returns(), 2);  // refused: his task waits for the return visit

  const int open_before = controller_->counts().value(QStringLiteral("hazardsOpen")).toInt();
  const QVariantMap yang = TaskOf(controller_->tasks(), QStringLiteral("杨淑芬"));
  controller_->startVisit(yang.value(QStringLiteral("taskId")).toString());
  QTRY_VERIFY(controller_->visitActive());
  controller_->setOutcome(AppController::Checked);
  AnswerCompleteVisit(*controller_);
  controller_->setAnswer(QStringLiteral("rcd_installed"), QStringLiteral("no"));
  HazardListModel* hazards = controller_->visitHazards();
  QTRY_COMPARE(hazards->rowCount(), 1);
  const QString rule = hazards->data(hazards->index(0), HazardListModel::kRuleId).toString();
  QVERIFY(!rule.isEmpty());
  const QString jpeg = tmp_->filePath(QStringLiteral("after.jpg"));
  QVERIFY(WriteFile(jpeg, TestJpeg(640, 480)));
  controller_->addPhoto(QStringLiteral("@fixed:") + rule, QUrl::fromLocalFile(jpeg).toString());
  QTRY_VERIFY(hazards->data(hazards->index(0), HazardListModel::kFixedOnSite).toBool());
  controller_->setEducation({QStringLiteral("leaflet"), QStringLiteral("reminder")});
  QTRY_COMPARE(controller_->visit().value(QStringLiteral("education")).toStringList().size(), 2);
  QTRY_VERIFY(controller_->visit().value(QStringLiteral("complete")).toBool());
  controller_->finishVisit();
  QVERIFY(finished.wait());
  controller_->refresh();
  QTRY_COMPARE(controller_->counts().value(QStringLiteral("hazardsOpen")).toInt(), open_before);
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
