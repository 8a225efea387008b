#pragma once
// The conflict log as township staff review it: each same-field edit that lost (by HLC, or to a
// domain rule such as "the higher severity stays") with the record, its household and town, the
// worker and device whose value lost; and the one correction a reviewer can make, sending the
// value that lost back to every device as the county's own later edit.

#include <cstdint>
#include <string>
#include <vector>

#include "admin/reviews.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/scope.h"
#include "qiaomen/server/storage.h"
#include "qiaomen/v1/change.pb.h"

namespace qiaomen::server {

struct ConflictRecord {
  int64_t id = 0;
  v1::Entity entity = v1::ENTITY_UNSPECIFIED;
  std::string record_id;    // raw bytes
  std::string field;        // "" for a record-level conflict (an update beat a delete)
  std::string kept, lost;   // printed values ("update" / "delete" for a record-level one)
  std::string lost_device;  // 16 raw bytes
  std::string lost_worker;  // "gw-wang 王网格"; "" when the device is unknown
  int64_t lost_hlc = 0;
  std::string rule;  // "lww" | "severity_max" | "update_beats_delete"
  int64_t at_ms = 0;
  std::string town_id;  // the record's town; "" when the record is not stored
  std::string subject;  // its household as DescribeSubject reads it
};

// The conflicts of records in `town` (every town when empty), newest first.
// Internal/Unavailable when the database cannot be read.
core::Result<std::vector<ConflictRecord>> ListConflicts(SqlConnection& conn,
                                                        const std::string& town);

// Sends the value that lost in conflict `conflict_id` back as the county's edit of that field,
// stamped after the value that won (so it wins everywhere, and devices pull it), and records
// `review` (action kReviewKeptLost) in the same transaction. NotFound when there is no such
// conflict in `scope`; FailedPrecondition for a record-level conflict (nothing to send: mark it
// reviewed), a field whose losing write is no longer in the log, or a record since deleted;
// AlreadyExists when the conflict was reviewed before. On error nothing is written.
core::Status KeepLostValue(Storage& storage, core::Clock& clock, core::Random& random,
                           int64_t conflict_id, const Scope& scope, Review review);

}  // namespace qiaomen::server
