// Store: applying a page of pulled changes, and dropping what left the device's scope.

#include <string>

#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {

// While a snapshot is being pulled: 1 + the applied-through mark when it began (0 when none is).
constexpr char kSnapshotOpen[] = "snapshot_open";

// Ok for a duplicate of an append-only record: the log already has it.
Status IgnoreDuplicate(Status status) {
  return status.code() == Code::kAlreadyExists ? Status::Ok() : status;
}

}  // namespace

Status Store::ApplyPulledPage(const std::vector<v1::Change>& changes,
                              const std::string& next_cursor,
                              const std::vector<std::string>& removed_record_ids, bool snapshot) {
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_RETURN_IF_ERROR(TrackSnapshot(changes, snapshot));
  for (size_t i = 0; i < changes.size(); ++i) {
    Status status = ApplyPulledChange(changes[i]);
    if (!status.ok()) {
      return status.WithContext("change " + std::to_string(i + 1) + " of the pulled page (" +
                                std::string(merge::EntityName(changes[i].entity())) + " " +
                                internal::IdText(changes[i].record_id()) +
                                "); nothing from this page was applied");
    }
    // A stamp far ahead of this clock is not trusted to drag it forward; the data still applies.
    hlc_.Observe(changes[i].hlc()).IgnoreError();
  }
  if (!removed_record_ids.empty()) QM_RETURN_IF_ERROR(RemoveInTxn(removed_record_ids));
  QM_RETURN_IF_ERROR(SetMeta("pull_cursor", next_cursor));
  QM_RETURN_IF_ERROR(PersistHlc());
  return txn.Commit();
}

Status Store::ApplyPulledChange(const v1::Change& change) {
  if (change.record_id().empty()) return InvalidArgument("The change has no record id.");
  // Records made on devices are named by 16-byte UUIDs; admin units and campaigns by their codes.
  if (change.entity() != v1::ENTITY_ADMIN_UNIT && change.entity() != v1::ENTITY_CAMPAIGN &&
      change.record_id().size() != 16) {
    return InvalidArgument("The record id is " + std::to_string(change.record_id().size()) +
                           " bytes, not a 16-byte id; the county server sent a malformed change. "
                           "Ask the county IT staff to check the server version.");
  }
  if (change.body_case() == v1::Change::kMoved) {
    // The county moved the subject out of this device's scope (another grid): it goes with all
    // that hangs on it, except what this device has not delivered.
    if (change.entity() != v1::ENTITY_SUBJECT) {
      return InvalidArgument(
          "Only a subject can move to another grid; the county server sent a "
          "malformed change. Ask the county IT staff to check the server "
          "version.");
    }
    return RemoveInTxn({change.record_id()});
  }
  switch (change.entity()) {
    case v1::ENTITY_SUBJECT:
    case v1::ENTITY_TASK:
    case v1::ENTITY_HAZARD:
      return MergeAndSave(change).status();
    case v1::ENTITY_VISIT: {
      if (!change.has_visit() || change.visit().id() != change.record_id()) {
        return InvalidArgument("A visit change must carry the visit it names.");
      }
      return IgnoreDuplicate(InsertVisit(change.visit()));
    }
    case v1::ENTITY_PHOTO: {
      if (!change.has_photo() || change.photo().id() != change.record_id()) {
        return InvalidArgument("A photo change must carry the photo it names.");
      }
      // A pulled photo is never this device's to upload: someone else's bytes are theirs to send,
      // and an echo of our own keeps its row as it is (a row that waits for upload is never
      // removed, so one arriving by pull was sent before, or its bytes are not here to send).
      return IgnoreDuplicate(InsertPhoto(change.photo(), /*uploaded=*/true));
    }
    case v1::ENTITY_HAZARD_EVENT: {
      if (!change.has_hazard_event() || change.hazard_event().id() != change.record_id()) {
        return InvalidArgument("A hazard event change must carry the event it names.");
      }
      return IgnoreDuplicate(InsertHazardEvent(change.hazard_event(), change.hlc()));
    }
    case v1::ENTITY_ADMIN_UNIT:
      if (!change.has_admin_unit() || change.admin_unit().id() != change.record_id()) {
        return InvalidArgument("An admin unit change must carry the unit it names.");
      }
      return UpsertAdminUnit(change.admin_unit());
    case v1::ENTITY_CAMPAIGN:
      if (!change.has_campaign() || change.campaign().id() != change.record_id()) {
        return InvalidArgument("A campaign change must carry the campaign it names.");
      }
      return UpsertCampaign(change.campaign());
    default:
      return InvalidArgument("The change names no known kind of record; update the app.");
  }
}

