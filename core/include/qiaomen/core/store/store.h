#pragma once
// The device store: the domain model of one enrolled profile over its SQLCipher database, and the
// change journal (outbox) the sync engine drains. Every mutation writes its record rows and its
// journal row(s) in ONE transaction, stamped with the persisted hybrid logical clock, so that after
// a crash either both are there or neither is, and sync delivers exactly what was saved.
//
// Mutable records (subject, task, hazard) keep one HLC register per field; append-only ones (visit,
// photo, hazard event) are written once. SQL never leaves this class.
//
// Thread safety: not thread-safe. One Store owns the profile's writer connection; callers
// serialise.

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "qiaomen/core/domain/hazard_state.h"
#include "qiaomen/core/evidence/photo_index.h"
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/merge/merge.h"
#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/status.h"
#include "qiaomen/core/store/store_types.h"
#include "qiaomen/core/uuid.h"
#include "qiaomen/v1/change.pb.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::core::store {

class Store final : public evidence::PhotoIndex {
 public:
  // Takes the open (keyed) database, migrates it to the latest schema and loads the HLC.
  // Errors: InvalidArgument when deps lack a clock, random or a 16-byte device id;
  // FailedPrecondition (nothing written) for a database from a newer app; SQL errors otherwise.
  static Result<std::unique_ptr<Store>> Open(sql::Database db, StoreDeps deps);
  ~Store() override;
  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

  const std::string& device_id() const { return deps_.device_id; }
  const std::string& worker_id() const { return deps_.worker_id; }
  // Who records on this device from now on (enrolment names the worker after the store exists).
  void set_worker_id(std::string worker_id) { deps_.worker_id = std::move(worker_id); }

  // --- Admin units and campaigns (whole records; normally they arrive from the county) ---------
  // Inserts or replaces. InvalidArgument for an empty id or a level other than town/village/grid.
  Status PutAdminUnit(const v1::AdminUnit& unit);
  Result<v1::AdminUnit> GetAdminUnit(const std::string& id);
  // The children of `parent_id` ("" for towns), by id.
  Result<std::vector<v1::AdminUnit>> ListAdminUnits(const std::string& parent_id);
  // Every unit of `level` ("town", "village" or "grid") on this device, by id: a device scoped to
  // grids holds its grids without their town and village.
  Result<std::vector<v1::AdminUnit>> ListAdminUnitsAtLevel(const std::string& level);
  Status PutCampaign(const v1::Campaign& campaign);
  Result<v1::Campaign> GetCampaign(const std::string& id);

  // --- Subjects (mutable: one register per field below `kind`) ---------------------------------
  // Creates a subject; makes its id when empty. InvalidArgument without kind, grid or name;
  // AlreadyExists for a taken id or external id. Returns the stored subject.
  Result<v1::Subject> CreateSubject(v1::Subject subject);
  // Writes every register field of `edited` that differs from the stored subject as one field-level
  // change. `seen` gives the stamps the editor saw (GetFieldStamps); without it, the current ones.
  // Returns the names of the changed fields (empty: nothing to write, no journal row).
  // NotFound for an unknown subject; InvalidArgument for a changed kind/external id or empty name.
  Result<std::vector<std::string>> UpdateSubject(const v1::Subject& edited,
                                                 const FieldStamps* seen = nullptr);
  // Tombstones a subject (a concurrent remote update will bring it back, flagged).
  Status DeleteSubject(const Uuid& id);
  // NotFound (a sentence naming the id) for an unknown or deleted subject.
  Result<v1::Subject> GetSubject(const Uuid& id);
  Result<v1::Subject> GetSubjectByExternalId(const std::string& external_id);
  Result<SubjectPage> ListSubjects(const SubjectQuery& query);
  // The register stamps of a subject, task or hazard (fields never stamped are absent).
  Result<FieldStamps> GetFieldStamps(v1::Entity entity, const Uuid& id);

