#pragma once
// The app as QML sees it: a singleton on the UI thread that holds what the screens show (state,
// counts, models) and turns taps into requests to the DeviceWorker on its own thread. It never
// calls the device itself; results come back as queued signals.

#include <QtQml/qqmlregistration.h>

#include <QObject>
#include <QString>
#include <QThread>
#include <QVariantMap>

#include "app_types.h"
#include "checklist_model.h"
#include "device_worker.h"
#include "hazard_board_model.h"
#include "hazard_list_model.h"
#include "hazard_photo_provider.h"
#include "network_monitor.h"
#include "position_tracker.h"
#include "record_list_model.h"
#include "sync_scheduler.h"
#include "task_list_model.h"

class QQmlEngine;
class QJSEngine;

namespace qiaomen::mobile {

class AppController : public QObject {
  Q_OBJECT
  QML_ELEMENT
  QML_SINGLETON

  Q_PROPERTY(State state READ state NOTIFY stateChanged)
  Q_PROPERTY(bool busy READ busy NOTIFY busyChanged)
  Q_PROPERTY(QString message READ message NOTIFY messageChanged)
  Q_PROPERTY(int attemptsLeft READ attemptsLeft NOTIFY stateChanged)
  Q_PROPERTY(QVariantMap counts READ counts NOTIFY homeChanged)
  Q_PROPERTY(RecordListModel* drafts READ drafts CONSTANT)
  Q_PROPERTY(HazardListModel* openHazards READ openHazards CONSTANT)
  // The hazards tab: open, due soon and overdue, by household (hazard_board_model.h).
  Q_PROPERTY(HazardBoardModel* hazardBoard READ hazardBoard CONSTANT)
  // The hazard openHazard() showed: hazardId, titleZh/En, categoryZh/En, major, deadline,
  // deadlineDays, statusZh/En, statusCode, overdue, dueSoon, subjectId, subjectName,
  // subjectAddress, legalBasisZh/En, description, photos ([{photoId, after, at}]), and
  // mayReinspect with recheckNote (the sentence shown instead of the recheck to other roles).
  Q_PROPERTY(QVariantMap hazard READ hazard NOTIFY hazardChanged)
  // Its steps, oldest first: eventId, kind (v1::HazardEventKind), passed, at (county time words),
  // actor, note, photos, ignored (a step the state machine did not take).
  Q_PROPERTY(RecordListModel* hazardEvents READ hazardEvents CONSTANT)
  Q_PROPERTY(TaskListModel* tasks READ tasks CONSTANT)
  Q_PROPERTY(QString search READ search WRITE setSearch NOTIFY filterChanged)
  Q_PROPERTY(int filter READ filter WRITE setFilter NOTIFY filterChanged)
  Q_PROPERTY(QVariantMap household READ household NOTIFY householdChanged)
  Q_PROPERTY(RecordListModel* visitHistory READ visitHistory CONSTANT)
  Q_PROPERTY(HazardListModel* householdHazards READ householdHazards CONSTANT)
  Q_PROPERTY(bool visitActive READ visitActive NOTIFY visitChanged)
  Q_PROPERTY(QVariantMap visit READ visit NOTIFY visitChanged)
  Q_PROPERTY(ChecklistModel* checklist READ checklist CONSTANT)
  Q_PROPERTY(HazardListModel* visitHazards READ visitHazards CONSTANT)
  Q_PROPERTY(bool syncing READ syncing NOTIFY syncChanged)
  Q_PROPERTY(double syncFraction READ syncFraction NOTIFY syncChanged)
  Q_PROPERTY(QString syncMessage READ syncMessage NOTIFY syncChanged)
  // What the running sync expects is left ("预计还需 1 分 20 秒"); "" when not syncing or not
  // known.
  Q_PROPERTY(QString syncEta READ syncEta NOTIFY syncChanged)
  // The changes the county refused: what, why and todo (in the UI language), reason (the county's
  // own sentence), at.
  Q_PROPERTY(RecordListModel* refused READ refused CONSTANT)
  // Whether the network monitor takes the phone for online (background sync waits otherwise).
  Q_PROPERTY(bool online READ online NOTIFY syncChanged)
  // The banner's state (SyncState) and its words: 离线 · 3 条待上传, 正在同步 40%, 已同步 09:32,
  // 2 条被拒收 · 已同步 09:32, 尚未同步.
  Q_PROPERTY(SyncState syncState READ syncState NOTIFY syncChanged)
  Q_PROPERTY(QString syncBanner READ syncBanner NOTIFY syncChanged)
  // What the enrol screen shows: at first `qiaomen-app --server URL --code CODE` (as ./run app
  // does), then what enrolFromPhoto() read from a QR code.
  Q_PROPERTY(QString enrolServer READ enrolServer NOTIFY enrolChanged)
  Q_PROPERTY(QString enrolCode READ enrolCode NOTIFY enrolChanged)
  // Whether the QR code pinned the server's public key (enrol() then uses that pin for the
  // server it named).
  Q_PROPERTY(bool enrolPinned READ enrolPinned NOTIFY enrolChanged)
  // The visit's position: whether there is a fix, and a sentence saying so ("" with no visit):
  // located (with the accuracy), still trying, or none (the visit is saved without a location).
  Q_PROPERTY(bool hasFix READ hasFix NOTIFY locationChanged)
  Q_PROPERTY(QString locationText READ locationText NOTIFY locationChanged)

