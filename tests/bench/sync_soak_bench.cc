// Soak benchmark (issue 19 item 6), not a test: N enrolled profiles (real SQLCipher stores and
// photo vaults) record visits with photos and sync over and over through one link simulator that
// cuts every connection every few seconds, against one real `qiaomen-county serve`, for a given
// time. Then the cuts stop, every device syncs until it has nothing left, and it reports the
// changes and photos the devices made and the county stored (they must be equal: the exit status
// is 1 otherwise), the p50 and p99 of every HTTP exchange and of whole sync runs, and the
// server's resident memory at the start and the end.
//
//   build/ci/tests/qiaomen_sync_soak_bench --devices 20 --seconds 120 [--backend postgres]
//       [--cut-every-ms 4000] [--latency-ms 40] [--photo-bytes 40000]
//
// Devices are workers of their own grids (one household each), so what a device pulls is its
// own scope, as in a county. Defaults: 50 devices, 600 s, SQLite, a cut every 4 s.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "qiaomen/base/hex.h"
#include "qiaomen/server/sql_connection.h"
#include "qiaomen/sync/curl_transport.h"
#include "qiaomen/sync/sync_engine.h"
#include "qiaomen/testing/county_env.h"
#include "qiaomen/testing/http_client.h"
#include "qiaomen/testing/link_simulator.h"
#include "qiaomen/testing/temp_dir.h"
#include "tests/sync/profile_device.h"

namespace qiaomen::sync {
namespace {

using Steady = std::chrono::steady_clock;
using testing::PhotoBytes;
using testing::ProfileDevice;

constexpr char kTemplate[] = "household_winter";

struct Options {
  int devices = 50;
  int seconds = 600;
  bool postgres = false;
  int64_t cut_every_ms = 4000;
  int64_t latency_ms = 40;
  size_t photo_bytes = 40'000;
};

[[noreturn]] void Die(const std::string& what, const std::string& why) {
  std::fprintf(stderr, "sync_soak: %s: %s\n", what.c_str(), why.c_str());
  std::exit(2);
}

// The resident set of process `pid` in KiB (VmRSS), or -1.
int64_t RssKib(pid_t pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::atoll(line.c_str() + 6);
  }
  return -1;
}

// Times every exchange it passes on. Thread-safe.
class TimingTransport : public Transport {
 public:
  explicit TimingTransport(Transport& inner) : inner_(inner) {}
  core::Result<HttpResponse> Send(const HttpRequest& request) override {
    const auto t0 = Steady::now();
    auto result = inner_.Send(request);
    const double ms = std::chrono::duration<double, std::milli>(Steady::now() - t0).count();
    std::lock_guard lock(mu_);
    ms_.push_back(ms);
    return result;
  }
  std::vector<double> Take() {
    std::lock_guard lock(mu_);
    return std::move(ms_);
  }

 private:
  Transport& inner_;
  std::mutex mu_;
  std::vector<double> ms_;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  const size_t i = std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())));
  return v[i];
}

struct Device {
  std::unique_ptr<ProfileDevice> profile;
  std::string subject_id;
  int64_t photos_taken = 0;
  int64_t syncs = 0;
  int64_t failed_syncs = 0;
  std::vector<double> sync_ms;
};

std::string Enroll(qiaomen::testing::CountyEnv& env, uint16_t port, ProfileDevice& device,
                   const std::string& worker, const std::string& grid) {
  auto code = env.AddWorkerWithCode(worker, "grid_worker", "grids:T01-V01-" + grid);
  if (!code.ok()) Die("add worker", code.status().ToString());
  v1::EnrollRequest request;
  request.set_code(*code);
  request.set_device_id(device.device_id());
  request.set_device_public_key(device.public_key());
  auto reply = qiaomen::testing::HttpRequest(port, "POST", "/v1/enroll",
                                             {{"Content-Type", "application/x-protobuf"}},
                                             request.SerializeAsString());
  v1::EnrollResponse response;
  if (!reply.ok() || reply->status != 200 || !response.ParseFromString(reply->body)) {
    Die("enroll", reply.ok() ? reply->body : reply.status().ToString());
  }
  return response.token();
}