  // --- Tasks (assignee and due_date are registers) ---------------------------------------------
  // NotFound for an unknown subject; InvalidArgument without template or assignee.
  Result<v1::Task> CreateTask(v1::Task task);
  Result<std::vector<std::string>> UpdateTask(const v1::Task& edited,
                                              const FieldStamps* seen = nullptr);
  Result<v1::Task> GetTask(const Uuid& id);
  // Open tasks of one grid's subjects, by subject name then task id; 50 a page by default.
  // `search` matches the subject's name, address or phone.
  Result<TaskPage> ListTasks(const TaskQuery& query);
  // Visited / remaining / return-visit counts of the tasks of `grid_id` ("" for every grid on
  // this device) assigned to `assignee` ("" for everyone).
  Result<TaskCounts> CountTasks(const std::string& grid_id, const std::string& assignee);

  // --- Visits (append-only) --------------------------------------------------------------------
  // Records a finished visit with its photos (input.photos), its derived hazards (each with a FOUND
  // event, and an ORDERED event when input.order_rectification and it has a deadline, or one
  // FIXED_ON_SITE event when input.fixed_on_site names its rule), closes its task unless the
  // outcome is nobody_home or refused, removes the draft of the same id, and journals all of
  // it in ONE transaction: after a crash either all of it is there or none of it. Errors: NotFound
  // for an unknown subject or task; InvalidArgument for a missing outcome, times out of order, a
  // GPS fix out of range, a checked visit without template id@version, a task of another subject,
  // a photo without id or SHA-256, door-knocking fields that domain::CheckDoorKnocking refuses
  // (a refused visit without its reason, ...), a fixed-on-site rule no derived hazard has or whose
  // after-photo is not among the photos; AlreadyExists for a visit or photo id already recorded. On
  // error nothing is written (photo files stay where they were: the caller collects them).
  Result<RecordedVisit> RecordVisit(VisitInput input);

  // --- Visit drafts (local only: never journaled, never synced) --------------------------------
  // Saves the draft `visit` (its id is the draft's; made when empty) as given, replacing the saved
  // one. Durable when it returns. InvalidArgument for a bad id; NotFound for an unknown subject or
  // task; AlreadyExists when a visit of that id is already recorded. Returns the draft's id.
  Result<std::string> SaveDraft(v1::Visit visit);
  // NotFound (a sentence) when there is no such draft.
  Result<VisitDraft> GetDraft(const Uuid& id);
  // Every draft, most recently updated first.
  Result<std::vector<VisitDraft>> ListDrafts();
  // Attaches a photo already sealed in the vault to the draft. NotFound for an unknown draft;
  // InvalidArgument for a photo without id, SHA-256 or size; AlreadyExists for a taken photo id.
  Status AddDraftPhoto(const Uuid& draft_id, const v1::Photo& sealed);
  // Detaches a draft photo (its file is then the caller's to delete). NotFound when absent.
  Status RemoveDraftPhoto(const Uuid& photo_id);
  // Forgets a draft and its photo rows; returns the ids of the photos it had (their files are the
  // caller's to delete). NotFound for an unknown draft.
  Result<std::vector<std::string>> DeleteDraft(const Uuid& id);
  Result<v1::Visit> GetVisit(const Uuid& id);
  // Newest first.
  Result<std::vector<v1::Visit>> ListVisits(const Uuid& subject_id);

  // --- Photos (evidence::PhotoIndex) -----------------------------------------------------------
  // Photo row and journal row in one transaction. InvalidArgument for a bad id or sha256;
  // AlreadyExists for a recorded id.
  Status RecordPhoto(const v1::Photo& meta) override;
  // True for a recorded photo and for a draft's photo (both have files the vault must keep).
  Result<bool> HasPhoto(const Uuid& id) override;
  Result<v1::Photo> GetPhoto(const Uuid& id);
  // Photos recorded on this device whose bytes the server has not confirmed, oldest first.
  // (Photos that arrived by pull are someone else's to upload.)
  Result<std::vector<v1::Photo>> PhotosAwaitingUpload();
  // The server holds the photo's bytes (verified). NotFound for an unknown photo. Idempotent.
  Status MarkPhotoUploaded(const Uuid& id);
  Result<std::vector<v1::Photo>> ListPhotos(const Uuid& visit_id);

