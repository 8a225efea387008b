#pragma once
// The county's finished visits as people review them: each with where it was placed, whether its
// device signature verified on arrival, and its household or premises. The console's 走访记录
// lists them and shows one.

#include <optional>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/v1/records.pb.h"

namespace qiaomen::server {

struct VisitRecord {
  v1::Visit visit;
  std::string town_id, grid_id;
  // The visit's Ed25519 device signature (over its content and its photos' hashes) verified
  // against the key its device enrolled with when the county accepted it.
  bool signature_verified = false;
  std::string subject_name, subject_address, subject_external_id;  // "" when unknown here
};

// The visits in `town` (every town when empty), latest finished first (then by id). Corrupt
// stored visits are skipped. Internal/Unavailable when the database cannot be read.
core::Result<std::vector<VisitRecord>> ListVisitRecords(SqlConnection& conn,
                                                        const std::string& town);

// The visit with id `id` (16 bytes) in `town` (any town when empty). NotFound when there is no
// such visit or it is in another town (the caller cannot tell which); Corruption when it is
// unreadable; Internal/Unavailable when the database cannot be read.
core::Result<VisitRecord> FindVisitRecord(SqlConnection& conn, const std::string& town,
                                          const std::string& id);

// The stored photo metadata records with ids `ids` (16 bytes each) in `town` ("" any town), by
// id. Ids without a record (or in another town) are absent. Internal/Unavailable when the
// database cannot be read.
core::Result<std::vector<v1::Photo>> FindPhotoRecords(SqlConnection& conn, const std::string& town,
                                                      const std::vector<std::string>& ids);

// The photo records that name hazard `hazard_id` (16 bytes) in `town` ("" any town).
core::Result<std::vector<v1::Photo>> FindHazardPhotoRecords(SqlConnection& conn,
                                                            const std::string& town,
                                                            const std::string& hazard_id);

}  // namespace qiaomen::server
