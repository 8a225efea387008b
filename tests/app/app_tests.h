#pragma once
// The QtTest classes of qiaomen_app_tests.

#include <QObject>
#include <QTemporaryDir>
#include <memory>

#include "app_controller.h"
#include "app_test_helpers.h"
#include "network_monitor.h"

namespace qiaomen::mobile {

// Each model under QAbstractItemModelTester, fed the way the controller feeds it; the pure
// helpers the screens rely on (the household edit check, the sync's time-left words).
class ModelsTest : public QObject {
  Q_OBJECT
 private slots:
  void taskListSortsBySection();
  void taskListGroupCountsAndHazards();
  void householdEditChecksWhatWasTyped();
  void syncEtaWords();
  void checklistInsertsAndRemovesOnlyWhatChanged();
  void checklistSections();
  void checklistResetsWhenTheOrderChanges();
  void hazardAndRecordLists();
  void hazardBoardListsByHousehold();
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
  void groupCountsFollowAFinishedVisit();
  void openHazardsFilter();
  void editHouseholdSavesAndRefusesABadPhone();
  void answersShowAndHideItemsLive();
  void photosPerItem();
  void draftSurvivesAControllerRestart();
  void refusalNeedsItsReasonAndAFixOnTheSpotClosesTheHazard();

 private:
  void Unlock();
  std::unique_ptr<QTemporaryDir> tmp_;
  std::unique_ptr<AppController> controller_;
};

// Photos become evidence on the worker thread (small, upright, no metadata) and carry the fix;
// camera captures are deleted once sealed; a visit carries the fix, or saves without one.
class PhotoTest : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void cleanup();
  void storedPhotoIsSmallUprightAndHasNoExif();
  void aCameraCaptureIsDeletedOnceSealed();
  void aFileThatIsNotAPictureIsNamedAtTheItem();
  void visitAndPhotosCarryTheFix();
  void aVisitSavesWithoutAFix();

 private:
  void Open(PositionSourceFactory position);
  std::unique_ptr<QTemporaryDir> tmp_;
  QString subject_;  // the visited household's id
  std::unique_ptr<AppController> controller_;
};

// A hazard's life through the controller over a real demo profile: the three lists, its detail
// and history, a rectification with an after-photo (which takes it off the overdue list), a step
// the state machine refuses (worded in Chinese), and a recheck only for roles that may.
class HazardTest : public QObject {
  Q_OBJECT
 private slots:
  void cleanup();
  void listsByTheCountyDay();
  void rectificationWithAPhotoLeavesTheOverdueList();
  void aRefusedStepSaysWhyInChinese();
  void recheckIsForInspectorsOnly();

 private:
  // A demo profile whose worker has `role`, unlocked, its overdue hazard (overdue_) shown.
  void Open(const std::string& role);
  // Records a rectification of the shown hazard with a fresh JPEG; true once recorded.
  bool Rectify(const QString& note);
  QString overdue_;  // 刘玉梅's hazard
  std::unique_ptr<QTemporaryDir> tmp_;
  std::unique_ptr<AppController> controller_;
};

// The UI thread keeps drawing while the worker does the heavy work: a 5 ms timer on the UI thread
// never waits more than kMaxUiGapMs while the profile unlocks (production Argon2id) or while a
// visit with three 4000x3000 photos is photographed and finished.
class UiThreadTest : public QObject {
  Q_OBJECT
 private slots:
  void unlockDoesNotBlockTheUiThread();
  void photosAndFinishDoNotBlockTheUiThread();
};

// The county's enrolment QR code: enroll-code --qr writes a PNG the app decodes to the same link
// (also from a rotated photo), refuses bad options before issuing a code, and the app enrols
// from the PNG against a real `qiaomen-county serve`.
class EnrolQrTest : public QObject {
  Q_OBJECT
 private slots:
  void init();
  void cleanup();
  void qrPngDecodesToTheSameLink();
  void qrOptionsAreCheckedBeforeACodeIsIssued();
  void appEnrolsFromThePngAgainstARealServer();

 private:
  std::unique_ptr<QTemporaryDir> tmp_;
};

// A network monitor the test flips; counts what the app reported unreachable.
class FakeNetwork : public NetworkMonitor {
  Q_OBJECT

 public:
  explicit FakeNetwork(bool online) : online_(online) {}
  bool online() const override { return online_; }
  void ReportUnreachable() override {
    ++unreachable;
    SetOnline(false);
  }
  void SetOnline(bool online) {
    if (online == online_) return;
    online_ = online;
    emit onlineChanged(online_);
  }
  int unreachable = 0;

 private:
  bool online_;
};

// Gives `controller` a FakeNetwork that is offline until the test says; returns it (the
// controller owns it).
inline FakeNetwork* UseFakeNetwork(AppController& controller) {
  auto owned = std::make_unique<FakeNetwork>(false);
  FakeNetwork* network = owned.get();
  controller.SetNetworkMonitor(std::move(owned));
  return network;
}

// When the app syncs by itself (sync_scheduler.h): the rules alone, then over a profile enrolled
// with a real county server: a network return starts exactly one sync, the banner says each
// state, a sync that cannot reach the server tells the monitor; the probe's backoff; the screens
// answer while a sync waits on a stalled link.
class BackgroundSyncTest : public QObject {
  Q_OBJECT
 private slots:
  void schedulerRules();
  void probeFindsTheServerAgainWithGrowingPauses();
  void networkReturnSyncsOnceOverARealProfile();
  void aCapReachedBeforeABackupIsSaidOnTheSyncScreen();
  void screensAnswerWhileASyncWaitsOnAStalledLink();
};

// Issue 14's end-to-end test on both county backends: the app enrols from the QR PNG against a
// real `qiaomen-county serve`, and its scheduler alone syncs a visit with a derived hazard, then
// its rectification with an after-photo, into the county's report.
class EndToEndTest : public QObject {
  Q_OBJECT
 private slots:
  void visitAndRectificationReachTheReport_data();
  void visitAndRectificationReachTheReport();
};

// The settings over a profile enrolled with a real county server: change the PIN, export the
// unsent work as a bundle, leave this device (keys destroyed, profile deleted).
class SettingsTest : public QObject {
  Q_OBJECT
 private slots:
  void changePinExportAndLeave();
};

}  // namespace qiaomen::mobile
