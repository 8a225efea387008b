// backup, backup verify, restore.
#include "cli/command.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/server/backup.h"

namespace qiaomen::server {
namespace {

core::Status Backup(const core::Args& args, std::ostream& out) {
  const auto& positionals = args.positionals();
  if (positionals.size() == 2 && positionals[0] == "verify") {
    return VerifyBackup(positionals[1], out).status();
  }
  if (!positionals.empty()) {
    return core::InvalidArgument(
        "Use `qiaomen-county backup --data DIR --to PATH` or `qiaomen-county backup verify "
        "PATH`.");
  }
  StorageOptions storage;
  QM_ASSIGN_OR_RETURN(storage.data_dir, args.Require("data"));
  storage.db_url = args.Get("db").value_or("");
  QM_ASSIGN_OR_RETURN(auto to, args.Require("to"));
  return TakeBackup(storage, to, core::SystemClock(), out).status();
}

core::Status Restore(const core::Args& args, std::ostream& out) {
  if (!args.positionals().empty()) {
    return core::InvalidArgument("restore takes no arguments besides its options.");
  }
  RestoreOptions options;
  QM_ASSIGN_OR_RETURN(options.from, args.Require("from"));
  QM_ASSIGN_OR_RETURN(options.data_dir, args.Require("data"));
  options.db_url = args.Get("db").value_or("");
  options.force = args.Has("force");
  return RestoreBackup(options, out);
}

// `backup verify PATH` reads only the backup; taking one needs --data and --to.
core::Status CheckBackup(const core::Args& args) {
  const auto& positionals = args.positionals();
  if (!positionals.empty() && positionals[0] == "verify") {
    if (positionals.size() != 2) return core::InvalidArgument("Use `backup verify PATH`.");
    return core::Status::Ok();
  }
  core::ArgSpec required;
  required.required = {"data", "to"};
  return args.CheckRequired(required);
}

}  // namespace

void AddBackupCommands(std::vector<Command>& commands) {
  commands.push_back(Command{
      "backup",
      CountyMsg::kSummaryBackup,
      "Usage: qiaomen-county backup --data DIR --to PATH [--db postgresql://...]\n"
      "       qiaomen-county backup verify PATH\n\n"
      "Writes a consistent snapshot of the database (SQLite's online backup API; pg_dump\n"
      "--format=custom for PostgreSQL, found on PATH or in /usr/lib/postgresql/N/bin) into the\n"
      "directory PATH, copies the photos PATH lacks (each checked against its SHA-256), and "
      "writes\n"
      "PATH/manifest.json last: a backup without it is incomplete. The server may keep running.\n"
      "Backing up into the same PATH again copies only new photos and keeps the previous backup\n"
      "whole until the new manifest replaces it. The county bundle secret key is not included:\n"
      "keep it apart (docs/operations.md).\n"
      "`backup verify PATH` checks every part against the manifest and prints what is wrong;\n"
      "it exits 1 when the backup cannot be restored.\n",
      {{"data", "db", "to"}, {}},
      Backup,
      CheckBackup,
      /*requires_data=*/false});
  commands.push_back(Command{
      "restore",
      CountyMsg::kSummaryRestore,
      "Usage: qiaomen-county restore --from PATH --data DIR [--db postgresql://...] [--force]\n\n"
      "Verifies the backup in PATH first (a damaged or incomplete one is refused and nothing is\n"
      "written), then restores the photos and the database into DIR: SQLite as DIR/county.db;\n"
      "a PostgreSQL backup into the empty database --db names (remembered in DIR/database-url).\n"
      "A non-empty DIR or database is refused unless --force is given; stop the server first.\n"
      "The restored server gets a new epoch: devices then send again what the backup lacks.\n"
      "Copy the saved county-bundle.key into DIR afterwards.\n",
      {{"data", "db", "from"}, {"force"}, {"from"}},
      Restore});
}

}  // namespace qiaomen::server