 public:
  enum State { NeedsEnrolment = 0, Locked = 1, Ready = 2, Starting = 3 };
  Q_ENUM(State)
  enum Outcome { Checked = 1, NobodyHome = 2, Refused = 3, Vacant = 4, Moved = 5 };
  // Why a visit was refused (v1::RefusalReason).
  enum RefusalReason {
    RefusedEntry = 1,
    RefusedAfterNoAnswer = 2,
    AskedToReschedule = 3,
    OtherReason = 4
  };
  Q_ENUM(RefusalReason)
  Q_ENUM(Outcome)
  enum SyncState { Offline = 0, Syncing = 1, Synced = 2, RefusedChanges = 3, NeverSynced = 4 };
  Q_ENUM(SyncState)

  // Where the profile lives; used by every controller the QML engine creates afterwards. Call
  // before loading QML (main, the screenshot driver, the Qt Quick Test setup).
  static void SetDefaultConfig(const WorkerConfig& config);
  static WorkerConfig DefaultConfig();
  // Where those controllers get their position (DefaultPositionSource() unless set; an empty
  // factory means no positioning). Call before loading QML, like SetDefaultConfig.
  static void SetDefaultPositionSource(PositionSourceFactory factory);
  // Pre-fills the enrol screen of the controllers made afterwards (empty: nothing).
  static void SetEnrolPrefill(const QString& server_url, const QString& code);
  static AppController* create(QQmlEngine* qml_engine, QJSEngine* js_engine);

  // A controller over the profile of `config`, positioned by the default source.
  explicit AppController(WorkerConfig config, QObject* parent = nullptr);
  // The same with its own position source (tests pass a simulated one, or none).
  AppController(WorkerConfig config, PositionSourceFactory position, QObject* parent = nullptr);
  ~AppController() override;

  State state() const { return state_; }
  bool busy() const { return busy_ > 0; }
  QString message() const { return message_; }
  int attemptsLeft() const { return attempts_left_; }
  QVariantMap counts() const { return counts_; }
  RecordListModel* drafts() { return &drafts_; }
  HazardListModel* openHazards() { return &open_hazards_; }
  HazardBoardModel* hazardBoard() { return &hazard_board_; }
  QVariantMap hazard() const { return hazard_; }
  RecordListModel* hazardEvents() { return &hazard_events_; }
  TaskListModel* tasks() { return &tasks_; }
  QString search() const { return search_; }
  void setSearch(const QString& search);
  int filter() const { return filter_; }
  void setFilter(int filter);
  QVariantMap household() const { return household_; }
  RecordListModel* visitHistory() { return &visit_history_; }
  HazardListModel* householdHazards() { return &household_hazards_; }
  bool visitActive() const { return !visit_.isEmpty(); }
  QVariantMap visit() const { return visit_; }
  ChecklistModel* checklist() { return &checklist_; }
  HazardListModel* visitHazards() { return &visit_hazards_; }
  bool syncing() const { return syncing_; }
  double syncFraction() const { return sync_fraction_; }
  QString syncMessage() const { return sync_message_; }
  QString syncEta() const { return sync_eta_; }
  // The words for a time left ("" for a negative one: not known yet).
  static QString EtaText(qint64 eta_ms);
  // Shows a sync in progress as the worker reports one. The worker's progress comes here; the
  // screenshot tour calls it too, to show the progress bar without a county server.
  void ShowSyncProgress(double fraction, const QString& message, qint64 eta_ms);
  RecordListModel* refused() { return &refused_; }
  bool online() const { return scheduler_.online(); }
  SyncState syncState() const;
  QString syncBanner() const;
  // Replaces the network monitor (MakeDefaultNetworkMonitor() until then): tests flip their own.
  void SetNetworkMonitor(std::unique_ptr<NetworkMonitor> network);
  QString enrolServer() const { return enrol_server_; }
  QString enrolCode() const { return enrol_code_; }
  bool enrolPinned() const { return !enrol_pin_.isEmpty(); }
  bool hasFix() const { return position_.Fix().valid; }
  QString locationText() const;

