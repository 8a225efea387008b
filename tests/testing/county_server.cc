#include "qiaomen/testing/county_server.h"

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <thread>

extern char** environ;

namespace qiaomen::testing {
namespace {

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

std::string TempPath(const std::string& stem) {
  const char* base = std::getenv("TMPDIR");
  std::string pattern = std::string(base ? base : "/tmp") + "/qiaomen-" + stem + "-XXXXXX";
  int fd = mkstemp(pattern.data());
  if (fd >= 0) close(fd);
  return pattern;
}

// Spawns the county binary with stdout/stderr to the given files (same file allowed) and stdin
// from `in`.
pid_t Spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err,
            const std::string& in = "/dev/null") {
  std::vector<std::string> argv{CountyBinary()};
  argv.insert(argv.end(), args.begin(), args.end());
  std::vector<char*> raw;
  for (auto& a : argv) raw.push_back(a.data());
  raw.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (err == out) {
    posix_spawn_file_actions_adddup2(&actions, 1, 2);
  } else {
    posix_spawn_file_actions_addopen(&actions, 2, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  }
  pid_t pid = -1;
  if (posix_spawn(&pid, raw[0], &actions, nullptr, raw.data(), environ) != 0) pid = -1;
  posix_spawn_file_actions_destroy(&actions);
  return pid;
}

// The exit status of child `pid`, or -1 if it cannot be had: waitpid failed with anything but
// EINTR (ECHILD: someone else reaped it, e.g. SIGCHLD is ignored and the kernel did).
int WaitExit(pid_t pid) {
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

}  // namespace

std::string CountyBinary() { return std::string(QIAOMEN_BINARY_DIR) + "/server/qiaomen-county"; }

CommandResult RunCounty(const std::vector<std::string>& args, const std::string& input) {
  std::string out = TempPath("out"), err = TempPath("err"), in = TempPath("in");
  std::ofstream(in, std::ios::binary) << input;
  CommandResult result;
  pid_t pid = Spawn(args, out, err, in);
  if (pid > 0) result.exit_code = WaitExit(pid);
  result.out = ReadAll(out);
  result.err = ReadAll(err);
  unlink(out.c_str());
  unlink(err.c_str());
  unlink(in.c_str());
  return result;
}

core::Result<std::unique_ptr<ServerProcess>> ServerProcess::Start(
    const ServerProcessOptions& options) {
  std::unique_ptr<ServerProcess> server(new ServerProcess());
  server->log_path_ = TempPath("server-log");
  server->ready_path_ = TempPath("server-ready");
  unlink(server->ready_path_.c_str());
  std::vector<std::string> args{"serve",       "--data",       options.data_dir,   "--listen",
                                "127.0.0.1:0", "--ready-file", server->ready_path_};
  if (!options.db_url.empty()) {
    args.push_back("--db");
    args.push_back(options.db_url);
  }
  args.insert(args.end(), options.extra_args.begin(), options.extra_args.end());
  server->pid_ = Spawn(args, server->log_path_, server->log_path_);
  if (server->pid_ <= 0) return core::Unavailable("Cannot spawn " + CountyBinary() + ".");
  auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (std::chrono::steady_clock::now() < deadline) {
    std::string ready = ReadAll(server->ready_path_);
    size_t colon = ready.rfind(':');
    if (colon != std::string::npos && ready.back() == '\n') {
      server->port_ = static_cast<uint16_t>(std::stoi(ready.substr(colon + 1)));
      return server;
    }
    int status = 0;
    if (waitpid(server->pid_, &status, WNOHANG) == server->pid_) {
      server->pid_ = -1;
      return core::Unavailable("The server exited at start: " + server->Log());
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return core::DeadlineExceeded("The server did not become ready in 20 s: " + server->Log());
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) Stop(SIGKILL);
  unlink(log_path_.c_str());
  unlink(ready_path_.c_str());
}

int ServerProcess::Stop(int signal) {
  if (pid_ <= 0) return -1;
  kill(pid_, signal);
  int code = WaitExit(pid_);
  pid_ = -1;
  return code;
}

std::string ServerProcess::Log() const { return ReadAll(log_path_); }

}  // namespace qiaomen::testing