// A snapshot holds every record of the device's scope (deleted ones too), so what the device holds
// and no page of it named has left the scope: after a restore reset the cursor (and with it the
// scope the server knew this device by), after a scope change, or after a cursor the server did
// not believe. Its pages' record ids are noted as they come; the first page after the last one
// (the change log) drops the rest, except what this device had not delivered when the snapshot
// began (and so may have delivered since, after the snapshot passed its place). What the county
// refused goes by RemoveInTxn's rules: refused evidence stays, a refused register edit keeps
// nothing.
Status Store::TrackSnapshot(const std::vector<v1::Change>& changes, bool snapshot) {
  QM_ASSIGN_OR_RETURN(int64_t open, MetaInt(kSnapshotOpen));
  if (snapshot) {
    if (open == 0) {
      QM_ASSIGN_OR_RETURN(int64_t delivered, MetaInt("applied_through"));
      QM_RETURN_IF_ERROR(db_.Exec("DELETE FROM snapshot_seen;"));
      QM_RETURN_IF_ERROR(SetMetaInt(kSnapshotOpen, delivered + 1));
    }
    QM_ASSIGN_OR_RETURN(auto seen, Stmt("INSERT OR IGNORE INTO snapshot_seen (id) VALUES (?);"));
    for (const v1::Change& change : changes) {
      seen->Reset();
      seen->BindBlob(1, AsBlob(change.record_id()));
      QM_RETURN_IF_ERROR(seen->Run());
    }
    return Status::Ok();
  }
  if (open == 0) return Status::Ok();
  // Children before what they hang on, so each goes by its own id.
  std::vector<std::string> gone;
  // (Statements are cached by their text's address: each query is its own literal.)
  static constexpr const char* kUnseen[] = {
      "SELECT id FROM hazard_events WHERE id NOT IN (SELECT id FROM snapshot_seen) AND id NOT IN "
      "(SELECT record_id FROM outbox WHERE seq > ? AND state IN (0, 1));",
      "SELECT id FROM photos WHERE id NOT IN (SELECT id FROM snapshot_seen) AND id NOT IN "
      "(SELECT record_id FROM outbox WHERE seq > ? AND state IN (0, 1));",
      "SELECT id FROM hazards WHERE id NOT IN (SELECT id FROM snapshot_seen) AND id NOT IN "
      "(SELECT record_id FROM outbox WHERE seq > ? AND state IN (0, 1));",
      "SELECT id FROM visits WHERE id NOT IN (SELECT id FROM snapshot_seen) AND id NOT IN "
      "(SELECT record_id FROM outbox WHERE seq > ? AND state IN (0, 1));",
      "SELECT id FROM tasks WHERE id NOT IN (SELECT id FROM snapshot_seen) AND id NOT IN "
      "(SELECT record_id FROM outbox WHERE seq > ? AND state IN (0, 1));",
      "SELECT id FROM subjects WHERE id NOT IN (SELECT id FROM snapshot_seen) AND id NOT IN "
      "(SELECT record_id FROM outbox WHERE seq > ? AND state IN (0, 1));",
  };
  const int64_t keep_after = open - 1;
  for (const char* sql : kUnseen) {
    QM_ASSIGN_OR_RETURN(auto stmt, Stmt(sql));
    stmt->Bind(1, keep_after);
    while (true) {
      QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      gone.push_back(internal::ColumnBytes(*stmt, 0));
    }
  }
  if (!gone.empty()) QM_RETURN_IF_ERROR(RemoveInTxn(gone));
  QM_RETURN_IF_ERROR(db_.Exec("DELETE FROM snapshot_seen;"));
  return SetMetaInt(kSnapshotOpen, 0);
}

Status Store::RemoveOutOfScope(const std::vector<std::string>& record_ids) {
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_RETURN_IF_ERROR(RemoveInTxn(record_ids));
  return txn.Commit();
}

