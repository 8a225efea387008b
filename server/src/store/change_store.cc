#include "store/change_store.h"

#include <optional>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"

namespace qiaomen::server {

bool IsMutableEntity(v1::Entity entity) {
  return entity == v1::ENTITY_SUBJECT || entity == v1::ENTITY_TASK || entity == v1::ENTITY_HAZARD;
}

core::Result<StoredRecord> LoadRecord(SqlConnection& conn, v1::Entity entity,
                                      const std::string& record_id) {
  auto row = conn.QueryOne(
      "SELECT town_id, grid_id, subject_id, state, snapshot, deleted, evidence FROM records "
      "WHERE entity = $1 AND record_id = $2",
      {Int(entity), Blob(record_id)});
  if (!row.ok()) return row.status();
  StoredRecord r;
  r.placement = {row->Text(0), row->Text(1), row->Bytes(2)};
  r.state = row->Bytes(3);
  r.snapshot = row->Bytes(4);
  r.deleted = row->Int(5) != 0;
  r.evidence = row->Text(6);
  return r;
}

core::Result<Placement> PlacementOfGrid(SqlConnection& conn, const std::string& grid_id) {
  auto row = conn.QueryOne("SELECT town_id, level FROM admin_units WHERE id = $1", {Text(grid_id)});
  if (!row.ok() || row->Text(1) != "grid") {
    return core::NotFound("The grid '" + grid_id + "' is not known to the county server.");
  }
  return Placement{row->Text(0), grid_id, ""};
}

core::Result<int64_t> AppendToLog(SqlConnection& conn, const v1::Change& change,
                                  const Placement& placement, int64_t now_ms) {
  if (conn.dialect() == SqlDialect::kPostgres) {
    // Readers page by id: ids must become visible in order, so appends take turns.
    QM_RETURN_IF_ERROR(conn.Exec("SELECT pg_advisory_xact_lock(7202)"));
  }
  // ON CONFLICT instead of catching the unique violation: on PostgreSQL a failed statement would
  // abort the whole batch transaction.
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn.Query("INSERT INTO changes (change_id, device_id, seq, entity, record_id, town_id, "
                 "grid_id, payload, received_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9) "
                 "ON CONFLICT (change_id) DO NOTHING RETURNING id",
                 {Blob(change.change_id()), Blob(change.device_id()),
                  Int(static_cast<int64_t>(change.seq())), Int(change.entity()),
                  Blob(change.record_id()), Text(placement.town_id), Text(placement.grid_id),
                  Blob(change.SerializeAsString()), Int(now_ms)}));
  if (rows.empty()) return core::AlreadyExists("This change was stored before.");
  return rows.front().Int(0);
}

core::Status ApplyToRecords(SqlConnection& conn, const v1::Change& change,
                            const Placement& placement, int64_t now_ms,
                            const std::string& evidence) {
  std::string state;
  std::string snapshot;
  bool deleted = false;
  if (IsMutableEntity(change.entity())) {
    std::optional<core::merge::RecordState> current;
    auto existing = LoadRecord(conn, change.entity(), change.record_id());
    if (existing.ok()) {
      QM_ASSIGN_OR_RETURN(auto decoded, core::merge::DecodeRecordState(existing->state));
      current = std::move(decoded);
    } else if (existing.status().code() != core::Code::kNotFound) {
      return existing.status();
    }
    // InvalidArgument here (unknown field, wrong value kind) is a rejection; nothing is written.
    QM_ASSIGN_OR_RETURN(auto merged, core::merge::ApplyChange(current, change));
    for (const auto& c : merged.conflicts) {
      QM_RETURN_IF_ERROR(conn.Exec(
          "INSERT INTO conflicts (entity, record_id, field, kept, lost, lost_device, lost_hlc, "
          "rule, at_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
          {Int(change.entity()), Blob(change.record_id()), Text(c.field),
           Text(c.field.empty() ? "update" : PrintValue(c.winner.value)),
           Text(c.field.empty() ? "delete" : PrintValue(c.loser.value)), Blob(c.loser.device_id),
           Int(static_cast<int64_t>(c.loser.hlc)), Text(c.rule), Int(now_ms)}));
    }
    state = core::merge::EncodeRecordState(merged.state);
    snapshot = SnapshotChange(merged.state).SerializeAsString();
    deleted = merged.state.deleted;
  } else {
    snapshot = change.SerializeAsString();
  }
  return conn.Exec(
      "INSERT INTO records (entity, record_id, town_id, grid_id, subject_id, state, snapshot, "
      "deleted, hlc, evidence, updated_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) "
      "ON CONFLICT (entity, record_id) DO UPDATE SET town_id = excluded.town_id, grid_id = "
      "excluded.grid_id, state = excluded.state, snapshot = excluded.snapshot, deleted = "
      "excluded.deleted, hlc = excluded.hlc, updated_ms = excluded.updated_ms",
      {Int(change.entity()), Blob(change.record_id()), Text(placement.town_id),
       Text(placement.grid_id), Blob(placement.subject_id), Blob(state), Blob(snapshot),
       Int(deleted ? 1 : 0), Int(static_cast<int64_t>(change.hlc())), Text(evidence), Int(now_ms)});
}

core::Status Quarantine(SqlConnection& conn, const v1::Change& change, const std::string& device_id,
                        const std::string& code, const std::string& reason, int64_t now_ms) {
  return conn.Exec(
      "INSERT INTO quarantine (device_id, seq, change_id, entity, code, reason, payload, "
      "received_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
      {Blob(device_id), Int(static_cast<int64_t>(change.seq())), Blob(change.change_id()),
       Int(change.entity()), Text(code), Text(reason), Blob(change.SerializeAsString()),
       Int(now_ms)});
}

core::Status RecordServerChange(SqlConnection& conn, v1::Change change, const Placement& placement,
                                const std::string& server_id, int64_t now_ms) {
  if (change.change_id().empty()) {
    change.set_change_id(core::Uuid::NewV7(core::SystemClock(), core::SecureRandom()).ToBytes());
  }
  change.set_device_id(server_id);
  if (change.hlc() == 0) change.set_hlc(core::PackHlc(now_ms, 0));
  change.set_device_time_ms(now_ms);
  QM_RETURN_IF_ERROR(ApplyToRecords(conn, change, placement, now_ms));
  return AppendToLog(conn, change, placement, now_ms).status();
}

}  // namespace qiaomen::server
