// Store: finished visits and photos (append-only records).

#include <algorithm>
#include <cmath>
#include <string>

#include "qiaomen/core/domain/door_knocking.h"
#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {

Status ValidateLocation(const v1::GeoPoint& point) {
  if (!std::isfinite(point.latitude()) || !std::isfinite(point.longitude()) ||
      std::fabs(point.latitude()) > 90 || std::fabs(point.longitude()) > 180) {
    return InvalidArgument("The GPS position is out of range; take the fix again.");
  }
  if (!std::isfinite(point.accuracy_m()) || point.accuracy_m() < 0) {
    return InvalidArgument(
        "The GPS accuracy must be zero (unknown) or a positive number of metres.");
  }
  return Status::Ok();
}

Status ValidateVisit(const v1::Visit& visit) {
  QM_RETURN_IF_ERROR(internal::CheckId(visit.id(), "visit"));
  QM_RETURN_IF_ERROR(internal::CheckId(visit.subject_id(), "subject"));
  if (!visit.task_id().empty()) QM_RETURN_IF_ERROR(internal::CheckId(visit.task_id(), "task"));
  if (visit.outcome() == v1::VISIT_OUTCOME_UNSPECIFIED ||
      !v1::VisitOutcome_IsValid(visit.outcome())) {
    return InvalidArgument(
        "Choose the visit's outcome: checked, nobody home, refused, vacant or moved.");
  }
  if (visit.started_at_ms() <= 0 || visit.finished_at_ms() <= 0) {
    return InvalidArgument("A finished visit needs its start and finish times.");
  }
  if (visit.finished_at_ms() < visit.started_at_ms()) {
    return InvalidArgument("The visit finishes before it starts; check the phone's clock.");
  }
  if (visit.has_location()) QM_RETURN_IF_ERROR(ValidateLocation(visit.location()));
  if (visit.outcome() == v1::CHECKED &&
      (visit.template_id().empty() || visit.template_version() == 0)) {
    return InvalidArgument("A checked visit must name its checklist and version (id@version).");
  }
  if (!visit.signature_photo_id().empty()) {
    QM_RETURN_IF_ERROR(internal::CheckId(visit.signature_photo_id(), "signature photo"));
  }
  for (const v1::PhotoRef& ref : visit.photos()) {
    QM_RETURN_IF_ERROR(internal::CheckId(ref.photo_id(), "photo"));
    if (ref.sha256().size() != 32) {
      return InvalidArgument("A photo reference must carry the photo's 32-byte SHA-256.");
    }
  }
  return Status::Ok();
}

// Each fixed-on-site rule is one a derived hazard has, and its after-photo is one of the visit's.
Status CheckFixedOnSite(const VisitInput& input) {
  for (const auto& [rule, photo_id] : input.fixed_on_site) {
    const bool derived =
        std::any_of(input.derived_hazards.begin(), input.derived_hazards.end(),
                    [&rule = rule](const v1::Hazard& h) { return h.rule_id() == rule; });
    if (!derived) {
      return InvalidArgument("No hazard of this visit comes from rule '" + rule +
                             "'; only a hazard the visit found can be fixed on the spot.");
    }
    const bool photographed =
        std::any_of(input.photos.begin(), input.photos.end(),
                    [&id = photo_id](const v1::Photo& p) { return p.id() == id; });
    if (!photographed) {
      return InvalidArgument("The hazard of rule '" + rule +
                             "' was fixed on the spot (当场整改) without an after-photo of this "
                             "visit; photograph the fix.");
    }
  }
  return Status::Ok();
}

}  // namespace

