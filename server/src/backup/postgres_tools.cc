#include "backup/postgres_tools.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>

extern char** environ;

namespace qiaomen::server {
namespace {

bool IsExecutable(const std::string& path) { return access(path.c_str(), X_OK) == 0; }

// The major version of /usr/lib/postgresql/N, or -1.
int MajorVersion(const std::filesystem::path& dir) {
  const std::string name = dir.filename().string();
  char* end = nullptr;
  long v = std::strtol(name.c_str(), &end, 10);
  return end != name.c_str() && *end == '\0' ? static_cast<int>(v) : -1;
}

}  // namespace

core::Result<std::string> FindPostgresTool(const std::string& name) {
  if (const char* path = std::getenv("PATH")) {
    std::string dirs = path;
    size_t start = 0;
    while (start <= dirs.size()) {
      size_t end = dirs.find(':', start);
      if (end == std::string::npos) end = dirs.size();
      std::string dir = dirs.substr(start, end - start);
      if (!dir.empty() && IsExecutable(dir + "/" + name)) return dir + "/" + name;
      start = end + 1;
    }
  }
  std::error_code ec;
  int best_version = -1;
  std::string best;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    std::string candidate = entry.path().string() + "/bin/" + name;
    int version = MajorVersion(entry.path());
    if (version > best_version && IsExecutable(candidate)) {
      best_version = version;
      best = candidate;
    }
  }
  if (!best.empty()) return best;
  return core::FailedPrecondition(
      name +
      " was not found on PATH nor in /usr/lib/postgresql/*/bin. Install the PostgreSQL "
      "client programs of the database server's version (Debian: apt install "
      "postgresql-client) or put their directory on PATH, then run the command again.");
}

core::Status RunTool(const std::vector<std::string>& argv) {
  int pipe_fds[2];
  if (pipe2(pipe_fds, O_CLOEXEC) != 0) {
    return core::Internal("Cannot start " + argv[0] + ": " + std::strerror(errno) + ".");
  }
  std::vector<char*> raw;
  std::vector<std::string> args = argv;
  for (auto& a : args) raw.push_back(a.data());
  raw.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
  posix_spawn_file_actions_adddup2(&actions, pipe_fds[1], 2);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, raw[0], &actions, nullptr, raw.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_fds[1]);
  if (rc != 0) {
    close(pipe_fds[0]);
    return core::Internal("Cannot start " + argv[0] + ": " + std::strerror(rc) + ".");
  }
  std::string errors;
  char buffer[4096];
  while (true) {
    ssize_t n = read(pipe_fds[0], buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;
    errors.append(buffer, static_cast<size_t>(n));
    if (errors.size() > 64 * 1024) errors.erase(0, errors.size() - 64 * 1024);
  }
  close(pipe_fds[0]);
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return core::Internal("Lost track of " + argv[0] + ".");
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return core::Status::Ok();
  while (!errors.empty() && (errors.back() == '\n' || errors.back() == ' ')) errors.pop_back();
  return core::Internal(argv[0] + " failed" +
                        (WIFEXITED(status) ? " (exit " + std::to_string(WEXITSTATUS(status)) + ")"
                                           : " (killed by a signal)") +
                        (errors.empty() ? "." : ": " + errors));
}

}  // namespace qiaomen::server
