// Store: a refused change sent again once its cause is put right, with what was refused with it.

#include <set>
#include <string>
#include <vector>

#include "qiaomen/core/store/store.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {

// The records `change` depends on: a photo's visit or hazard, a hazard's visit, an event's hazard
// (the server refuses a change with its refused parent, see CheckRefusedParent).
std::vector<std::string> ParentIds(const v1::Change& change) {
  switch (change.body_case()) {
    case v1::Change::kPhoto:
      return {change.photo().visit_id(), change.photo().hazard_id()};
    case v1::Change::kHazard:
      return {change.hazard().visit_id()};
    case v1::Change::kHazardEvent:
      return {change.hazard_event().hazard_id()};
    default:
      return {};
  }
}

}  // namespace

// A refused register write left its record (WithdrawOwnWrite); sent again, it is in it again until
// the county judges it, as when it was made. A record that is no longer here (it left the scope)
// is not made up from the one edit: the edit just goes.
Status Store::MergeBackResent(const v1::Change& change) {
  if (!merge::IsFieldMerged(change.entity())) return Status::Ok();
  QM_ASSIGN_OR_RETURN(auto current, LoadState(change.entity(), change.record_id()));
  const bool creates = change.has_fields() && change.fields().create();
  if (!current.has_value() && !creates) return Status::Ok();
  return MergeAndSave(change).status();
}

Result<std::vector<uint64_t>> Store::Resend(uint64_t seq) {
  QM_ASSIGN_OR_RETURN(std::vector<QuarantinedChange> refused, ListQuarantined());
  std::vector<v1::Change> order;
  std::set<std::string> records;
  for (const auto& q : refused) {
    if (q.change.seq() == seq) {
      order.push_back(q.change);
      records.insert(q.change.record_id());
    }
  }
  if (order.empty()) {
    return NotFound("Change #" + std::to_string(seq) +
                    " is not a refused change of this device; `qiaomen quarantine` lists them.");
  }
  // Level by level, so a parent always goes before what depends on it (a hazard before its
  // events), each level in its original order.
  for (size_t level_start = 0; level_start < order.size();) {
    const size_t level_end = order.size();
    for (const auto& q : refused) {
      if (records.count(q.change.record_id()) > 0) continue;
      for (const std::string& parent : ParentIds(q.change)) {
        if (parent.empty() || records.count(parent) == 0) continue;
        order.push_back(q.change);
        break;
      }
    }
    for (size_t i = level_end; i < order.size(); ++i) records.insert(order[i].record_id());
    level_start = level_end;
  }
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db_));
  QM_ASSIGN_OR_RETURN(int64_t next, db_.QueryInt(internal::kNextSeq));
  std::vector<uint64_t> seqs;
  for (v1::Change& change : order) {
    // The refused row keeps its seq, so the seq line has no hole (a server restored from backup
    // is sent every row above its mark again, this one too); it is marked sent again (3).
    QM_ASSIGN_OR_RETURN(auto done,
                        Stmt("UPDATE outbox SET state = 3 WHERE seq = ? AND state = 2;"));
    done->Bind(1, static_cast<int64_t>(change.seq()));
    QM_RETURN_IF_ERROR(done->Run());
    change.set_seq(static_cast<uint64_t>(next));
    change.set_change_id(NewId().ToBytes());
    QM_RETURN_IF_ERROR(InsertJournalRow(change));
    QM_RETURN_IF_ERROR(MergeBackResent(change));
    if (change.entity() == v1::ENTITY_VISIT) {
      // No longer refused: the visit closes its task again (unless an earlier one does).
      QM_ASSIGN_OR_RETURN(
          auto close, Stmt("UPDATE tasks SET done_visit_id = " QM_CLOSING_VISIT(
                          "tasks.id") " WHERE id = (SELECT task_id FROM visits WHERE id = ?);"));
      close->BindBlob(1, AsBlob(change.record_id()));
      QM_RETURN_IF_ERROR(close->Run());
    }
    seqs.push_back(static_cast<uint64_t>(next));
    ++next;
  }
  QM_RETURN_IF_ERROR(txn.Commit());
  return seqs;
}

}  // namespace qiaomen::core::store