Status internal::ValidatePhoto(const v1::Photo& meta) {
  QM_RETURN_IF_ERROR(internal::CheckId(meta.id(), "photo"));
  if (meta.sha256().size() != 32) {
    return InvalidArgument("A photo must carry the 32-byte SHA-256 of its plaintext.");
  }
  if (meta.size() <= 0) return InvalidArgument("A photo cannot be empty.");
  if (!meta.visit_id().empty()) QM_RETURN_IF_ERROR(internal::CheckId(meta.visit_id(), "visit"));
  if (!meta.hazard_id().empty()) QM_RETURN_IF_ERROR(internal::CheckId(meta.hazard_id(), "hazard"));
  if (meta.has_location()) QM_RETURN_IF_ERROR(ValidateLocation(meta.location()));
  return Status::Ok();
}

Result<RecordedVisit> Store::RecordVisit(VisitInput input) {
  v1::Visit& visit = input.visit;
  if (visit.id().empty()) visit.set_id(NewId().ToBytes());
  if (visit.worker_id().empty()) visit.set_worker_id(deps_.worker_id);
  if (visit.device_id().empty()) visit.set_device_id(deps_.device_id);
  QM_RETURN_IF_ERROR(ValidateVisit(visit));
  for (const v1::Photo& photo : input.photos) QM_RETURN_IF_ERROR(internal::ValidatePhoto(photo));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  v1::Subject subject;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_SUBJECT, visit.subject_id(), subject));
  QM_RETURN_IF_ERROR(domain::CheckDoorKnocking(visit, subject.kind(), /*require_reason=*/true));
  QM_RETURN_IF_ERROR(CheckFixedOnSite(input));
  if (!visit.task_id().empty()) {
    v1::Task task;
    QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_TASK, visit.task_id(), task));
    if (task.subject_id() != visit.subject_id()) {
      return InvalidArgument("The task " + internal::IdText(task.id()) +
                             " is for another subject; record the visit without it or pick the "
                             "subject's own task.");
    }
  }
  // The draft goes first: its photo rows give way to the recorded photos of the same ids.
  QM_RETURN_IF_ERROR(DeleteDraftInTxn(visit.id()));
  QM_RETURN_IF_ERROR(InsertVisit(visit));
  v1::Change change;
  change.set_entity(v1::ENTITY_VISIT);
  change.set_record_id(visit.id());
  *change.mutable_visit() = visit;
  QM_RETURN_IF_ERROR(Journal(change).status());
  // The visit goes first, then what depends on it (its photos, hazards and their events): the
  // county refuses those with the visit when it refuses the visit.
  for (const v1::Photo& photo : input.photos) QM_RETURN_IF_ERROR(RecordPhotoInTxn(photo));
  RecordedVisit recorded;
  for (v1::Hazard& hazard : input.derived_hazards) {
    hazard.set_subject_id(visit.subject_id());
    hazard.set_visit_id(visit.id());
    if (hazard.template_id().empty()) hazard.set_template_id(visit.template_id());
    QM_ASSIGN_OR_RETURN(v1::Hazard created,
                        CreateHazardInTxn(std::move(hazard), visit.finished_at_ms()));
    if (auto fixed = input.fixed_on_site.find(created.rule_id());
        fixed != input.fixed_on_site.end()) {
      // 当场整改: one step from found to closed, proved by the after-photo.
      v1::HazardEvent event;
      event.set_id(NewId().ToBytes());
      event.set_hazard_id(created.id());
      event.set_kind(v1::FIXED_ON_SITE);
      event.set_at_ms(visit.finished_at_ms());
      event.set_actor(visit.worker_id());
      event.add_photo_ids(fixed->second);
      v1::Change event_change;
      event_change.set_entity(v1::ENTITY_HAZARD_EVENT);
      event_change.set_record_id(event.id());
      *event_change.mutable_hazard_event() = event;
      QM_ASSIGN_OR_RETURN(HlcStamp stamp, Journal(event_change));
      QM_RETURN_IF_ERROR(InsertHazardEvent(event, stamp));
    } else if (input.order_rectification && !created.deadline().empty()) {
      v1::HazardEvent ordered;
      ordered.set_id(NewId().ToBytes());
      ordered.set_hazard_id(created.id());
      ordered.set_kind(v1::ORDERED);
      ordered.set_at_ms(visit.finished_at_ms());
      ordered.set_actor(visit.worker_id());
      // "立即整改，整改期限 2026-12-01。" (an old hazard without an urgency reads 限期整改).
      ordered.set_note(std::string(domain::UrgencyLabel(created.urgency()).zh) + "，整改期限 " +
                       created.deadline() + "。");
      v1::Change event_change;
      event_change.set_entity(v1::ENTITY_HAZARD_EVENT);
      event_change.set_record_id(ordered.id());
      *event_change.mutable_hazard_event() = ordered;
      QM_ASSIGN_OR_RETURN(HlcStamp stamp, Journal(event_change));
      QM_RETURN_IF_ERROR(InsertHazardEvent(ordered, stamp));
    }
    recorded.hazards.push_back(std::move(created));
  }
  QM_RETURN_IF_ERROR(txn.Commit());
  recorded.visit = std::move(visit);
  recorded.photos = std::move(input.photos);
  return recorded;
}

