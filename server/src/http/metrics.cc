#include "qiaomen/server/metrics.h"

#include <sstream>

namespace qiaomen::server {

void Metrics::ObserveRequest(const std::string& route, const std::string& method, int status,
                             double seconds) {
  std::lock_guard lock(mu_);
  ++requests_[{route.empty() ? "unmatched" : route, method, status}];
  for (size_t i = 0; i < sizeof(kBuckets) / sizeof(double); ++i) {
    if (seconds <= kBuckets[i]) ++bucket_counts_[i];
  }
  ++latency_count_;
  latency_sum_ += seconds;
}

void Metrics::Add(const std::string& counter, int64_t delta) {
  std::lock_guard lock(mu_);
  counters_[counter] += delta;
}

int64_t Metrics::Get(const std::string& counter) const {
  std::lock_guard lock(mu_);
  auto it = counters_.find(counter);
  return it == counters_.end() ? 0 : it->second;
}

std::string Metrics::Render() const {
  std::lock_guard lock(mu_);
  std::ostringstream out;
  out << "# HELP qiaomen_http_requests_total HTTP requests by route, method and status.\n"
      << "# TYPE qiaomen_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out << "qiaomen_http_requests_total{route=\"" << std::get<0>(key) << "\",method=\""
        << std::get<1>(key) << "\",status=\"" << std::get<2>(key) << "\"} " << n << "\n";
  }
  out << "# HELP qiaomen_http_request_duration_seconds Time from the full request to the "
         "response.\n# TYPE qiaomen_http_request_duration_seconds histogram\n";
  for (size_t i = 0; i < sizeof(kBuckets) / sizeof(double); ++i) {
    out << "qiaomen_http_request_duration_seconds_bucket{le=\"" << kBuckets[i] << "\"} "
        << bucket_counts_[i] << "\n";
  }
  out << "qiaomen_http_request_duration_seconds_bucket{le=\"+Inf\"} " << latency_count_ << "\n"
      << "qiaomen_http_request_duration_seconds_sum " << latency_sum_ << "\n"
      << "qiaomen_http_request_duration_seconds_count " << latency_count_ << "\n";
  out << "# HELP qiaomen_http_in_flight Requests being handled now.\n"
      << "# TYPE qiaomen_http_in_flight gauge\nqiaomen_http_in_flight " << in_flight_.load()
      << "\n";
  for (const auto& [name, n] : counters_) {
    out << "# TYPE qiaomen_" << name << "_total counter\nqiaomen_" << name << "_total " << n
        << "\n";
  }
  return out.str();
}

}  // namespace qiaomen::server