  // --- Hazards (identity + registers deadline/severity/responsible; status from events) --------
  // Creates a hazard found outside a visit's derived list, with its FOUND event.
  Result<v1::Hazard> CreateHazard(v1::Hazard hazard);
  // Field-level update of severity, deadline, responsible, description.
  Result<std::vector<std::string>> UpdateHazard(const v1::Hazard& edited,
                                                const FieldStamps* seen = nullptr);
  Result<v1::Hazard> GetHazard(const Uuid& id);
  Result<std::vector<v1::Hazard>> ListHazards(const Uuid& subject_id);
  // Appends an event after checking the hazard state machine, with `photos` (sealed in the vault:
  // their rows and journal rows, their ids added to the event) in ONE transaction.
  // FailedPrecondition, with a sentence naming the current state and the refused step, for an
  // impossible transition (closing a hazard never rectified); NotFound for an unknown hazard. Makes
  // the id and at_ms when empty. On error nothing is written (photo files are the caller's to
  // collect).
  Result<v1::HazardEvent> AddHazardEvent(v1::HazardEvent event, std::vector<v1::Photo> photos = {});
  // In the order the state machine walks them (HLC stamp, then id).
  Result<std::vector<v1::HazardEvent>> ListHazardEvents(const Uuid& hazard_id);
  // The hazard's status and flags derived from its events. NotFound for an unknown hazard.
  Result<domain::HazardState> GetHazardState(const Uuid& id);

  // --- Outbox, for the sync engine -------------------------------------------------------------
  // Pending journal rows with seq > after_seq, ascending, at most max_count and (except for the
  // first) at most max_bytes of serialized payload. Quarantined and applied rows are skipped.
  Result<std::vector<v1::Change>> PendingChanges(uint64_t after_seq, size_t max_count,
                                                 size_t max_bytes);
  // The server holds every seq <= `seq`: pending rows up to it become applied. Never moves back.
  Status MarkAppliedThrough(uint64_t seq);
  // The county server applied this device's change `seq` with stamp `applied_hlc` instead of its
  // own (it re-bases stamps far in the future of its clock: this device's clock is fast). In ONE
  // transaction: the journal row, the merged fields it wrote (visible values recomputed) and a
  // hazard event it recorded take the server's stamp, so this device converges with the others.
  // No-op when the row already carries it, when `applied_hlc` is 0, or for an unknown seq.
  Status RebaseOwnChange(uint64_t seq, HlcStamp applied_hlc);
  // Takes a rejected row out of the queue with the server's reason, in ONE transaction with its
  // effects here: a refused register write leaves its record (the county and every other device
  // never had it; the record goes if that write made it, and it no longer keeps a record that left
  // the scope), and a refused visit reopens its task. NotFound for an unknown seq.
  Status Quarantine(uint64_t seq, const std::string& reason, const std::string& code);
  Result<std::vector<QuarantinedChange>> ListQuarantined();
  // Puts the refused row `seq` back in the queue, with the refused rows that depend on its record
  // (a refused visit's photos and hazards, their hazards' events and photos), parent first. In
  // ONE transaction each is journalled again under the next free seq with a new change id (a
  // change id names one seq; the record id stays, so the county links the resend to its refusal),
  // the refused rows keep their seqs marked as sent again (the seq line stays contiguous), and a
  // task the visit closes is closed again, and a register edit is in its record again. Returns the
  // new seqs in sending order. NotFound when `seq` is not a refused row.
  Result<std::vector<uint64_t>> Resend(uint64_t seq);

