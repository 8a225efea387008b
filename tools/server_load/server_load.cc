// qiaomen-server-load: N simulated devices over loopback, each pushing a day's work (50 signed
// visits, each with a photo uploaded over tus) at the same moment, against a real
// `qiaomen-county serve` on SQLite or on a private PostgreSQL. Prints accepted changes per second,
// request latency p50/p99 and errors, then checks that the server's report accounts for
// everything sent. Not a test: run it by hand (see docs/server-api.md).
//
//   qiaomen-server-load --devices 50 --backend sqlite [--visits 50] [--photo-bytes 30000]
#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <memory>
#include <mutex>
#include <sstream>
#include <thread>
#include <vector>

#include "qiaomen/base/base64.h"
#include "qiaomen/base/sha1.h"
#include "qiaomen/core/args.h"
#include "qiaomen/testing/county_env.h"

namespace beast = boost::beast;
namespace http = beast::http;
namespace net = boost::asio;
using tcp = net::ip::tcp;
using qiaomen::testing::Backend;

namespace {

using Clock = std::chrono::steady_clock;

// One keep-alive connection per device, reconnecting when the server closes it.
class Connection {
 public:
  explicit Connection(uint16_t port)
      : port_(port), stream_(std::make_unique<beast::tcp_stream>(ioc_)) {}
  // Returns the status (0 on a transport error) and fills `body`/`headers`.
  int Send(http::verb verb, const std::string& target,
           const std::vector<std::pair<std::string, std::string>>& headers, const std::string& body,
           std::string* response_body, std::string* location = nullptr) {
    for (int attempt = 0; attempt < 2; ++attempt) {
      try {
        if (!connected_) {
          stream_->connect(tcp::endpoint(net::ip::make_address("127.0.0.1"), port_));
          connected_ = true;
        }
        stream_->expires_after(std::chrono::seconds(120));
        http::request<http::string_body> req{verb, target, 11};
        req.set(http::field::host, "127.0.0.1");
        for (const auto& [k, v] : headers) req.set(k, v);
        req.body() = body;
        req.prepare_payload();
        http::write(*stream_, req);
        http::response<http::string_body> res;
        http::read(*stream_, buffer_, res);
        if (response_body) *response_body = res.body();
        if (location) *location = std::string(res[http::field::location]);
        if (auto retry = res.find("Retry-After"); retry != res.end() && res.result_int() == 429) {
          std::this_thread::sleep_for(std::chrono::seconds(std::stoi(std::string(retry->value()))));
        }
        if (!res.keep_alive()) Close();
        return static_cast<int>(res.result_int());
      } catch (const std::exception&) {
        Close();
      }
    }
    return 0;
  }

 private:
  void Close() {
    beast::error_code ec;
    stream_->socket().close(ec);
    stream_ = std::make_unique<beast::tcp_stream>(ioc_);
    buffer_.clear();
    connected_ = false;
  }
  uint16_t port_;
  net::io_context ioc_;
  std::unique_ptr<beast::tcp_stream> stream_;
  beast::flat_buffer buffer_;
  bool connected_ = false;
};

struct Stats {
  std::mutex mu;
  std::vector<double> sync_ms, photo_ms;
  int64_t applied = 0, rejected = 0, errors = 0, photos = 0;
};

double Percentile(std::vector<double> v, double p) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[std::min(v.size() - 1, static_cast<size_t>(p * static_cast<double>(v.size())))];
}

