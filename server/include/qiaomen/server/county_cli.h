#pragma once
// The `qiaomen-county` command line: dispatches subcommands, prints help, maps Status to exit
// codes.

#include <ostream>
#include <string>
#include <vector>

namespace qiaomen::server {

// Runs `qiaomen-county ARGS...` (args exclude the program name). Writes results to `out` and
// errors, as sentences, to `err`. Returns the process exit code: 0 success, 2 usage error, 1 other
// failure.
int RunCountyCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

}  // namespace qiaomen::server