  // --- Sync state and pulled changes -----------------------------------------------------------
  Result<SyncState> GetSyncState();
  Status SetPullCursor(const std::string& cursor);
  Status SetServerEpoch(const std::string& epoch);
  Status SetLastSyncMillis(int64_t at_ms);
  // The county's IANA time zone as the server named it ("" until enrolment or a pull says).
  Status SetCountyTimeZone(const std::string& zone);
  // The highest own seq the county's last backup holds, as the server last said
  // (SyncState::backed_up_through).
  Status SetBackedUpThrough(uint64_t seq);
  // Lets go of delivered own changes (journal rows the server acknowledged): those up to the
  // county's last backup (SyncState::backed_up_through), then the oldest others while the rest
  // weigh more than `cap_bytes`. Pending and refused rows always stay. What goes is marked in
  // SyncState::released_through, so its seqs are never issued again and the server can be told
  // (after a restore) that this device no longer holds them. One transaction.
  Result<JournalRelease> ReleaseDelivered(int64_t cap_bytes);
  Result<std::string> CountyTimeZone();
  // Applies a page of remote changes, drops `removed_record_ids` (as RemoveOutOfScope) and stores
  // `next_cursor`, all in ONE transaction. Mutable records merge per field (merge::ApplyChange) and
  // losers go to the conflict log; append-only records are inserted if absent. Idempotent:
  // applying a page again changes nothing. Ratchets the HLC (except past far-future stamps).
  // `snapshot` pages (a whole scope, in several pages) are noted: the first page after them drops
  // the records no snapshot page named (they left the scope), as RemoveOutOfScope, and also keeps
  // what this device delivered after the snapshot began.
  // Errors (nothing applied, cursor unchanged): InvalidArgument naming the malformed change.
  Status ApplyPulledPage(const std::vector<v1::Change>& changes, const std::string& next_cursor,
                         const std::vector<std::string>& removed_record_ids = {},
                         bool snapshot = false);
  // Drops records that left this device's scope: a subject id takes its tasks, visits, photos,
  // hazards and events with it; another id drops that one record. Records this device has not yet
  // delivered (pending or quarantined journal rows) stay, and so do its photos whose bytes the
  // server has not confirmed (whatever the scope, a photo leaves only after that), and what they
  // hang on.
  Status RemoveOutOfScope(const std::vector<std::string>& record_ids);
  // The server was restored from a backup (a new `epoch`, or the same epoch with a mark below this
  // device's): in one transaction, forget the pull cursor, move the applied-through mark to
  // `server_applied_through` (rows above it, delivered or quarantined, become pending again for
  // replay, a refused register write merged into its record again; pending rows up to it applied)
  // and save `epoch`.
  Status ResetForNewEpoch(const std::string& epoch, uint64_t server_applied_through);
  // The server lists these photos (raw SHA-256) as referenced but not held (it lost them in a
  // restore): this device's own photos with those hashes wait for upload again. Idempotent.
  Status MarkPhotosMissingOnServer(const std::vector<std::string>& sha256s);
  // Pending (not applied, not quarantined) journal rows.
  Result<int64_t> PendingChangeCount();
  Result<std::vector<ConflictRecord>> ListConflicts();

  // --- Clock -----------------------------------------------------------------------------------
  // The highest HLC stamp issued or seen (persisted).
  HlcStamp LastHlc() const { return hlc_.last(); }
  // Ratchets the HLC to a stamp from the server and persists it. FailedPrecondition (no change)
  // when it is more than `max_skew_ms` in the future of the wall clock.
  Status ObserveHlc(HlcStamp remote, int64_t max_skew_ms = kDefaultMaxSkewMs);

  // The connection, for read-only checks by tests and the evidence module's integrity scan.
  sql::Database& database() { return db_; }

 private:
  // A cached prepared statement, rewound and unbound when the holder goes out of scope.
  class Scoped {
   public:
    explicit Scoped(sql::Statement* stmt) : stmt_(stmt) {}
    Scoped(Scoped&& other) noexcept : stmt_(other.stmt_) { other.stmt_ = nullptr; }
    Scoped& operator=(Scoped&&) = delete;
    ~Scoped() {
      if (stmt_ != nullptr) stmt_->Reset();
    }
    sql::Statement* operator->() const { return stmt_; }
    sql::Statement& operator*() const { return *stmt_; }