Status Store::InsertVisit(const v1::Visit& visit) {
  // ON CONFLICT DO NOTHING + Changes() tells a duplicate apart without a failed statement.
  QM_ASSIGN_OR_RETURN(auto put, Stmt("INSERT INTO visits (id, subject_id, task_id, outcome, "
                                     "finished_at_ms, record) VALUES (?, ?, ?, ?, ?, ?) ON "
                                     "CONFLICT (id) DO NOTHING;"));
  put->BindBlob(1, AsBlob(visit.id())).BindBlob(2, AsBlob(visit.subject_id()));
  if (visit.task_id().empty()) {
    put->BindNull(3);
  } else {
    put->BindBlob(3, AsBlob(visit.task_id()));
  }
  put->Bind(4, static_cast<int64_t>(visit.outcome()))
      .Bind(5, visit.finished_at_ms())
      .BindBlob(6, AsBlob(internal::Serialize(visit)));
  QM_RETURN_IF_ERROR(put->Run());
  if (db_.Changes() == 0) {
    return AlreadyExists("The visit " + internal::IdText(visit.id()) + " is already recorded.");
  }
  if (!visit.task_id().empty() && visit.outcome() != v1::NOBODY_HOME &&
      visit.outcome() != v1::REFUSED) {
    // Nobody home and refused keep the task open for a return visit (a refusal may need the
    // village committee along); any other outcome closes it. The task's
    // closing visit is its first by finish time whatever order its visits arrive in, so every
    // device names the same one.
    QM_ASSIGN_OR_RETURN(
        auto done,
        Stmt("UPDATE tasks SET done_visit_id = " QM_CLOSING_VISIT("tasks.id") " WHERE id = ?;"));
    done->BindBlob(1, AsBlob(visit.task_id()));
    QM_RETURN_IF_ERROR(done->Run());
  }
  return Status::Ok();
}

Result<v1::Visit> Store::GetVisit(const Uuid& id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM visits WHERE id = ?;"));
  stmt->BindBlob(1, AsBlob(id.ToBytes()));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return NotFound("The visit " + id.ToString() + " is not in this profile.");
  return internal::ParseRecord<v1::Visit>(*stmt, 0, "visit");
}

Result<std::vector<v1::Visit>> Store::ListVisits(const Uuid& subject_id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM visits WHERE subject_id = ? ORDER BY "
                                      "finished_at_ms DESC, id DESC;"));
  stmt->BindBlob(1, AsBlob(subject_id.ToBytes()));
  std::vector<v1::Visit> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(auto visit, internal::ParseRecord<v1::Visit>(*stmt, 0, "visit"));
    out.push_back(std::move(visit));
  }
  return out;
}

