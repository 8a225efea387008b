#pragma once
// A county server data directory for one test, on SQLite or on a fresh database of the shared test
// PostgreSQL, plus a simulated device that enrols and syncs over real HTTP.
//
//   auto env = CountyEnv::Create(Backend::kPostgres);           // init done
//   env->Run({"import-subjects", csv_path});                      // --data added for you
//   auto server = env->StartServer();
//   TestDevice device; device.Enroll(server->port(), code);

#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"
#include "qiaomen/testing/county_server.h"
#include "qiaomen/testing/http_client.h"
#include "qiaomen/testing/temp_dir.h"
#include "qiaomen/v1/sync.pb.h"

namespace qiaomen::testing {

enum class Backend { kSqlite, kPostgres };
const char* BackendName(Backend backend);
// GoogleTest prints a parameter with this: "GetParam() = postgres" (ctest's test names).
inline void PrintTo(Backend backend, std::ostream* os) { *os << BackendName(backend); }

class CountyEnv {
 public:
  // A new data directory, `init`ed (on PostgreSQL: a fresh database, remembered by init).
  static core::Result<std::unique_ptr<CountyEnv>> Create(Backend backend,
                                                         const std::string& county = "Test County");

  const std::string& data_dir() const { return dir_.path(); }
  const std::string& db_url() const { return db_url_; }
  Backend backend() const { return backend_; }
  TempDir& dir() { return dir_; }

  // Runs `qiaomen-county args[0] --data DIR args[1..]` with `input` on its stdin.
  CommandResult Run(std::vector<std::string> args, const std::string& input = "") const;
  // Writes `csv` to a file and runs import-subjects on it.
  CommandResult ImportCsv(const std::string& csv) const;
  // add-worker + enroll-code; returns the code (or an error with the command's output).
  core::Result<std::string> AddWorkerWithCode(const std::string& id, const std::string& role,
                                              const std::string& scope) const;
  // Publishes a minimal valid checklist template (id, version 1) through publish-template.
  core::Status PublishTemplate(const std::string& id) const;

  core::Result<std::unique_ptr<ServerProcess>> StartServer(
      std::vector<std::string> extra_args = {}) const;

 private:
  CountyEnv() = default;
  Backend backend_ = Backend::kSqlite;
  TempDir dir_;
  std::string db_url_;
};

// A device as the server sees it: a 16-byte id, an Ed25519 key pair, a token after enrolment,
// and its outbox seq counter. Builds signed visits like the app does.
class TestDevice {
 public:
  TestDevice();
  const std::string& device_id() const { return device_id_; }
  const std::string& token() const { return token_; }
  const std::string& public_key() const { return public_key_; }
  // The libsodium 64-byte Ed25519 secret key, for tests that sign files as a device does (bundles).
  const std::string& secret_key() const { return secret_key_; }
  // The worker the device enrolled for (empty before Enroll): visits and hazard events name them.
  const std::string& worker_id() const { return worker_id_; }

  // POST /v1/enroll. Returns the response (token stored).
  core::Result<v1::EnrollResponse> Enroll(uint16_t port, const std::string& code);
  // POST /v1/sync with `changes` (seqs as given) and the cursor. Fails on non-200 with the body.
  // `want_missing_photos` asks for the photos the batch references that the server lacks.
  core::Result<v1::SyncResponse> Sync(uint16_t port, const std::vector<v1::Change>& changes,
                                      const std::string& cursor = "", uint32_t max_pull = 0,
                                      bool want_missing_photos = false);
  // The raw HTTP reply of a sync (to check status codes).
  core::Result<HttpReply> SyncRaw(uint16_t port, const v1::SyncRequest& request);

  // A change with the next seq, this device id, a fresh change id and hlc.
  v1::Change NewChange(v1::Entity entity, const std::string& record_id);
  // A finished, signed visit of `subject_id` with template `template_id` v1 and the photos'
  // sha256 digests (raw 32 bytes each). Answers none (the minimal template has optional items).
  v1::Change NewVisit(const std::string& subject_id, const std::string& template_id,
                      const std::vector<std::string>& photo_sha256 = {});
  // Signs `visit` in place with this device's key.
  void Sign(v1::Visit& visit) const;

  std::string Authorization() const { return "Bearer " + token_; }

 private:
  std::string device_id_;
  std::string public_key_;
  std::string secret_key_;
  std::string token_;
  std::string worker_id_;
  uint64_t seq_ = 0;
  uint64_t hlc_ = 0;
};

// The subject id for an external id, read from a pull (snapshot) of `changes`.
std::string FindSubjectId(const std::vector<v1::Change>& changes, const std::string& external_id);

// A 16-byte random id.
std::string RandomId();

}  // namespace qiaomen::testing
