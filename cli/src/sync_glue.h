#pragma once
// The profile as the sync engine sees it (a SyncStore over the device store and photo vault).

#include <memory>

#include "qiaomen/cli/profile_session.h"
#include "qiaomen/sync/sync_store.h"

namespace qiaomen::cli {

// A SyncStore over `session` (which must outlive it).
std::unique_ptr<sync::SyncStore> MakeSyncStore(ProfileSession& session);

}  // namespace qiaomen::cli
