// Work from a revoked period (see revoked_work.h).
#include "admin/revoked_work.h"

#include <cctype>

#include "admin/refusals.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/sync.pb.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

std::string EntityName(int entity) {
  std::string name = v1::Entity_Name(static_cast<v1::Entity>(entity));
  if (name.rfind("ENTITY_", 0) == 0) name = name.substr(7);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.empty() ? "entity " + std::to_string(entity) : name;
}

// The subject a change names itself, or through the hazard an event belongs to.
core::Result<std::string> SubjectIdOf(SqlConnection& conn, const v1::Change& change) {
  switch (change.body_case()) {
    case v1::Change::kVisit:
      return change.visit().subject_id();
    case v1::Change::kHazard:
      return change.hazard().subject_id();
    case v1::Change::kPhoto:
      return change.photo().subject_id();
    default:
      break;
  }
  if (change.entity() == v1::ENTITY_SUBJECT) return change.record_id();
  const bool event = change.body_case() == v1::Change::kHazardEvent;
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn.Query("SELECT subject_id FROM records WHERE entity = $1 AND record_id = $2 "
                 "AND subject_id IS NOT NULL",
                 {Int(event ? v1::ENTITY_HAZARD : change.entity()),
                  Blob(event ? change.hazard_event().hazard_id() : change.record_id())}));
  return rows.empty() ? std::string() : rows[0].Bytes(0);
}

}  // namespace

core::Result<std::vector<RevokedWork>> LoadRevokedWork(Storage& storage) {
  auto conn = storage.pool().Acquire();
  // Each revocation with the re-enrolment that ended it (the first one after it).
  QM_ASSIGN_OR_RETURN(
      auto periods,
      conn->Query("SELECT v.device_id, v.at_ms, v.applied_seq, (SELECT min(r.at_ms) FROM "
                  "device_reinstatements r WHERE r.device_id = v.device_id AND r.at_ms >= "
                  "v.at_ms), d.worker_id, w.name FROM device_revocations v LEFT JOIN devices d ON "
                  "d.device_id = v.device_id LEFT JOIN workers w ON w.id = d.worker_id ORDER BY "
                  "v.at_ms"));
  std::vector<RevokedWork> out;
  for (const SqlRow& period : periods) {
    if (period.IsNull(3)) continue;  // still revoked: nothing came back yet
    const int64_t revoked_ms = period.Int(1);
    const int64_t reinstated_ms = period.Int(3);
    std::string worker = period.IsNull(4) ? "" : period.Text(4);
    if (!period.IsNull(5) && !period.Text(5).empty()) worker += " " + period.Text(5);
    QM_ASSIGN_OR_RETURN(
        auto changes,
        conn->Query("SELECT seq, entity, payload, received_ms FROM changes WHERE device_id = $1 "
                    "AND seq > $2 AND received_ms >= $3 ORDER BY seq",
                    {Blob(period.Bytes(0)), Int(period.Int(2)), Int(reinstated_ms)}));
    for (const SqlRow& row : changes) {
      v1::Change change;
      if (!change.ParseFromString(row.Bytes(2))) change.Clear();
      // Made after the re-enrolment: ordinary work again.
      if (change.device_time_ms() >= reinstated_ms) continue;
      RevokedWork work;
      auto uuid = core::Uuid::FromBytes(period.Bytes(0));
      work.device = uuid.ok() ? uuid->ToString() : base::HexEncode(period.Bytes(0));
      work.worker = worker;
      work.seq = row.Int(0);
      work.entity = EntityName(static_cast<int>(row.Int(1)));
      QM_ASSIGN_OR_RETURN(std::string subject_id, SubjectIdOf(*conn, change));
      QM_ASSIGN_OR_RETURN(work.subject, DescribeSubject(*conn, subject_id));
      work.revoked_ms = revoked_ms;
      work.reinstated_ms = reinstated_ms;
      work.made_ms = change.device_time_ms();
      work.received_ms = row.Int(3);
      work.made_while_revoked = work.made_ms >= revoked_ms;
      out.push_back(std::move(work));
    }
  }
  return out;
}

}  // namespace qiaomen::server
