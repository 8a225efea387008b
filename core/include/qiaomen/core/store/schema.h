#pragma once
// The device store's schema as numbered migrations. Version N is reached by applying migrations
// 1..N in order, each in its own transaction together with `PRAGMA user_version = N`, so a crash
// leaves the database at a whole version. A database whose user_version is above what this build
// knows was written by a newer app: it is refused and not written to.

#include <span>
#include <string_view>

#include "qiaomen/core/sql/database.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core::store {

struct Migration {
  int version;           // 1, 2, 3, ... contiguous
  std::string_view why;  // one line for the log and for reviewers
  std::string_view sql;  // one or more statements, run inside the migration's transaction
};

// Every migration this build knows, ascending. Never edit a shipped one: add the next.
std::span<const Migration> Migrations();

// The version a fully migrated database has.
int LatestSchemaVersion();

// The database's user_version (0 for a new, empty database).
Result<int> SchemaVersion(sql::Database& db);

// Brings `db` to `target` (default: the latest). Each step is one transaction.
// Errors: FailedPrecondition, with nothing written, when the database is newer than this build
// knows ("This profile was written by a newer Qiaomen ...") or newer than `target`;
// InvalidArgument for a target this build does not know; the SQL error (and the database left at
// the last whole version) when a step fails.
Status Migrate(sql::Database& db, int target = -1);

}  // namespace qiaomen::core::store
