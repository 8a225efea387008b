#pragma once
// The exit codes of the command-line programs (qiaomen and qiaomen-county): one table, each code
// one meaning, the same in both programs, printed by their --help and listed in the README.
// Pure functions: thread-safe.

#include <string>
#include <string_view>

#include "qiaomen/core/domain/labels.h"
#include "qiaomen/core/status.h"

namespace qiaomen::core {

enum class ExitCode : int {
  kOk = 0,
  kInvalidInput = 1,     // a file, value or record was refused; nothing was changed
  kUsage = 2,            // the command line: unknown command or option, an option's bad value
  kWrongPin = 3,         // wrong PIN, or the keys destroyed after too many wrong PINs
  kNetwork = 4,          // the county server could not be reached (nothing lost; try later)
  kRefusedByServer = 5,  // the server refused: code used or expired, device revoked, scope
  kLocalFailure = 6,     // the disk, the database or the program itself failed
};

// The code a failed command ends with, by its status: InvalidArgument, NotFound, AlreadyExists,
// FailedPrecondition, Aborted, Cancelled -> 1; Unauthenticated, DataLoss -> 3 (so a server's
// refusal of a token or code must be reported as PermissionDenied, see ServerRefusal);
// Unavailable, DeadlineExceeded -> 4; PermissionDenied -> 5; IOError, Corruption,
// ResourceExhausted, Internal -> 6. Ok -> 0.
ExitCode ExitCodeFor(const Status& status);

// The status a command returns when the county server refused its credentials (HTTP 401: an
// enrolment code used or expired, a revoked device): PermissionDenied, so that it exits 5 and not
// 3 like a wrong PIN. Other statuses are returned as they are.
Status ServerRefusal(const Status& status);

// The table for --help in `language`: "退出码…：\n  0  完成\n…" / "Exit codes ...:\n  0  done\n…".
// The English rows are the README's table, word for word.
std::string ExitCodeHelp(domain::Language language);

}  // namespace qiaomen::core