   private:
    sql::Statement* stmt_;
  };
  Store(sql::Database db, StoreDeps deps, HlcStamp last_hlc);
  static Status FillSubjectContact(sql::Database& db);

  // The cached statement for `sql` (a string literal: its address is the key). Not re-entrant for
  // one literal: do not call a function that uses the same statement while stepping it.
  Result<Scoped> Stmt(const char* sql);
  Uuid NewId();
  // Journals `change` (filled with change id, device id, seq, hlc, device time) inside the caller's
  // transaction. Returns the stamp used.
  Result<HlcStamp> Journal(v1::Change& change);
  // Inserts `change` (filled) as a pending journal row under its seq, change id and stamp.
  Status InsertJournalRow(const v1::Change& change);
  Status PersistHlc();
  Result<std::string> MetaText(const char* key);
  Status SetMeta(const char* key, const std::string& value);
  Status SetMetaInt(const char* key, int64_t value);
  Result<int64_t> MetaInt(const char* key);

  // Mutable records (subject, task, hazard) go through the merge for local edits and pulled
  // changes alike, so the write history the merge needs is always complete.
  Result<std::optional<merge::RecordState>> LoadState(v1::Entity entity,
                                                      const std::string& record_id);
  // Applies a journaled or pulled change to the record's merged state, then writes the state, its
  // registers, the record's row and the conflicts it completed. Inside the caller's transaction.
  Result<merge::MergeResult> MergeAndSave(const v1::Change& change);
  Status SaveRow(const merge::RecordState& state);
  // Persists a merged state: its blob, its field registers and its record row.
  Status SaveState(const merge::RecordState& state);
  // Journals and merges the creation of `record` (all its non-default fields).
  Status CreateFields(v1::Entity entity, const google::protobuf::Message& record);
  // Journals and merges the fields of `edited` that differ from the stored record.
  Result<std::vector<std::string>> UpdateFields(v1::Entity entity,
                                                const google::protobuf::Message& edited,
                                                const FieldStamps* seen);
  Status DeleteRecord(v1::Entity entity, const Uuid& id);
  // The stored row's record; NotFound naming the entity and id when absent or deleted.
  Status LoadRecord(v1::Entity entity, const std::string& id_bytes,
                    google::protobuf::Message& record);

  Status InsertVisit(const v1::Visit& visit);
  Status InsertPhoto(const v1::Photo& photo, bool uploaded);
  Status RecordPhotoInTxn(const v1::Photo& meta);
  Status DeleteDraftInTxn(const std::string& id);
  Status InsertHazardEvent(const v1::HazardEvent& event, HlcStamp hlc);
  Status UpsertAdminUnit(const v1::AdminUnit& unit);
  Status UpsertCampaign(const v1::Campaign& campaign);
  Result<v1::Hazard> CreateHazardInTxn(v1::Hazard hazard, int64_t found_at_ms);
  Result<std::vector<domain::HazardLogEntry>> LoadHazardLog(const std::string& hazard_id);
  Status ApplyPulledChange(const v1::Change& change);
  Status RemoveInTxn(const std::vector<std::string>& record_ids);
  Status TrackSnapshot(const std::vector<v1::Change>& changes, bool snapshot);
  // The journal entry `seq` (NotFound when there is none).
  Result<v1::Change> JournalEntry(uint64_t seq);
  // Takes this device's refused register write out of its record (merge::WithdrawStamp), with
  // the conflicts it made; a record made by that write alone goes.
  Status WithdrawOwnWrite(const v1::Change& change);
  Status MergeOwnJournal(merge::MergeResult& result);
  // Merges this device's refused register write into its record again (sent again, or judged
  // again after a restore), when the record is here or the write creates it.
  Status MergeBackResent(const v1::Change& change);

  sql::Database db_;
  StoreDeps deps_;
  HybridClock hlc_;
  std::unordered_map<const char*, std::unique_ptr<sql::Statement>> statements_;
};

}  // namespace qiaomen::core::store
