#include "sync_glue.h"

#include "profile_sync_store.h"

namespace qiaomen::cli {

std::unique_ptr<sync::SyncStore> MakeSyncStore(ProfileSession& session) {
  return std::make_unique<ProfileSyncStore>(session.store(), session.vault());
}

}  // namespace qiaomen::cli
