#include "qiaomen/testing/county_env.h"

#include <sodium.h>

#include <fstream>

#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/testing/postgres_server.h"

namespace qiaomen::testing {

const char* BackendName(Backend backend) {
  return backend == Backend::kSqlite ? "sqlite" : "postgres";
}

std::string RandomId() {
  std::string id(16, '\0');
  randombytes_buf(id.data(), id.size());
  return id;
}

core::Result<std::unique_ptr<CountyEnv>> CountyEnv::Create(Backend backend,
                                                           const std::string& county) {
  std::unique_ptr<CountyEnv> env(new CountyEnv());
  env->backend_ = backend;
  std::vector<std::string> args{"init", "--data", env->dir_.Join("data"), "--name", county};
  if (backend == Backend::kPostgres) {
    QM_ASSIGN_OR_RETURN(env->db_url_, PostgresServer::Shared().CreateDatabase());
    args.push_back("--db");
    args.push_back(env->db_url_);
  }
  CommandResult r = RunCounty(args);
  if (r.exit_code != 0) return core::Internal("init failed: " + r.out + r.err);
  return env;
}

CommandResult CountyEnv::Run(std::vector<std::string> args, const std::string& input) const {
  args.insert(args.begin() + (args.empty() ? 0 : 1), {"--data", dir_.path() + "/data"});
  return RunCounty(args, input);
}

CommandResult CountyEnv::ImportCsv(const std::string& csv) const {
  static int n = 0;
  std::string path = dir_.Join("import-" + std::to_string(n++) + ".csv");
  std::ofstream(path) << csv;
  return Run({"import-subjects", path});
}

core::Result<std::string> CountyEnv::AddWorkerWithCode(const std::string& id,
                                                       const std::string& role,
                                                       const std::string& scope) const {
  CommandResult add =
      Run({"add-worker", "--id", id, "--name", "Worker " + id, "--role", role, "--scope", scope});
  if (add.exit_code != 0) return core::Internal("add-worker failed: " + add.err);
  CommandResult code = Run({"enroll-code", "--worker", id});
  if (code.exit_code != 0) return core::Internal("enroll-code failed: " + code.err);
  std::string text = code.out;
  while (!text.empty() && text.back() == '\n') text.pop_back();
  return text;
}

core::Status CountyEnv::PublishTemplate(const std::string& id) const {
  std::string path = dir_.Join("template-" + id + ".json");
  std::ofstream(path) << R"({"id":")" << id << R"(","version":1,)"
                      << R"("title":{"zh":"入户检查","en":"Household check"},)"
                      << R"("subjectKind":"HOUSEHOLD","sections":[{"id":"main",)"
                      << R"("title":{"zh":"检查","en":"Check"},"items":[{"id":"stove",)"
                      << R"("kind":"YES_NO_NA","label":{"zh":"煤炉","en":"Coal stove"}}]}]})";
  CommandResult r = Run({"publish-template", path});
  if (r.exit_code != 0) return core::Internal("publish-template failed: " + r.out + r.err);
  return core::Status::Ok();
}

core::Result<std::unique_ptr<ServerProcess>> CountyEnv::StartServer(
    std::vector<std::string> extra_args) const {
  ServerProcessOptions options;
  options.data_dir = dir_.path() + "/data";
  options.extra_args = std::move(extra_args);
  return ServerProcess::Start(options);
}

TestDevice::TestDevice() : device_id_(RandomId()) {
  unsigned char pk[crypto_sign_PUBLICKEYBYTES], sk[crypto_sign_SECRETKEYBYTES];
  crypto_sign_keypair(pk, sk);
  public_key_.assign(reinterpret_cast<char*>(pk), sizeof pk);
  secret_key_.assign(reinterpret_cast<char*>(sk), sizeof sk);
  hlc_ = static_cast<uint64_t>(time(nullptr)) * 1000 << 16;
}

core::Result<v1::EnrollResponse> TestDevice::Enroll(uint16_t port, const std::string& code) {
  v1::EnrollRequest request;
  request.set_code(code);
  request.set_device_id(device_id_);
  request.set_device_public_key(public_key_);
  request.set_device_name("test phone");
  QM_ASSIGN_OR_RETURN(auto reply, HttpRequest(port, "POST", "/v1/enroll",
                                              {{"Content-Type", "application/x-protobuf"}},
                                              request.SerializeAsString()));
  if (reply.status != 200) {
    return core::Unauthenticated("enroll: HTTP " + std::to_string(reply.status) + " " + reply.body);
  }
  v1::EnrollResponse response;
  if (!response.ParseFromString(reply.body)) return core::Internal("enroll: unreadable response");
  token_ = response.token();
  worker_id_ = response.worker_id();
  return response;
}

core::Result<HttpReply> TestDevice::SyncRaw(uint16_t port, const v1::SyncRequest& request) {
  return HttpRequest(
      port, "POST", "/v1/sync",
      {{"Content-Type", "application/x-protobuf"}, {"Authorization", Authorization()}},
      request.SerializeAsString());
}

core::Result<v1::SyncResponse> TestDevice::Sync(uint16_t port,
                                                const std::vector<v1::Change>& changes,
                                                const std::string& cursor, uint32_t max_pull,
                                                bool want_missing_photos) {
  v1::SyncRequest request;
  request.set_want_missing_photos(want_missing_photos);
  for (const auto& c : changes) *request.add_changes() = c;
  request.set_cursor(cursor);
  request.set_max_pull(max_pull);
  request.set_device_hlc(hlc_);
  QM_ASSIGN_OR_RETURN(auto reply, SyncRaw(port, request));
  if (reply.status != 200) {
    return core::Unavailable("sync: HTTP " + std::to_string(reply.status) + " " + reply.body);
  }
  v1::SyncResponse response;
  if (!response.ParseFromString(reply.body)) return core::Internal("sync: unreadable response");
  if (response.server_hlc() > hlc_) hlc_ = response.server_hlc();
  return response;
}

v1::Change TestDevice::NewChange(v1::Entity entity, const std::string& record_id) {
  v1::Change change;
  change.set_change_id(RandomId());
  change.set_device_id(device_id_);
  change.set_seq(++seq_);
  change.set_hlc(++hlc_);
  change.set_device_time_ms(static_cast<int64_t>(time(nullptr)) * 1000);
  change.set_entity(entity);
  change.set_record_id(record_id);
  return change;
}

void TestDevice::Sign(v1::Visit& visit) const {
  visit.clear_device_signature();
  std::string bytes = core::evidence::CanonicalVisitBytes(visit);
  unsigned char sig[crypto_sign_BYTES];
  crypto_sign_detached(sig, nullptr, reinterpret_cast<const unsigned char*>(bytes.data()),
                       bytes.size(), reinterpret_cast<const unsigned char*>(secret_key_.data()));
  visit.set_device_signature(std::string(reinterpret_cast<char*>(sig), sizeof sig));
}

v1::Change TestDevice::NewVisit(const std::string& subject_id, const std::string& template_id,
                                const std::vector<std::string>& photo_sha256) {
  std::string id = RandomId();
  v1::Change change = NewChange(v1::ENTITY_VISIT, id);
  v1::Visit* visit = change.mutable_visit();
  visit->set_id(id);
  visit->set_subject_id(subject_id);
  visit->set_template_id(template_id);
  visit->set_template_version(1);
  visit->set_outcome(v1::CHECKED);
  int64_t now = static_cast<int64_t>(time(nullptr)) * 1000;
  visit->set_started_at_ms(now - 600000);
  visit->set_finished_at_ms(now);
  visit->set_worker_id(worker_id_);
  visit->set_device_id(device_id_);
  for (const auto& sha : photo_sha256) {
    auto* ref = visit->add_photos();
    ref->set_photo_id(RandomId());
    ref->set_sha256(sha);
  }
  Sign(*visit);
  return change;
}

std::string FindSubjectId(const std::vector<v1::Change>& changes, const std::string& external_id) {
  for (const auto& c : changes) {
    if (c.entity() != v1::ENTITY_SUBJECT || c.body_case() != v1::Change::kFields) continue;
    for (const auto& f : c.fields().fields()) {
      if (f.field() == "external_id" && f.value().text() == external_id) return c.record_id();
    }
  }
  return "";
}

}  // namespace qiaomen::testing
