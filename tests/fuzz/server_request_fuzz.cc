// Drives the county server's request handling with arbitrary bytes: the first byte picks the route
// and headers, the rest is the body. Runs the real router and handlers (enrol, sync, tus) on a
// SQLite store in a temporary directory, so decoding, validation and storage paths are all
// exercised. Any crash, sanitizer report or 5xx for client input is a bug.
#include <unistd.h>

#include <cstdint>
#include <cstdlib>
#include <memory>
#include <string>

#include "qiaomen/core/clock.h"
#include "qiaomen/server/api.h"
#include "qiaomen/server/http.h"

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
  }
  std::string dir;
  qiaomen::core::ManualClock clock{1'700'000'000'000};
  Metrics metrics;
  std::unique_ptr<Storage> storage;
  std::unique_ptr<Directory> directory;
  std::unique_ptr<SyncService> sync;
  std::unique_ptr<BlobStore> blobs;
  std::unique_ptr<RateLimiter> limiter;
  std::unique_ptr<ApiContext> context;
  Router router;
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static World world;
  if (size == 0) return 0;
  static const char* kPaths[] = {
      "/v1/enroll", "/v1/sync", "/v1/photos/", "/v1/health",
      "/v1/photos/0000000000000000000000000000000000000000000000000000000000000000"};
  static const char* kMethods[] = {"POST", "GET", "PATCH", "HEAD", "OPTIONS"};
  HttpRequest request;
  request.method = kMethods[data[0] % 5];
  request.path = request.target = kPaths[(data[0] / 5) % 5];
  request.body.assign(reinterpret_cast<const char*>(data + 1), size - 1);
  request.headers = {{"content-type", "application/x-protobuf"},
                     {"tus-resumable", "1.0.0"},
                     {"upload-length", std::to_string(size)},
                     {"upload-offset", "0"}};
  if (data[0] & 0x80) request.headers.push_back({"content-encoding", "gzip"});
  if (data[0] & 0x40) {
    // Header values taken from the input: the tus and auth parsers see arbitrary text.
    std::string text = request.body.substr(0, 80);
    request.headers.push_back({"authorization", "Bearer " + text});
    request.headers.push_back({"upload-metadata", text});
    request.headers.push_back({"upload-checksum", text});
  }
  std::string error = DecodeContentEncoding(request, 1 << 20);
  HttpResponse response = error.empty() ? world.router.Handle(request) : TextResponse(400, error);
  if (response.status >= 500 && response.status != 503) std::abort();
  return 0;
}
