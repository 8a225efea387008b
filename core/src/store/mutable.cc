// Store: mutable records (subject, task, hazard). Local edits and pulled changes both become a
// v1::Change applied through merge::ApplyChange, so the write history and conflict log agree with
// what the server and every other device compute.

#include <algorithm>
#include <string>

#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/store/store.h"
#include "store/fields.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

Result<std::optional<merge::RecordState>> Store::LoadState(v1::Entity entity,
                                                           const std::string& record_id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT state FROM record_states WHERE entity = ? AND "
                                      "record_id = ?;"));
  stmt->Bind(1, static_cast<int64_t>(entity)).BindBlob(2, AsBlob(record_id));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return std::optional<merge::RecordState>();
  QM_ASSIGN_OR_RETURN(merge::RecordState state,
                      merge::DecodeRecordState(internal::ColumnBytes(*stmt, 0)));
  return std::optional<merge::RecordState>(std::move(state));
}

Status Store::SaveState(const merge::RecordState& state) {
  {
    QM_ASSIGN_OR_RETURN(auto put, Stmt("INSERT INTO record_states (entity, record_id, state) "
                                       "VALUES (?, ?, ?) ON CONFLICT (entity, record_id) DO "
                                       "UPDATE SET state = excluded.state;"));
    put->Bind(1, static_cast<int64_t>(state.entity))
        .BindBlob(2, AsBlob(state.record_id))
        .BindBlob(3, AsBlob(merge::EncodeRecordState(state)));
    QM_RETURN_IF_ERROR(put->Run());
  }
  for (const auto& [field, reg] : state.fields) {
    QM_ASSIGN_OR_RETURN(auto put,
                        Stmt("INSERT INTO registers (entity, record_id, field, value, hlc, device) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (entity, record_id, field) DO "
                             "UPDATE SET value = excluded.value, hlc = excluded.hlc, device = "
                             "excluded.device;"));
    put->Bind(1, static_cast<int64_t>(state.entity))
        .BindBlob(2, AsBlob(state.record_id))
        .Bind(3, std::string_view(field))
        .BindBlob(4, AsBlob(internal::SerializeValue(reg.value)))
        .Bind(5, static_cast<int64_t>(reg.hlc))
        .BindBlob(6, AsBlob(reg.device_id));
    QM_RETURN_IF_ERROR(put->Run());
  }
  return SaveRow(state);
}

Result<merge::MergeResult> Store::MergeAndSave(const v1::Change& change) {
  QM_ASSIGN_OR_RETURN(auto current, LoadState(change.entity(), change.record_id()));
  // A snapshot from the county carries the record's whole history; everything else is one change.
  QM_ASSIGN_OR_RETURN(merge::MergeResult result, change.has_history()
                                                     ? merge::ApplySnapshot(current, change)
                                                     : merge::ApplyChange(current, change));
  if (!current.has_value() && change.device_id() != deps_.device_id) {
    QM_RETURN_IF_ERROR(MergeOwnJournal(result));
  }
  if (!result.changed) return result;
  QM_RETURN_IF_ERROR(SaveState(result.state));
  const int64_t now_ms = deps_.clock->NowMillis();
  for (const merge::ConflictEntry& conflict : result.conflicts) {
    QM_ASSIGN_OR_RETURN(
        auto log,
        Stmt("INSERT INTO conflict_log (pair_key, entity, record_id, field, losing_value, "
             "losing_hlc, losing_device, winning_value, winning_hlc, winning_device, "
             "rule, logged_at_ms) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON "
             "CONFLICT (pair_key) DO NOTHING;"));
    log->Bind(1, merge::ConflictKey(conflict))
        .Bind(2, static_cast<int64_t>(conflict.entity))
        .BindBlob(3, AsBlob(conflict.record_id))
        .Bind(4, std::string_view(conflict.field))
        .BindBlob(5, AsBlob(internal::SerializeValue(conflict.loser.value)))
        .Bind(6, static_cast<int64_t>(conflict.loser.hlc))
        .BindBlob(7, AsBlob(conflict.loser.device_id))
        .BindBlob(8, AsBlob(internal::SerializeValue(conflict.winner.value)))
        .Bind(9, static_cast<int64_t>(conflict.winner.hlc))
        .BindBlob(10, AsBlob(conflict.winner.device_id))
        .Bind(11, std::string_view(conflict.rule))
        .Bind(12, now_ms);
    QM_RETURN_IF_ERROR(log->Run());
  }
  return result;
}

