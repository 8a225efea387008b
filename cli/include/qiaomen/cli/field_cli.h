#pragma once
// The `qiaomen` field client's command line: dispatches subcommands, prints help, maps Status to
// exit codes (see command.h: 0 done, 1 failed, 2 usage, 3 wrong PIN, 4 server unreachable).

#include <ostream>
#include <string>
#include <vector>

#include "qiaomen/cli/command.h"

namespace qiaomen::cli {

// Runs `qiaomen ARGS...` (args exclude the program name) with the process's environment: the PIN
// from QIAOMEN_PIN or the terminal, the system clock, the OS random source. Writes results to
// `out` and errors, as sentences, to `err`.
int RunFieldCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err);

// The same with the seams given (tests). `base.data_dir` and friends are overridden by options.
int RunFieldCli(const std::vector<std::string>& args, CliContext& base);

}  // namespace qiaomen::cli
