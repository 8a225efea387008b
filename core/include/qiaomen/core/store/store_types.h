#pragma once
// Value types of the device store's API beside the protobuf records
// (proto/qiaomen/v1/records.proto) that it takes and returns.

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/forms/evaluation.h"
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/random.h"
#include "qiaomen/v1/change.pb.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::store {

// The seams and identity a Store works with. `clock` and `random` must outlive the Store.
struct StoreDeps {
  Clock* clock = nullptr;
  Random* random = nullptr;
  std::string device_id;  // 16 raw bytes: stamps every journal row and register
  std::string worker_id;  // who records visits on this device (filled in when a visit has none)
};

// The register stamp of each field of one mutable record, as an editor saw it. Passing what the
// editor saw to an Update lets the merge tell a later edit from a concurrent one.
using FieldStamps = std::map<std::string, HlcStamp>;

// A finished visit and what the forms engine derived from it, recorded in one transaction.
struct VisitInput {
  v1::Visit visit;  // id is made when empty; worker_id and device_id are filled in when empty
  // Photos sealed in the vault (PhotoVault::Seal) that this visit records: each gets its photo row
  // and journal row in the visit's transaction, before the visit's own. Their files must already
  // be durable. A draft photo of the same id moves from the draft to `photos`.
  std::vector<v1::Photo> photos;
  // Hazards derived from the answers (category, severity, deadline, rule...). Each is created with
  // subject_id and visit_id of the visit and gets a FOUND event. Ids are made when empty.
  std::vector<v1::Hazard> derived_hazards;
  // The worker orders the rectification on the spot: each derived hazard with a deadline also
  // gets an ORDERED event (at the visit's finish time, by the visit's worker).
  bool order_rectification = false;
  // 当场整改: derived hazards fixed during the visit, by rule id, each with the id of its
  // after-photo (one of `photos`). Such a hazard gets one FIXED_ON_SITE event after its FOUND
  // (closed), and no ORDERED event.
  std::map<std::string, std::string> fixed_on_site;
};

struct RecordedVisit {
  v1::Visit visit;
  std::vector<v1::Hazard> hazards;
  std::vector<v1::Photo> photos;
  // Emergencies the answers raised (a gas leak): what the worker must do now. Filled in by
  // FieldVisits::Finish for the front end to show; never stored (an emergency is no hazard).
  std::vector<forms::Emergency> emergencies;
};

// A visit being entered: everything given so far, saved as it is given (Store::SaveDraft). The
// draft's id is the id the visit will be recorded under.
struct VisitDraft {
  v1::Visit visit;                // answers, outcome, times, location, note as far as given
  std::vector<v1::Photo> photos;  // sealed in the vault, by item (Photo.item_id), oldest first
  int64_t updated_at_ms = 0;
};

// One page of the task list. Keyset paging: pass `next_page` back as `page` for the next one.
struct TaskQuery {
  std::string grid_id;   // required: the list is per grid
  std::string search;    // substring of the subject's name (empty: all)
  std::string assignee;  // empty: every assignee
  bool include_done = false;
  std::string page;  // empty: the first page
  int limit = 50;    // 1..200
};

struct TaskListItem {
  v1::Task task;
  v1::Subject subject;
  bool done = false;  // a visit with an outcome other than nobody_home closed it
};

struct TaskPage {
  std::vector<TaskListItem> items;
  std::string next_page;  // empty on the last page
};

// The counts on the worker's home screen.
struct TaskCounts {
  int64_t total = 0;
  int64_t visited = 0;        // closed by a visit (any outcome but nobody home)
  int64_t remaining = 0;      // total - visited
  int64_t return_visits = 0;  // still open after a nobody-home or refused visit: come back
};

// Subjects of one grid, same paging as TaskQuery; `search` matches name, address or phone.
struct SubjectQuery {
  std::string grid_id;
  std::string search;
  std::string page;
  int limit = 50;
};

struct SubjectPage {
  std::vector<v1::Subject> items;
  std::string next_page;
};

// A journal row the server rejected, kept for a person to see; it no longer blocks the queue.
struct QuarantinedChange {
  v1::Change change;
  std::string reason;
  std::string code;
  int64_t quarantined_at_ms = 0;
};

// A value that lost a same-field race, with the one that won, for township staff to review.
struct ConflictRecord {
  v1::Entity entity = v1::ENTITY_UNSPECIFIED;
  std::string record_id;
  std::string field;
  v1::FieldValue losing_value;
  HlcStamp losing_hlc = 0;
  std::string losing_device;
  v1::FieldValue winning_value;
  HlcStamp winning_hlc = 0;
  std::string winning_device;
  std::string rule;  // which rule decided: "lww", "higher_severity", ...
  int64_t logged_at_ms = 0;
};

// What the sync engine keeps between rounds, committed with the data it describes.
struct SyncState {
  std::string pull_cursor;         // empty: pull from scratch
  std::string server_epoch;        // empty: none seen yet
  int64_t last_sync_ms = 0;        // 0: never
  uint64_t applied_through = 0;    // highest contiguous own seq the server holds
  uint64_t last_seq = 0;           // highest seq journaled
  uint64_t backed_up_through = 0;  // highest own seq in the county's last backup (0: none known)
  // Own changes up to this seq are no longer kept here (delivered, and backed up or past the cap);
  // seqs are never issued again. Above backed_up_through: changes no backup is known to hold.
  uint64_t released_through = 0;
};

// What Store::ReleaseDelivered let go.
struct JournalRelease {
  int64_t backed_up = 0;   // delivered rows the county's backup holds
  int64_t over_cap = 0;    // delivered rows no backup is known to hold, let go for the cap
  int64_t kept_bytes = 0;  // delivered rows still kept, their payload bytes
};

}  // namespace qiaomen::core::store