// A record this device did not hold (never, or dropped when it left the scope or moved) may come
// back in a state the county made before this device's own writes reached it, and the county never
// sends a device its own changes back: they are merged again from the journal (pending and
// delivered ones; refused ones are in no other replica, and a resent one is there as its copy).
Status Store::MergeOwnJournal(merge::MergeResult& result) {
  QM_ASSIGN_OR_RETURN(auto own, Stmt("SELECT payload FROM outbox WHERE entity = ? AND record_id = "
                                     "? AND state IN (0, 1) ORDER BY seq;"));
  own->Bind(1, static_cast<int64_t>(result.state.entity))
      .BindBlob(2, AsBlob(result.state.record_id));
  while (true) {
    QM_ASSIGN_OR_RETURN(bool row, own->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(v1::Change change,
                        internal::ParseRecord<v1::Change>(*own, 0, "journal row"));
    QM_ASSIGN_OR_RETURN(merge::MergeResult more, merge::ApplyChange(result.state, change));
    if (!more.changed) continue;
    result.state = std::move(more.state);
    result.conflicts.insert(result.conflicts.end(), more.conflicts.begin(), more.conflicts.end());
    result.changed = true;
  }
  return Status::Ok();
}

Status Store::WithdrawOwnWrite(const v1::Change& change) {
  if (!merge::IsFieldMerged(change.entity())) return Status::Ok();
  QM_ASSIGN_OR_RETURN(auto state, LoadState(change.entity(), change.record_id()));
  if (!state || !merge::WithdrawStamp(*state, deps_.device_id, change.hlc())) return Status::Ok();
  {
    // The pairs it made: no other replica logged them.
    QM_ASSIGN_OR_RETURN(
        auto forget,
        Stmt("DELETE FROM conflict_log WHERE entity = ?1 AND record_id = ?2 AND ((losing_device = "
             "?3 AND losing_hlc = ?4) OR (winning_device = ?3 AND winning_hlc = ?4));"));
    forget->Bind(1, static_cast<int64_t>(change.entity()))
        .BindBlob(2, AsBlob(change.record_id()))
        .BindBlob(3, AsBlob(deps_.device_id))
        .Bind(4, static_cast<int64_t>(change.hlc()));
    QM_RETURN_IF_ERROR(forget->Run());
  }
  {
    // Fields it alone wrote have no register now (SaveState writes the others again).
    QM_ASSIGN_OR_RETURN(auto clear,
                        Stmt("DELETE FROM registers WHERE entity = ? AND record_id = ?;"));
    clear->Bind(1, static_cast<int64_t>(change.entity())).BindBlob(2, AsBlob(change.record_id()));
    QM_RETURN_IF_ERROR(clear->Run());
  }
  if (state->history.empty() && state->tombstones.empty()) {
    // The record was here only through the refused change (a creation): it goes, unless work this
    // device has not delivered hangs on it.
    QM_ASSIGN_OR_RETURN(auto drop, Stmt("DELETE FROM record_states WHERE entity = ? AND "
                                        "record_id = ?;"));
    drop->Bind(1, static_cast<int64_t>(change.entity())).BindBlob(2, AsBlob(change.record_id()));
    QM_RETURN_IF_ERROR(drop->Run());
    return RemoveInTxn({change.record_id()});
  }
  return SaveState(*state);
}

// done_visit_id is derived from the append-only visits, which may have arrived first.
constexpr char kUpsertTask[] =
    "INSERT INTO tasks (id, subject_id, campaign_id, assignee, due_date, deleted, record, "
    "done_visit_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " QM_CLOSING_VISIT("?1") ") ON CONFLICT (id) "
    "DO UPDATE SET subject_id = excluded.subject_id, campaign_id = excluded.campaign_id, assignee "
    "= excluded.assignee, due_date = excluded.due_date, deleted = excluded.deleted, record = "
    "excluded.record, done_visit_id = excluded.done_visit_id;";

Status Store::SaveRow(const merge::RecordState& state) {
  const int64_t deleted = state.deleted ? 1 : 0;
  const int64_t flagged = state.flagged ? 1 : 0;
  switch (state.entity) {
    case v1::ENTITY_SUBJECT: {
      v1::Subject subject;
      QM_RETURN_IF_ERROR(internal::Materialize(state, subject));
      QM_ASSIGN_OR_RETURN(
          auto put,
          Stmt("INSERT INTO subjects (id, external_id, kind, grid_id, name, deleted, "
               "flagged, record, contact) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO "
               "UPDATE SET external_id = excluded.external_id, kind = excluded.kind, "
               "grid_id = excluded.grid_id, name = excluded.name, deleted = "
               "excluded.deleted, flagged = excluded.flagged, record = excluded.record, "
               "contact = excluded.contact;"));
      put->BindBlob(1, AsBlob(subject.id()))
          .Bind(2, std::string_view(subject.external_id()))
          .Bind(3, static_cast<int64_t>(subject.kind()))
          .Bind(4, std::string_view(subject.grid_id()))
          .Bind(5, std::string_view(subject.name()))
          .Bind(6, deleted)
          .Bind(7, flagged)
          .BindBlob(8, AsBlob(internal::Serialize(subject)))
          .Bind(9, std::string_view(internal::SubjectContact(subject)));
      return put->Run();
    }
    case v1::ENTITY_TASK: {
      v1::Task task;
      QM_RETURN_IF_ERROR(internal::Materialize(state, task));
      QM_ASSIGN_OR_RETURN(auto put, Stmt(kUpsertTask));
      put->BindBlob(1, AsBlob(task.id()))
          .BindBlob(2, AsBlob(task.subject_id()))
          .Bind(3, std::string_view(task.campaign_id()))
          .Bind(4, std::string_view(task.assignee()))
          .Bind(5, std::string_view(task.due_date()))
          .Bind(6, deleted)
          .BindBlob(7, AsBlob(internal::Serialize(task)));
      return put->Run();
    }
    case v1::ENTITY_HAZARD: {
      v1::Hazard hazard;
      QM_RETURN_IF_ERROR(internal::Materialize(state, hazard));
      QM_ASSIGN_OR_RETURN(
          auto put,
          Stmt("INSERT INTO hazards (id, subject_id, visit_id, deleted, flagged, record) "
               "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET subject_id = "
               "excluded.subject_id, visit_id = excluded.visit_id, deleted = "
               "excluded.deleted, flagged = excluded.flagged, record = excluded.record;"));
      put->BindBlob(1, AsBlob(hazard.id())).BindBlob(2, AsBlob(hazard.subject_id()));
      if (hazard.visit_id().empty()) {
        put->BindNull(3);
      } else {
        put->BindBlob(3, AsBlob(hazard.visit_id()));
      }
      put->Bind(4, deleted).Bind(5, flagged).BindBlob(6, AsBlob(internal::Serialize(hazard)));
      return put->Run();
    }
    default:
      return Internal("SaveRow called for an entity that is not merged field by field.");
  }
}

Status Store::CreateFields(v1::Entity entity, const google::protobuf::Message& record) {
  v1::Change change;
  change.set_entity(entity);
  const auto* id_field = record.GetDescriptor()->FindFieldByName("id");
  change.set_record_id(record.GetReflection()->GetString(record, id_field));
  auto* fields = change.mutable_fields();
  fields->set_create(true);
  for (const merge::FieldSpec& spec : merge::FieldsOf(entity)) {
    QM_ASSIGN_OR_RETURN(v1::FieldValue value, internal::GetField(record, spec.name));
    if (internal::IsDefault(value)) continue;
    QM_RETURN_IF_ERROR(merge::ValidateFieldValue(entity, spec.name, value));
    auto* set = fields->add_fields();
    set->set_field(std::string(spec.name));
    *set->mutable_value() = std::move(value);
  }
  QM_RETURN_IF_ERROR(Journal(change).status());
  return MergeAndSave(change).status();
}

Result<std::vector<std::string>> Store::UpdateFields(v1::Entity entity,
                                                     const google::protobuf::Message& edited,
                                                     const FieldStamps* seen) {
  const auto* id_field = edited.GetDescriptor()->FindFieldByName("id");
  const std::string id = edited.GetReflection()->GetString(edited, id_field);
  QM_RETURN_IF_ERROR(internal::CheckId(id, merge::EntityName(entity)));
  QM_ASSIGN_OR_RETURN(auto state, LoadState(entity, id));
  if (!state || state->deleted) {
    return NotFound("The " + std::string(merge::EntityName(entity)) + " " + internal::IdText(id) +
                    " is not in this profile (deleted, or not synced yet).");
  }
  std::unique_ptr<google::protobuf::Message> stored(edited.New());
  QM_RETURN_IF_ERROR(internal::Materialize(*state, *stored));
  v1::Change change;
  change.set_entity(entity);
  change.set_record_id(id);
  std::vector<std::string> changed;
  for (const merge::FieldSpec& spec : merge::FieldsOf(entity)) {
    QM_ASSIGN_OR_RETURN(v1::FieldValue before, internal::GetField(*stored, spec.name));
    QM_ASSIGN_OR_RETURN(v1::FieldValue after, internal::GetField(edited, spec.name));
    if (internal::SameValue(before, after)) continue;
    const std::string field(spec.name);
    if (internal::IsCreateOnlyField(entity, field)) {
      return InvalidArgument("The " + field + " of a " + std::string(merge::EntityName(entity)) +
                             " cannot be changed after it is created; create a new one instead.");
    }
    QM_RETURN_IF_ERROR(merge::ValidateFieldValue(entity, field, after));
    HlcStamp base = 0;
    if (seen != nullptr) {
      auto it = seen->find(field);
      if (it != seen->end()) base = it->second;
    } else if (auto it = state->fields.find(field); it != state->fields.end()) {
      base = it->second.hlc;
    }
    auto* set = change.mutable_fields()->add_fields();
    set->set_field(field);
    *set->mutable_value() = std::move(after);
    set->set_base_hlc(base);
    changed.push_back(field);
  }
  if (changed.empty()) return changed;
  QM_RETURN_IF_ERROR(Journal(change).status());
  QM_RETURN_IF_ERROR(MergeAndSave(change).status());
  return changed;
}

Status Store::DeleteRecord(v1::Entity entity, const Uuid& id) {
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(auto state, LoadState(entity, id.ToBytes()));
  if (!state || state->deleted) {
    return NotFound("The " + std::string(merge::EntityName(entity)) + " " + id.ToString() +
                    " is not in this profile (already deleted, or not synced yet).");
  }
  v1::Change change;
  change.set_entity(entity);
  change.set_record_id(id.ToBytes());
  change.set_deleted(true);
  // What this device saw: an update it has not seen, from anyone, beats the delete.
  HlcStamp seen = 0;
  for (const auto& [field, writes] : state->history) {
    for (const merge::Register& w : writes) seen = std::max(seen, w.hlc);
  }
  for (const merge::Register& t : state->tombstones) seen = std::max(seen, t.hlc);
  change.set_seen_hlc(seen);
  QM_RETURN_IF_ERROR(Journal(change).status());
  QM_RETURN_IF_ERROR(MergeAndSave(change).status());
  return txn.Commit();
}

Status Store::LoadRecord(v1::Entity entity, const std::string& id_bytes,
                         google::protobuf::Message& record) {
  const char* sql = nullptr;
  switch (entity) {
    case v1::ENTITY_SUBJECT:
      sql = "SELECT record FROM subjects WHERE id = ? AND deleted = 0;";
      break;
    case v1::ENTITY_TASK:
      sql = "SELECT record FROM tasks WHERE id = ? AND deleted = 0;";
      break;
    case v1::ENTITY_HAZARD:
      sql = "SELECT record FROM hazards WHERE id = ? AND deleted = 0;";
      break;
    default:
      return Internal("LoadRecord called for an entity that is not merged field by field.");
  }
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt(sql));
  stmt->BindBlob(1, AsBlob(id_bytes));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  std::string what(merge::EntityName(entity));
  if (!row) {
    return NotFound("The " + what + " " + internal::IdText(id_bytes) +
                    " is not in this profile; sync, or pick one from the list.");
  }
  auto blob = stmt->ColumnBlob(0);
  if (!record.ParseFromArray(blob.data(), static_cast<int>(blob.size()))) {
    return Corruption("A stored " + what + " could not be read; the profile may be damaged.");
  }
  return Status::Ok();
}

