// qiaomen-link-simulator: the tests' bad-link TCP proxy as a program, for the demo and by hand.
//   qiaomen-link-simulator --target 127.0.0.1:8080 [--listen 9090] [--latency-ms 150]
//       [--bandwidth-kbps 1000] [--cut-every-ms 15000]
// Prints "listening on PORT" and forwards until killed (SIGINT/SIGTERM).

#include <unistd.h>

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "qiaomen/core/args.h"
#include "qiaomen/testing/link_simulator.h"

namespace {

volatile std::sig_atomic_t g_stop = 0;
void OnSignal(int) { g_stop = 1; }

int64_t Number(const qiaomen::core::Args& args, const std::string& name) {
  auto v = args.Get(name);
  return v ? std::atoll(v->c_str()) : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> list(argv + 1, argv + argc);
  auto args = qiaomen::core::Args::Parse(
      list, {.valued = {"target", "listen", "latency-ms", "bandwidth-kbps", "cut-every-ms"},
             .flags = {"help"}});
  if (!args.ok() || args->Has("help") || !args->Has("target")) {
    std::fprintf(stderr,
                 "%s\nusage: qiaomen-link-simulator --target HOST:PORT [--listen PORT] "
                 "[--latency-ms MS] [--bandwidth-kbps KBPS] [--cut-every-ms MS]\n",
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
  while (!g_stop) pause();
  std::printf("forwarded %lld bytes up, %lld down, %d connections, %d cuts\n",
              static_cast<long long>(link.upstream_bytes()),
              static_cast<long long>(link.downstream_bytes()), link.connections(), link.cuts());
  return 0;
}
