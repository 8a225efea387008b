// Store: the outbox as the sync engine sees it, and the sync state kept beside the data.

#include <algorithm>
#include <string>

#include "qiaomen/core/merge/field_schema.h"
#include "qiaomen/core/merge/merge.h"
#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {
constexpr char kAppliedThrough[] = "applied_through";
constexpr char kPullCursor[] = "pull_cursor";
constexpr char kBackedUpThrough[] = "backed_up_through";
constexpr char kReleasedThrough[] = "released_through";  // read by internal::kNextSeq too
constexpr char kServerEpoch[] = "server_epoch";
constexpr char kLastSyncMs[] = "last_sync_ms";
}  // namespace

Result<int64_t> Store::MetaInt(const char* key) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT value FROM meta WHERE key = ?;"));
  stmt->Bind(1, std::string_view(key));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row || stmt->IsNull(0)) return int64_t{0};
  return stmt->ColumnInt(0);
}

Result<std::vector<v1::Change>> Store::PendingChanges(uint64_t after_seq, size_t max_count,
                                                      size_t max_bytes) {
  std::vector<v1::Change> changes;
  if (max_count == 0) return changes;
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT payload FROM outbox WHERE state = 0 AND seq > ? "
                                      "ORDER BY seq LIMIT ?;"));
  stmt->Bind(1, static_cast<int64_t>(after_seq)).Bind(2, static_cast<int64_t>(max_count));
  size_t bytes = 0;
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QM_ASSIGN_OR_RETURN(v1::Change change,
                        internal::ParseRecord<v1::Change>(*stmt, 0, "journal row"));
    const size_t size = change.ByteSizeLong();
    // The first change always goes, however large, so one big change cannot stall the queue.
    if (!changes.empty() && bytes + size > max_bytes) break;
    bytes += size;
    changes.push_back(std::move(change));
  }
  return changes;
}

Status Store::MarkAppliedThrough(uint64_t seq) {
  QM_ASSIGN_OR_RETURN(int64_t current, MetaInt(kAppliedThrough));
  if (static_cast<int64_t>(seq) <= current) return Status::Ok();
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  {
    QM_ASSIGN_OR_RETURN(auto stmt,
                        Stmt("UPDATE outbox SET state = 1 WHERE state = 0 AND seq <= ?;"));
    stmt->Bind(1, static_cast<int64_t>(seq));
    QM_RETURN_IF_ERROR(stmt->Run());
  }
  QM_RETURN_IF_ERROR(SetMetaInt(kAppliedThrough, static_cast<int64_t>(seq)));
  return txn.Commit();
}

Result<v1::Change> Store::JournalEntry(uint64_t seq) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT payload FROM outbox WHERE seq = ?;"));
  stmt->Bind(1, static_cast<int64_t>(seq));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) {
    return NotFound("There is no journal entry with sequence number " + std::to_string(seq) + ".");
  }
  return internal::ParseRecord<v1::Change>(*stmt, 0, "journal row");
}

Status Store::RebaseOwnChange(uint64_t seq, HlcStamp applied_hlc) {
  if (applied_hlc == 0) return Status::Ok();
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  auto entry = JournalEntry(seq);
  if (!entry.ok() && entry.status().code() == Code::kNotFound) return Status::Ok();
  QM_ASSIGN_OR_RETURN(v1::Change change, std::move(entry));
  const HlcStamp from = change.hlc();
  if (from == applied_hlc) return Status::Ok();
  if (merge::IsFieldMerged(change.entity())) {
    QM_ASSIGN_OR_RETURN(auto state, LoadState(change.entity(), change.record_id()));
    if (state.has_value() && merge::RebaseStamp(*state, deps_.device_id, from, applied_hlc)) {
      QM_RETURN_IF_ERROR(SaveState(*state));
    }
  } else if (change.entity() == v1::ENTITY_HAZARD_EVENT) {
    QM_ASSIGN_OR_RETURN(auto stmt,
                        Stmt("UPDATE hazard_events SET hlc = ? WHERE id = ? AND hlc = ?;"));
    stmt->Bind(1, static_cast<int64_t>(applied_hlc))
        .BindBlob(2, AsBlob(change.record_id()))
        .Bind(3, static_cast<int64_t>(from));
    QM_RETURN_IF_ERROR(stmt->Run());
  }
  change.set_hlc(applied_hlc);
  {
    QM_ASSIGN_OR_RETURN(auto stmt, Stmt("UPDATE outbox SET hlc = ?, payload = ? WHERE seq = ?;"));
    stmt->Bind(1, static_cast<int64_t>(applied_hlc))
        .BindBlob(2, AsBlob(internal::Serialize(change)))
        .Bind(3, static_cast<int64_t>(seq));
    QM_RETURN_IF_ERROR(stmt->Run());
  }
  return txn.Commit();
}

