// Store: hazards (identity + registers) and their append-only event log, whose order the hazard
// state machine (domain/hazard_state.h) polices.

#include <string>

#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {

Status ValidateHazard(const v1::Hazard& hazard) {
  QM_RETURN_IF_ERROR(internal::CheckId(hazard.id(), "hazard"));
  QM_RETURN_IF_ERROR(internal::CheckId(hazard.subject_id(), "subject"));
  if (!hazard.visit_id().empty()) QM_RETURN_IF_ERROR(internal::CheckId(hazard.visit_id(), "visit"));
  if (hazard.category().empty()) return InvalidArgument("Choose the hazard's category.");
  if (hazard.severity() == v1::SEVERITY_UNSPECIFIED || !v1::Severity_IsValid(hazard.severity())) {
    return InvalidArgument("Choose whether the hazard is general or major.");
  }
  return Status::Ok();
}

}  // namespace

Result<v1::Hazard> Store::CreateHazard(v1::Hazard hazard) {
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  v1::Subject subject;
  QM_RETURN_IF_ERROR(internal::CheckId(hazard.subject_id(), "subject"));
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_SUBJECT, hazard.subject_id(), subject));
  QM_ASSIGN_OR_RETURN(v1::Hazard created,
                      CreateHazardInTxn(std::move(hazard), deps_.clock->NowMillis()));
  QM_RETURN_IF_ERROR(txn.Commit());
  return created;
}

Result<v1::Hazard> Store::CreateHazardInTxn(v1::Hazard hazard, int64_t found_at_ms) {
  if (hazard.id().empty()) hazard.set_id(NewId().ToBytes());
  QM_RETURN_IF_ERROR(ValidateHazard(hazard));
  QM_ASSIGN_OR_RETURN(auto existing, LoadState(v1::ENTITY_HAZARD, hazard.id()));
  if (existing) {
    return AlreadyExists("A hazard with id " + internal::IdText(hazard.id()) + " already exists.");
  }
  // A rule's suspicion is recorded as the SUSPECTED_MAJOR step after FOUND, not as a register.
  const bool suspected = hazard.suspected_major();
  hazard.clear_suspected_major();
  v1::Change change;
  change.set_entity(v1::ENTITY_HAZARD);
  change.set_record_id(hazard.id());
  *change.mutable_hazard() = hazard;
  QM_RETURN_IF_ERROR(Journal(change).status());
  QM_RETURN_IF_ERROR(MergeAndSave(change).status());

  for (v1::HazardEventKind kind : {v1::FOUND, v1::SUSPECTED_MAJOR}) {
    if (kind == v1::SUSPECTED_MAJOR && !suspected) break;
    v1::HazardEvent event;
    event.set_id(NewId().ToBytes());
    event.set_hazard_id(hazard.id());
    event.set_kind(kind);
    event.set_at_ms(found_at_ms);
    event.set_actor(deps_.worker_id);
    v1::Change event_change;
    event_change.set_entity(v1::ENTITY_HAZARD_EVENT);
    event_change.set_record_id(event.id());
    *event_change.mutable_hazard_event() = event;
    QM_ASSIGN_OR_RETURN(HlcStamp stamp, Journal(event_change));
    QM_RETURN_IF_ERROR(InsertHazardEvent(event, stamp));
  }
  return hazard;
}

Result<std::vector<std::string>> Store::UpdateHazard(const v1::Hazard& edited,
                                                     const FieldStamps* seen) {
  QM_RETURN_IF_ERROR(ValidateHazard(edited));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(auto changed, UpdateFields(v1::ENTITY_HAZARD, edited, seen));
  if (!changed.empty()) QM_RETURN_IF_ERROR(txn.Commit());
  return changed;
}

Result<v1::Hazard> Store::GetHazard(const Uuid& id) {
  v1::Hazard hazard;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_HAZARD, id.ToBytes(), hazard));
  return hazard;
}

Result<std::vector<v1::Hazard>> Store::ListHazards(const Uuid& subject_id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM hazards WHERE subject_id = ? AND "
                                      "deleted = 0 ORDER BY id;"));
  stmt->BindBlob(1, AsBlob(subject_id.ToBytes()));
  std::vector<v1::Hazard> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(auto hazard, internal::ParseRecord<v1::Hazard>(*stmt, 0, "hazard"));
    out.push_back(std::move(hazard));
  }
  return out;
}

