#pragma once
// Who is who: admin units (town > village > grid), workers with their role and scope, one-time
// enrolment codes and enrolled devices with their bearer tokens. Tokens and codes are stored only
// as SHA-256 hashes. Thread-safe (each call takes its own pooled connection).

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/scope.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct Worker {
  std::string id;
  std::string name;
  std::string role;  // grid_worker | inspector | township | county
  Scope scope = Scope::County();
};

struct Device {
  std::string device_id;  // 16 bytes
  std::string worker_id;
  std::string public_key;  // Ed25519, 32 bytes
  std::string name;
  bool revoked = false;
  uint64_t applied_seq = 0;
};

// An authenticated device with its worker, as a request handler sees it.
struct Principal {
  Device device;
  Worker worker;
};

struct AdminUnitRow {
  std::string id, parent_id, name, level, town_id;
};

// An enrolled device as the county holds it, with the SHA-256 of its bearer token (32 raw bytes):
// what reading the device's offline bundles needs.
struct DeviceRecord {
  Principal principal;
  std::string token_sha256;
};

// Valid roles, checked by add-worker.
bool IsValidRole(const std::string& role);

// A worker (or a console staff member, who has the same shape) from the columns id, name, role,
// scope of `row`, starting at column `first`. InvalidArgument for a scope that does not parse.
core::Result<Worker> WorkerFromColumns(const SqlRow& row, size_t first = 0);

class Directory {
 public:
  Directory(Storage& storage, core::Clock& clock) : storage_(storage), clock_(clock) {}

  // Creates or renames an admin unit. Returns the town it belongs to.
  core::Status UpsertAdminUnit(SqlConnection& conn, const AdminUnitRow& unit);
  core::Result<AdminUnitRow> GetAdminUnit(SqlConnection& conn, const std::string& id);
  core::Result<std::vector<AdminUnitRow>> ListAdminUnits(SqlConnection& conn);

  // Adds or updates a worker. InvalidArgument for an unknown role, or a scope naming a town or
  // grid that does not exist (import the subjects first).
  core::Status AddWorker(const Worker& worker);
  core::Result<Worker> GetWorker(const std::string& id);

  // A new one-time code for `worker_id`, valid 24 hours. NotFound for an unknown worker. With
  // `device_id_text` (UUID or 32 hex digits) the code re-enrols that enrolled device only, without
  // its token (an administrator's decision), a revoked one too (it comes back with its unsent
  // work): NotFound for an unknown device.
  core::Result<std::string> IssueEnrollCode(const std::string& worker_id,
                                            const std::string& device_id_text = "");

  // Redeems a code: registers the device and returns its bearer token (the only time it exists
  // in clear). Unauthenticated for an unknown, used or expired code; InvalidArgument for a
  // malformed device id or key. A code enrols a new device id: PermissionDenied for an enrolled
  // one unless `current_token` is its token or the code was issued for that device (then its
  // token, key and worker are replaced), and for a revoked one unless the code was issued for it
  // (then it is no longer revoked, and its reinstatement is recorded for `devices`). A code
  // issued for a device enrols that device only. The code is used only when enrolment succeeds,
  // and once, also under concurrent requests.
  core::Result<std::string> Enroll(const std::string& code, const std::string& device_id,
                                   const std::string& public_key, const std::string& name,
                                   const std::string& current_token, Worker* worker_out);

  // The device and worker behind a token. Unauthenticated when unknown or revoked.
  core::Result<Principal> Authenticate(const std::string& token);

  // The device with id `device_id` (16 bytes). NotFound when unknown; Unauthenticated when
  // revoked (its bundles are refused like its requests).
  core::Result<DeviceRecord> FindDevice(const std::string& device_id);

  // Revokes a device by its id (hex or UUID text) and records when, with the seq the county had
  // applied from it, so that the work it sends after a re-enrolment can be reviewed
  // (admin/revoked_work.h). A revoked device stays as it is. NotFound when unknown.
  core::Status RevokeDevice(const std::string& device_id_text);

 private:
  Storage& storage_;
  core::Clock& clock_;
};

}  // namespace qiaomen::server