Status Store::Quarantine(uint64_t seq, const std::string& reason, const std::string& code) {
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(auto stmt,
                      Stmt("UPDATE outbox SET state = 2, quarantine_reason = ?, quarantine_code = "
                           "?, quarantined_at_ms = ? WHERE seq = ?;"));
  stmt->Bind(1, std::string_view(reason))
      .Bind(2, std::string_view(code))
      .Bind(3, deps_.clock->NowMillis())
      .Bind(4, static_cast<int64_t>(seq));
  QM_RETURN_IF_ERROR(stmt->Run());
  if (db_.Changes() == 0) {
    return NotFound("There is no journal entry with sequence number " + std::to_string(seq) + ".");
  }
  QM_ASSIGN_OR_RETURN(v1::Change change, JournalEntry(seq));
  QM_RETURN_IF_ERROR(WithdrawOwnWrite(change));
  // A refused visit did not close its task at the county, so it does not close it here: the task
  // is done by another visit of it, or open again.
  QM_ASSIGN_OR_RETURN(auto reopen, Stmt(internal::kReopenTasksOfRefusedVisit));
  reopen->Bind(1, static_cast<int64_t>(seq));
  QM_RETURN_IF_ERROR(reopen->Run());
  return txn.Commit();
}

Result<std::vector<QuarantinedChange>> Store::ListQuarantined() {
  std::vector<QuarantinedChange> out;
  QM_ASSIGN_OR_RETURN(auto stmt,
                      Stmt("SELECT payload, quarantine_reason, quarantine_code, "
                           "quarantined_at_ms FROM outbox WHERE state = 2 ORDER BY seq;"));
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
    if (!row) break;
    QuarantinedChange item;
    QM_ASSIGN_OR_RETURN(item.change, internal::ParseRecord<v1::Change>(*stmt, 0, "journal row"));
    item.reason = stmt->ColumnText(1);
    item.code = stmt->ColumnText(2);
    item.quarantined_at_ms = stmt->ColumnInt(3);
    out.push_back(std::move(item));
  }
  return out;
}

Result<SyncState> Store::GetSyncState() {
  SyncState state;
  QM_ASSIGN_OR_RETURN(state.pull_cursor, MetaText(kPullCursor));
  QM_ASSIGN_OR_RETURN(state.server_epoch, MetaText(kServerEpoch));
  QM_ASSIGN_OR_RETURN(state.last_sync_ms, MetaInt(kLastSyncMs));
  QM_ASSIGN_OR_RETURN(int64_t applied, MetaInt(kAppliedThrough));
  state.applied_through = static_cast<uint64_t>(applied);
  QM_ASSIGN_OR_RETURN(int64_t next, db_.QueryInt(internal::kNextSeq));
  state.last_seq = static_cast<uint64_t>(next - 1);
  QM_ASSIGN_OR_RETURN(int64_t backed_up, MetaInt(kBackedUpThrough));
  state.backed_up_through = static_cast<uint64_t>(backed_up);
  QM_ASSIGN_OR_RETURN(int64_t released, MetaInt(kReleasedThrough));
  state.released_through = static_cast<uint64_t>(released);
  return state;
}

Result<JournalRelease> Store::ReleaseDelivered(int64_t cap_bytes) {
  JournalRelease release;
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(int64_t backed_up, MetaInt(kBackedUpThrough));
  QM_ASSIGN_OR_RETURN(int64_t applied, MetaInt(kAppliedThrough));
  QM_ASSIGN_OR_RETURN(int64_t released, MetaInt(kReleasedThrough));
  // Delivered (state 1) rows only: the server acknowledged them, so they are at most `applied`.
  const int64_t backed = std::min(backed_up, applied);
  {
    QM_ASSIGN_OR_RETURN(auto drop, Stmt("DELETE FROM outbox WHERE state = 1 AND seq <= ?;"));
    drop->Bind(1, backed);
    QM_RETURN_IF_ERROR(drop->Run());
    release.backed_up = db_.Changes();
    if (release.backed_up > 0) released = std::max(released, backed);
  }
  // Then the oldest others, while what is kept weighs more than the cap.
  QM_ASSIGN_OR_RETURN(auto weigh, Stmt("SELECT seq, length(payload) FROM outbox WHERE state = 1 "
                                       "ORDER BY seq DESC;"));
  int64_t kept = 0;
  int64_t cut_at = 0;  // rows at or below it go
  for (;;) {
    QM_ASSIGN_OR_RETURN(bool row, weigh->Step());
    if (!row) break;
    const int64_t size = weigh->ColumnInt(1);
    if (kept + size > cap_bytes) {
      cut_at = weigh->ColumnInt(0);
      break;
    }
    kept += size;
  }
  weigh->Reset();
  release.kept_bytes = kept;
  if (cut_at > 0) {
    QM_ASSIGN_OR_RETURN(auto drop, Stmt("DELETE FROM outbox WHERE state = 1 AND seq <= ?;"));
    drop->Bind(1, cut_at);
    QM_RETURN_IF_ERROR(drop->Run());
    release.over_cap = db_.Changes();
    released = std::max(released, cut_at);
  }
  if (release.backed_up + release.over_cap > 0) {
    QM_RETURN_IF_ERROR(SetMetaInt(kReleasedThrough, released));
  }
  QM_RETURN_IF_ERROR(txn.Commit());
  return release;
}

