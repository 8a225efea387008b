#include "store/change_store.h"

#include <google/protobuf/io/coded_stream.h>
#include <google/protobuf/io/zero_copy_stream_impl_lite.h>

#include <optional>

#include "qiaomen/base/hex.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/uuid.h"
#include "util/bytes.h"

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

bool IsAppendOnlyEntity(v1::Entity entity) {
  return entity == v1::ENTITY_VISIT || entity == v1::ENTITY_PHOTO ||
         entity == v1::ENTITY_HAZARD_EVENT;
}

bool SameChangeContent(const v1::Change& a, const v1::Change& b) {
  if (a.entity() != b.entity() || a.record_id() != b.record_id() ||
      a.body_case() != b.body_case()) {
    return false;
  }
  // Deterministic serialisation of the body alone: the envelope (change id, seq, stamps) of a
  // resend may differ, the record may not.
  auto body = [](const v1::Change& c) {
    v1::Change copy = c;
    copy.clear_change_id();
    copy.clear_device_id();
    copy.clear_seq();
    copy.clear_hlc();
    copy.clear_device_hlc();
    copy.clear_device_time_ms();
    std::string out;
    google::protobuf::io::StringOutputStream stream(&out);
    google::protobuf::io::CodedOutputStream coded(&stream);
    coded.SetSerializationDeterministic(true);
    copy.SerializeToCodedStream(&coded);
    return out;
  };
  return body(a) == body(b);
}

core::Status AddPhotoRefs(SqlConnection& conn, const v1::Change& change) {
  std::vector<std::string> hashes;
  if (change.body_case() == v1::Change::kVisit) {
    for (const auto& p : change.visit().photos()) hashes.push_back(p.sha256());
  } else if (change.body_case() == v1::Change::kPhoto) {
    hashes.push_back(change.photo().sha256());
  }
  for (const auto& sha : hashes) {
    if (sha.size() != 32) continue;
    QM_RETURN_IF_ERROR(conn.Exec(
        "INSERT INTO photo_refs (sha256, entity, record_id) VALUES ($1,$2,$3) ON CONFLICT DO "
        "NOTHING",
        {Text(base::HexEncode(sha)), Int(change.entity()), Blob(change.record_id())}));
  }
  return core::Status::Ok();
}

core::Result<PreparedRecord> PrepareRecord(SqlConnection& conn, const v1::Change& change,
                                           const Placement& placement, int64_t now_ms,
                                           const std::string& evidence) {
  PreparedRecord p;
  p.change = change;
  p.placement = placement;
  p.evidence = evidence;
  p.now_ms = now_ms;
  if (IsMutableEntity(change.entity())) {
    std::optional<core::merge::RecordState> current;
    auto existing = LoadRecord(conn, change.entity(), change.record_id());
    if (existing.ok()) {
      QM_ASSIGN_OR_RETURN(auto decoded, core::merge::DecodeRecordState(existing->state));
      current = std::move(decoded);
      p.moved = change.entity() == v1::ENTITY_SUBJECT &&
                (existing->placement.town_id != placement.town_id ||
                 existing->placement.grid_id != placement.grid_id);
      p.previous = existing->placement;
    } else if (existing.status().code() != core::Code::kNotFound) {
      return existing.status();
    }
    // InvalidArgument here (unknown field, wrong value kind) is a rejection; nothing is written.
    QM_ASSIGN_OR_RETURN(auto merged, core::merge::ApplyChange(current, change));
    p.conflicts = std::move(merged.conflicts);
    p.state = core::merge::EncodeRecordState(merged.state);
    p.snapshot = SnapshotChange(merged.state).SerializeAsString();
    p.deleted = merged.state.deleted;
  } else {
    p.snapshot = change.SerializeAsString();
  }
  return p;
}

namespace {

// The log entries of a moved subject (see WriteRecord), made by the county itself.
core::Status LogRelocation(SqlConnection& conn, const PreparedRecord& p) {
  QM_ASSIGN_OR_RETURN(auto server, conn.QueryOne("SELECT value FROM meta WHERE key = 'server_id'"));
  const std::string server_id = server.Bytes(0);
  // The county's own log rows (no device's seq line), each with a new change id.
  auto entry = [&](v1::Change change, const Placement& where) {
    change.set_change_id(core::Uuid::NewV7(core::SystemClock(), core::SecureRandom()).ToBytes());
    change.set_device_id(server_id);
    change.set_seq(0);
    return AppendToLog(conn, change, where, p.now_ms).status();
  };
  v1::Change left;
  left.set_hlc(p.change.hlc());
  left.set_device_time_ms(p.now_ms);
  left.set_entity(v1::ENTITY_SUBJECT);
  left.set_record_id(p.change.record_id());
  left.mutable_moved()->set_town_id(p.placement.town_id);
  left.mutable_moved()->set_grid_id(p.placement.grid_id);
  QM_RETURN_IF_ERROR(entry(left, p.previous));
  // In snapshot order: the subject, its tasks, visits, photos, hazards and their events, deleted
  // ones too (as in snapshot pages: a later update that beats the delete needs the history).
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT snapshot FROM records WHERE ((entity = $1 AND "
                                 "record_id = $2) OR (subject_id = $2 AND entity <> $1)) ORDER BY "
                                 "entity, record_id",
                                 {Int(v1::ENTITY_SUBJECT), Blob(p.change.record_id())}));
  for (const auto& r : rows) {
    v1::Change whole;
    if (!whole.ParseFromString(r.Bytes(0))) {
      return core::Corruption("A stored record could not be read; restore the county database.");
    }
    QM_RETURN_IF_ERROR(entry(std::move(whole), p.placement));
  }
  return core::Status::Ok();
}

}  // namespace