SyncReport RunOnce(Device& d, const std::string& url, Transport& transport, uint64_t seed,
                   int max_attempts) {
  SyncConfig config;
  config.server_url = url;
  config.token = d.profile->token;
  config.backoff = {.base_ms = 100, .cap_ms = 2000, .max_attempts = max_attempts};
  core::SeededRandom random(seed);
  SyncEngine engine(config, SyncDeps{.transport = transport,
                                     .store = d.profile->adapter(),
                                     .clock = d.profile->clock(),
                                     .random = random,
                                     .sleeper = RealSleeper()});
  engine.SetLink(LinkKind::kUnmetered);
  const auto t0 = Steady::now();
  SyncReport report = engine.Run();
  d.sync_ms.push_back(std::chrono::duration<double, std::milli>(Steady::now() - t0).count());
  ++d.syncs;
  if (!report.status.ok()) ++d.failed_syncs;
  return report;
}

int Main(const Options& o) {
  auto env = qiaomen::testing::CountyEnv::Create(o.postgres ? qiaomen::testing::Backend::kPostgres
                                                            : qiaomen::testing::Backend::kSqlite);
  if (!env.ok()) Die("county", env.status().ToString());
  std::string csv = "external_id,kind,town,village,grid,name,address,phone,members,tags\n";
  for (int i = 0; i < o.devices; ++i) {
    csv += "H-" + std::to_string(i) + ",household,T01:Qingshi,V01:Shangcun,G" + std::to_string(i) +
           ",Name " + std::to_string(i) + ",Hill Rd,,1,\n";
  }
  if ((*env)->ImportCsv(csv).exit_code != 0) Die("import", "import-subjects failed");
  if (!(*env)->PublishTemplate(kTemplate).ok()) Die("template", "publish failed");
  auto server = (*env)->StartServer();
  if (!server.ok()) Die("server", server.status().ToString());
  qiaomen::testing::LinkSimulator link("127.0.0.1", (*server)->port(),
                                       {.latency_ms = o.latency_ms, .bandwidth_bps = 0});
  if (!link.Start()) Die("link", "cannot listen");

  qiaomen::testing::TempDir dir;
  CurlTransport curl;
  TimingTransport timed(curl);
  std::vector<Device> devices(static_cast<size_t>(o.devices));
  for (int i = 0; i < o.devices; ++i) {
    Device& d = devices[static_cast<size_t>(i)];
    const std::string worker = "w" + std::to_string(i);
    d.profile = std::make_unique<ProfileDevice>(dir.Join(worker), worker);
    if (auto st = d.profile->Open(); !st.ok()) Die("profile", st.ToString());
    d.profile->token =
        Enroll(**env, (*server)->port(), *d.profile, worker, "G" + std::to_string(i));
    if (!RunOnce(d, link.url(), curl, 1, 20).status.ok()) Die("bootstrap", worker);
    auto subject = d.profile->store().GetSubjectByExternalId("H-" + std::to_string(i));
    if (!subject.ok()) Die("bootstrap", subject.status().ToString());
    d.subject_id = subject->id();
    d.sync_ms.clear();
    d.syncs = 0;
  }
  const int64_t rss_start = RssKib((*server)->pid());
  std::printf(
      "soak: %d devices, %d s, %s, latency %lld ms one way, cut every %lld ms; server RSS "
      "at start %lld KiB\n",
      o.devices, o.seconds, o.postgres ? "PostgreSQL" : "SQLite",
      static_cast<long long>(o.latency_ms), static_cast<long long>(o.cut_every_ms),
      static_cast<long long>(rss_start));
  std::fflush(stdout);

  link.CutEvery(o.cut_every_ms);
  const auto deadline = Steady::now() + std::chrono::seconds(o.seconds);
  std::atomic<bool> failed{false};
  std::vector<std::thread> threads;
  for (int i = 0; i < o.devices; ++i) {
    threads.emplace_back([&, i] {
      Device& d = devices[static_cast<size_t>(i)];
      uint64_t n = 0;
      while (Steady::now() < deadline) {
        const int photos = 1 + static_cast<int>(n % 2);
        std::vector<std::string> bytes;
        for (int p = 0; p < photos; ++p) {
          bytes.push_back(PhotoBytes(o.photo_bytes + n * 7 % 5000,
                                     (static_cast<uint64_t>(i) << 32) + n * 4 + p));
        }
        auto visit = d.profile->RecordVisit(d.subject_id, kTemplate, bytes);
        if (!visit.ok()) {
          std::fprintf(stderr, "w%d: %s\n", i, visit.status().ToString().c_str());
          failed = true;
          return;
        }
        d.photos_taken += photos;
        ++n;
        RunOnce(d, link.url(), timed, n, 30);  // a failed run leaves its work for the next
      }
    });
  }
  for (auto& t : threads) t.join();
  link.CutEvery(0);
  const std::vector<double> exchange_ms = timed.Take();
  std::vector<double> sync_ms;
  int64_t syncs = 0, failed_syncs = 0, photos_taken = 0, changes_made = 0;
  for (Device& d : devices) {
    sync_ms.insert(sync_ms.end(), d.sync_ms.begin(), d.sync_ms.end());
    syncs += d.syncs;
    failed_syncs += d.failed_syncs;
  }
  // The cuts stop: everything left goes now.
  for (int round = 0; round < 3; ++round) {
    for (Device& d : devices) RunOnce(d, link.url(), curl, 99, 40);
  }
  int64_t pending = 0;
  for (Device& d : devices) {
    photos_taken += d.photos_taken;
    changes_made += static_cast<int64_t>(d.profile->store().GetSyncState()->last_seq);
    pending += *d.profile->adapter().PendingChangeCount() +
               static_cast<int64_t>(d.profile->adapter().PendingPhotos()->size());
  }
  const int64_t rss_end = RssKib((*server)->pid());

  auto county = server::OpenSqlConnection(o.postgres ? (*env)->db_url()
                                                     : (*env)->data_dir() + "/data/county.db");
  if (!county.ok()) Die("county db", county.status().ToString());
  auto count = [&](const std::string& sql) {
    auto row = (*county)->QueryOne(sql);
    return row.ok() ? row->Int(0) : -1;
  };
  const int64_t changes_stored =
      count("SELECT count(*) FROM changes WHERE device_id IN (SELECT device_id FROM devices)");
  const int64_t changes_distinct = count(
      "SELECT count(DISTINCT change_id) FROM changes WHERE device_id IN (SELECT device_id FROM "
      "devices)");
  const int64_t photos_stored = count("SELECT count(*) FROM blobs");
  int64_t photo_files = 0;
  auto hashes = (*county)->Query("SELECT sha256, size FROM blobs");
  if (hashes.ok()) {
    for (const auto& row : *hashes) {
      const std::string hex = row.Text(0);
      std::ifstream f((*env)->data_dir() + "/data/blobs/" + hex.substr(0, 2) + "/" + hex.substr(2),
                      std::ios::binary | std::ios::ate);
      photo_files += f && static_cast<int64_t>(f.tellg()) == row.Int(1);
    }
  }
  const bool equal = changes_made == changes_stored && changes_stored == changes_distinct &&
                     photos_taken == photos_stored && photos_stored == photo_files &&
                     pending == 0 && !failed;
  std::printf(
      "changes: %lld made on the devices, %lld stored at the county (%lld distinct)\n"
      "photos:  %lld taken, %lld stored (%lld files of the right size)\n"
      "left on the devices after the final syncs: %lld\n"
      "sync runs: %lld during the soak (%lld ended in an error and were retried by the next), "
      "p50 %.0f ms, p99 %.0f ms\n"
      "HTTP exchanges: %zu, p50 %.1f ms, p99 %.1f ms; link cuts %d\n"
      "server RSS: %lld KiB at start, %lld KiB at the end (%+.1f %%)\n"
      "%s\n",
      static_cast<long long>(changes_made), static_cast<long long>(changes_stored),
      static_cast<long long>(changes_distinct), static_cast<long long>(photos_taken),
      static_cast<long long>(photos_stored), static_cast<long long>(photo_files),
      static_cast<long long>(pending), static_cast<long long>(syncs),
      static_cast<long long>(failed_syncs), Percentile(sync_ms, 0.5), Percentile(sync_ms, 0.99),
      exchange_ms.size(), Percentile(exchange_ms, 0.5), Percentile(exchange_ms, 0.99), link.cuts(),
      static_cast<long long>(rss_start), static_cast<long long>(rss_end),
      rss_start > 0
          ? 100.0 * static_cast<double>(rss_end - rss_start) / static_cast<double>(rss_start)
          : 0.0,
      equal ? "EQUAL: every change and photo made is stored once"
            : "NOT EQUAL: something was lost or doubled");
  return equal ? 0 : 1;
}

}  // namespace
}  // namespace qiaomen::sync

int main(int argc, char** argv) {
  qiaomen::sync::Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const char* value = argv[i + 1];
    if (flag == "--devices") {
      o.devices = std::atoi(value);
    } else if (flag == "--seconds") {
      o.seconds = std::atoi(value);
    } else if (flag == "--backend") {
      o.postgres = std::string(value) == "postgres";
    } else if (flag == "--cut-every-ms") {
      o.cut_every_ms = std::atoll(value);
    } else if (flag == "--latency-ms") {
      o.latency_ms = std::atoll(value);
    } else if (flag == "--photo-bytes") {
      o.photo_bytes = static_cast<size_t>(std::atoll(value));
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  return qiaomen::sync::Main(o);
}
