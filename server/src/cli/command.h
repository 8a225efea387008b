#pragma once
// One qiaomen-county subcommand: its name, help text, options and body.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "cli/county_messages.h"
#include "qiaomen/core/args.h"
#include "qiaomen/core/status.h"
#include "qiaomen/server/directory.h"
#include "qiaomen/server/storage.h"

namespace qiaomen::server {

struct Command {
  std::string name;
  CountyMsg summary;  // one line for `help`, from the catalogues
  CountyMsg usage;    // the --help text, from the catalogues
  core::ArgSpec spec;
  // Returns a Status; the dispatcher prints errors and maps them to exit codes.
  std::function<core::Status(const core::Args&, std::ostream& out)> run;
  // Optional: checks the options' values before `run`; an error is a usage error (exit 2). Every
  // command's --format is checked by the dispatcher (text, json, csv).
  std::function<core::Status(const core::Args&)> check = nullptr;
  // Whether --data (when the spec takes it) must be given: the dispatcher refuses a command line
  // without it as a usage error. False for a command with a mode that needs none (`backup
  // verify`), whose `check` then says what is required.
  bool requires_data = true;
};

// Every command, in the order `help` lists them.
std::vector<Command> AllCommands();

// Per-area command lists (one file each).
void AddSetupCommands(
    std::vector<Command>& commands);  // init, add-worker, enroll-code, revoke-device
void AddServeCommand(std::vector<Command>& commands);        // serve
void AddStaffCommands(std::vector<Command>& commands);       // add-staff, set-password
void AddImportCommand(std::vector<Command>& commands);       // import-subjects
void AddHazardCommand(std::vector<Command>& commands);       // hazard
void AddContentCommands(std::vector<Command>& commands);     // campaign
void AddTemplateCommand(std::vector<Command>& commands);     // publish-template
void AddReportCommands(std::vector<Command>& commands);      // report, conflicts
void AddBundleCommand(std::vector<Command>& commands);       // import-bundle
void AddQuarantineCommand(std::vector<Command>& commands);   // quarantine
void AddRevokedWorkCommand(std::vector<Command>& commands);  // revoked-work
void AddListCommands(std::vector<Command>& commands);    // workers, devices, campaigns, checklists
void AddBackupCommands(std::vector<Command>& commands);  // backup, restore

// A worker (or a staff member: the same shape) from --id, --name, --role and --scope. Missing
// options and a scope that does not parse are InvalidArgument. Only the scope's text is checked.
core::Result<Worker> WorkerFromArgs(const core::Args& args);

// Opens the store named by --data/--db.
core::Result<std::unique_ptr<Storage>> OpenStorageFromArgs(const core::Args& args, int pool = 2);

}  // namespace qiaomen::server
