// Store: visit drafts, saved as the worker enters them so a killed app resumes the visit. Local
// only: a draft is never journaled; finishing it (RecordVisit) removes it in the visit's
// transaction.

#include <string>

#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

Result<std::string> Store::SaveDraft(v1::Visit visit) {
  if (visit.id().empty()) visit.set_id(NewId().ToBytes());
  QM_RETURN_IF_ERROR(internal::CheckId(visit.id(), "visit draft"));
  QM_RETURN_IF_ERROR(internal::CheckId(visit.subject_id(), "subject"));
  if (!visit.task_id().empty()) QM_RETURN_IF_ERROR(internal::CheckId(visit.task_id(), "task"));
  // The draft's photos are kept in draft_photos, not inside the draft's record.
  visit.clear_photos();
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  v1::Subject subject;
  QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_SUBJECT, visit.subject_id(), subject));
  if (!visit.task_id().empty()) {
    v1::Task task;
    QM_RETURN_IF_ERROR(LoadRecord(v1::ENTITY_TASK, visit.task_id(), task));
  }
  QM_ASSIGN_OR_RETURN(auto recorded, Stmt("SELECT 1 FROM visits WHERE id = ?;"));
  recorded->BindBlob(1, AsBlob(visit.id()));
  QM_ASSIGN_OR_RETURN(bool is_recorded, recorded->Step());
  if (is_recorded) {
    return AlreadyExists("The visit " + internal::IdText(visit.id()) +
                         " is already finished; it can no longer be edited.");
  }
  QM_ASSIGN_OR_RETURN(auto put, Stmt("INSERT INTO visit_drafts (id, subject_id, task_id, "
                                     "updated_at_ms, record) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                                     "(id) DO UPDATE SET subject_id = excluded.subject_id, task_id "
                                     "= excluded.task_id, updated_at_ms = excluded.updated_at_ms, "
                                     "record = excluded.record;"));
  put->BindBlob(1, AsBlob(visit.id())).BindBlob(2, AsBlob(visit.subject_id()));
  if (visit.task_id().empty()) {
    put->BindNull(3);
  } else {
    put->BindBlob(3, AsBlob(visit.task_id()));
  }
  put->Bind(4, deps_.clock->NowMillis()).BindBlob(5, AsBlob(internal::Serialize(visit)));
  QM_RETURN_IF_ERROR(put->Run());
  QM_RETURN_IF_ERROR(txn.Commit());
  return visit.id();
}

Result<VisitDraft> Store::GetDraft(const Uuid& id) {
  VisitDraft draft;
  {
    QM_ASSIGN_OR_RETURN(auto stmt,
                        Stmt("SELECT record, updated_at_ms FROM visit_drafts WHERE id = ?;"));
    stmt->BindBlob(1, AsBlob(id.ToBytes()));
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) {
      return NotFound("There is no visit draft " + id.ToString() +
                      " on this device: it was finished or discarded. Start the visit again.");
    }
    QM_ASSIGN_OR_RETURN(draft.visit, internal::ParseRecord<v1::Visit>(*stmt, 0, "visit draft"));
    draft.updated_at_ms = stmt->ColumnInt(1);
  }
  QM_ASSIGN_OR_RETURN(auto photos,
                      Stmt("SELECT record FROM draft_photos WHERE draft_id = ? ORDER BY rowid;"));
  photos->BindBlob(1, AsBlob(id.ToBytes()));
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, photos->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(auto photo, internal::ParseRecord<v1::Photo>(*photos, 0, "draft photo"));
    draft.photos.push_back(std::move(photo));
  }
  return draft;
}

Result<std::vector<VisitDraft>> Store::ListDrafts() {
  std::vector<std::string> ids;
  {
    QM_ASSIGN_OR_RETURN(auto stmt,
                        Stmt("SELECT id FROM visit_drafts ORDER BY updated_at_ms DESC, id;"));
    for (;;) {
      QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
      if (!row) break;
      ids.push_back(internal::ColumnBytes(*stmt, 0));
    }
  }
  std::vector<VisitDraft> out;
  for (const std::string& id : ids) {
    QM_ASSIGN_OR_RETURN(Uuid uuid, Uuid::FromBytes(id));
    QM_ASSIGN_OR_RETURN(VisitDraft draft, GetDraft(uuid));
    out.push_back(std::move(draft));
  }
  return out;
}

Status Store::AddDraftPhoto(const Uuid& draft_id, const v1::Photo& sealed) {
  QM_RETURN_IF_ERROR(internal::ValidatePhoto(sealed));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(auto draft, Stmt("SELECT 1 FROM visit_drafts WHERE id = ?;"));
  draft->BindBlob(1, AsBlob(draft_id.ToBytes()));
  QM_ASSIGN_OR_RETURN(bool exists, draft->Step());
  if (!exists) {
    return NotFound("There is no visit draft " + draft_id.ToString() +
                    " on this device: it was finished or discarded. Start the visit again.");
  }
  QM_ASSIGN_OR_RETURN(bool taken, HasPhoto(*Uuid::FromBytes(sealed.id())));
  if (taken) {
    return AlreadyExists("The photo " + internal::IdText(sealed.id()) + " is already recorded.");
  }
  QM_ASSIGN_OR_RETURN(auto put,
                      Stmt("INSERT INTO draft_photos (id, draft_id, record) VALUES (?, ?, ?);"));
  put->BindBlob(1, AsBlob(sealed.id()))
      .BindBlob(2, AsBlob(draft_id.ToBytes()))
      .BindBlob(3, AsBlob(internal::Serialize(sealed)));
  QM_RETURN_IF_ERROR(put->Run());
  QM_ASSIGN_OR_RETURN(auto touch, Stmt("UPDATE visit_drafts SET updated_at_ms = ? WHERE id = ?;"));
  touch->Bind(1, deps_.clock->NowMillis()).BindBlob(2, AsBlob(draft_id.ToBytes()));
  QM_RETURN_IF_ERROR(touch->Run());
  return txn.Commit();
}

Status Store::RemoveDraftPhoto(const Uuid& photo_id) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("DELETE FROM draft_photos WHERE id = ?;"));
  stmt->BindBlob(1, AsBlob(photo_id.ToBytes()));
  QM_RETURN_IF_ERROR(stmt->Run());
  if (db_.Changes() == 0) {
    return NotFound("The photo " + photo_id.ToString() + " is not part of a visit draft.");
  }
  return Status::Ok();
}

Result<std::vector<std::string>> Store::DeleteDraft(const Uuid& id) {
  QM_ASSIGN_OR_RETURN(VisitDraft draft, GetDraft(id));
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_RETURN_IF_ERROR(DeleteDraftInTxn(id.ToBytes()));
  QM_RETURN_IF_ERROR(txn.Commit());
  std::vector<std::string> photo_ids;
  for (const v1::Photo& photo : draft.photos) photo_ids.push_back(photo.id());
  return photo_ids;
}

Status Store::DeleteDraftInTxn(const std::string& id) {
  QM_ASSIGN_OR_RETURN(auto photos, Stmt("DELETE FROM draft_photos WHERE draft_id = ?;"));
  photos->BindBlob(1, AsBlob(id));
  QM_RETURN_IF_ERROR(photos->Run());
  QM_ASSIGN_OR_RETURN(auto draft, Stmt("DELETE FROM visit_drafts WHERE id = ?;"));
  draft->BindBlob(1, AsBlob(id));
  return draft->Run();
}

}  // namespace qiaomen::core::store
