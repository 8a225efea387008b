#pragma once
// A private PostgreSQL for tests: initdb in a TempDir under $TMPDIR (as the `postgres` user when
// the tests run as root, since initdb refuses root), listening only on a Unix socket in that
// directory, started with pg_ctl and stopped when the object dies. Each test takes a fresh database
// from it.

#include <memory>
#include <string>

#include "qiaomen/core/status.h"
#include "qiaomen/testing/temp_dir.h"

namespace qiaomen::testing {

class PostgresServer {
 public:
  // initdb + pg_ctl start -w. Errors name the step and carry the log. Takes a few seconds.
  static core::Result<std::unique_ptr<PostgresServer>> Start();
  // One server for the whole test binary, started on first use and stopped at exit. Aborts the
  // binary with the reason if PostgreSQL cannot start (tests never skip it).
  static PostgresServer& Shared();

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  ~PostgresServer();

  // CREATE DATABASE with a fresh name; returns its libpq URL
  // ("postgresql://postgres@/NAME?host=SOCKET_DIR&port=PORT").
  core::Result<std::string> CreateDatabase();
  // Stops the server as an operator would (pg_ctl stop -m fast: sessions are ended, committed work
  // is kept) and starts it again on the same socket and port. Clients see their connections drop.
  core::Status Restart();
  // The libpq URL of database `name`.
  std::string Url(const std::string& name) const;
  const std::string& socket_dir() const { return dir_; }
  int port() const { return port_; }

 private:
  PostgresServer() = default;
  std::unique_ptr<TempDir> tmp_;  // the shared testing TempDir: removed after the server stops
  std::string dir_;
  std::string bin_;
  int port_ = 5432;
  std::string start_options_;  // pg_ctl -o, as the first start gave them
  int next_db_ = 0;
  bool running_ = false;
};

// The directory holding initdb/pg_ctl (the newest /usr/lib/postgresql/N/bin), or "" if none.
std::string FindPostgresBin();

}  // namespace qiaomen::testing
