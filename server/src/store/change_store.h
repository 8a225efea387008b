#pragma once
// The change log (the server's global order of accepted changes; its serial id is the pull
// cursor) and the records table (current state of each record, for snapshots and reports).
// All functions run inside the caller's transaction on `conn`.

#include <optional>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/v1/change.pb.h"
#include "store/record_state.h"

namespace qiaomen::server {

// Where a record lives: its town and grid (both empty for county-wide reference data) and the
// subject it is about.
struct Placement {
  std::string town_id;
  std::string grid_id;
  std::string subject_id;
};

struct StoredRecord {
  Placement placement;
  std::string state;     // merge::EncodeRecordState bytes for mutable records, empty otherwise
  std::string snapshot;  // a Change
  bool deleted = false;
  std::string evidence;
};

bool IsMutableEntity(v1::Entity entity);

// The stored record, or NotFound.
core::Result<StoredRecord> LoadRecord(SqlConnection& conn, v1::Entity entity,
                                      const std::string& record_id);
// The placement of a grid id from the admin units. NotFound when it is not a known grid.
core::Result<Placement> PlacementOfGrid(SqlConnection& conn, const std::string& grid_id);

// Inserts the change into the log (serialising log appends on PostgreSQL so ids commit in order)
// and returns its id. AlreadyExists when its change_id was stored before. The log is written
// before the record (PrepareRecord, AppendToLog, WriteRecord): no record changes without its entry.
core::Result<int64_t> AppendToLog(SqlConnection& conn, const v1::Change& change,
                                  const Placement& placement, int64_t now_ms);

// True for VISIT, PHOTO and HAZARD_EVENT: stored once, never changed.
bool IsAppendOnlyEntity(v1::Entity entity);

// The record write a change makes, worked out (and validated) before anything is stored.
struct PreparedRecord {
  v1::Change change;
  Placement placement;
  std::string state;
  std::string snapshot;
  bool deleted = false;
  std::string evidence;
  int64_t now_ms = 0;
  std::vector<core::merge::ConflictEntry> conflicts;
  bool moved = false;  // a stored subject changes town or grid: its records move with it
  Placement previous;  // where a moved subject was
};

// Merges a mutable record with the stored one, or takes an append-only record as it is.
// InvalidArgument (a rejection) when the merge refuses the change; nothing is written.
core::Result<PreparedRecord> PrepareRecord(SqlConnection& conn, const v1::Change& change,
                                           const Placement& placement, int64_t now_ms,
                                           const std::string& evidence = "");
// Writes a prepared record and its conflicts. An append-only record is inserted, never replaced:
// AlreadyExists when its id is stored already. A moved subject takes its records to the new place,
// and the log says so to both places: a Relocation entry in the old one (its devices drop the
// subject) and the whole state of the subject and its records in the new one (its devices get
// them complete, not as the single changed field).
core::Status WriteRecord(SqlConnection& conn, const PreparedRecord& prepared);

// Records which photo hashes a visit or photo change references (for photo lookups in scope).
core::Status AddPhotoRefs(SqlConnection& conn, const v1::Change& change);

// Whether two changes carry the same record content (entity, record id and body), whatever their
// envelopes (change id, seq, stamps).
bool SameChangeContent(const v1::Change& a, const v1::Change& b);

// Stores a rejected change with its reason, for review. Never drops it. Its record is noted as
// refused (RefusalOf), so that what depends on it is refused with it.
core::Status Quarantine(SqlConnection& conn, const v1::Change& change, const std::string& device_id,
                        const std::string& code, const std::string& reason, int64_t now_ms);

// Why the record `record_id` of `entity` was refused, when a device's change that made it was
// refused and the record is not stored; nullopt otherwise.
core::Result<std::optional<std::string>> RefusalOf(SqlConnection& conn, v1::Entity entity,
                                                   const std::string& record_id);

// A change made by the server itself (import, campaign): appended and applied.
core::Status RecordServerChange(SqlConnection& conn, v1::Change change, const Placement& placement,
                                const std::string& server_id, int64_t now_ms);

}  // namespace qiaomen::server
