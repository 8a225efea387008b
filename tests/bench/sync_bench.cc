// Sync benchmark (issue 6 item 8; DESIGN.md budgets), not a test: a real enrolled profile syncs
// with the real qiaomen-county process through the link simulator over loopback.
//   (a) a township's day: 300 visits and 900 photos of about 300 KB, 20 Mbit/s, 300 ms round trip;
//   (b) one worker's day in the hills: 30 visits and 90 photos of 100 KB, 1 Mbit/s, 300 ms,
//       without and with a cut every 15 s.
// Each scenario runs twice over one link: the metadata first (photos held, as on a metered link),
// then the photos. Reported: wall time against bytes / bandwidth, wire bytes against payload
// bytes, and round trips. QIAOMEN_SYNC_BENCH_SCALE (default 1) scales the visit and photo counts;
// QIAOMEN_SYNC_BENCH_ONLY=a|b runs one scenario.
//
//   ./build/release/tests/qiaomen_sync_bench

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>

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

constexpr char kCsv[] =
    "external_id,kind,town,village,grid,name,address,phone,members,tags\n"
    "H-001,household,T01:Qingshi,V01:Shangcun,G01,Wang Fang,1 Hill Rd,13800000001,3,coal_heating\n";
constexpr char kTemplate[] = "household_winter";

struct Scenario {
  const char* name;
  int visits;
  int photos_per_visit;
  size_t photo_bytes;
  qiaomen::testing::LinkProfile link;
  int64_t cut_every_ms;
};

void Die(const std::string& what, const core::Status& status) {
  std::fprintf(stderr, "sync_bench: %s: %s\n", what.c_str(), status.ToString().c_str());
  std::exit(1);
}

std::string Enroll(qiaomen::testing::CountyEnv& env, uint16_t port, ProfileDevice& device) {
  auto code = env.AddWorkerWithCode("w1", "grid_worker", "grids:T01-V01-G01");
  if (!code.ok()) Die("add worker", code.status());
  v1::EnrollRequest request;
  request.set_code(*code);
  request.set_device_id(device.device_id());
  request.set_device_public_key(device.public_key());
  auto reply = qiaomen::testing::HttpRequest(port, "POST", "/v1/enroll",
                                             {{"Content-Type", "application/x-protobuf"}},
                                             request.SerializeAsString());
  if (!reply.ok()) Die("enroll", reply.status());
  v1::EnrollResponse response;
  if (reply->status != 200 || !response.ParseFromString(reply->body)) {
    Die("enroll", core::Internal("HTTP " + std::to_string(reply->status) + " " + reply->body));
  }
  return response.token();
}

struct Phase {
  SyncReport report;
  double seconds = 0;
  int64_t up = 0, down = 0;  // bytes through the link
};

Phase RunPhase(ProfileDevice& device, SyncConfig config, LinkKind link_kind,
               qiaomen::testing::LinkSimulator& link, CurlTransport& transport) {
  core::SeededRandom random(7);
  SyncEngine engine(config, SyncDeps{.transport = transport,
                                     .store = device.adapter(),
                                     .clock = device.clock(),
                                     .random = random,
                                     .sleeper = RealSleeper()});
  engine.SetLink(link_kind);
  Phase phase;
  const int64_t up0 = link.upstream_bytes(), down0 = link.downstream_bytes();
  const auto t0 = Steady::now();
  phase.report = engine.Run();
  phase.seconds = std::chrono::duration<double>(Steady::now() - t0).count();
  phase.up = link.upstream_bytes() - up0;
  phase.down = link.downstream_bytes() - down0;
  if (!phase.report.status.ok()) Die("sync", phase.report.status);
  return phase;
}

