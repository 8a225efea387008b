// The quarantine as reviewers read it (see refusals.h).
#include "admin/refusals.h"

#include <cctype>
#include <map>

#include "qiaomen/base/hex.h"
#include "qiaomen/base/time_zone.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/server/scope.h"
#include "qiaomen/v1/sync.pb.h"
#include "store/record_state.h"
#include "util/bytes.h"

namespace qiaomen::server {
namespace {

std::string EntityName(int entity) {
  std::string name = v1::Entity_Name(static_cast<v1::Entity>(entity));
  if (name.rfind("ENTITY_", 0) == 0) name = name.substr(7);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name.empty() ? "entity " + std::to_string(entity) : name;
}

// The subject a refused change names itself: a visit's, a hazard's or a photo's subject, or the
// subject edited; "" for a change that reaches it through another record.
std::string DirectSubjectId(const v1::Change& change) {
  switch (change.body_case()) {
    case v1::Change::kVisit:
      return change.visit().subject_id();
    case v1::Change::kHazard:
      return change.hazard().subject_id();
    case v1::Change::kPhoto:
      return change.photo().subject_id();
    default:
      return change.entity() == v1::ENTITY_SUBJECT ? change.record_id() : std::string();
  }
}

// The record a change without a subject of its own belongs to: a hazard event's hazard, or the
// task or hazard whose fields it edits.
std::pair<v1::Entity, std::string> OwnerOf(const v1::Change& change) {
  if (change.body_case() == v1::Change::kHazardEvent) {
    return {v1::ENTITY_HAZARD, change.hazard_event().hazard_id()};
  }
  return {change.entity(), change.record_id()};
}

// The subject of `change`: its own, else its owner's as the county stores it, else as a refused
// change names it (`refused`: record id -> subject id).
core::Result<std::string> SubjectIdOf(SqlConnection& conn, const v1::Change& change,
                                      const std::map<std::string, std::string>& refused) {
  std::string direct = DirectSubjectId(change);
  if (!direct.empty()) return direct;
  const auto [entity, id] = OwnerOf(change);
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT subject_id FROM records WHERE entity = $1 "
                                            "AND record_id = $2 AND subject_id IS NOT NULL",
                                            {Int(entity), Blob(id)}));
  if (!rows.empty()) return rows[0].Bytes(0);
  auto it = refused.find(id);
  return it == refused.end() ? std::string() : it->second;
}

// Whether the refused record was stored since (sent again and accepted): only for records a
// change creates whole, since an edited record exists either way.
core::Result<bool> AcceptedSince(SqlConnection& conn, const v1::Change& change) {
  const auto body = change.body_case();
  if (body != v1::Change::kVisit && body != v1::Change::kPhoto &&
      body != v1::Change::kHazardEvent && body != v1::Change::kHazard) {
    return false;
  }
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT 1 FROM records WHERE entity = $1 AND record_id = $2",
                                 {Int(change.entity()), Blob(change.record_id())}));
  return !rows.empty();
}

// The town of a refusal: its subject's, else the one its worker's scope lies in ("" for a county
// scope or when neither is known).
core::Result<std::string> TownOf(SqlConnection& conn, const std::string& subject_id,
                                 const std::string& worker_scope) {
  if (!subject_id.empty()) {
    QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT town_id FROM records WHERE entity = $1 AND "
                                              "record_id = $2",
                                              {Int(v1::ENTITY_SUBJECT), Blob(subject_id)}));
    if (!rows.empty() && !rows[0].Text(0).empty()) return rows[0].Text(0);
  }
  auto scope = Scope::Parse(worker_scope);
  if (!scope.ok() || scope->units().empty()) return std::string();
  if (scope->kind() == Scope::Kind::kTown) return scope->units().front();
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT town_id FROM admin_units WHERE id = $1",
                                            {Text(scope->units().front())}));
  return rows.empty() ? std::string() : rows[0].Text(0);
}

}  // namespace

core::Result<std::string> DescribeSubject(SqlConnection& conn, const std::string& subject_id) {
  if (subject_id.empty()) return std::string();
  QM_ASSIGN_OR_RETURN(
      auto ext,
      conn.Query("SELECT external_id FROM subject_ids WHERE subject_id = $1", {Blob(subject_id)}));
  std::string text = ext.empty() ? core::Uuid::FromBytes(subject_id).ok()
                                       ? core::Uuid::FromBytes(subject_id)->ToString()
                                       : base::HexEncode(subject_id)
                                 : ext[0].Text(0);
  QM_ASSIGN_OR_RETURN(auto rows, conn.Query("SELECT state FROM records WHERE entity = $1 AND "
                                            "record_id = $2",
                                            {Int(v1::ENTITY_SUBJECT), Blob(subject_id)}));
  if (!rows.empty()) {
    if (auto state = core::merge::DecodeRecordState(rows[0].Bytes(0)); state.ok()) {
      const std::string name = RegisterText(*state, "name");
      if (!name.empty()) text += " " + name;
    }
  }
  return text;
}

core::Result<std::vector<Refusal>> LoadRefusals(Storage& storage) {
  auto conn = storage.pool().Acquire();
  QM_ASSIGN_OR_RETURN(
      auto rows,
      conn->Query("SELECT q.id, q.device_id, q.seq, q.entity, q.code, q.reason, "
                  "q.received_ms, q.payload, d.worker_id, w.name, w.scope FROM quarantine q "
                  "LEFT JOIN devices d ON d.device_id = q.device_id "
                  "LEFT JOIN workers w ON w.id = d.worker_id ORDER BY q.id"));
  std::vector<v1::Change> changes(rows.size());
  std::map<std::string, std::string> refused_subjects;
  for (size_t i = 0; i < rows.size(); ++i) {
    if (!changes[i].ParseFromString(rows[i].Bytes(7))) changes[i].Clear();
    const std::string subject = DirectSubjectId(changes[i]);
    if (!subject.empty()) refused_subjects[changes[i].record_id()] = subject;
  }
  std::vector<Refusal> out;
  for (size_t i = 0; i < rows.size(); ++i) {
    const SqlRow& r = rows[i];
    Refusal q;
    q.id = r.Int(0);
    q.device = base::HexEncode(r.Bytes(1));
    q.seq = r.Int(2);
    q.entity = EntityName(static_cast<int>(r.Int(3)));
    q.code = r.Text(4);
    q.reason = r.Text(5);
    q.received_ms = r.Int(6);
    q.received_at = base::CountyDateTime(q.received_ms, storage.time_zone());
    QM_ASSIGN_OR_RETURN(std::string subject_id, SubjectIdOf(*conn, changes[i], refused_subjects));
    QM_ASSIGN_OR_RETURN(q.town_id, TownOf(*conn, subject_id, r.IsNull(10) ? "" : r.Text(10)));
    QM_ASSIGN_OR_RETURN(q.subject, DescribeSubject(*conn, subject_id));
    QM_ASSIGN_OR_RETURN(q.accepted_since, AcceptedSince(*conn, changes[i]));
    q.worker = r.IsNull(8) ? "(unknown device)" : r.Text(8);
    if (!r.IsNull(9) && !r.Text(9).empty()) q.worker += " " + r.Text(9);
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace qiaomen::server
