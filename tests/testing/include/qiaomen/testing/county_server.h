#pragma once
// Helpers to test against the real county server: run `qiaomen-county` subcommands as processes,
// and start `qiaomen-county serve` on an ephemeral loopback port (ServerProcess). Used by the
// server tests and by the sync client's tests.
//
//   qiaomen::testing::TempDir dir;
//   auto r = RunCounty({"init", "--data", dir.path()});            // r.exit_code, r.out, r.err
//   auto server = ServerProcess::Start({.data_dir = dir.path()});  // Result<unique_ptr<...>>
//   (*server)->base_url();                                          // "http://127.0.0.1:PORT"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::testing {

// The built qiaomen-county binary.
std::string CountyBinary();

struct CommandResult {
  int exit_code = -1;  // the process exit status, or 128+signal; -1 if it could not be run or
                       // its status was lost (reaped elsewhere, e.g. with SIGCHLD ignored)
  std::string out;
  std::string err;
};

// Runs qiaomen-county with `args` (without the program name), `input` on its stdin (a file, not
// a terminal), and waits for it.
CommandResult RunCounty(const std::vector<std::string>& args, const std::string& input = "");

struct ServerProcessOptions {
  std::string data_dir;                 // initialised with `init` beforehand
  std::string db_url;                   // empty: the data directory's own database
  std::vector<std::string> extra_args;  // e.g. {"--rate-limit", "2"}
};

class ServerProcess {
 public:
  // Spawns `qiaomen-county serve --listen 127.0.0.1:0 --ready-file ...` and waits (up to 20 s)
  // until it accepts connections. Errors carry the server's output.
  static core::Result<std::unique_ptr<ServerProcess>> Start(const ServerProcessOptions& options);
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;
  // Stops the server (SIGTERM) if still running.
  ~ServerProcess();

  uint16_t port() const { return port_; }
  std::string host() const { return "127.0.0.1"; }
  std::string base_url() const { return "http://127.0.0.1:" + std::to_string(port_); }
  pid_t pid() const { return pid_; }

  // Sends `signal` and waits for the exit; returns the exit status (128+signal if killed), or -1
  // if it was not running or its status was lost (reaped elsewhere).
  int Stop(int signal = 15);
  // Everything the server printed so far (stdout and stderr).
  std::string Log() const;

 private:
  ServerProcess() = default;
  pid_t pid_ = -1;
  uint16_t port_ = 0;
  std::string log_path_;
  std::string ready_path_;
};

}  // namespace qiaomen::testing