Status Store::SetPullCursor(const std::string& cursor) { return SetMeta(kPullCursor, cursor); }
Status Store::SetServerEpoch(const std::string& epoch) { return SetMeta(kServerEpoch, epoch); }
Status Store::SetBackedUpThrough(uint64_t seq) {
  return SetMetaInt(kBackedUpThrough, static_cast<int64_t>(seq));
}
Status Store::SetLastSyncMillis(int64_t at_ms) { return SetMetaInt(kLastSyncMs, at_ms); }
Status Store::SetCountyTimeZone(const std::string& zone) { return SetMeta("county_tz", zone); }
Result<std::string> Store::CountyTimeZone() { return MetaText("county_tz"); }

Status Store::ResetForNewEpoch(const std::string& epoch, uint64_t server_applied_through) {
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  const auto through = static_cast<int64_t>(server_applied_through);
  {
    // A refused register write above the mark (sent again since or not) is judged again: it is in
    // its record again until then (Quarantine took it out), if the record is still here.
    QM_ASSIGN_OR_RETURN(
        auto refused,
        Stmt("SELECT payload FROM outbox WHERE state IN (2, 3) AND seq > ? ORDER BY seq;"));
    refused->Bind(1, through);
    std::vector<v1::Change> again;
    while (true) {
      QM_ASSIGN_OR_RETURN(bool row, refused->Step());
      if (!row) break;
      QM_ASSIGN_OR_RETURN(v1::Change change,
                          internal::ParseRecord<v1::Change>(*refused, 0, "journal row"));
      if (merge::IsFieldMerged(change.entity())) again.push_back(std::move(change));
    }
    for (const v1::Change& change : again) QM_RETURN_IF_ERROR(MergeBackResent(change));
  }
  {
    // Delivered and refused rows above the server's mark alike: the server forgot both, and its
    // seq line stops at the first one it does not get again (a refusal is judged again).
    QM_ASSIGN_OR_RETURN(auto back,
                        Stmt("UPDATE outbox SET state = 0 WHERE state <> 0 AND seq > ?;"));
    back->Bind(1, through);
    QM_RETURN_IF_ERROR(back->Run());
  }
  {
    QM_ASSIGN_OR_RETURN(auto held,
                        Stmt("UPDATE outbox SET state = 1 WHERE state = 0 AND seq <= ?;"));
    held->Bind(1, through);
    QM_RETURN_IF_ERROR(held->Run());
  }
  {
    // The county came back from a backup: photo bytes it confirmed later may be missing. Every
    // photo taken here is offered again; the uploader asks the county first (photo-status), so
    // only bytes it lacks are sent.
    QM_ASSIGN_OR_RETURN(
        auto offer,
        Stmt("UPDATE photos SET uploaded = 0 WHERE uploaded = 1 AND captured_here = 1;"));
    QM_RETURN_IF_ERROR(offer->Run());
  }
  QM_RETURN_IF_ERROR(SetMetaInt(kAppliedThrough, through));
  // What the county's backup held before is not what the restored county's next one will hold.
  QM_RETURN_IF_ERROR(SetMetaInt(kBackedUpThrough, 0));
  QM_RETURN_IF_ERROR(SetMeta(kPullCursor, ""));
  QM_RETURN_IF_ERROR(SetMeta(kServerEpoch, epoch));
  return txn.Commit();
}

Status Store::MarkPhotosMissingOnServer(const std::vector<std::string>& sha256s) {
  if (sha256s.empty()) return Status::Ok();
  // Only photos taken here: someone else's bytes are not here to send.
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("UPDATE photos SET uploaded = 0 WHERE uploaded = 1 AND "
                                      "sha256 = ? AND captured_here = 1;"));
  for (const std::string& sha256 : sha256s) {
    stmt->Reset();
    stmt->BindBlob(1, AsBlob(sha256));
    QM_RETURN_IF_ERROR(stmt->Run());
  }
  return Status::Ok();
}

Result<int64_t> Store::PendingChangeCount() {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT count(*) FROM outbox WHERE state = 0;"));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row) return Internal("count(*) returned no row.");
  return stmt->ColumnInt(0);
}

}  // namespace qiaomen::core::store
