#pragma once
// A SqlConnection that counts each statement as a crash-point step (util/crash_points.h) before
// passing it on. SqlPool wraps its connections in it only when QIAOMEN_CRASH_AT is set.

#include <memory>

#include "qiaomen/server/sql_connection.h"

namespace qiaomen::server {

std::unique_ptr<SqlConnection> CountCrashPoints(std::unique_ptr<SqlConnection> inner);

}  // namespace qiaomen::server
