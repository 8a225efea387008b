#include "admin/conflict_log.h"

#include <algorithm>

#include "admin/refusals.h"
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/merge/record_state.h"
#include "qiaomen/core/uuid.h"
#include "store/change_store.h"

namespace qiaomen::server {
namespace {

constexpr const char* kSelect =
    "SELECT c.id, c.entity, c.record_id, c.field, c.kept, c.lost, c.lost_device, c.lost_hlc, "
    "c.rule, c.at_ms, COALESCE(r.town_id, ''), r.subject_id, COALESCE(w.id, ''), "
    "COALESCE(w.name, '') FROM conflicts c "
    "LEFT JOIN records r ON r.entity = c.entity AND r.record_id = c.record_id "
    "LEFT JOIN devices d ON d.device_id = c.lost_device "
    "LEFT JOIN workers w ON w.id = d.worker_id ";

core::Result<ConflictRecord> FromRow(SqlConnection& conn, const SqlRow& r) {
  ConflictRecord c;
  c.id = r.Int(0);
  c.entity = static_cast<v1::Entity>(r.Int(1));
  c.record_id = r.Bytes(2);
  c.field = r.Text(3);
  c.kept = r.Text(4);
  c.lost = r.Text(5);
  c.lost_device = r.Bytes(6);
  c.lost_hlc = r.Int(7);
  c.rule = r.Text(8);
  c.at_ms = r.Int(9);
  c.town_id = r.Text(10);
  // A subject's own conflicts name it; a task's or a hazard's name it through their record.
  const std::string subject =
      c.entity == v1::ENTITY_SUBJECT ? c.record_id : (r.IsNull(11) ? "" : r.Bytes(11));
  QM_ASSIGN_OR_RETURN(c.subject, DescribeSubject(conn, subject));
  if (!r.Text(12).empty())
    c.lost_worker = r.Text(12) + (r.Text(13).empty() ? "" : " " + r.Text(13));
  return c;
}

// The value device `device` wrote to `field` of the record with stamp `hlc`, from the log.
core::Result<v1::FieldValue> LostValue(SqlConnection& conn, const ConflictRecord& c) {
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT payload FROM changes WHERE device_id = $1 AND "
                                 "entity = $2 AND record_id = $3",
                                 {Blob(c.lost_device), Int(c.entity), Blob(c.record_id)}));
  for (const auto& row : rows) {
    v1::Change change;
    if (!change.ParseFromString(row.Bytes(0))) continue;
    if (static_cast<int64_t>(change.hlc()) != c.lost_hlc || !change.has_fields()) continue;
    for (const auto& f : change.fields().fields()) {
      if (f.field() == c.field) return f.value();
    }
  }
  return core::FailedPrecondition(
      "The edit that lost is no longer in the change log, so it cannot be sent again.");
}

}  // namespace

core::Result<std::vector<ConflictRecord>> ListConflicts(SqlConnection& conn,
                                                        const std::string& town) {
  QM_ASSIGN_OR_RETURN(
      auto rows, town.empty()
                     ? conn.Query(std::string(kSelect) + "ORDER BY c.id DESC")
                     : conn.Query(std::string(kSelect) + "WHERE r.town_id = $1 ORDER BY c.id DESC",
                                  {Text(town)}));
  std::vector<ConflictRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    QM_ASSIGN_OR_RETURN(ConflictRecord c, FromRow(conn, r));
    out.push_back(std::move(c));
  }
  return out;
}

core::Status KeepLostValue(Storage& storage, core::Clock& clock, core::Random& random,
                           int64_t conflict_id, const Scope& scope, Review review) {
  auto conn = storage.pool().Acquire();
  return InTransaction(*conn, [&]() -> core::Status {
    QM_ASSIGN_OR_RETURN(auto rows,
                        conn->Query(std::string(kSelect) + "WHERE c.id = $1", {Int(conflict_id)}));
    if (rows.empty()) return core::NotFound("There is no such conflict in your area.");
    QM_ASSIGN_OR_RETURN(ConflictRecord c, FromRow(*conn, rows[0]));
    auto record = LoadRecord(*conn, c.entity, c.record_id);
    if (!record.ok() && record.status().code() != core::Code::kNotFound) return record.status();
    if (!record.ok() || !scope.Contains(record->placement.town_id, record->placement.grid_id)) {
      return core::NotFound("There is no such conflict in your area.");
    }
    if (c.field.empty()) {
      return core::FailedPrecondition(
          "An update beat a delete here; there is no value to send. Mark it reviewed instead.");
    }
    if (record->deleted) {
      return core::FailedPrecondition("The record was deleted since; there is nothing to edit.");
    }
    QM_ASSIGN_OR_RETURN(v1::FieldValue value, LostValue(*conn, c));
    QM_ASSIGN_OR_RETURN(auto state, core::merge::DecodeRecordState(record->state));
    core::HlcStamp current = 0;
    if (auto it = state.fields.find(c.field); it != state.fields.end()) current = it->second.hlc;
    const int64_t now_ms = clock.NowMillis();
    v1::Change change;
    change.set_entity(c.entity);
    change.set_record_id(c.record_id);
    change.set_change_id(core::Uuid::NewV7(clock, random).ToBytes());
    // Later than the value that won, and having seen it: an edit after it, not beside it, so no
    // rule (not even "the higher severity stays") reads it as concurrent.
    change.set_hlc(std::max(core::PackHlc(now_ms, 0), current + 1));
    auto* set = change.mutable_fields()->add_fields();
    set->set_field(c.field);
    *set->mutable_value() = value;
    set->set_base_hlc(current);
    review.action = std::string(kReviewKeptLost);
    review.at_ms = now_ms;
    QM_RETURN_IF_ERROR(RecordReview(*conn, kReviewConflict, conflict_id, review));
    return RecordServerChange(*conn, change, record->placement, storage.identity().server_id,
                              now_ms);
  });
}

}  // namespace qiaomen::server
