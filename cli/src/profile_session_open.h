#pragma once
// Opening the profile for a command, with the error a person needs when it fails.

#include <memory>

#include "qiaomen/cli/profile_session.h"

namespace qiaomen::cli {

// ProfileSession::Open, with "wrong PIN" and "no profile" errors worded for the command line.
core::Result<std::unique_ptr<ProfileSession>> OpenSession(CliContext& ctx);

}  // namespace qiaomen::cli