Result<v1::HazardEvent> Store::AddHazardEvent(v1::HazardEvent event,
                                              std::vector<v1::Photo> photos) {
  if (event.id().empty()) event.set_id(NewId().ToBytes());
  if (event.at_ms() == 0) event.set_at_ms(deps_.clock->NowMillis());
  if (event.actor().empty()) event.set_actor(deps_.worker_id);
  QM_RETURN_IF_ERROR(internal::CheckId(event.id(), "hazard event"));
  QM_RETURN_IF_ERROR(internal::CheckId(event.hazard_id(), "hazard"));
  for (const v1::Photo& photo : photos) {
    QM_RETURN_IF_ERROR(internal::ValidatePhoto(photo));
    event.add_photo_ids(photo.id());
  }
  for (const std::string& photo_id : event.photo_ids()) {
    QM_RETURN_IF_ERROR(internal::CheckId(photo_id, "photo"));
  }
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  v1::Hazard hazard;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_HAZARD, event.hazard_id(), hazard));
  QM_ASSIGN_OR_RETURN(auto log, LoadHazardLog(event.hazard_id()));
  domain::HazardState state;
  if (!log.empty()) {
    QM_ASSIGN_OR_RETURN(state, domain::DeriveHazardState(std::move(log)));
  }
  // The new event is checked as the last step, which it is: its stamp will be above every stamp
  // this device has seen, and the log is ordered by stamp.
  // The state machine's error is the sentence the user sees ("A hazard that is closed cannot ...").
  QM_RETURN_IF_ERROR(domain::Transition(state, event).status());
  for (const v1::Photo& photo : photos) QM_RETURN_IF_ERROR(RecordPhotoInTxn(photo));
  v1::Change change;
  change.set_entity(v1::ENTITY_HAZARD_EVENT);
  change.set_record_id(event.id());
  *change.mutable_hazard_event() = event;
  QM_ASSIGN_OR_RETURN(HlcStamp stamp, Journal(change));
  QM_RETURN_IF_ERROR(InsertHazardEvent(event, stamp));
  QM_RETURN_IF_ERROR(txn.Commit());
  return event;
}

Status Store::InsertHazardEvent(const v1::HazardEvent& event, HlcStamp hlc) {
  QM_ASSIGN_OR_RETURN(auto put,
                      Stmt("INSERT INTO hazard_events (id, hazard_id, at_ms, hlc, record) "
                           "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING;"));
  put->BindBlob(1, AsBlob(event.id()))
      .BindBlob(2, AsBlob(event.hazard_id()))
      .Bind(3, event.at_ms())
      .Bind(4, static_cast<int64_t>(hlc))
      .BindBlob(5, AsBlob(internal::Serialize(event)));
  QM_RETURN_IF_ERROR(put->Run());
  if (db_.Changes() == 0) {
    return AlreadyExists("The hazard event " + internal::IdText(event.id()) +
                         " is already recorded.");
  }
  return Status::Ok();
}

Result<std::vector<domain::HazardLogEntry>> Store::LoadHazardLog(const std::string& hazard_id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT hlc, record FROM hazard_events WHERE hazard_id = ? "
                                      "ORDER BY hlc, id;"));
  stmt->BindBlob(1, AsBlob(hazard_id));
  std::vector<domain::HazardLogEntry> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    domain::HazardLogEntry entry;
    entry.hlc = static_cast<HlcStamp>(stmt->ColumnInt(0));
    QM_ASSIGN_OR_RETURN(entry.event,
                        internal::ParseRecord<v1::HazardEvent>(*stmt, 1, "hazard event"));
    out.push_back(std::move(entry));
  }
  return out;
}

Result<std::vector<v1::HazardEvent>> Store::ListHazardEvents(const Uuid& hazard_id) {
  QM_ASSIGN_OR_RETURN(auto log, LoadHazardLog(hazard_id.ToBytes()));
  std::vector<v1::HazardEvent> out;
  out.reserve(log.size());
  for (domain::HazardLogEntry& entry : log) out.push_back(std::move(entry.event));
  return out;
}

Result<domain::HazardState> Store::GetHazardState(const Uuid& id) {
  v1::Hazard hazard;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_HAZARD, id.ToBytes(), hazard));
  QM_ASSIGN_OR_RETURN(auto log, LoadHazardLog(id.ToBytes()));
  if (log.empty()) return domain::HazardState{};
  return domain::DeriveHazardState(std::move(log));
}

}  // namespace qiaomen::core::store