int Run(int argc, char** argv) {
  std::vector<std::string> raw(argv + 1, argv + argc);
  auto args = qiaomen::core::Args::Parse(
      raw, {{"devices", "backend", "visits", "photo-bytes", "batch"}, {"help"}});
  if (!args.ok() || args->Has("help")) {
    std::cerr << "Usage: qiaomen-server-load --devices N --backend sqlite|postgres [--visits 50]\n"
                 "         [--photo-bytes 30000] [--batch 25]\n";
    return args.ok() ? 0 : 2;
  }
  int devices = std::stoi(args->Get("devices").value_or("50"));
  int visits = std::stoi(args->Get("visits").value_or("50"));
  size_t photo_bytes = std::stoul(args->Get("photo-bytes").value_or("30000"));
  int batch = std::stoi(args->Get("batch").value_or("25"));
  Backend backend =
      args->Get("backend").value_or("sqlite") == "postgres" ? Backend::kPostgres : Backend::kSqlite;
  auto env = qiaomen::testing::CountyEnv::Create(backend, "Load County");
  if (!env.ok()) {
    std::cerr << env.status().ToString() << "\n";
    return 1;
  }
  // One grid and one household per device.
  std::ostringstream csv;
  csv << "external_id,kind,town,village,grid,name,address,phone,members,tags\n";
  for (int d = 0; d < devices; ++d) {
    csv << "H-" << d << ",household,T01,V" << d / 20 << ",G" << d << ",Name " << d << ",Addr,,2,\n";
  }
  auto imported = (*env)->ImportCsv(csv.str());
  if (imported.exit_code != 0 || !(*env)->PublishTemplate("household_winter").ok()) {
    std::cerr << "setup failed: " << imported.err << "\n";
    return 1;
  }
  auto server =
      (*env)->StartServer({"--rate-limit", "0", "--workers", "8", "--anonymous-rate-limit", "0",
                           "--max-connections-per-address", "0"});
  if (!server.ok()) {
    std::cerr << server.status().ToString() << "\n";
    return 1;
  }
  uint16_t port = (*server)->port();
  std::vector<std::unique_ptr<qiaomen::testing::TestDevice>> phones;
  std::vector<std::string> subjects;
  for (int d = 0; d < devices; ++d) {
    std::string grid = "T01-V" + std::to_string(d / 20) + "-G" + std::to_string(d);
    auto code = (*env)->AddWorkerWithCode("w" + std::to_string(d), "grid_worker", "grids:" + grid);
    auto phone = std::make_unique<qiaomen::testing::TestDevice>();
    if (!code.ok() || !phone->Enroll(port, *code).ok()) {
      std::cerr << "enrolment failed for device " << d << "\n";
      return 1;
    }
    auto pulled = phone->Sync(port, {});
    std::vector<qiaomen::v1::Change> changes(pulled->changes().begin(), pulled->changes().end());
    subjects.push_back(qiaomen::testing::FindSubjectId(changes, "H-" + std::to_string(d)));
    phones.push_back(std::move(phone));
  }
  std::cout << "setup: " << devices << " devices enrolled on " << BackendName(backend) << "\n";

  Stats stats;
  std::atomic<int> ready{0};
  std::atomic<bool> go{false};
  std::vector<std::thread> threads;
  for (int d = 0; d < devices; ++d) {
    threads.emplace_back([&, d] {
      auto& phone = *phones[d];
      // Prepare the day's work before the start signal: photos and signed visits.
      std::vector<std::string> photos;
      std::vector<qiaomen::v1::Change> changes;
      for (int v = 0; v < visits; ++v) {
        std::string photo(photo_bytes, '\0');
        randombytes_buf(photo.data(), photo.size());
        std::string sha(32, '\0');
        crypto_hash_sha256(reinterpret_cast<unsigned char*>(sha.data()),
                           reinterpret_cast<const unsigned char*>(photo.data()), photo.size());
        changes.push_back(phone.NewVisit(subjects[d], "household_winter", {sha}));
        photos.push_back(std::move(photo));
      }
      Connection conn(port);
      ++ready;
      while (!go) std::this_thread::yield();
      std::vector<std::pair<std::string, std::string>> sync_headers = {
          {"Content-Type", "application/x-protobuf"}, {"Authorization", phone.Authorization()}};
      // Metadata first (as the app does), then the photos.
      for (int start = 0; start < visits; start += batch) {
        qiaomen::v1::SyncRequest request;
        for (int i = start; i < std::min(visits, start + batch); ++i)
          *request.add_changes() = changes[i];
        std::string body;
        auto t0 = Clock::now();
        int status = conn.Send(http::verb::post, "/v1/sync", sync_headers,
                               request.SerializeAsString(), &body);
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        qiaomen::v1::SyncResponse response;
        std::lock_guard lock(stats.mu);
        stats.sync_ms.push_back(ms);
        if (status != 200 || !response.ParseFromString(body)) {
          ++stats.errors;
          continue;
        }
        for (const auto& r : response.results()) {
          if (r.outcome() == qiaomen::v1::ChangeResult::APPLIED)
            ++stats.applied;
          else
            ++stats.rejected;
        }
      }
      for (const auto& photo : photos) {
        std::string sha(32, '\0');
        crypto_hash_sha256(reinterpret_cast<unsigned char*>(sha.data()),
                           reinterpret_cast<const unsigned char*>(photo.data()), photo.size());
        std::vector<std::pair<std::string, std::string>> h = {
            {"Authorization", phone.Authorization()},
            {"Tus-Resumable", "1.0.0"},
            {"Upload-Length", std::to_string(photo.size())},
            {"Upload-Metadata", "sha256 " + qiaomen::base::Base64Encode(sha)}};
        auto t0 = Clock::now();
        std::string body, location;
        int created = conn.Send(http::verb::post, "/v1/photos/", h, "", &body, &location);
        std::vector<std::pair<std::string, std::string>> p = {
            {"Authorization", phone.Authorization()},
            {"Tus-Resumable", "1.0.0"},
            {"Content-Type", "application/offset+octet-stream"},
            {"Upload-Offset", "0"},
            {"Upload-Checksum", "sha1 " + qiaomen::base::Base64Encode(qiaomen::base::Sha1(photo))}};
        int patched = created == 201 ? conn.Send(http::verb::patch, location, p, photo, &body) : 0;
        double ms = std::chrono::duration<double, std::milli>(Clock::now() - t0).count();
        std::lock_guard lock(stats.mu);
        stats.photo_ms.push_back(ms);
        if (patched == 204)
          ++stats.photos;
        else
          ++stats.errors;
      }
    });
  }
  while (ready < devices) std::this_thread::sleep_for(std::chrono::milliseconds(10));
  auto start = Clock::now();
  go = true;
  for (auto& t : threads) t.join();
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();

  auto report = (*env)->Run({"report", "--format", "json"});
  int64_t expected = static_cast<int64_t>(devices) * visits;
  auto has = [&](const std::string& key, int64_t n) {
    return report.out.find("\"" + key + "\":" + std::to_string(n) + ",") != std::string::npos ||
           report.out.find("\"" + key + "\":" + std::to_string(n) + "}") != std::string::npos;
  };
  bool accounted = has("visits", expected) && has("photos_pending", 0) &&
                   has("evidence_verified", expected) && has("quarantined_changes", 0);
  std::printf(
      "backend=%s devices=%d visits/device=%d photo_bytes=%zu\n"
      "  wall %.2f s; accepted changes %lld (%.0f/s); rejected %lld; photos %lld (%.0f/s); "
      "errors %lld\n"
      "  sync  latency p50 %.1f ms p99 %.1f ms (%zu requests)\n"
      "  photo latency p50 %.1f ms p99 %.1f ms (create+patch, %zu uploads)\n"
      "  report accounts for everything sent: %s\n",
      BackendName(backend), devices, visits, photo_bytes, seconds,
      static_cast<long long>(stats.applied), static_cast<double>(stats.applied) / seconds,
      static_cast<long long>(stats.rejected), static_cast<long long>(stats.photos),
      static_cast<double>(stats.photos) / seconds, static_cast<long long>(stats.errors),
      Percentile(stats.sync_ms, 0.5), Percentile(stats.sync_ms, 0.99), stats.sync_ms.size(),
      Percentile(stats.photo_ms, 0.5), Percentile(stats.photo_ms, 0.99), stats.photo_ms.size(),
      accounted ? "yes" : "NO");
  if (!accounted) std::cout << report.out << report.err;
  (*server)->Stop();
  return accounted && stats.errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) { return Run(argc, argv); }
