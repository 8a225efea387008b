#include "qiaomen/core/exit_code.h"

namespace qiaomen::core {

ExitCode ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case Code::kOk:
      return ExitCode::kOk;
    case Code::kInvalidArgument:
    case Code::kNotFound:
    case Code::kAlreadyExists:
    case Code::kFailedPrecondition:
    case Code::kAborted:
    case Code::kCancelled:
      return ExitCode::kInvalidInput;
    case Code::kUnauthenticated:
    case Code::kDataLoss:
      return ExitCode::kWrongPin;
    case Code::kUnavailable:
    case Code::kDeadlineExceeded:
      return ExitCode::kNetwork;
    case Code::kPermissionDenied:
      return ExitCode::kRefusedByServer;
    case Code::kIOError:
    case Code::kCorruption:
    case Code::kResourceExhausted:
    case Code::kInternal:
      return ExitCode::kLocalFailure;
  }
  return ExitCode::kLocalFailure;
}

Status ServerRefusal(const Status& status) {
  if (status.code() != Code::kUnauthenticated) return status;
  return PermissionDenied(status.message());
}

std::string ExitCodeHelp() {
  return "Exit codes (the same for qiaomen and qiaomen-county):\n"
         "  0  done\n"
         "  1  invalid input: a file, value or record was refused; nothing was changed\n"
         "  2  usage: unknown command or option, a missing option or an option's bad value\n"
         "  3  wrong PIN, or the keys were destroyed after too many wrong PINs\n"
         "  4  the county server could not be reached; nothing was lost, try again later\n"
         "  5  refused by the county server: code used or expired, device revoked, out of scope\n"
         "  6  local failure: the disk, the database or the program itself failed\n"
         "With --json (qiaomen) or --format json (qiaomen-county) an error is also printed on\n"
         "standard output as {\"error\": {\"code\", \"exit_code\", \"message\"}}.\n";
}

}  // namespace qiaomen::core
