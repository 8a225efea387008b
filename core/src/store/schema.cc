#include "qiaomen/core/store/schema.h"

#include <string>

namespace qiaomen::core::store {
namespace {

// Records are kept whole as serialized protobuf in `record`; the columns beside it exist only to
// be indexed, filtered or joined on. Ids of device-made records are 16-byte UUIDv7 blobs.
constexpr std::string_view kV1Domain = R"sql(
CREATE TABLE admin_units (
  id TEXT PRIMARY KEY,
  parent_id TEXT NOT NULL,
  level TEXT NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX admin_units_parent ON admin_units(parent_id);
CREATE TABLE subjects (
  id BLOB PRIMARY KEY,
  external_id TEXT NOT NULL,
  kind INTEGER NOT NULL,
  grid_id TEXT NOT NULL,
  name TEXT NOT NULL,
  deleted INTEGER NOT NULL DEFAULT 0,
  record BLOB NOT NULL
);
CREATE INDEX subjects_external_id ON subjects(external_id) WHERE external_id <> '';
CREATE TABLE campaigns (
  id TEXT PRIMARY KEY,
  record BLOB NOT NULL
);
CREATE TABLE tasks (
  id BLOB PRIMARY KEY,
  subject_id BLOB NOT NULL,
  campaign_id TEXT NOT NULL,
  assignee TEXT NOT NULL,
  due_date TEXT NOT NULL,
  done_visit_id BLOB,
  deleted INTEGER NOT NULL DEFAULT 0,
  record BLOB NOT NULL
);
CREATE INDEX tasks_subject ON tasks(subject_id);
CREATE TABLE visits (
  id BLOB PRIMARY KEY,
  subject_id BLOB NOT NULL,
  task_id BLOB,
  outcome INTEGER NOT NULL,
  finished_at_ms INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX visits_subject ON visits(subject_id, finished_at_ms);
CREATE INDEX visits_task ON visits(task_id) WHERE task_id IS NOT NULL;
CREATE TABLE photos (
  id BLOB PRIMARY KEY,
  sha256 BLOB NOT NULL,
  visit_id BLOB,
  hazard_id BLOB,
  record BLOB NOT NULL
);
CREATE INDEX photos_visit ON photos(visit_id) WHERE visit_id IS NOT NULL;
CREATE TABLE hazards (
  id BLOB PRIMARY KEY,
  subject_id BLOB NOT NULL,
  visit_id BLOB,
  deleted INTEGER NOT NULL DEFAULT 0,
  record BLOB NOT NULL
);
CREATE INDEX hazards_subject ON hazards(subject_id);
CREATE TABLE hazard_events (
  id BLOB PRIMARY KEY,
  hazard_id BLOB NOT NULL,
  at_ms INTEGER NOT NULL,
  hlc INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX hazard_events_hazard ON hazard_events(hazard_id, at_ms);
)sql";

// The change journal. `outbox.seq` is this device's contiguous sequence; `state` is 0 pending,
// 1 applied by the server, 2 quarantined, 3 quarantined and sent again as a later row (resend.cc).
// `registers` holds the visible value and HLC stamp of each
// field of mutable records (subject, task, hazard); a field without a row was never written (hlc
// 0). `record_states` keeps the merge's whole state (write history, tombstones) as its opaque
// encoding.
constexpr std::string_view kV2Journal = R"sql(
CREATE TABLE meta (
  key TEXT PRIMARY KEY,
  value BLOB
);
CREATE TABLE outbox (
  seq INTEGER PRIMARY KEY,
  change_id BLOB NOT NULL,
  hlc INTEGER NOT NULL,
  entity INTEGER NOT NULL,
  record_id BLOB NOT NULL,
  state INTEGER NOT NULL DEFAULT 0,
  created_at_ms INTEGER NOT NULL,
  payload BLOB NOT NULL
);
CREATE INDEX outbox_record ON outbox(record_id);
CREATE TABLE registers (
  entity INTEGER NOT NULL,
  record_id BLOB NOT NULL,
  field TEXT NOT NULL,
  value BLOB NOT NULL,
  hlc INTEGER NOT NULL,
  device BLOB NOT NULL,
  PRIMARY KEY (entity, record_id, field)
) WITHOUT ROWID;
CREATE TABLE record_states (
  entity INTEGER NOT NULL,
  record_id BLOB NOT NULL,
  state BLOB NOT NULL,
  PRIMARY KEY (entity, record_id)
) WITHOUT ROWID;
CREATE TABLE conflict_log (
  id INTEGER PRIMARY KEY,
  pair_key TEXT NOT NULL UNIQUE,
  entity INTEGER NOT NULL,
  record_id BLOB NOT NULL,
  field TEXT NOT NULL,
  losing_value BLOB NOT NULL,
  losing_hlc INTEGER NOT NULL,
  losing_device BLOB NOT NULL,
  winning_value BLOB NOT NULL,
  winning_hlc INTEGER NOT NULL,
  winning_device BLOB NOT NULL,
  rule TEXT NOT NULL,
  logged_at_ms INTEGER NOT NULL
);
)sql";

// The task list's keyset paging (grid, then name) reads only this index; quarantine keeps the
// server's reason beside the change; a record that survived a concurrent delete is flagged; photos
// remember whether the server confirmed their bytes (older rows: not yet, so they are offered).
constexpr std::string_view kV3TaskListAndQuarantine = R"sql(
CREATE INDEX subjects_grid_name ON subjects(grid_id, name, id) WHERE deleted = 0;
CREATE INDEX outbox_state ON outbox(state, seq);
ALTER TABLE outbox ADD COLUMN quarantine_reason TEXT;
ALTER TABLE outbox ADD COLUMN quarantine_code TEXT;
ALTER TABLE outbox ADD COLUMN quarantined_at_ms INTEGER;
ALTER TABLE subjects ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE hazards ADD COLUMN flagged INTEGER NOT NULL DEFAULT 0;
ALTER TABLE photos ADD COLUMN uploaded INTEGER NOT NULL DEFAULT 0;
CREATE INDEX photos_awaiting_upload ON photos(uploaded) WHERE uploaded = 0;
)sql";

// Subjects keep their address and phone in `contact` so the task list can search them (filled
// by every write; Store::Open fills it for rows written before this migration).
// Visit drafts: what a worker has entered of a visit not yet finished, kept as it is given so a
// killed app resumes where it was. Local only (no journal rows); `id` is the id the visit will be
// recorded under. Draft photos are sealed files in the vault whose rows live here until the
// visit is finished (then they move to `photos` in the same transaction) or the draft discarded.
constexpr std::string_view kV4Drafts = R"sql(
CREATE TABLE visit_drafts (
  id BLOB PRIMARY KEY,
  subject_id BLOB NOT NULL,
  task_id BLOB,
  updated_at_ms INTEGER NOT NULL,
  record BLOB NOT NULL
);
CREATE TABLE draft_photos (
  id BLOB PRIMARY KEY,
  draft_id BLOB NOT NULL,
  record BLOB NOT NULL
);
CREATE INDEX draft_photos_draft ON draft_photos(draft_id);
ALTER TABLE subjects ADD COLUMN contact TEXT NOT NULL DEFAULT '';
)sql";

// The record ids of a snapshot being pulled (Store::ApplyPulledPage): what the device holds and
// no page named has left its scope.
constexpr std::string_view kV5SnapshotSeen = R"sql(
CREATE TABLE snapshot_seen (id BLOB PRIMARY KEY) WITHOUT ROWID;
)sql";