void RunScenario(const Scenario& s, double scale) {
  const int visits = std::max(1, static_cast<int>(std::lround(s.visits * scale)));
  auto env = qiaomen::testing::CountyEnv::Create(qiaomen::testing::Backend::kSqlite);
  if (!env.ok()) Die("county", env.status());
  if ((*env)->ImportCsv(kCsv).exit_code != 0) Die("import", core::Internal("import failed"));
  if (auto st = (*env)->PublishTemplate(kTemplate); !st.ok()) Die("template", st);
  auto server = (*env)->StartServer();
  if (!server.ok()) Die("server", server.status());
  qiaomen::testing::LinkSimulator link("127.0.0.1", (*server)->port());
  if (!link.Start()) Die("link", core::Internal("cannot listen"));

  qiaomen::testing::TempDir dir;
  ProfileDevice device(dir.Join("device"), "w1");
  if (auto st = device.Open(); !st.ok()) Die("profile", st);
  SyncConfig config;
  config.server_url = link.url();
  config.token = Enroll(**env, (*server)->port(), device);
  config.backoff = {.base_ms = 200, .cap_ms = 3000, .max_attempts = 200};
  CurlTransport transport;
  RunPhase(device, config, LinkKind::kUnmetered, link, transport);  // bootstrap, unshaped
  auto subject = device.store().GetSubjectByExternalId("H-001");
  if (!subject.ok()) Die("bootstrap", subject.status());

  int64_t photo_payload = 0;
  for (int v = 0; v < visits; ++v) {
    std::vector<std::string> photos;
    for (int p = 0; p < s.photos_per_visit; ++p) {
      photos.push_back(PhotoBytes(s.photo_bytes, static_cast<uint64_t>(v * 16 + p + 1)));
      photo_payload += static_cast<int64_t>(s.photo_bytes);
    }
    auto visit = device.RecordVisit(subject->id(), kTemplate, photos);
    if (!visit.ok()) Die("record visit", visit.status());
  }
  int64_t change_payload = 0;
  auto batch = device.adapter().NextOutboxBatch(1'000'000, size_t{1} << 40);
  if (!batch.ok()) Die("outbox", batch.status());
  for (const auto& c : *batch) change_payload += static_cast<int64_t>(c.ByteSizeLong());

  link.SetProfile(s.link);
  if (s.cut_every_ms > 0) link.CutEvery(s.cut_every_ms);
  SyncConfig metadata_config = config;
  metadata_config.photos_wifi_only = true;  // photos held: the metadata alone
  Phase meta = RunPhase(device, metadata_config, LinkKind::kMetered, link, transport);
  Phase photos = RunPhase(device, config, LinkKind::kUnmetered, link, transport);
  link.CutEvery(0);

  const double bps = static_cast<double>(s.link.bandwidth_bps);
  const double ideal = static_cast<double>(change_payload + photo_payload) * 8 / bps;
  const double wall = meta.seconds + photos.seconds;
  std::printf("\n== %s: %d visits, %d photos of %zu B, %.1f Mbit/s, %lld ms RTT%s\n", s.name,
              visits, visits * s.photos_per_visit, s.photo_bytes, bps / 1e6,
              static_cast<long long>(2 * s.link.latency_ms),
              s.cut_every_ms > 0
                  ? (", cut every " + std::to_string(s.cut_every_ms / 1000) + " s").c_str()
                  : "");
  std::printf(
      "metadata: %lld changes, %lld payload B -> %lld B up + %lld B down, %lld round "
      "trips, %.2f s\n",
      static_cast<long long>(meta.report.changes_pushed), static_cast<long long>(change_payload),
      static_cast<long long>(meta.up), static_cast<long long>(meta.down),
      static_cast<long long>(meta.report.round_trips), meta.seconds);
  std::printf(
      "photos:   %lld uploaded, %lld payload B -> %lld B up (x%.4f), %lld B down, %lld "
      "round trips, %lld chunks re-sent, %lld retries, %.2f s\n",
      static_cast<long long>(photos.report.photos_uploaded), static_cast<long long>(photo_payload),
      static_cast<long long>(photos.up),
      static_cast<double>(photos.up) / static_cast<double>(photo_payload),
      static_cast<long long>(photos.down), static_cast<long long>(photos.report.round_trips),
      static_cast<long long>(photos.report.chunks_resent),
      static_cast<long long>(photos.report.retries), photos.seconds);
  std::printf("total:    wall %.2f s vs bytes/bandwidth %.2f s = x%.3f; link cuts %d\n", wall,
              ideal, wall / ideal, link.cuts());
}

}  // namespace
}  // namespace qiaomen::sync

int main() {
  using qiaomen::sync::Scenario;
  const char* scale_env = std::getenv("QIAOMEN_SYNC_BENCH_SCALE");
  const double scale = scale_env != nullptr ? std::atof(scale_env) : 1.0;
  const char* only_env = std::getenv("QIAOMEN_SYNC_BENCH_ONLY");
  const std::string only = only_env != nullptr ? only_env : "";
  const Scenario scenarios[] = {
      {"(a) township's day", 300, 3, 300'000, {.latency_ms = 150, .bandwidth_bps = 20'000'000}, 0},
      {"(b) worker in the hills",
       30,
       3,
       100'000,
       {.latency_ms = 150, .bandwidth_bps = 1'000'000},
       0},
      {"(b) worker in the hills, cut every 15 s",
       30,
       3,
       100'000,
       {.latency_ms = 150, .bandwidth_bps = 1'000'000},
       15'000},
  };
  for (const Scenario& s : scenarios) {
    if (!only.empty() && std::string(s.name).find("(" + only + ")") == std::string::npos) continue;
    qiaomen::sync::RunScenario(s, scale);
  }
  return 0;
}
