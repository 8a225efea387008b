#pragma once
// Plain values the device worker sends to the UI thread (queued signals copy them), so no
// protobuf or store type crosses the thread boundary and QML never sees the device API.

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>
#include <QVariant>

namespace qiaomen::mobile {

// A position fix from the phone's GNSS (QtPositioning), or none. Stored on the visit and its
// photos when there is one; a visit is saved without it otherwise.
struct GeoFix {
  bool valid = false;
  double latitude = 0;
  double longitude = 0;
  float accuracy_m = 0;  // horizontal, metres; 0 when unknown
  qint64 time_ms = 0;    // the fix's own time (Unix ms)
};

// One open (or, with the "all" filter, closed) task of the worker, with its subject.
struct TaskRow {
  QString task_id;     // UUID text
  QString subject_id;  // UUID text
  QString name;
  QString address;
  QString phone;
  QString village;   // the village's name, or "" when this device does not hold it
  QString grid;      // the grid's name (its id when the name is unknown)
  QString due_date;  // YYYY-MM-DD
  bool done = false;
  bool return_due = false;  // open after a nobody-home visit: come back
  bool has_draft = false;
  int open_hazards = 0;  // hazards of the subject not closed yet
};

// A group of the task list (one grid, named with its village) and its whole campaign's counts,
// whatever the search and filter show (Store::CountTasks).
struct TaskGroup {
  QString village;  // as on its TaskRows
  QString grid;
  qint64 visited = 0;
  qint64 remaining = 0;
  qint64 return_visits = 0;
};

// What the household page's edit form changes: the fields a grid worker keeps current.
struct HouseholdEdit {
  QString phone;  // digits as stored ("" clears it)
  int members = 0;
  QStringList tags;
};

// A change the county refused, with its reason.
struct RefusedRow {
  QString what;
  QString reason;  // the county's sentence (for staff, English)
  QString code;    // the county's refusal code (refused_words.h)
  qint64 at_ms = 0;
};

// The numbers on the home screen.
struct HomeCounts {
  qint64 total = 0;
  qint64 visited = 0;
  qint64 remaining = 0;
  qint64 return_visits = 0;
  qint64 hazards_open = 0;
  qint64 hazards_due_soon = 0;  // open, deadline within 3 days (or overdue)
  qint64 pending_changes = 0;
  qint64 pending_photos = 0;
  qint64 drafts = 0;
  qint64 last_sync_ms = 0;
  bool has_server = false;
  QString server_url;         // "" without a server
  QString today;              // YYYY-MM-DD in the county's zone (Profile::CountyDate)
  QList<RefusedRow> refused;  // every change the county refused, kept for a person to see
};

// A hazard: derived by a visit in progress (the summary) or recorded (a household's list).
struct HazardRow {
  QString id;  // "" for a hazard not recorded yet
  QString title_zh;
  QString title_en;
  QString category;
  bool major = false;
  QString deadline;  // YYYY-MM-DD, "" when none
  int deadline_days = 0;
  QString status_zh;  // 限期整改 ... ("" for a derived one)
  QString status_en;
  bool overdue = false;
  bool photo_missing = false;
  QString subject_id;  // recorded hazards: whose it is
  QString subject_name;
  QString subject_address;
  // Recorded open hazards, by the county's today: waiting for the household's rectification
  // (found or ordered), and of those, due within 3 days (not overdue yet).
  bool awaiting_rectification = false;
  bool due_soon = false;
  // A hazard the visit derived: its rule, and whether the worker fixed it on the spot (当场整改).
  QString rule_id;
  bool fixed_on_site = false;
};

// One step of a hazard's life as its detail page lists it, oldest first.
struct HazardEventRow {
  QString id;
  int kind = 0;         // v1::HazardEventKind
  bool passed = false;  // a reinspection's result
  qint64 at_ms = 0;
  QString at_county;  // "YYYY-MM-DD HH:MM" in the county's time zone
  QString actor;      // worker id
  QString note;
  int photos = 0;
  QString ignored_reason;  // the state machine did not take this step (two devices offline)
};

// A photo of a hazard: the finding's proof, or the after-photo of a step.
struct HazardPhotoRow {
  QString id;          // UUID text, for image://hazardphoto/<id>
  bool after = false;  // taken at a step (rectification), not at the finding
  QString at_county;
};

// A recorded hazard's detail page.
struct HazardDetailView {
  HazardRow row;
  QString category_zh;
  QString category_en;
  QString legal_basis_zh;  // the hazard's own, or its checklist rule's
  QString legal_basis_en;
  QString description;
  QString status_code;  // found | ordered | rectified | reinspected | closed
  QList<HazardEventRow> events;
  QList<HazardPhotoRow> photos;
  QString role;  // this device's worker's role (grid_worker, inspector ...; "" unknown)
};

// One visible checklist item of the visit in progress.
struct ChecklistRow {
  QString item_id;
  QString section_id;
  QString section_zh;
  QString section_en;
  int section_index = 0;  // 0-based among the sections shown
  QString kind;  // yesno, choice, multi, integer, decimal, text, date, photo, signature, location
  QString label_zh;
  QString label_en;
  QString help_zh;
  QString help_en;
  QString unit;
  bool required = false;
  QVariant answer;       // yesno: "yes"/"no"/"na"; choice: code; multi: QStringList; numbers; text
  QVariantList choices;  // [{code, zh, en}]
  QString error_zh;      // the problem at this item ("" when none)
  QString error_en;
  int photo_count = 0;
  QStringList photo_ids;
  bool hazard = false;  // an answer here derived a hazard (the rule's photo item, or its subject)
};

// The visit in progress as the screens show it.
struct VisitView {
  QString draft_id;
  QString task_id;
  QString subject_id;
  QString subject_name;
  QString address;
  QString title_zh;  // the checklist's title
  QString title_en;
  int outcome = 0;  // v1::VisitOutcome
  // Door-knocking: the refusal (v1::RefusalReason, note, village committee asked), the education
  // given (codes), the notice (告知书) and its photo, the rules of hazards fixed on the spot.
  int refusal_reason = 0;
  QString refusal_note;
  bool escalated = false;
  QStringList education;
  bool notice_delivered = false;
  bool notice_photo = false;
  QStringList fixed_on_site;
  QList<ChecklistRow> items;
  QList<HazardRow> hazards;
  int answered = 0;
  int visible = 0;
  int sections = 0;
  bool complete = false;
};

// A draft left from an earlier run, offered on reopening.
struct DraftRow {
  QString draft_id;
  QString subject_name;
  qint64 updated_at_ms = 0;
};

// A visit in a household's history.
struct VisitRow {
  QString id;
  int outcome = 0;
  qint64 finished_at_ms = 0;
  int hazards = 0;
};

struct HouseholdView {
  QString subject_id;
  QString task_id;
  QString name;
  QString address;
  QString phone;
  int members = 0;
  QStringList tags;
  QString note;
  QString grid;
  QList<VisitRow> visits;
  QList<HazardRow> hazards;  // open ones first
};

struct SyncView {
  bool ok = false;
  QString message;           // what happened or what to do, a sentence
  bool unreachable = false;  // the server could not be reached (no network, server down)
  qint64 pushed = 0;
  qint64 pulled = 0;
  qint64 photos = 0;  // refused changes arrive with the home counts (HomeCounts::refused)
};

}  // namespace qiaomen::mobile

Q_DECLARE_METATYPE(qiaomen::mobile::GeoFix)
Q_DECLARE_METATYPE(qiaomen::mobile::TaskRow)
Q_DECLARE_METATYPE(qiaomen::mobile::TaskGroup)
Q_DECLARE_METATYPE(qiaomen::mobile::HouseholdEdit)
Q_DECLARE_METATYPE(qiaomen::mobile::HomeCounts)
Q_DECLARE_METATYPE(qiaomen::mobile::HazardRow)
Q_DECLARE_METATYPE(QList<qiaomen::mobile::HazardRow>)
Q_DECLARE_METATYPE(qiaomen::mobile::ChecklistRow)
Q_DECLARE_METATYPE(qiaomen::mobile::VisitView)
Q_DECLARE_METATYPE(qiaomen::mobile::DraftRow)
Q_DECLARE_METATYPE(qiaomen::mobile::HouseholdView)
Q_DECLARE_METATYPE(qiaomen::mobile::HazardDetailView)
Q_DECLARE_METATYPE(qiaomen::mobile::SyncView)
