#pragma once
// Prometheus counters and a latency histogram for GET /metrics. Thread-safe.

#include <atomic>
#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <tuple>

namespace qiaomen::server {

class Metrics {
 public:
  void ObserveRequest(const std::string& route, const std::string& method, int status,
                      double seconds);
  // Named counters: changes_applied, changes_rejected, changes_duplicate, blobs_committed, ...
  void Add(const std::string& counter, int64_t delta = 1);
  int64_t Get(const std::string& counter) const;
  void SetInFlight(int64_t n) { in_flight_.store(n); }
  void AddInFlight(int64_t delta) { in_flight_.fetch_add(delta); }

  // The text exposition format, version 0.0.4.
  std::string Render() const;

 private:
  mutable std::mutex mu_;
  std::map<std::tuple<std::string, std::string, int>, int64_t> requests_;
  std::map<std::string, int64_t> counters_;
  // Cumulative histogram buckets (seconds) of request latency.
  static constexpr double kBuckets[] = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};
  int64_t bucket_counts_[sizeof(kBuckets) / sizeof(double)] = {};
  int64_t latency_count_ = 0;
  double latency_sum_ = 0;
  std::atomic<int64_t> in_flight_{0};
};

}  // namespace qiaomen::server
