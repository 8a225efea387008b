#pragma once
// One `qiaomen` subcommand (or subcommand pair such as "subject show"): its help text, options and
// body, and what every body is given. Each command group lives in its own file under src/commands
// and adds itself through one of the Add*Commands functions below.

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "qiaomen/cli/json_writer.h"
#include "qiaomen/cli/messages.h"
#include "qiaomen/cli/pin_source.h"
#include "qiaomen/core/args.h"
#include "qiaomen/core/clock.h"
#include "qiaomen/core/keys/profile_keys.h"
#include "qiaomen/core/random.h"
#include "qiaomen/core/status.h"

namespace qiaomen::cli {

// The seams and settings a command runs with. All references outlive the command.
struct CliContext {
  std::ostream& out;
  std::ostream& err;
  PinSource& pins;
  core::Clock& clock;
  core::Random& random;          // ids, keys, nonces: SecureRandom() outside tests
  bool out_is_terminal = false;  // progress bars and colours only then
  std::string data_dir{};        // --data: the profile directory
  std::string key_store_dir{};   // where the device keystore keys live (apart from data_dir)
  bool json = false;             // --json: print data as one JSON document
  // Set by a command that printed its JSON document with its errors in it: the dispatcher then
  // prints no second document for the error it returns.
  bool printed_json = false;
  // Argon2id cost for a new profile's PIN (a test may pass a cheaper one).
  core::keys::KdfParams kdf = core::keys::KdfParams::Default();
  // The language every line for a person is printed in (--lang, else the locale; Chinese by
  // default). --json output does not depend on it.
  core::domain::Language language = core::domain::Language::kZh;

  // --verbose: a failure also prints the developer's detail (the status's English message).
  bool verbose = false;
  // The failure as the person reads it, from the catalogue (set by Explain); empty: the status's
  // own message is shown.
  std::string failure_text{};

  // `id`'s text in `language`, filled with `args` (messages.h).
  std::string T(Msg id, std::initializer_list<std::string_view> args = {}) const {
    return Say(language, id, args);
  }

  // Returns `status` unchanged after noting the sentence a person is shown for it (`id` filled
  // with `args`); its English message is then shown with --verbose only. An ok status is returned
  // without a note.
  core::Status Explain(core::Status status, Msg id,
                       std::initializer_list<std::string_view> args = {}) {
    if (!status.ok()) failure_text = T(id, args);
    return status;
  }
};

struct Command {
  std::string name;    // "sync", "subject show", ...
  Msg summary;         // one line for `help`, from the catalogues
  Msg usage;           // the --help text, from the catalogues
  core::ArgSpec spec;  // --data, --keystore, --json and --help are added by the dispatcher
  std::function<core::Status(const core::Args&, CliContext&)> run;
  // Optional: checks the options' values before `run`; an error is a usage error (exit 2).
  std::function<core::Status(const core::Args&)> check = nullptr;
};

// Per-group command lists, one source file each, in the order `help` lists them.
void AddEnrollCommands(std::vector<Command>& commands);      // enroll
void AddSyncCommands(std::vector<Command>& commands);        // sync
void AddTaskCommands(std::vector<Command>& commands);        // tasks
void AddSubjectCommands(std::vector<Command>& commands);     // subject show, subject update
void AddVisitCommands(std::vector<Command>& commands);       // visit record
void AddHazardCommands(std::vector<Command>& commands);      // hazards, hazard update
void AddStatusCommands(std::vector<Command>& commands);      // status
void AddQuarantineCommands(std::vector<Command>& commands);  // quarantine, quarantine resend
void AddPinCommands(std::vector<Command>& commands);         // change-pin
void AddBundleCommands(std::vector<Command>& commands);      // export-bundle
void AddChecklistCommands(std::vector<Command>& commands);   // checklist show, visit template

std::vector<Command> AllCommands();

// A PIN from `ctx.pins` for `purpose` ("current", "new", "confirm"), asked with `prompt`'s text
// in the chosen language. An empty QIAOMEN_PIN / QIAOMEN_NEW_PIN is InvalidArgument, said from the
// catalogue (no attempt is used); other errors as PinSource::ReadPin.
core::Result<std::string> ReadPin(CliContext& ctx, std::string_view purpose, Msg prompt);

// The process exit code for a command's status (core/exit_code.h: the table both programs share).
int ExitCodeFor(const core::Status& status);

// The members of an --json error object: code ("invalid_argument"), exit_code, message.
void WriteError(JsonWriter& json, const core::Status& status, int exit_code);

}  // namespace qiaomen::cli
