#pragma once
// Every worker the county has set up: the console's 人员与设备 page.

#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

// Every worker, by id. InvalidArgument when a stored scope does not parse.
core::Result<std::vector<Worker>> ListWorkers(SqlConnection& conn);

}  // namespace qiaomen::server
