#pragma once
// The device on its own thread. DeviceWorker owns the sync::FieldDevice (the profile: store,
// Argon2id unlock, photo sealing, the network) and the visit in progress; every call into them
// happens here, except a sync run, which has a thread of its own and takes turns with the
// requests on the profile (each holds the profile mutex while it uses the profile; the run lets
// it go while it waits on the network), so the screens answer during a long sync. The UI thread
// (AppController) queues requests with Post() and receives the results as signals carrying plain
// values (app_types.h).
//
// Thread safety: create it on any thread, move it to its QThread, then call its methods only on
// that thread through Post() (which holds the profile mutex). CancelSync() alone may be called
// from any thread.

#include <QImage>
#include <QObject>
#include <QSize>
#include <QString>
#include <QVariant>
#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>

#include "app_types.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/keys/file_key_store.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/store/store_types.h"
#include "qiaomen/sync/field_device.h"

namespace qiaomen::mobile {

class VisitSession;

struct WorkerConfig {
  QString data_dir;       // the profile directory
  QString key_store_dir;  // the desktop key store (kept apart from the profile)
  // Camera captures wait here as plain JPEG files until they are sealed, then are deleted; the
  // worker deletes what a killed app left here when it starts. "" = data_dir + "-capture".
  QString capture_dir;
  // The Argon2id cost and PIN attempts a new enrolment gets: the production defaults. This is the
  // test seam for enrolment (tests put qiaomen::testing::FastKdf() here, from the test library);
  // nothing in the app sets it.
  core::keys::KeyOptions enrol_keys;
  // The worker's role while the profile has no server settings (the demo profile; enrolment
  // learns the real one from the county): "" = unknown, which may not recheck a hazard. The
  // screenshot tour and the tests set it; nothing in the app does.
  QString role_without_server;
  // Where exported bundles are written ("" = the Documents folder's qiaomen/).
  QString export_dir;
  // Bytes of sent changes kept beyond the county's last backup (< 0: the sync engine's default,
  // sync::SyncOptions::journal_cap_bytes). Tests set a tiny cap; nothing in the app does.
  qint64 keep_sent_bytes = -1;
};

// Where camera captures of `config` wait (see WorkerConfig::capture_dir).
QString CaptureDir(const WorkerConfig& config);

class DeviceWorker : public QObject {
  Q_OBJECT

 public:
  enum State { kNeedsEnrolment = 0, kLocked = 1, kReady = 2 };
  // The task list's filters (AppController::filter).
  enum TaskFilter {
    kOpenTasks = 0,
    kNotVisited = 1,
    kReturnDue = 2,
    kAllTasks = 3,
    kOpenHazards = 4
  };

  explicit DeviceWorker(WorkerConfig config, QObject* parent = nullptr);
  ~DeviceWorker() override;

  // Runs `fn` on the worker's thread (queued); returns at once.
  void Post(std::function<void()> fn);

  // --- Called on the worker thread (through Post) ----------------------------------------------
  void Probe();  // is there a profile? emits stateChanged
  // `pin_sha256`: the server's public-key pin from the enrolment QR code ("" when typed).
  void Enroll(const QString& server_url, const QString& code, const QString& pin,
              const QString& pin_sha256 = QString());
  // Reads the enrolment QR code in the picture at `path` (enrol_scan.h): emits enrolLinkRead, or
  // enrolScanFailed with a sentence saying what to do.
  void ReadEnrolPhoto(const QString& path);
  void Unlock(const QString& pin);
  void Lock();
  void LoadHome();
  // filter (TaskFilter): open tasks, not visited yet, return visit due, everything (done too),
  // open tasks of households with an open hazard. Emits tasksLoaded with every group's counts.
  void LoadTasks(const QString& search, int filter);
  void LoadHousehold(const QString& subject_id, const QString& task_id);
  // Saves the household's phone, members and tags (only what changed, as field-level edits
  // based on what LoadHousehold showed). Emits householdSaved, or householdEditFailed with a
  // sentence saying what to do; the caller reloads what shows the household.
  void EditHousehold(const QString& subject_id, const HouseholdEdit& edit);
  void StartVisit(const QString& task_id);
  void ResumeVisit(const QString& draft_id);
  void SetOutcome(int outcome);
  // Door-knocking fields of the visit (visit_session.h); a refusal emits failed on error.
  void SetRefusal(int reason, const QString& note, bool escalate);
  void SetEducation(const QStringList& codes);
  void SetNoticeDelivered(bool delivered);
  void SetAnswer(const QString& item_id, const QVariant& value);
  // Makes the picture at `path` evidence and seals it on the visit (visit_session.h). `captured`:
  // it is the camera's temporary file, deleted once sealed or refused (a photo never stays on
  // disk in clear); a picked file is left alone.
  void AddPhoto(const QString& item_id, const QString& path, bool captured, const GeoFix& fix);
  void RemovePhoto(const QString& photo_id);
  void FinishVisit(const GeoFix& fix);
  void DiscardVisit();
  void CloseVisit();  // leaves the draft saved (it is offered again on the home screen)
  // A recorded hazard's detail: emits hazardLoaded (failed when it is not on this device).
  void LoadHazard(const QString& hazard_id);
  // Records a step (v1::HazardEventKind: RECTIFIED, REINSPECTED ...) with `note` and, when
  // `photo_path` is not "", that picture made evidence (stamped like a visit photo) and sealed with
  // the step (Profile::RecordHazardStep: on error nothing is kept). `captured`: the camera's
  // temporary file, deleted whatever happens. A reinspection needs a role that may reinspect
  // (hazard_steps.h). Emits hazardStepRecorded then hazardLoaded, or hazardStepFailed with a
  // sentence in the UI language saying why and what to do.
  void RecordHazardStep(const QString& hazard_id, int kind, bool passed, const QString& note,
                        const QString& photo_path, bool captured);
  // The photo `photo_id` decrypted and decoded in memory (never written to a file), scaled down
  // to fit `requested` when that is valid. A null image and `error` set when locked, unknown or
  // not verified (the vault checks its hash).
  QImage ReadPhoto(const QString& photo_id, const QSize& requested, QString* error);
  // Starts a sync run on the sync thread (nothing when one runs): syncProgress, then
  // syncFinished, are emitted from that thread.
  void Sync();
  // Settings (device_worker_settings.cc). Each emits settingsDone or settingsFailed with a
  // sentence in the UI language.
  // Rewraps the data key under `new_pin` (the database is not re-encrypted); a wrong `old_pin`
  // counts as a failed attempt.
  void ChangePin(const QString& old_pin, const QString& new_pin);
  // Writes every unsent change and photo, sealed to the county and signed, to a new file in
  // `folder` (FieldDevice::ExportBundle); emits bundleExported too. The work stays pending here.
  void ExportBundle(const QString& folder);
  // Checks `pin`, then destroys the keys and deletes the profile, its photos and captures: the
  // unsent work on this phone is lost. Emits stateChanged(kNeedsEnrolment).
  void LeaveDevice(const QString& pin);
  // Any thread: stops a sync in flight at its next safe point.
  void CancelSync();
  // Stops a sync in flight and waits until its thread has ended (before the device goes away).
  void WaitForSync();