  // Checks the form (PINs equal, 6 digits) and enrols. Errors arrive as `message`.
  Q_INVOKABLE void enroll(const QString& server_url, const QString& code, const QString& pin,
                          const QString& pin_again);
  // Reads the county's enrolment QR code from the picture `file` (a path or file:// URL) off the
  // UI thread: fills enrolServer, enrolCode and enrolPinned (enrolChanged), or says in `message`
  // what to do. The PIN is still typed; enroll() then uses the pin the code carried.
  Q_INVOKABLE void enrolFromPhoto(const QString& file);
  Q_INVOKABLE void unlock(const QString& pin);
  Q_INVOKABLE void lock();
  Q_INVOKABLE void refresh();  // home counts, drafts and the task list
  Q_INVOKABLE void openHousehold(const QString& subject_id, const QString& task_id);
  // Saves the open household's phone, members and tags as typed (household_edit.h). A refused
  // field arrives as householdEditProblem at once; then householdSaved or householdEditProblem
  // ("" field) from the worker, and the household and task list reload.
  Q_INVOKABLE void saveHousehold(const QString& phone, const QString& members,
                                 const QStringList& tags);
  Q_INVOKABLE void startVisit(const QString& task_id);
  Q_INVOKABLE void resumeVisit(const QString& draft_id);
  Q_INVOKABLE void setOutcome(int outcome);
  // Door-knocking (issue 16): a refusal's reason (RefusalReason), its note (required for
  // OtherReason) and whether the village committee is asked along; the education given (codes
  // leaflet, reminder, family_message, demo); the notice (告知书) delivered. Its photo, and a
  // hazard's after-photo when it was fixed on the spot, come through addPhoto/addCapturedPhoto
  // with the item "@notice" or "@fixed:" + the hazard's rule id.
  Q_INVOKABLE void setRefusal(int reason, const QString& note, bool escalate);
  Q_INVOKABLE void setEducation(const QStringList& codes);
  Q_INVOKABLE void setNoticeDelivered(bool delivered);
  Q_INVOKABLE void setAnswer(const QString& item_id, const QVariant& value);
  // `file`: a local path or file:// URL of a picture the worker picked (JPEG, PNG...). It is made
  // evidence on the worker thread (evidence_photo.h) and left where it is.
  Q_INVOKABLE void addPhoto(const QString& item_id, const QString& file);
  // The same for the camera's capture at `file` (from newCapturePath()): deleted once sealed.
  Q_INVOKABLE void addCapturedPhoto(const QString& item_id, const QString& file);
  // A new path in the private capture folder for the camera to write its JPEG to.
  Q_INVOKABLE QString newCapturePath() const;
  // Whether this device has a camera (QtMultimedia); otherwise the screens offer a file picker.
  Q_INVOKABLE bool cameraAvailable() const;
  Q_INVOKABLE void removePhoto(const QString& photo_id);
  Q_INVOKABLE void finishVisit();
  Q_INVOKABLE void discardVisit();
  Q_INVOKABLE void closeVisit();
  // Loads a recorded hazard's detail into `hazard` and `hazardEvents`.
  Q_INVOKABLE void openHazard(const QString& hazard_id);
  // Records the shown hazard's rectification (已整改) with `note` and the after-photo `file`
  // (a picked file, left alone; or with `captured` the camera's capture, deleted once sealed).
  // Then hazardStepRecorded and a reload, or hazardStepFailed with the reason in words.
  Q_INVOKABLE void recordRectification(const QString& note, const QString& file,
                                       bool captured = false);
  // Records the shown hazard's recheck (复查) passed or failed; inspectors and up only.
  Q_INVOKABLE void recordRecheck(bool passed, const QString& note);
  // Deletes a camera capture that will not be used (the step page was left).
  Q_INVOKABLE void discardCapture(const QString& file);
  // "12月3日 09:32" / "3 Dec 09:32" for a county time "YYYY-MM-DD HH:MM" (the year too when it
  // is not the county's current year).
  Q_INVOKABLE QString countyTimeText(const QString& county_time) const;
  // Starts a sync; progress arrives as syncFraction, syncMessage and syncEta.
  Q_INVOKABLE void sync();
  Q_INVOKABLE void cancelSync();
  // Settings. Results arrive as settingsDone or settingsFailed (a sentence saying what happened).
  // Checks the new PIN (6 digits, typed twice) here, then rewraps the keys on the worker thread.
  Q_INVOKABLE void changePin(const QString& old_pin, const QString& new_pin,
                             const QString& new_pin_again);
  // Writes the unsent work to a bundle file in the export folder (exportFolder) for township
  // staff to carry to the county; the work stays pending here until a sync confirms it.
  Q_INVOKABLE void exportBundle();
  Q_INVOKABLE QString exportFolder() const;
  // Leaves this device: checks `pin`, destroys the keys and deletes everything the app keeps
  // (what has not reached the county is lost); the app then shows the enrol screen.
  Q_INVOKABLE void leaveDevice(const QString& pin);
  Q_INVOKABLE void clearMessage();
  // "12月3日 周四" / "Thu 3 Dec" for a date "YYYY-MM-DD" ("" = today).
  Q_INVOKABLE QString dayText(const QString& date = QString()) const;
  // "09:32", "12月3日 09:32" or "从未" for epoch milliseconds.
  Q_INVOKABLE QString timeText(qint64 ms) const;
  // Whole days from the county's today to `date` (negative when past).
  Q_INVOKABLE int daysUntil(const QString& date) const;