Result<FieldStamps> Store::GetFieldStamps(v1::Entity entity, const Uuid& id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT field, hlc FROM registers WHERE entity = ? AND "
                                      "record_id = ?;"));
  stmt->Bind(1, static_cast<int64_t>(entity)).BindBlob(2, AsBlob(id.ToBytes()));
  FieldStamps stamps;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    stamps[stmt->ColumnText(0)] = static_cast<HlcStamp>(stmt->ColumnInt(1));
  }
  return stamps;
}

Result<std::vector<ConflictRecord>> Store::ListConflicts() {
  QM_ASSIGN_OR_RETURN(auto stmt,
                      Stmt("SELECT entity, record_id, field, losing_value, losing_hlc, "
                           "losing_device, winning_value, winning_hlc, winning_device, rule, "
                           "logged_at_ms FROM conflict_log ORDER BY id;"));
  std::vector<ConflictRecord> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    ConflictRecord record;
    record.entity = static_cast<v1::Entity>(stmt->ColumnInt(0));
    record.record_id = internal::ColumnBytes(*stmt, 1);
    record.field = stmt->ColumnText(2);
    QM_ASSIGN_OR_RETURN(record.losing_value,
                        internal::ParseRecord<v1::FieldValue>(*stmt, 3, "conflict"));
    record.losing_hlc = static_cast<HlcStamp>(stmt->ColumnInt(4));
    record.losing_device = internal::ColumnBytes(*stmt, 5);
    QM_ASSIGN_OR_RETURN(record.winning_value,
                        internal::ParseRecord<v1::FieldValue>(*stmt, 6, "conflict"));
    record.winning_hlc = static_cast<HlcStamp>(stmt->ColumnInt(7));
    record.winning_device = internal::ColumnBytes(*stmt, 8);
    record.rule = stmt->ColumnText(9);
    record.logged_at_ms = stmt->ColumnInt(10);
    out.push_back(std::move(record));
  }
  return out;
}

}  // namespace qiaomen::core::store
