#pragma once
// The server's tables, written once for both dialects.

#include "qiaomen/core/status.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

// Creates every table and index if missing. Idempotent.
core::Status CreateSchema(SqlConnection& conn);

}  // namespace qiaomen::server
