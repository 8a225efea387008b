#include "qiaomen/server/sync_service.h"

#include <functional>
#include <optional>

#include "admin/templates.h"
#include "qiaomen/base/hex.h"
#include "qiaomen/server/backup.h"
#include "store/change_store.h"
#include "sync/placement.h"
#include "sync/roles.h"
#include "sync/visit_checks.h"
#include "util/bytes.h"
#include "util/crash_points.h"

namespace qiaomen::server {
namespace {

struct Verdict {
  v1::ChangeResult::Outcome outcome = v1::ChangeResult::APPLIED;
  std::string code;
  std::string reason;
  uint64_t applied_hlc = 0;  // the stamp applied when it differs from the device's
};

Verdict Reject(const core::Status& s) {
  return {v1::ChangeResult::REJECTED, std::string(core::CodeName(s.code())), s.message()};
}

bool IsDatabaseTrouble(const core::Status& s) {
  return s.code() == core::Code::kUnavailable || s.code() == core::Code::kInternal ||
         s.code() == core::Code::kAborted || s.code() == core::Code::kIOError ||
         s.code() == core::Code::kCorruption;
}

// The stamp the county holds for `change` when it is not the one the device sent (the server
// re-based it); 0 when the same, or when the change is not in the log.
core::Result<uint64_t> AppliedStamp(SqlConnection& conn, const v1::Change& change) {
  QM_ASSIGN_OR_RETURN(
      auto rows, conn.Query("SELECT payload FROM changes WHERE change_id = $1 AND device_id = $2",
                            {Blob(change.change_id()), Blob(change.device_id())}));
  if (rows.empty()) return uint64_t{0};
  v1::Change stored;
  if (!stored.ParseFromString(rows[0].Bytes(0))) {
    return core::Corruption("A stored change could not be read; restore the county database.");
  }
  return stored.hlc() == change.hlc() ? uint64_t{0} : stored.hlc();
}

const char* RecordNoun(v1::Entity entity) {
  switch (entity) {
    case v1::ENTITY_VISIT:
      return "visit";
    case v1::ENTITY_PHOTO:
      return "photo";
    case v1::ENTITY_HAZARD_EVENT:
      return "hazard event";
    case v1::ENTITY_HAZARD:
      return "hazard";
    default:
      return "record";
  }
}

// A change id belongs to one device and one seq. Returns DUPLICATE for this device's own change
// seen again, a rejection for an id that another change holds, nothing for an unused id.
core::Result<std::optional<Verdict>> CheckChangeId(SqlConnection& conn, const v1::Change& change) {
  QM_ASSIGN_OR_RETURN(auto rows,
                      conn.Query("SELECT device_id, seq, payload FROM changes WHERE change_id = $1",
                                 {Blob(change.change_id())}));
  if (rows.empty()) return std::optional<Verdict>();
  v1::Change stored;
  if (!stored.ParseFromString(rows[0].Bytes(2))) {
    return core::Corruption("A stored change could not be read; restore the county database.");
  }
  if (rows[0].Bytes(0) == change.device_id() &&
      static_cast<uint64_t>(rows[0].Int(1)) == change.seq() && SameChangeContent(stored, change)) {
    uint64_t first = stored.hlc() == change.hlc() ? 0 : stored.hlc();
    return std::optional<Verdict>(
        Verdict{v1::ChangeResult::DUPLICATE, "", "This change was applied before.", first});
  }
  return std::optional<Verdict>(Reject(core::AlreadyExists(
      "The change id is already used by another change (a change id belongs to one device and "
      "one seq); this change was not applied. Give it a new change id.")));
}

// An append-only record already stored: the same content is a duplicate, other content a
// rejection; either way nothing is written. Checked in the scope of the stored record.
core::Result<std::optional<Verdict>> CheckAppendOnly(SqlConnection& conn,
                                                     const Principal& principal,
                                                     const v1::Change& change) {
  auto existing = LoadRecord(conn, change.entity(), change.record_id());
  if (!existing.ok()) {
    if (existing.status().code() == core::Code::kNotFound) return std::optional<Verdict>();
    return existing.status();
  }
  const Scope& scope = principal.worker.scope;
  if (!scope.Contains(existing->placement.town_id, existing->placement.grid_id)) {
    return std::optional<Verdict>(Reject(core::PermissionDenied(
        std::string("A ") + RecordNoun(change.entity()) +
        " with this id is stored outside the scope of worker " + principal.worker.id +
        "; this change was not applied. Give a new record a new id.")));
  }
  v1::Change stored;
  if (!stored.ParseFromString(existing->snapshot)) {
    return core::Corruption("A stored record could not be read; restore the county database.");
  }
  if (SameChangeContent(stored, change)) {
    return std::optional<Verdict>(Verdict{v1::ChangeResult::DUPLICATE, "",
                                          std::string("This ") + RecordNoun(change.entity()) +
                                              " is stored already with the same content.",
                                          0});
  }
  return std::optional<Verdict>(Reject(core::AlreadyExists(
      std::string("A ") + RecordNoun(change.entity()) +
      " with this id is stored already with other content; it is append-only and never changes. "
      "This change was not applied; record a correction as a new record.")));
}

// A change that depends on a record the county refused (a photo or hazard of a refused visit, an
// event or photo of a refused hazard) is refused with it: applied alone it would show the county
// half a visit, placed by its household. Nothing when the change depends on nothing refused.
core::Result<std::optional<Verdict>> CheckRefusedParent(SqlConnection& conn,
                                                        const v1::Change& change) {
  std::vector<std::pair<v1::Entity, std::string>> parents;
  if (change.body_case() == v1::Change::kPhoto) {
    parents = {{v1::ENTITY_VISIT, change.photo().visit_id()},
               {v1::ENTITY_HAZARD, change.photo().hazard_id()}};
  } else if (change.body_case() == v1::Change::kHazard) {
    parents = {{v1::ENTITY_VISIT, change.hazard().visit_id()}};
  } else if (change.body_case() == v1::Change::kHazardEvent) {
    parents = {{v1::ENTITY_HAZARD, change.hazard_event().hazard_id()}};
  }
  for (const auto& [entity, id] : parents) {
    if (id.empty()) continue;
    QM_ASSIGN_OR_RETURN(auto refused, RefusalOf(conn, entity, id));
    if (!refused) continue;
    const char* parent = entity == v1::ENTITY_VISIT ? "visit" : "hazard";
    return std::optional<Verdict>(Reject(core::FailedPrecondition(
        std::string("This ") + RecordNoun(change.entity()) + " belongs to " + parent + " " +
        base::HexEncode(id) + ", which the county refused (" + *refused +
        "), so it was refused with it. Once the " + parent +
        " is put right and accepted, send this again.")));
  }
  return std::optional<Verdict>();
}

// The photos a visit or photo change references (hex SHA-256), for the answer's missing list.
void CollectPhotoHashes(const v1::Change& change, std::vector<std::string>& photo_hashes) {
  if (change.entity() == v1::ENTITY_VISIT) {
    for (const auto& p : change.visit().photos()) {
      photo_hashes.push_back(base::HexEncode(p.sha256()));
    }
  } else if (change.entity() == v1::ENTITY_PHOTO && change.photo().sha256().size() == 32) {
    photo_hashes.push_back(base::HexEncode(change.photo().sha256()));
  }
}

// Decides and applies one change inside the batch transaction. Database errors are returned;
// rejections are the verdict. The log entry is written before the record.
core::Result<Verdict> ApplyOne(SqlConnection& conn, const Principal& principal, v1::Change change,
                               int64_t now_ms, const std::function<uint64_t()>& server_now,
                               TemplateCache& templates, const base::TimeZone& zone,
                               std::vector<std::string>& photo_hashes) {
  if (change.device_id() != principal.device.device_id) {
    return Reject(core::PermissionDenied("The change names another device."));
  }
  if (change.change_id().empty()) return Reject(core::InvalidArgument("The change has no id."));
  QM_ASSIGN_OR_RETURN(auto id_verdict, CheckChangeId(conn, change));
  if (id_verdict) return *id_verdict;
  if (IsAppendOnlyEntity(change.entity())) {
    QM_ASSIGN_OR_RETURN(auto stored_verdict, CheckAppendOnly(conn, principal, change));
    if (stored_verdict) return *stored_verdict;
  }
  QM_ASSIGN_OR_RETURN(auto parent_verdict, CheckRefusedParent(conn, change));
  if (parent_verdict) return *parent_verdict;
  // A stamp far in the future is not trusted: re-based on the server's clock (audit keeps the
  // device time).
  uint64_t rebased = 0;
  if (core::IsFarFuture(change.hlc(), now_ms)) {
    rebased = server_now();  // one fresh stamp per change keeps the device's order
    change.set_device_hlc(change.hlc());
    change.set_hlc(rebased);
  }
  Placement previous;
  auto placement = PlaceChange(conn, change, &previous);
  if (!placement.ok()) {
    if (IsDatabaseTrouble(placement.status())) return placement.status();
    return Reject(placement.status());
  }
  const Scope& scope = principal.worker.scope;
  if (!scope.Contains(placement->town_id, placement->grid_id) || placement->town_id.empty() ||
      (!previous.town_id.empty() && !scope.Contains(previous.town_id, previous.grid_id))) {
    return Reject(core::PermissionDenied(
        "This record is outside the scope of worker " + principal.worker.id + " (" +
        scope.ToString() + "); it was not applied. Ask township staff to check the assignment."));
  }
  // The role table of docs/server-api.md, and the author is the authenticated worker.
  core::Status allowed = CheckRoleAndActor(principal, change, !previous.town_id.empty());
  if (!allowed.ok()) return Reject(allowed);
  std::string evidence;
  if (change.entity() == v1::ENTITY_VISIT) {
    core::Status s = CheckVisit(conn, templates, change.visit(), principal.device, zone, &evidence);
    if (!s.ok()) {
      if (IsDatabaseTrouble(s)) return s;
      return Reject(s);
    }
    CollectPhotoHashes(change, photo_hashes);
  } else if (change.entity() == v1::ENTITY_PHOTO) {
    if (change.photo().sha256().size() != 32) {
      return Reject(core::InvalidArgument("The photo has no valid SHA-256."));
    }
    CollectPhotoHashes(change, photo_hashes);
  } else if (change.entity() == v1::ENTITY_HAZARD_EVENT &&
             change.hazard_event().kind() == v1::FIXED_ON_SITE &&
             change.hazard_event().photo_ids().empty()) {
    // 当场整改 closes a hazard in one step: only with its after-photo (the state machine's rule).
    return Reject(core::InvalidArgument(
        "A hazard fixed on the spot (当场整改) needs its after-photo; the step was not applied."));
  } else if (!IsMutableEntity(change.entity()) && change.entity() != v1::ENTITY_HAZARD_EVENT) {
    return Reject(core::InvalidArgument("This kind of record cannot be sent from a device."));
  }
  if (IsMutableEntity(change.entity()) && change.body_case() != v1::Change::kFields &&
      change.body_case() != v1::Change::kDeleted &&
      !(change.entity() == v1::ENTITY_HAZARD && change.body_case() == v1::Change::kHazard)) {
    return Reject(core::InvalidArgument("The change's body does not match its record kind."));
  }
  // The merge validates field changes before anything is written; its refusal is a rejection.
  auto prepared = PrepareRecord(conn, change, *placement, now_ms, evidence);
  if (!prepared.ok()) {
    if (IsDatabaseTrouble(prepared.status())) return prepared.status();
    return Reject(prepared.status());
  }
  // The log first: a record never changes without its entry. A conflict here or on an
  // append-only record means a concurrent batch took the id between the checks above and now:
  // the batch is retried, and the checks then answer.
  auto appended = AppendToLog(conn, change, *placement, now_ms);
  if (!appended.ok()) {
    if (appended.status().code() == core::Code::kAlreadyExists) {
      return core::Aborted("A concurrent change took this change id; the batch is retried.");
    }
    return appended.status();
  }
  core::Status written = WriteRecord(conn, *prepared);
  if (written.code() == core::Code::kAlreadyExists) {
    return core::Aborted("A concurrent change stored this record; the batch is retried.");
  }
  QM_RETURN_IF_ERROR(written);
  Verdict verdict;
  verdict.applied_hlc = rebased;
  return verdict;
}

}  // namespace

SyncService::SyncService(Storage& storage, core::Clock& clock, Metrics& metrics)
    : storage_(storage),
      clock_(clock),
      metrics_(metrics),
      hlc_(clock, 0),
      templates_(std::make_unique<TemplateCache>()) {}

SyncService::~SyncService() = default;

uint64_t SyncService::Now() {
  std::lock_guard lock(hlc_mu_);
  return hlc_.Now();
}

core::Result<v1::SyncResponse> SyncService::Sync(const Principal& principal,
                                                 const v1::SyncRequest& request) {
  v1::SyncResponse response;
  {
    std::lock_guard lock(hlc_mu_);
    hlc_.Observe(request.device_hlc()).IgnoreError();  // far-future device clocks are ignored
  }
  {
    crash_points::PathScope crash_path("push");
    QM_RETURN_IF_ERROR(Push(principal, request, response));
    crash_points::Step("answer");  // pushed and committed, the answer not sent yet
  }
  QM_RETURN_IF_ERROR(Pull(principal, request, response));
  response.set_server_hlc(Now());
  response.set_server_time_ms(clock_.NowMillis());
  response.set_server_epoch(storage_.identity().epoch);
  response.set_scope(principal.worker.scope.ToString());
  response.set_county_time_zone(storage_.identity().county_time_zone);
  response.set_county_bundle_key(storage_.identity().bundle_public_key);
  {
    auto conn = storage_.pool().Acquire();
    QM_ASSIGN_OR_RETURN(int64_t backed_up, BackedUpThroughSeq(*conn, principal.device.device_id));
    response.set_backed_up_through_seq(static_cast<uint64_t>(backed_up));
  }
  return response;
}

core::Status SyncService::Push(const Principal& principal, const v1::SyncRequest& request,
                               v1::SyncResponse& response) {
  auto conn = storage_.pool().Acquire();
  std::vector<std::string> photo_hashes;
  int applied = 0, rejected = 0, duplicate = 0, rebased = 0;
  int64_t lost = 0;
  uint64_t through = 0;
  core::Status s = InTransaction(*conn, [&]() -> core::Status {
    response.clear_results();
    photo_hashes.clear();
    applied = rejected = duplicate = rebased = 0;
    lost = 0;
    const char* lock_sql = conn->dialect() == SqlDialect::kPostgres
                               ? "SELECT applied_seq, revoked FROM devices WHERE device_id = $1 "
                                 "FOR UPDATE"
                               : "SELECT applied_seq, revoked FROM devices WHERE device_id = $1";
    QM_ASSIGN_OR_RETURN(auto row, conn->QueryOne(lock_sql, {Blob(principal.device.device_id)}));
    if (row.Int(1) != 0) return core::Unauthenticated("This device was revoked.");
    through = static_cast<uint64_t>(row.Int(0));
    int64_t now_ms = clock_.NowMillis();
    // Every request is a sync, a pull alone too: `devices` shows when the device last came.
    QM_RETURN_IF_ERROR(
        conn->Exec("INSERT INTO device_syncs (device_id, at_ms) VALUES ($1,$2) ON CONFLICT "
                   "(device_id) DO UPDATE SET at_ms = excluded.at_ms",
                   {Blob(principal.device.device_id), Int(now_ms)}));
    const uint64_t held_through = through;
    if (request.released_through_seq() > through) {
      // Restored from a backup older than what the device still holds: its changes up to the
      // released mark are gone from every replica. Say so for the county and go on after them.
      QM_RETURN_IF_ERROR(conn->Exec(
          "INSERT INTO device_seq_gaps (device_id, from_seq, to_seq, at_ms) VALUES ($1,$2,$3,$4)",
          {Blob(principal.device.device_id), Int(static_cast<int64_t>(through + 1)),
           Int(static_cast<int64_t>(request.released_through_seq())), Int(now_ms)}));
      lost = static_cast<int64_t>(request.released_through_seq() - through);
      through = request.released_through_seq();
    }
    if (request.changes().empty()) {
      if (through == held_through) return core::Status::Ok();
      return conn->Exec("UPDATE devices SET applied_seq = $1 WHERE device_id = $2",
                        {Int(static_cast<int64_t>(through)), Blob(principal.device.device_id)});
    }
    auto server_now = [this] { return Now(); };
    for (const auto& change : request.changes()) {
      if (change.seq() <= through) {
        auto* r = response.add_results();
        r->set_seq(change.seq());
        // A resend of a change refused before (its answer was lost): the same verdict again, so
        // the device keeps it as refused with its reason instead of taking it as delivered.
        QM_ASSIGN_OR_RETURN(auto refused,
                            conn->Query("SELECT code, reason FROM quarantine WHERE device_id = $1 "
                                        "AND seq = $2 ORDER BY id DESC LIMIT 1",
                                        {Blob(principal.device.device_id),
                                         Int(static_cast<int64_t>(change.seq()))}));
        if (!refused.empty()) {
          r->set_outcome(v1::ChangeResult::REJECTED);
          r->set_code(refused[0].Text(0));
          r->set_reason(refused[0].Text(1));
          ++duplicate;
          continue;
        }
        r->set_outcome(v1::ChangeResult::DUPLICATE);
        // A resend after a lost answer: the device must still learn a re-based stamp, however
        // much later the resend comes (its stamp may no longer look far ahead by then).
        QM_ASSIGN_OR_RETURN(uint64_t first, AppliedStamp(*conn, change));
        r->set_applied_hlc(first);
        // And which of its photos' bytes the county lacks: the answer that said so may be the one
        // that was lost (after a restore the device sends them again only when told).
        CollectPhotoHashes(change, photo_hashes);
        ++duplicate;
        continue;
      }
      // A gap: the device resends from applied_through_seq + 1; later changes get no result.
      if (change.seq() != through + 1) break;
      QM_ASSIGN_OR_RETURN(auto verdict, ApplyOne(*conn, principal, change, now_ms, server_now,
                                                 *templates_, storage_.time_zone(), photo_hashes));
      if (verdict.outcome == v1::ChangeResult::REJECTED) {
        QM_RETURN_IF_ERROR(Quarantine(*conn, change, principal.device.device_id, verdict.code,
                                      verdict.reason, now_ms));
        ++rejected;
      } else if (verdict.outcome == v1::ChangeResult::DUPLICATE) {
        ++duplicate;
      } else {
        ++applied;
        if (verdict.applied_hlc != 0) ++rebased;
      }
      auto* r = response.add_results();
      r->set_seq(change.seq());
      r->set_outcome(verdict.outcome);
      r->set_reason(verdict.reason);
      r->set_code(verdict.code);
      r->set_applied_hlc(verdict.applied_hlc);
      through = change.seq();
    }
    return conn->Exec("UPDATE devices SET applied_seq = $1 WHERE device_id = $2",
                      {Int(static_cast<int64_t>(through)), Blob(principal.device.device_id)});
  });
  if (!s.ok()) return s;
  response.set_applied_through_seq(through);
  metrics_.Add("changes_applied", applied);
  if (lost > 0) metrics_.Add("changes_lost_in_restore", lost);
  metrics_.Add("changes_rejected", rejected);
  metrics_.Add("changes_duplicate", duplicate);
  metrics_.Add("changes_rebased", rebased);
  if (!request.want_missing_photos()) return core::Status::Ok();
  std::sort(photo_hashes.begin(), photo_hashes.end());
  photo_hashes.erase(std::unique(photo_hashes.begin(), photo_hashes.end()), photo_hashes.end());
  for (const auto& hash : photo_hashes) {
    QM_ASSIGN_OR_RETURN(auto rows,
                        conn->Query("SELECT 1 FROM blobs WHERE sha256 = $1", {Text(hash)}));
    if (rows.empty()) response.add_missing_photo_sha256(hash);
  }
  return core::Status::Ok();
}

}  // namespace qiaomen::server
