#include "qiaomen/server/county_cli.h"

#include "cli/command.h"

namespace qiaomen::server {
namespace {

std::string Usage(const std::vector<Command>& commands) {
  std::string text =
      "qiaomen-county — the Qiaomen county server and its admin commands\n\n"
      "Usage: qiaomen-county COMMAND [OPTIONS]\n\nCommands:\n";
  auto add = [&](const std::string& name, const std::string& summary) {
    text +=
        "  " + name + std::string(name.size() < 18 ? 18 - name.size() : 1, ' ') + summary + "\n";
  };
  add("help", "show this text");
  add("version", "print the version");
  for (const auto& c : commands) add(c.name, c.summary);
  text +=
      "\nEach command takes --help. Commands that use the data directory take --data DIR\n"
      "(and --db postgresql://... for PostgreSQL, unless `init --db` saved it).\n";
  return text;
}

int ExitCode(const core::Status& s) {
  switch (s.code()) {
    case core::Code::kOk:
      return 0;
    case core::Code::kInvalidArgument:
      return 2;
    default:
      return 1;
  }
}

}  // namespace

core::Result<std::unique_ptr<Storage>> OpenStorageFromArgs(const core::Args& args, int pool) {
  StorageOptions options;
  QM_ASSIGN_OR_RETURN(options.data_dir, args.Require("data"));
  options.db_url = args.Get("db").value_or("");
  options.pool_size = pool;
  return Storage::Open(options);
}

std::vector<Command> AllCommands() {
  std::vector<Command> commands;
  AddSetupCommands(commands);
  AddServeCommand(commands);
  AddImportCommand(commands);
  AddTemplateCommand(commands);
  AddContentCommands(commands);
  AddReportCommands(commands);
  AddBundleCommand(commands);
  AddQuarantineCommand(commands);
  AddBackupCommands(commands);
  return commands;
}

int RunCountyCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<Command> commands = AllCommands();
  if (args.empty()) {
    err << Usage(commands);
    return 2;
  }
  const std::string& name = args[0];
  if (name == "help" || name == "--help" || name == "-h") {
    out << Usage(commands);
    return 0;
  }
  if (name == "version" || name == "--version") {
    out << "qiaomen-county " << QIAOMEN_VERSION << "\n";
    return 0;
  }
  for (auto& command : commands) {
    if (command.name != name) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    command.spec.flags.insert("help");
    auto parsed = core::Args::Parse(rest, command.spec);
    if (!parsed.ok()) {
      err << "qiaomen-county " << name << ": " << parsed.status().message() << "\n"
          << command.usage;
      return 2;
    }
    if (parsed->Has("help")) {
      out << command.usage;
      return 0;
    }
    core::Status s = command.run(*parsed, out);
    if (!s.ok()) {
      err << "qiaomen-county " << name << ": " << s.message() << "\n";
      return ExitCode(s);
    }
    return 0;
  }
  err << "qiaomen-county: unknown command '" << name << "'. Run `qiaomen-county help`.\n";
  return 2;
}

}  // namespace qiaomen::server
