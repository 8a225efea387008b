#include "qiaomen/testing/postgres_server.h"

#include <fcntl.h>
#include <libpq-fe.h>
#include <pwd.h>
#include <spawn.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

extern char** environ;

namespace qiaomen::testing {
namespace {

// Runs argv (as `postgres` via runuser when we are root), output appended to `log`. Returns the
// exit status.
int RunAsPostgres(std::vector<std::string> argv, const std::string& log) {
  if (geteuid() == 0) {
    argv.insert(argv.begin(), {"/usr/sbin/runuser", "-u", "postgres", "--"});
  }
  std::vector<char*> args;
  for (auto& a : argv) args.push_back(a.data());
  args.push_back(nullptr);
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, 1, log.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
  posix_spawn_file_actions_adddup2(&actions, 1, 2);
  posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0);
  pid_t pid = -1;
  int rc = posix_spawn(&pid, args[0], &actions, nullptr, args.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (rc != 0) return -1;
  int status = 0;
  while (waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) return -1;  // reaped elsewhere (SIGCHLD ignored): status unknown
  }
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

std::string ReadAll(const std::string& path) {
  std::ifstream in(path);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

}  // namespace

std::string FindPostgresBin() {
  std::string best;
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec)) {
    std::string bin = entry.path().string() + "/bin";
    if (std::filesystem::exists(bin + "/initdb") && bin > best) best = bin;
  }
  return best;
}

core::Result<std::unique_ptr<PostgresServer>> PostgresServer::Start() {
  std::unique_ptr<PostgresServer> pg(new PostgresServer());
  pg->bin_ = FindPostgresBin();
  if (pg->bin_.empty()) {
    return core::FailedPrecondition(
        "PostgreSQL is not installed (no /usr/lib/postgresql/*/bin/initdb). Run ./run setup.");
  }
  pg->tmp_ = std::make_unique<TempDir>();
  pg->dir_ = pg->tmp_->path();
  // The server's Unix socket lives in this directory; a socket path holds at most 107 bytes.
  const std::string socket = pg->dir_ + "/.s.PGSQL." + std::to_string(pg->port_);
  if (socket.size() > 100) {
    return core::FailedPrecondition("The test PostgreSQL's socket path " + socket +
                                    " is too long for a Unix socket; set TMPDIR to a shorter "
                                    "directory (e.g. /tmp).");
  }
  if (geteuid() == 0) {
    struct passwd* pw = getpwnam("postgres");
    if (pw == nullptr)
      return core::FailedPrecondition("There is no `postgres` user to run initdb.");
    if (chown(pg->dir_.c_str(), pw->pw_uid, pw->pw_gid) != 0) {
      return core::IOError("Cannot chown " + pg->dir_ + " to postgres.");
    }
  }
  chmod(pg->dir_.c_str(), 0755);
  std::string log = pg->dir_ + "/postgres.log";
  std::string data = pg->dir_ + "/data";
  // The log file must be writable by postgres: create it through the child.
  int rc = RunAsPostgres({pg->bin_ + "/initdb", "-D", data, "-U", "postgres", "-A", "trust", "-E",
                          "UTF8", "--locale=C", "--no-sync"},
                         pg->dir_ + "/initdb.log");
  if (rc != 0) {
    return core::Unavailable("initdb failed (" + std::to_string(rc) +
                             "): " + ReadAll(pg->dir_ + "/initdb.log"));
  }
  std::string opts = "-c listen_addresses='' -c unix_socket_directories='" + pg->dir_ +
                     "' -c port=" + std::to_string(pg->port_) +
                     " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
                     " -c max_connections=200 -c shared_buffers=32MB";
  pg->start_options_ = opts;
  rc = RunAsPostgres(
      {pg->bin_ + "/pg_ctl", "-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start"},
      pg->dir_ + "/pg_ctl.log");
  if (rc != 0) {
    return core::Unavailable("pg_ctl start failed: " + ReadAll(pg->dir_ + "/pg_ctl.log") +
                             ReadAll(log));
  }
  pg->running_ = true;
  return pg;
}

PostgresServer& PostgresServer::Shared() {
  static PostgresServer* shared = [] {
    auto started = Start();
    if (!started.ok()) {
      std::cerr << "Cannot start the test PostgreSQL: " << started.status().message() << "\n";
      std::abort();
    }
    PostgresServer* pg = started->release();
    std::atexit([] { delete shared; });
    return pg;
  }();
  return *shared;
}

PostgresServer::~PostgresServer() {
  if (running_) {
    RunAsPostgres({bin_ + "/pg_ctl", "-D", dir_ + "/data", "-m", "immediate", "-w", "stop"},
                  dir_ + "/pg_ctl.log");
  }
  // tmp_ (declared first, so destroyed last) then removes the directory.
}

core::Status PostgresServer::Restart() {
  const std::string data = dir_ + "/data";
  int rc = RunAsPostgres({bin_ + "/pg_ctl", "-D", data, "-m", "fast", "-w", "-t", "60", "stop"},
                         dir_ + "/pg_ctl.log");
  if (rc != 0) return core::Unavailable("pg_ctl stop failed: " + ReadAll(dir_ + "/pg_ctl.log"));
  rc = RunAsPostgres({bin_ + "/pg_ctl", "-D", data, "-l", dir_ + "/postgres.log", "-o",
                      start_options_, "-w", "-t", "60", "start"},
                     dir_ + "/pg_ctl.log");
  running_ = rc == 0;
  if (rc != 0) return core::Unavailable("pg_ctl start failed: " + ReadAll(dir_ + "/pg_ctl.log"));
  return core::Status::Ok();
}

std::string PostgresServer::Url(const std::string& name) const {
  return "postgresql://postgres@/" + name + "?host=" + dir_ + "&port=" + std::to_string(port_);
}

core::Result<std::string> PostgresServer::CreateDatabase() {
  std::string name = "qm_" + std::to_string(getpid()) + "_" + std::to_string(next_db_++);
  PGconn* conn = PQconnectdb(Url("postgres").c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    return core::Unavailable("Cannot connect to the test PostgreSQL: " + message);
  }
  PGresult* res = PQexec(conn, ("CREATE DATABASE " + name).c_str());
  bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string message = PQerrorMessage(conn);
  PQclear(res);
  PQfinish(conn);
  if (!ok) return core::Internal("CREATE DATABASE failed: " + message);
  return Url(name);
}

}  // namespace qiaomen::testing
