#pragma once
// Reads a new password for a command: on a terminal it is asked twice without echo; otherwise
// (scripts, tests) it is the first line of standard input. Never from the command line, where
// other users and the shell history would see it.

#include <string>

#include "qiaomen/core/status.h"

namespace qiaomen::server {

// InvalidArgument when the two entries differ or nothing was given; IOError when the terminal
// cannot be read.
core::Result<std::string> ReadNewPassword(const std::string& prompt);

}  // namespace qiaomen::server