 signals:
  void stateChanged(int state, const QString& message, int attempts_left);
  void busyChanged(bool busy);
  void failed(const QString& message);  // an operation failed; the sentence says what to do
  void unlockFailed(const QString& message, int attempts_left);
  void enrolLinkRead(const QString& server_url, const QString& code, const QString& pin_sha256);
  void enrolScanFailed(const QString& message);
  // Open hazards of this device's subjects, the nearest deadline first.
  void hazardsLoaded(const QList<qiaomen::mobile::HazardRow>& hazards);
  void homeLoaded(const qiaomen::mobile::HomeCounts& counts,
                  const QList<qiaomen::mobile::DraftRow>& drafts);
  void tasksLoaded(const QList<qiaomen::mobile::TaskRow>& tasks,
                   const QList<qiaomen::mobile::TaskGroup>& groups);
  void householdSaved(const QString& message);
  void householdEditFailed(const QString& message);
  void hazardLoaded(const qiaomen::mobile::HazardDetailView& hazard);
  void hazardStepRecorded(const QString& message, const QString& hazard_id);
  void hazardStepFailed(const QString& message);
  void householdLoaded(const qiaomen::mobile::HouseholdView& household);
  void visitChanged(const qiaomen::mobile::VisitView& visit);
  void visitProblem(const QString& item_id, const QString& message);
  void visitFinished(const QString& message, bool task_closed);
  void visitClosed();
  // fraction 0..1; eta_ms the time the sync engine expects is left (-1: not known yet).
  void syncProgress(double fraction, const QString& message, qint64 eta_ms);
  void syncFinished(const qiaomen::mobile::SyncView& result);
  void settingsDone(const QString& message);
  void settingsFailed(const QString& message);
  void bundleExported(const QString& path, qint64 changes, qint64 photos);

 private:
  bool RequireDevice();
  // The sync thread's body (device_worker_sync.cc).
  void RunSync(sync::FieldDevice* device, const sync::SyncOptions& options);
  void EmitVisit();
  QString GridLabel(const std::string& grid_id, QString* village);
  // Hazards of the subject (id bytes) whose state is still open.
  int OpenHazardCount(const std::string& subject_id);
  // A recorded hazard as the screens show it; `open` tells whether it is still open.
  HazardRow HazardRowOf(const v1::Hazard& hazard, const std::string& today, bool* open);
  // The worker's role (client settings), or config_.role_without_server without a server.
  QString Role() const;

  WorkerConfig config_;
  core::Clock& clock_;
  core::keys::FileKeyStore key_store_;
  std::unique_ptr<sync::FieldDevice> device_;
  std::unique_ptr<VisitSession> visit_;
  // The register stamps of the household LoadHousehold showed last: an edit is based on them.
  std::string shown_subject_;
  core::store::FieldStamps shown_stamps_;
  std::atomic<sync::FieldDevice*> syncing_{nullptr};
  // Held by every request (Post) and by the sync run while it uses the profile.
  std::mutex profile_mu_;
  std::unique_lock<std::mutex>* held_ = nullptr;  // the running request's hold, for WaitForSync
  std::thread sync_thread_;
  std::atomic<bool> sync_running_{false};
};

}  // namespace qiaomen::mobile
