#pragma once
// The PostgreSQL client programs a backup runs as child processes (pg_dump, pg_restore).

#include <string>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

// The path of the program `name`: the first on PATH, else in the newest /usr/lib/postgresql/N/bin.
// FailedPrecondition, saying how to install it, when there is none.
core::Result<std::string> FindPostgresTool(const std::string& name);

// Runs argv[0] (a path) with the arguments, stdin and stdout on /dev/null, and waits for it.
// Internal with the program's last error lines when it fails or cannot be started.
core::Status RunTool(const std::vector<std::string>& argv);

}  // namespace qiaomen::server