 signals:
  void stateChanged();
  void enrolChanged();
  void busyChanged();
  void messageChanged();
  void homeChanged();
  void filterChanged();
  void householdChanged();
  void visitChanged();
  void syncChanged();
  // A sync started (by hand, after a visit, or because the network returned).
  void syncStarted();
  // A problem at one checklist item (the screen scrolls to it).
  void visitProblem(const QString& itemId, const QString& message);
  void visitFinished(const QString& message, bool taskClosed);
  void tasksLoaded();
  void householdSaved(const QString& message);
  // field: "phone", "members" or "" (not about one field); message says what to do.
  void householdEditProblem(const QString& field, const QString& message);
  void locationChanged();
  void hazardChanged();
  void hazardStepRecorded(const QString& message);
  void hazardStepFailed(const QString& message);
  void settingsDone(const QString& message);
  void settingsFailed(const QString& message);

 private:
  void SetMessage(const QString& message);
  void OnState(int state, const QString& message, int attempts_left);
  void OnHome(const HomeCounts& counts, const QList<DraftRow>& drafts);
  void OnHousehold(const HouseholdView& view);
  void OnVisit(const VisitView& view);
  void OnSync(const SyncView& view);
  void ReloadTasks();
  void OnHazard(const HazardDetailView& view);
  void ConnectHazards();
  void PostHazardStep(int kind, bool passed, const QString& note, const QString& file,
                      bool captured);
  void PostPhoto(const QString& item_id, const QString& file, bool captured);

  QString capture_dir_;
  QString export_dir_;
  QString enrol_server_;
  QString enrol_code_;
  QString enrol_pin_;  // "sha256//..." from the QR code, for enrol_server_ only
  PositionTracker position_;
  QThread thread_;
  DeviceWorker* worker_;                    // lives on thread_; deleted when it finishes
  std::shared_ptr<WorkerLink> photo_link_;  // the image provider's way to worker_
  State state_ = Starting;
  int busy_ = 0;
  QString message_;
  int attempts_left_ = -1;
  QVariantMap counts_;
  RecordListModel drafts_;
  HazardListModel open_hazards_;
  HazardBoardModel hazard_board_;
  QVariantMap hazard_;
  RecordListModel hazard_events_;
  TaskListModel tasks_;
  QString search_;
  int filter_ = 0;
  QVariantMap household_;
  RecordListModel visit_history_;
  HazardListModel household_hazards_;
  QVariantMap visit_;
  ChecklistModel checklist_;
  HazardListModel visit_hazards_;
  bool syncing_ = false;
  double sync_fraction_ = 0;
  QString sync_message_;
  QString sync_eta_;
  RecordListModel refused_;
  std::unique_ptr<NetworkMonitor> network_;
  SyncScheduler scheduler_{nullptr};
};

}  // namespace qiaomen::mobile
