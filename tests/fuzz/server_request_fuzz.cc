// Drives the county server's request handling with arbitrary bytes: the first byte picks the route
// and headers, the rest is the body. Runs the real router and handlers (enrol, sync, tus) on a
// SQLite store in a temporary directory, so decoding, validation and storage paths are all
// exercised. Any crash, sanitizer report or 5xx for client input is a bug.
//
// The store holds a county with two subjects, a published checklist and an enrolled county-wide
// device; unless the input asks for arbitrary header text, requests carry that device's token, so
// /v1/sync bodies get past authentication into push (placement, scope, merge, signature and forms
// checks, quarantine) and pull. /v1/enroll bodies are decoded and checked against a live code.
#include <sodium.h>
#include <unistd.h>

#include <array>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/core/evidence/visit_signature.h"
#include "qiaomen/server/api.h"
#include "qiaomen/server/http.h"
#include "qiaomen/server/subject_import.h"
#include "qiaomen/testing/manual_clock.h"
#include "qiaomen/v1/sync.pb.h"

namespace {

using namespace qiaomen::server;

struct World {
  World() {
    char pattern[] = "/tmp/qiaomen-fuzz-XXXXXX";
    dir = mkdtemp(pattern);
    StorageOptions options;
    options.data_dir = dir + "/data";
    if (!Storage::Init(options, "Fuzz").ok()) std::abort();
    auto opened = Storage::Open(options);
    if (!opened.ok()) std::abort();
    storage = std::move(opened).value();
    directory = std::make_unique<Directory>(*storage, clock);
    sync = std::make_unique<SyncService>(*storage, clock, metrics);
    blobs = std::make_unique<BlobStore>(*storage, clock);
    limiter = std::make_unique<RateLimiter>(clock, 0, 1);
    context = std::make_unique<ApiContext>(
        ApiContext{*storage, clock, metrics, *directory, *sync, *blobs, *limiter});
    router = BuildApiRouter(*context);
    Populate();
  }
  // Subjects, a worker with a county scope, a device enrolled for it, a checklist, and a spare
  // enrolment code. Aborts on failure: the fuzzer would otherwise explore an empty server.
  void Populate() {
    const char* csv =
        "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
        "H-001,household,T01,V01,G01,Wang,1 Hill Rd,,3,coal_heating\n"
        "P-001,premises,T01,V01,G01,Shop,5 Main St,,0,\n";
    if (!ImportSubjectsCsv(*storage, clock, csv).ok()) std::abort();
    if (!directory->AddWorker(Worker{"w1", "Worker", "county", Scope::County()}).ok()) std::abort();
    auto code = directory->IssueEnrollCode("w1");
    if (!code.ok()) std::abort();
    std::array<uint8_t, 64> secret;
    std::array<uint8_t, 32> public_key;
    crypto_sign_keypair(public_key.data(), secret.data());
    key = std::make_unique<qiaomen::core::evidence::DeviceKey>(secret, public_key);
    auto enrolled = directory->Enroll(
        *code, kDeviceId, std::string(reinterpret_cast<const char*>(public_key.data()), 32),
        "fuzz phone", "", nullptr);
    if (!enrolled.ok()) std::abort();
    token = *enrolled;
    auto spare = directory->IssueEnrollCode("w1");
    if (!spare.ok()) std::abort();
    auto conn = storage->pool().Acquire();
    auto subject = conn->QueryOne("SELECT subject_id FROM subject_ids WHERE external_id = 'H-001'");
    if (!subject.ok()) std::abort();
    h001 = subject->Bytes(0);
    if (!conn->Exec("INSERT INTO templates (id, version, body, published_ms) VALUES ($1,1,$2,0)",
                    {Text("household_winter"), Text(kTemplate)})
             .ok()) {
      std::abort();
    }
  }
  static constexpr const char* kTemplate =
      R"({"id":"household_winter","version":1,"title":{"zh":"检查","en":"Check"},)"
      R"("subjectKind":"HOUSEHOLD","sections":[{"id":"main","title":{"zh":"检查","en":"Check"},)"
      R"("items":[{"id":"stove","kind":"YES_NO_NA","label":{"zh":"煤炉","en":"Stove"},)"
      R"("required":"true"},{"id":"rooms","kind":"INTEGER","label":{"zh":"房间","en":"Rooms"},)"
      R"("min":1,"max":20}]}]})";
  static inline const std::string kDeviceId = std::string(16, '\x01');
  std::string dir;
  qiaomen::testing::ManualClock clock{1'700'000'000'000};
  Metrics metrics;
  std::unique_ptr<Storage> storage;
  std::unique_ptr<Directory> directory;
  std::unique_ptr<SyncService> sync;
  std::unique_ptr<BlobStore> blobs;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<ApiContext> context;
  Router router;
  std::string token;
  std::string h001;  // the subject id of H-001
  std::unique_ptr<qiaomen::core::evidence::DeviceKey> key;
};

// Random ids cannot be guessed and signatures cannot be forged by a fuzzer: in a sync body, the
// 16 bytes "@@subject-H001@@" stand for H-001's id, and with bit 0x20 of the selector every visit
// is re-signed by the enrolled device, so inputs reach the forms checks behind the signature.
void Prepare(World& world, HttpRequest& request, bool sign) {
  static const std::string kMarker = "@@subject-H001@@";
  for (size_t at = request.body.find(kMarker); at != std::string::npos;
       at = request.body.find(kMarker, at + 16)) {
    request.body.replace(at, 16, world.h001);
  }
  if (!sign) return;
  qiaomen::v1::SyncRequest sync;
  if (!sync.ParseFromString(request.body)) return;
  for (auto& change : *sync.mutable_changes()) {
    if (!change.has_visit()) continue;
    change.set_device_id(World::kDeviceId);
    change.mutable_visit()->set_device_id(World::kDeviceId);
    change.mutable_visit()->set_worker_id("w1");  // the enrolled worker: past the author check
    world.key->SignVisit(*change.mutable_visit()).IgnoreError();
  }
  request.body = sync.SerializeAsString();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  if (size == 0) return 0;
  static const char* kPaths[] = {
      "/v1/enroll",
      "/v1/sync",
      "/v1/photos/",
      "/v1/health",
      "/v1/photos/0000000000000000000000000000000000000000000000000000000000000000",
      "/v1/photo-status"};
  static const char* kMethods[] = {"POST", "GET", "PATCH", "HEAD", "OPTIONS"};
  HttpRequest request;
  request.method = kMethods[data[0] % 5];
  request.path = request.target = kPaths[(data[0] / 5) % 6];
  request.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  request.headers = {{"content-type", "application/x-protobuf"},
                     {"tus-resumable", "1.0.0"},
                     {"upload-length", std::to_string(size)},
                     {"upload-offset", "0"}};
  if (data[0] & 0x80) request.headers.push_back({"content-encoding", "gzip"});
  if (!(data[0] & 0x40)) {
    request.headers.push_back({"authorization", "Bearer " + world.token});
  } else {
    // Header values taken from the input: the tus and auth parsers see arbitrary text.
    std::string text = request.body.substr(0, 80);
    request.headers.push_back({"authorization", "Bearer " + text});
    request.headers.push_back({"upload-metadata", text});
    request.headers.push_back({"upload-checksum", text});
  }
  std::string error = DecodeContentEncoding(request, 1 << 20);
  if (error.empty() && request.path == "/v1/sync") Prepare(world, request, data[0] & 0x20);
  if (error.empty()) {
    // The header check the listener runs before reading a body: it must not fail either.
    if (auto refused = CheckRequestHead(*world.context, request)) {
      if (refused->status >= 500 && refused->status != 503) std::abort();
    }
  }
  HttpResponse response = error.empty() ? world.router.Handle(request) : TextResponse(400, error);
  if (response.status >= 500 && response.status != 503) std::abort();
  return 0;
}