Status Store::RemoveInTxn(const std::vector<std::string>& record_ids) {
  // What this device has not delivered yet (pending, or refused evidence: a refused register write
  // is no longer in its record, see WithdrawOwnWrite) stays, and so do its photos
  // whose bytes the server has not confirmed (their rows keep their files from the vault's orphan
  // collection), and whatever they hang on (a kept photo keeps its visit, a kept event its hazard,
  // a kept visit its subject).
  QM_RETURN_IF_ERROR(
      db_.Exec("CREATE TEMP TABLE IF NOT EXISTS keep_ids (id BLOB PRIMARY KEY) WITHOUT ROWID;"
               "DELETE FROM temp.keep_ids;"
               "INSERT OR IGNORE INTO temp.keep_ids SELECT record_id FROM outbox WHERE state = 0 "
               "OR (state = 2 AND entity NOT IN (1, 2, 5));"
               "INSERT OR IGNORE INTO temp.keep_ids SELECT id FROM photos WHERE uploaded = 0;"));
  // ?1 is the removed id. A subject takes its whole tree; any other id matches only itself.
  static constexpr const char* kSteps[] = {
      "DELETE FROM hazard_events WHERE (id = ?1 OR hazard_id = ?1 OR hazard_id IN (SELECT id FROM "
      "hazards WHERE subject_id = ?1)) AND id NOT IN (SELECT id FROM temp.keep_ids);",
      "DELETE FROM photos WHERE (id = ?1 OR visit_id = ?1 OR hazard_id = ?1 OR visit_id IN (SELECT "
      "id FROM visits WHERE subject_id = ?1) OR hazard_id IN (SELECT id FROM hazards WHERE "
      "subject_id = ?1)) AND id NOT IN (SELECT id FROM temp.keep_ids);",
      "DELETE FROM hazards WHERE (id = ?1 OR subject_id = ?1 OR visit_id = ?1) AND id NOT IN "
      "(SELECT id FROM temp.keep_ids) AND id NOT IN (SELECT hazard_id FROM hazard_events) AND id "
      "NOT IN (SELECT hazard_id FROM photos WHERE hazard_id IS NOT NULL);",
      "DELETE FROM visits WHERE (id = ?1 OR subject_id = ?1) AND id NOT IN (SELECT id FROM "
      "temp.keep_ids) AND id NOT IN (SELECT visit_id FROM photos WHERE visit_id IS NOT NULL) AND "
      "id NOT IN (SELECT visit_id FROM hazards WHERE visit_id IS NOT NULL);",
      "DELETE FROM tasks WHERE (id = ?1 OR subject_id = ?1) AND id NOT IN (SELECT id FROM "
      "temp.keep_ids) AND id NOT IN (SELECT task_id FROM visits WHERE task_id IS NOT NULL);",
      "DELETE FROM subjects WHERE id = ?1 AND id NOT IN (SELECT id FROM temp.keep_ids) AND NOT "
      "EXISTS (SELECT 1 FROM visits WHERE subject_id = ?1) AND NOT EXISTS (SELECT 1 FROM tasks "
      "WHERE subject_id = ?1) AND NOT EXISTS (SELECT 1 FROM hazards WHERE subject_id = ?1);",
  };
  for (const std::string& id : record_ids) {
    if (id.empty()) return InvalidArgument("A record id to remove is empty.");
    for (const char* sql : kSteps) {
      QM_ASSIGN_OR_RETURN(auto stmt, Stmt(sql));
      stmt->BindBlob(1, AsBlob(id));
      QM_RETURN_IF_ERROR(stmt->Run());
    }
  }
  // Merge state and registers of records whose rows are gone.
  return db_.Exec(
      "DELETE FROM record_states WHERE (entity = 1 AND record_id NOT IN (SELECT id FROM subjects)) "
      "OR (entity = 2 AND record_id NOT IN (SELECT id FROM tasks)) OR (entity = 5 AND record_id "
      "NOT IN (SELECT id FROM hazards));"
      "DELETE FROM registers WHERE (entity = 1 AND record_id NOT IN (SELECT id FROM subjects)) OR "
      "(entity = 2 AND record_id NOT IN (SELECT id FROM tasks)) OR (entity = 5 AND record_id NOT "
      "IN (SELECT id FROM hazards));"
      "DELETE FROM temp.keep_ids;");
}

}  // namespace qiaomen::core::store
