#pragma once
// The QtTest classes of qiaomen_app_tests.

#include <QObject>
#include <QTemporaryDir>
#include <memory>

#include "app_controller.h"

namespace qiaomen::mobile {

// Each model under QAbstractItemModelTester, fed the way the controller feeds it.
class ModelsTest : public QObject {
  Q_OBJECT
 private slots:
  void taskListSortsBySection();
  void checklistInsertsAndRemovesOnlyWhatChanged();
  void checklistSections();
  void checklistResetsWhenTheOrderChanges();
  void hazardAndRecordLists();
};

// The controller and its worker thread over a real demo profile: unlock, tasks, a visit whose
// answers show and hide checklist items live, the models checked by the tester throughout.
class ControllerTest : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void cleanup();
  void wrongPinCountsDown();
  void tasksAndHomeCounts();
  void answersShowAndHideItemsLive();
  void photosPerItem();
  void draftSurvivesAControllerRestart();

 private:
  void Unlock();
  std::unique_ptr<QTemporaryDir> tmp_;
  std::unique_ptr<AppController> controller_;
};

}  // namespace qiaomen::mobile
