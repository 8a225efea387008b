// qiaomen-link-simulator: the tests' bad-link TCP proxy as a program, for the demo and by hand.
//   qiaomen-link-simulator --target 127.0.0.1:8080 [--listen 9090] [--latency-ms 150]
//       [--bandwidth-kbps 1000] [--cut-every-ms 15000]
//       [--control FILE] [--ready-file FILE] [--stats FILE]
// Prints "listening on PORT" and forwards until killed (SIGINT/SIGTERM).
//
// --control FILE is re-read whenever it changes; its one line sets the link from then on:
//   down                                              no signal: every connection is reset
//   up [rate=BYTES_PER_S] [latency=MS] [cut_after=BYTES]
// rate limits each direction (0: unlimited), latency is one way, cut_after cuts the open
// connections once after that many more client->server bytes.
// --ready-file receives "127.0.0.1:PORT" once listening. --stats is rewritten about every 200 ms
// with "UP_BYTES DOWN_BYTES CUTS CONNECTIONS".

#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "qiaomen/base/durable_file.h"
#include "qiaomen/core/args.h"
#include "qiaomen/testing/link_simulator.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

int64_t Number(const qiaomen::core::Args& args, const std::string& name) {
  auto v = args.Get(name);
  return v ? std::atoll(v->c_str()) : 0;
}

// Writes `text` to `path` whole (base::WriteFileAtomically), so readers never see half. A failure
// is only logged: the proxy keeps running.
void WriteWhole(const std::string& path, const std::string& text) {
  if (auto written = qiaomen::base::WriteFileAtomically(path, text, 0644); !written.ok()) {
    std::fprintf(stderr, "link-simulator: %s\n", written.ToString().c_str());
  }
}

// Applies one control line; returns a description for the log, or an error text.
std::string ApplyControl(qiaomen::testing::LinkSimulator& link, const std::string& line) {
  std::istringstream words(line);
  std::string state;
  words >> state;
  if (state == "down") {
    link.SetDown(true);
    return "link down";
  }
  if (state != "up") return "ignored control line '" + line + "' (expected 'up ...' or 'down')";
  int64_t rate = 0, latency = 0, cut_after = -1;
  std::string word;
  while (words >> word) {
    size_t eq = word.find('=');
    if (eq == std::string::npos) return "ignored control word '" + word + "' (expected KEY=VALUE)";
    std::string key = word.substr(0, eq);
    int64_t value = std::atoll(word.c_str() + eq + 1);
    if (key == "rate") {
      rate = value;
    } else if (key == "latency") {
      latency = value;
    } else if (key == "cut_after") {
      cut_after = value;
    } else {
      return "ignored control key '" + key + "' (known: rate, latency, cut_after)";
    }
  }
  link.SetProfile({.latency_ms = latency, .bandwidth_bps = rate * 8});
  link.CutAfterUpstreamBytes(cut_after);
  link.SetDown(false);
  return "link up rate=" + std::to_string(rate) + " B/s latency=" + std::to_string(latency) +
         " ms cut_after=" + std::to_string(cut_after);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> list(argv + 1, argv + argc);
  auto args = qiaomen::core::Args::Parse(
      list, {.valued = {"target", "listen", "latency-ms", "bandwidth-kbps", "cut-every-ms",
                        "control", "ready-file", "stats"},
             .flags = {"help"}});
  if (!args.ok() || args->Has("help") || !args->Has("target")) {
    std::fprintf(stderr,
                 "%s\nusage: qiaomen-link-simulator --target HOST:PORT [--listen PORT] "
                 "[--latency-ms MS] [--bandwidth-kbps KBPS] [--cut-every-ms MS] [--control FILE] "
                 "[--ready-file FILE] [--stats FILE]\n",
                 args.ok() ? "" : args.status().message().c_str());
    return args.ok() && args->Has("help") ? 0 : 2;
  }
  std::string target = *args->Get("target");
  size_t colon = target.rfind(':');
  if (colon == std::string::npos) {
    std::fprintf(stderr, "--target must be HOST:PORT, for example 127.0.0.1:8080.\n");
    return 2;
  }
  qiaomen::testing::LinkSimulator link(target.substr(0, colon),
                                       std::atoi(target.c_str() + colon + 1),
                                       {.latency_ms = Number(*args, "latency-ms"),
                                        .bandwidth_bps = Number(*args, "bandwidth-kbps") * 1000});
  if (!link.Start(static_cast<int>(Number(*args, "listen")))) {
    std::fprintf(stderr, "Could not listen on port %lld; pick another with --listen.\n",
                 static_cast<long long>(Number(*args, "listen")));
    return 1;
  }
  link.CutEvery(Number(*args, "cut-every-ms"));
  std::signal(SIGINT, OnSignal);
  std::signal(SIGTERM, OnSignal);
  std::printf("listening on %d\n", link.port());
  std::fflush(stdout);
  if (auto ready = args->Get("ready-file")) {
    WriteWhole(*ready, "127.0.0.1:" + std::to_string(link.port()) + "\n");
  }

  const std::string control = args->Get("control").value_or("");
  const std::string stats = args->Get("stats").value_or("");
  struct timespec last_change {};
  while (!g_stop) {
    if (!control.empty()) {
      struct stat st {};
      if (::stat(control.c_str(), &st) == 0 &&
          (st.st_mtim.tv_sec != last_change.tv_sec || st.st_mtim.tv_nsec != last_change.tv_nsec)) {
        last_change = st.st_mtim;
        std::ifstream in(control);
        std::string line;
        std::getline(in, line);
        std::printf("%s\n", ApplyControl(link, line).c_str());
        std::fflush(stdout);
      }
    }
    if (!stats.empty()) {
      WriteWhole(stats, std::to_string(link.upstream_bytes()) + " " +
                            std::to_string(link.downstream_bytes()) + " " +
                            std::to_string(link.cuts()) + " " + std::to_string(link.connections()) +
                            "\n");
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(control.empty() && stats.empty() ? 500 : 100));
  }
  std::printf("forwarded %lld bytes up, %lld down, %d connections, %d cuts\n",
              static_cast<long long>(link.upstream_bytes()),
              static_cast<long long>(link.downstream_bytes()), link.connections(), link.cuts());
  return 0;
}