// Photos taken on this device (their bytes are in its vault): what it offers the county again after
// a restore, once the journal rows that named them may be gone (Store::ReleaseDelivered).
constexpr std::string_view kV6CapturedHere = R"sql(
ALTER TABLE photos ADD COLUMN captured_here INTEGER NOT NULL DEFAULT 0;
UPDATE photos SET captured_here = 1 WHERE id IN (SELECT record_id FROM outbox WHERE entity = 4);
)sql";

constexpr Migration kMigrations[] = {
    {1, "domain tables: admin units, subjects, campaigns, tasks, visits, photos, hazards",
     kV1Domain},
    {2, "change journal: meta (HLC, sync state), outbox, field registers, conflict log",
     kV2Journal},
    {3, "task list index, quarantine reasons, flags for records kept over a delete",
     kV3TaskListAndQuarantine},
    {4, "visit drafts and their photos; subjects searchable by address and phone", kV4Drafts},
    {5, "record ids of a snapshot being pulled", kV5SnapshotSeen},
    {6, "photos taken on this device", kV6CapturedHere},
};

}  // namespace

std::span<const Migration> Migrations() { return kMigrations; }

int LatestSchemaVersion() { return kMigrations[std::size(kMigrations) - 1].version; }

Result<int> SchemaVersion(sql::Database& db) {
  QM_ASSIGN_OR_RETURN(int64_t version, db.QueryInt("PRAGMA user_version;"));
  return static_cast<int>(version);
}

Status Migrate(sql::Database& db, int target) {
  const int latest = LatestSchemaVersion();
  if (target < 0) target = latest;
  if (target > latest) {
    return InvalidArgument("Schema version " + std::to_string(target) +
                           " is unknown to this build (it knows up to " + std::to_string(latest) +
                           ").");
  }
  // Read-only check first: a newer database must not see a single write from us.
  QM_ASSIGN_OR_RETURN(int current, SchemaVersion(db));
  if (current > latest) {
    return FailedPrecondition("This profile was written by a newer Qiaomen (schema " +
                              std::to_string(current) + "; this app knows " +
                              std::to_string(latest) + "). Update the app; nothing was changed.");
  }
  if (current > target) {
    return FailedPrecondition("The database is at schema " + std::to_string(current) +
                              ", past the requested " + std::to_string(target) +
                              "; migrations never go back. Nothing was changed.");
  }
  for (const Migration& migration : kMigrations) {
    if (migration.version <= current || migration.version > target) continue;
    QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db));
    // Re-read under the write lock: another connection may have migrated meanwhile.
    QM_ASSIGN_OR_RETURN(int now, SchemaVersion(db));
    if (now >= migration.version) continue;
    Status step = db.Exec(migration.sql);
    if (!step.ok()) {
      return step.WithContext("applying schema migration " + std::to_string(migration.version));
    }
    QM_RETURN_IF_ERROR(db.Exec("PRAGMA user_version = " + std::to_string(migration.version) + ";"));
    QM_RETURN_IF_ERROR(txn.Commit());
  }
  return Status::Ok();
}

}  // namespace qiaomen::core::store
