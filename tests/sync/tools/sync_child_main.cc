// qiaomen_sync_child: one sync run of an enrolled test profile against a county server, as the app
// would do it, for the crash test (tests/sync/server_sync_crash_test.cc) to SIGKILL at random
// moments. Writes one byte to --ready-fd once the profile is open (the kill must land in the sync,
// not in the PIN check, which counts an attempt durably), then syncs.
//
//   qiaomen_sync_child --profile DIR --worker ID --url URL --token TOKEN [--batch N] [--chunk B]
//                      [--ready-fd FD]
// Exit status: 0 synced, 2 bad arguments, 3 the profile did not open, 4 the sync failed.

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <map>
#include <string>

#include "qiaomen/sync/curl_transport.h"
#include "qiaomen/sync/sync_engine.h"
#include "tests/sync/profile_device.h"

int main(int argc, char** argv) {
  std::map<std::string, std::string> args;
  for (int i = 1; i + 1 < argc; i += 2) args[argv[i]] = argv[i + 1];
  for (const char* required : {"--profile", "--worker", "--url", "--token"}) {
    if (!args.count(required)) {
      std::fprintf(stderr, "qiaomen_sync_child: %s is required.\n", required);
      return 2;
    }
  }
  using namespace qiaomen;
  sync::testing::ProfileDevice device(args["--profile"], args["--worker"]);
  core::Status opened = device.Open();
  if (!opened.ok()) {
    std::fprintf(stderr, "qiaomen_sync_child: %s\n", opened.ToString().c_str());
    return 3;
  }
  if (args.count("--ready-fd")) {
    const int fd = std::atoi(args["--ready-fd"].c_str());
    if (write(fd, "r", 1) != 1) return 2;
    close(fd);
  }
  sync::SyncConfig config;
  config.server_url = args["--url"];
  config.token = args["--token"];
  config.backoff = {.base_ms = 20, .cap_ms = 400, .max_attempts = 40};
  if (args.count("--batch")) config.batch_max_changes = std::stoul(args["--batch"]);
  if (args.count("--chunk")) {
    config.chunk_min_bytes = config.chunk_max_bytes = config.chunk_initial_bytes =
        std::stoll(args["--chunk"]);
  }
  sync::CurlTransport transport;
  core::SeededRandom random(static_cast<uint64_t>(getpid()));
  sync::SyncEngine engine(config, sync::SyncDeps{.transport = transport,
                                                 .store = device.adapter(),
                                                 .clock = device.clock(),
                                                 .random = random,
                                                 .sleeper = sync::RealSleeper()});
  sync::SyncReport report = engine.Run();
  if (!report.status.ok()) {
    std::fprintf(stderr, "qiaomen_sync_child: %s\n", report.status.ToString().c_str());
    return 4;
  }
  return 0;
}