core::Status WriteRecord(SqlConnection& conn, const PreparedRecord& p) {
  const v1::Change& change = p.change;
  for (const auto& c : p.conflicts) {
    QM_RETURN_IF_ERROR(conn.Exec(
        "INSERT INTO conflicts (entity, record_id, field, kept, lost, lost_device, lost_hlc, "
        "rule, at_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)",
        {Int(change.entity()), Blob(change.record_id()), Text(c.field),
         Text(c.field.empty() ? "update" : PrintValue(c.winner.value)),
         Text(c.field.empty() ? "delete" : PrintValue(c.loser.value)), Blob(c.loser.device_id),
         Int(static_cast<int64_t>(c.loser.hlc)), Text(c.rule), Int(p.now_ms)}));
  }
  std::vector<SqlValue> params{Int(change.entity()),
                               Blob(change.record_id()),
                               Text(p.placement.town_id),
                               Text(p.placement.grid_id),
                               Blob(p.placement.subject_id),
                               Blob(p.state),
                               Blob(p.snapshot),
                               Int(p.deleted ? 1 : 0),
                               Int(static_cast<int64_t>(change.hlc())),
                               Text(p.evidence),
                               Int(p.now_ms)};
  constexpr const char* kInsert =
      "INSERT INTO records (entity, record_id, town_id, grid_id, subject_id, state, snapshot, "
      "deleted, hlc, evidence, updated_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ";
  if (IsAppendOnlyEntity(change.entity())) {
    // Never replaced: a stored visit, photo or hazard event keeps its content and its place.
    QM_ASSIGN_OR_RETURN(
        auto rows, conn.Query(std::string(kInsert) +
                                  "ON CONFLICT (entity, record_id) DO NOTHING RETURNING record_id",
                              params));
    if (rows.empty()) {
      return core::AlreadyExists("This append-only record is stored already; it never changes.");
    }
    return AddPhotoRefs(conn, change);
  }
  QM_RETURN_IF_ERROR(
      conn.Exec(std::string(kInsert) +
                    "ON CONFLICT (entity, record_id) DO UPDATE SET town_id = excluded.town_id, "
                    "grid_id = excluded.grid_id, state = excluded.state, snapshot = "
                    "excluded.snapshot, deleted = excluded.deleted, hlc = excluded.hlc, "
                    "updated_ms = excluded.updated_ms",
                params));
  if (!p.moved) return core::Status::Ok();
  // A subject moved to another grid takes its tasks, hazards, visits, photos and hazard events
  // with it: scope checks and snapshots follow the subject.
  QM_RETURN_IF_ERROR(conn.Exec(
      "UPDATE records SET town_id = $1, grid_id = $2 WHERE subject_id = $3 AND entity <> $4",
      {Text(p.placement.town_id), Text(p.placement.grid_id), Blob(change.record_id()),
       Int(v1::ENTITY_SUBJECT)}));
  return LogRelocation(conn, p);
}

core::Status Quarantine(SqlConnection& conn, const v1::Change& change, const std::string& device_id,
                        const std::string& code, const std::string& reason, int64_t now_ms) {
  QM_RETURN_IF_ERROR(
      conn.Exec("INSERT INTO quarantine (device_id, seq, change_id, entity, code, reason, payload, "
                "received_ms) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)",
                {Blob(device_id), Int(static_cast<int64_t>(change.seq())), Blob(change.change_id()),
                 Int(change.entity()), Text(code), Text(reason), Blob(change.SerializeAsString()),
                 Int(now_ms)}));
  if (change.record_id().empty()) return core::Status::Ok();
  return conn.Exec(
      "INSERT INTO refused_records (entity, record_id, reason) VALUES ($1,$2,$3) ON CONFLICT DO "
      "NOTHING",
      {Int(change.entity()), Blob(change.record_id()), Text(reason)});
}

core::Result<std::optional<std::string>> RefusalOf(SqlConnection& conn, v1::Entity entity,
                                                   const std::string& record_id) {
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn.Query(
          "SELECT f.reason FROM refused_records f WHERE f.entity = $1 AND f.record_id = $2 "
          "AND NOT EXISTS (SELECT 1 FROM records r WHERE r.entity = $1 AND r.record_id = $2)",
          {Int(entity), Blob(record_id)}));
  if (rows.empty()) return std::optional<std::string>();
  return std::optional<std::string>(rows[0].Text(0));
}

core::Status RecordServerChange(SqlConnection& conn, v1::Change change, const Placement& placement,
                                const std::string& server_id, int64_t now_ms) {
  if (change.change_id().empty()) {
    change.set_change_id(core::Uuid::NewV7(core::SystemClock(), core::SecureRandom()).ToBytes());
  }
  change.set_device_id(server_id);
  if (change.hlc() == 0) change.set_hlc(core::PackHlc(now_ms, 0));
  change.set_device_time_ms(now_ms);
  QM_ASSIGN_OR_RETURN(auto prepared, PrepareRecord(conn, change, placement, now_ms));
  QM_RETURN_IF_ERROR(AppendToLog(conn, change, placement, now_ms).status());
  return WriteRecord(conn, prepared);
}

}  // namespace qiaomen::server
