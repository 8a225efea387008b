// Store: opening, the statement cache, the journal writer and the persisted hybrid logical clock.

#include "qiaomen/core/store/store.h"

#include <algorithm>
#include <utility>

#include "qiaomen/core/store/schema.h"
#include "store/rows.h"

namespace qiaomen::core::store {

using internal::AsBlob;

namespace {
constexpr char kHlcKey[] = "hlc_last";
}  // namespace

Result<std::unique_ptr<Store>> Store::Open(sql::Database db, StoreDeps deps) {
  if (deps.clock == nullptr || deps.random == nullptr) {
    return InvalidArgument("The store needs a clock and a random source.");
  }
  if (deps.device_id.size() != 16) {
    return InvalidArgument("The device id must be 16 bytes; enrol the device first.");
  }
  QM_ASSIGN_OR_RETURN(int version_before, SchemaVersion(db));
  QM_RETURN_IF_ERROR(Migrate(db));
  if (version_before > 0 && version_before < 4) QM_RETURN_IF_ERROR(FillSubjectContact(db));
  // The highest stamp ever issued or trusted: meta is written in every journaling transaction; the
  // journal is read too so a stamp can never be reissued even if meta were behind. (Registers are
  // not: they may hold a remote stamp far ahead that was deliberately not trusted.)
  HlcStamp last = 0;
  for (const char* sql : {"SELECT COALESCE((SELECT value FROM meta WHERE key = 'hlc_last'), 0);",
                          "SELECT COALESCE(MAX(hlc), 0) FROM outbox;"}) {
    QM_ASSIGN_OR_RETURN(int64_t stamp, db.QueryInt(sql));
    last = std::max(last, static_cast<HlcStamp>(stamp));
  }
  return std::unique_ptr<Store>(new Store(std::move(db), std::move(deps), last));
}

// Subjects written before schema 4 get their searchable address and phone once.
Status Store::FillSubjectContact(sql::Database& db) {
  QM_ASSIGN_OR_RETURN(sql::Transaction txn, sql::Transaction::Begin(db));
  std::vector<std::pair<std::string, std::string>> rows;
  {
    QM_ASSIGN_OR_RETURN(auto read, db.Prepare("SELECT id, record FROM subjects;"));
    for (;;) {
      QM_ASSIGN_OR_RETURN(bool row, read.Step());
      if (!row) break;
      QM_ASSIGN_OR_RETURN(auto subject, internal::ParseRecord<v1::Subject>(read, 1, "subject"));
      rows.emplace_back(internal::ColumnBytes(read, 0), internal::SubjectContact(subject));
    }
  }
  QM_ASSIGN_OR_RETURN(auto write, db.Prepare("UPDATE subjects SET contact = ? WHERE id = ?;"));
  for (const auto& [id, contact] : rows) {
    write.Bind(1, std::string_view(contact)).BindBlob(2, internal::AsBlob(id));
    QM_RETURN_IF_ERROR(write.Run());
    write.Reset();
  }
  return txn.Commit();
}

Store::Store(sql::Database db, StoreDeps deps, HlcStamp last_hlc)
    : db_(std::move(db)), deps_(std::move(deps)), hlc_(*deps_.clock, last_hlc) {}

Store::~Store() {
  // Statements must be finalized before the connection closes.
  statements_.clear();
}

Result<Store::Scoped> Store::Stmt(const char* sql) {
  auto it = statements_.find(sql);
  if (it == statements_.end()) {
    QM_ASSIGN_OR_RETURN(sql::Statement stmt, db_.Prepare(sql));
    it = statements_.emplace(sql, std::make_unique<sql::Statement>(std::move(stmt))).first;
  }
  return Scoped(it->second.get());
}

Uuid Store::NewId() { return Uuid::NewV7(*deps_.clock, *deps_.random); }

Result<HlcStamp> Store::Journal(v1::Change& change) {
  int64_t seq = 0;
  {
    QM_ASSIGN_OR_RETURN(auto next, Stmt(internal::kNextSeq));
    QM_ASSIGN_OR_RETURN(bool row, next->Step());
    if (!row) return Internal("The journal's next sequence number could not be read.");
    seq = next->ColumnInt(0);
  }
  const HlcStamp stamp = hlc_.Now();
  const int64_t now_ms = deps_.clock->NowMillis();
  change.set_change_id(NewId().ToBytes());
  change.set_device_id(deps_.device_id);
  change.set_seq(static_cast<uint64_t>(seq));
  change.set_hlc(stamp);
  change.set_device_time_ms(now_ms);
  QM_RETURN_IF_ERROR(InsertJournalRow(change));
  QM_RETURN_IF_ERROR(PersistHlc());
  return stamp;
}

Status Store::InsertJournalRow(const v1::Change& change) {
  QM_ASSIGN_OR_RETURN(auto insert,
                      Stmt("INSERT INTO outbox (seq, change_id, hlc, entity, record_id, state, "
                           "created_at_ms, payload) VALUES (?, ?, ?, ?, ?, 0, ?, ?);"));
  insert->Bind(1, static_cast<int64_t>(change.seq()))
      .BindBlob(2, AsBlob(change.change_id()))
      .Bind(3, static_cast<int64_t>(change.hlc()))
      .Bind(4, static_cast<int64_t>(change.entity()))
      .BindBlob(5, AsBlob(change.record_id()))
      .Bind(6, change.device_time_ms())
      .BindBlob(7, AsBlob(internal::Serialize(change)));
  return insert->Run();
}

Status Store::PersistHlc() { return SetMetaInt(kHlcKey, static_cast<int64_t>(hlc_.last())); }

Status Store::ObserveHlc(HlcStamp remote, int64_t max_skew_ms) {
  const HlcStamp before = hlc_.last();
  QM_RETURN_IF_ERROR(hlc_.Observe(remote, max_skew_ms));
  // Memory may run ahead of disk if this write fails; that is harmless (Open takes the maximum of
  // what was persisted, and no stamp above it was ever committed).
  if (hlc_.last() == before) return Status::Ok();
  return PersistHlc();
}

Result<std::string> Store::MetaText(const char* key) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("SELECT value FROM meta WHERE key = ?;"));
  stmt->Bind(1, std::string_view(key));
  QM_ASSIGN_OR_RETURN(bool row, stmt->Step());
  if (!row || stmt->IsNull(0)) return std::string();
  return internal::ColumnBytes(*stmt, 0);
}

Status Store::SetMeta(const char* key, const std::string& value) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT "
                                      "(key) DO UPDATE SET value = excluded.value;"));
  stmt->Bind(1, std::string_view(key)).BindBlob(2, AsBlob(value));
  return stmt->Run();
}

Status Store::SetMetaInt(const char* key, int64_t value) {
  QM_ASSIGN_OR_RETURN(auto stmt, Stmt("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT "
                                      "(key) DO UPDATE SET value = excluded.value;"));
  stmt->Bind(1, std::string_view(key)).Bind(2, value);
  return stmt->Run();
}

}  // namespace qiaomen::core::store
