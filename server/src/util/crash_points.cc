#include "util/crash_points.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <cstring>
#include <string>

namespace qiaomen::server::crash_points {
namespace {

struct Config {
  std::string path;  // empty: not armed
  long long at = 0;
  std::string count_file;
};

const Config& TheConfig() {
  static const Config config = [] {
    Config c;
    const char* spec = std::getenv("QIAOMEN_CRASH_AT");
    if (spec == nullptr) return c;
    std::string text(spec);
    const size_t colon = text.rfind(':');
    if (colon == std::string::npos || colon == 0) return c;
    c.at = std::atoll(text.c_str() + colon + 1);
    if (c.at <= 0) return c;
    c.path = text.substr(0, colon);
    if (const char* file = std::getenv("QIAOMEN_CRASH_COUNT")) c.count_file = file;
    return c;
  }();
  return config;
}

thread_local const char* current_path = nullptr;
std::atomic<long long> steps{0};

}  // namespace

PathScope::PathScope(const char* path) : outer_(current_path) { current_path = path; }
PathScope::~PathScope() { current_path = outer_; }

bool Armed() { return !TheConfig().path.empty(); }

void Step(std::string_view what) {
  const char* path = current_path;
  if (path == nullptr) return;
  const Config& config = TheConfig();
  if (config.path.empty() || config.path != path) return;
  const long long n = ++steps;
  if (!config.count_file.empty()) {
    // One write(2) of a short line with O_APPEND: lines of concurrent steps do not mix.
    const std::string line = std::to_string(n) + " " + std::string(what) + "\n";
    const int fd = open(config.count_file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
    if (fd >= 0) {
      [[maybe_unused]] ssize_t ignored = write(fd, line.data(), line.size());
      close(fd);
    }
  }
  if (n == config.at) _exit(137);
}

}  // namespace qiaomen::server::crash_points