Status Store::RecordPhoto(const v1::Photo& meta) {
  QM_RETURN_IF_ERROR(internal::ValidatePhoto(meta));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_RETURN_IF_ERROR(RecordPhotoInTxn(meta));
  return txn.Commit();
}

Status Store::RecordPhotoInTxn(const v1::Photo& meta) {
  QM_RETURN_IF_ERROR(InsertPhoto(meta, /*uploaded=*/false));
  v1::Change change;
  change.set_entity(v1::ENTITY_PHOTO);
  change.set_record_id(meta.id());
  *change.mutable_photo() = meta;
  return Journal(change).status();
}

Status Store::InsertPhoto(const v1::Photo& photo, bool uploaded) {
  // A photo not yet uploaded is one taken here (its bytes are in this device's vault); a pulled
  // one is the county's.
  QM_ASSIGN_OR_RETURN(auto put, Stmt("INSERT INTO photos (id, sha256, visit_id, hazard_id, record, "
                                     "uploaded, captured_here) VALUES (?, ?, ?, ?, ?, ?, ?) ON "
                                     "CONFLICT (id) DO NOTHING;"));
  put->BindBlob(1, AsBlob(photo.id())).BindBlob(2, AsBlob(photo.sha256()));
  if (photo.visit_id().empty()) {
    put->BindNull(3);
  } else {
    put->BindBlob(3, AsBlob(photo.visit_id()));
  }
  if (photo.hazard_id().empty()) {
    put->BindNull(4);
  } else {
    put->BindBlob(4, AsBlob(photo.hazard_id()));
  }
  put->BindBlob(5, AsBlob(internal::Serialize(photo))).Bind(6, static_cast<int64_t>(uploaded));
  put->Bind(7, static_cast<int64_t>(!uploaded));
  QM_RETURN_IF_ERROR(put->Run());
  if (db_.Changes() == 0) {
    return AlreadyExists("The photo " + internal::IdText(photo.id()) + " is already recorded.");
  }
  return Status::Ok();
}

Result<bool> Store::HasPhoto(const Uuid& id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT 1 FROM photos WHERE id = ?1 UNION ALL SELECT 1 FROM "
                                      "draft_photos WHERE id = ?1;"));
  stmt->BindBlob(1, AsBlob(id.ToBytes()));
  return stmt->Step();
}

Result<v1::Photo> Store::GetPhoto(const Uuid& id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM photos WHERE id = ?;"));
  stmt->BindBlob(1, AsBlob(id.ToBytes()));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return NotFound("The photo " + id.ToString() + " is not in this profile.");
  return internal::ParseRecord<v1::Photo>(*stmt, 0, "photo");
}

Result<std::vector<v1::Photo>> Store::ListPhotos(const Uuid& visit_id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT record FROM photos WHERE visit_id = ? ORDER BY id;"));
  stmt->BindBlob(1, AsBlob(visit_id.ToBytes()));
  std::vector<v1::Photo> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(auto photo, internal::ParseRecord<v1::Photo>(*stmt, 0, "photo"));
    out.push_back(std::move(photo));
  }
  return out;
}

Result<std::vector<v1::Photo>> Store::PhotosAwaitingUpload() {
  QM_ASSIGN_OR_RETURN(auto stmt,
                      Stmt("SELECT record FROM photos WHERE uploaded = 0 ORDER BY rowid;"));
  std::vector<v1::Photo> out;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(auto photo, internal::ParseRecord<v1::Photo>(*stmt, 0, "photo"));
    out.push_back(std::move(photo));
  }
  return out;
}

Status Store::MarkPhotoUploaded(const Uuid& id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("UPDATE photos SET uploaded = 1 WHERE id = ?;"));
  stmt->BindBlob(1, AsBlob(id.ToBytes()));
  QM_RETURN_IF_ERROR(stmt->Run());
  if (db_.Changes() == 0)
    return NotFound("The photo " + id.ToString() + " is not in this profile.");
  return Status::Ok();
}

}  // namespace qiaomen::core::store
