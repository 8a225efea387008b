#pragma once
// POST /v1/sync without the HTTP: applies a device's push batch (idempotent per device seq, scope
// enforced per change, visits checked, mutable records merged) and answers with a pull page of
// changes in the device's scope (snapshot pages first for a new device or a changed scope).
// Thread-safe.

#include <memory>
#include <mutex>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/hlc.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/metrics.h"
#include "qiaomen/server/storage.h"
#include "qiaomen/v1/sync.pb.h"

namespace qiaomen::server {

class TemplateCache;

class SyncService {
 public:
  SyncService(Storage& storage, core::Clock& clock, Metrics& metrics);
  ~SyncService();

  // Errors: Unavailable/Internal when the database fails (nothing of the batch is applied then).
  // Rejected changes are results, not errors. A cursor this server did not make for this device
  // (forged, another device's, older than authenticated cursors) restarts a snapshot of the
  // device's scope, as an empty one does.
  core::Result<v1::SyncResponse> Sync(const Principal& principal, const v1::SyncRequest& request);

 private:
  core::Status Push(const Principal& principal, const v1::SyncRequest& request,
                    v1::SyncResponse& response);
  core::Status Pull(const Principal& principal, const v1::SyncRequest& request,
                    v1::SyncResponse& response);
  uint64_t Now();

  Storage& storage_;
  core::Clock& clock_;
  Metrics& metrics_;
  std::mutex hlc_mu_;
  core::HybridClock hlc_;
  // Compiled checklist templates for validating pushed visits.
  std::unique_ptr<TemplateCache> templates_;
};

}  // namespace qiaomen::server
