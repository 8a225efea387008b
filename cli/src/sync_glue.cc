#include "sync_glue.h"

#include "qiaomen/sync/store_sync_adapter.h"

namespace qiaomen::cli {

std::unique_ptr<sync::SyncStore> MakeSyncStore(ProfileSession& session) {
  return std::make_unique<sync::StoreSyncAdapter>(session.store(), session.vault());
}

}  // namespace qiaomen::cli
