#pragma once
// The cheapest Argon2id cost libsodium accepts (1 pass, 8 KiB), so tests that create profiles do
// not spend a second per PIN. For tests only: production code has no way to ask for it.

#include "qiaomen/core/keys/profile_keys.h"

namespace qiaomen::testing {

// KdfParams for test profiles: set KeyOptions::kdf (or cli::CliContext::kdf) to it.
core::keys::KdfParams FastKdf();

}  // namespace qiaomen::testing
