#include "qiaomen/cli/field_cli.h"

#include <unistd.h>

#include <cstdlib>

#include "qiaomen/cli/json_writer.h"
#include "qiaomen/core/domain/language.h"
#include "qiaomen/core/exit_code.h"

namespace qiaomen::cli {
namespace {

std::string Usage(const std::vector<Command>& commands, core::domain::Language language) {
  std::string text = Say(language, Msg::kHelpIntro);
  auto add = [&](const std::string& name, Msg summary) {
    text += "  " + name + std::string(name.size() < 18 ? 18 - name.size() : 1, ' ') +
            Say(language, summary) + "\n";
  };
  add("help", Msg::kHelpShowThis);
  add("version", Msg::kHelpVersion);
  for (const auto& c : commands) add(c.name, c.summary);
  return text + Say(language, Msg::kHelpFooter) + core::ExitCodeHelp(language);
}

std::string DefaultDataDir() {
  if (const char* dir = std::getenv("QIAOMEN_DATA"); dir != nullptr && *dir != '\0') return dir;
  const char* home = std::getenv("HOME");
  return std::string(home != nullptr ? home : ".") + "/.local/share/qiaomen/profile";
}

// Takes the global options that come before the command name off the front of `args`.
core::Status TakeGlobalOptions(std::vector<std::string>& args, CliContext& ctx,
                               std::string& key_store_dir) {
  while (!args.empty() && args[0].rfind("--", 0) == 0 && args[0] != "--help" &&
         args[0] != "--version") {
    std::string name = args[0].substr(2);
    std::string value;
    bool has_inline = false;
    if (auto eq = name.find('='); eq != std::string::npos) {
      value = name.substr(eq + 1);
      name.resize(eq);
      has_inline = true;
    }
    if (name == "json" || name == "verbose") {
      (name == "json" ? ctx.json : ctx.verbose) = true;
      args.erase(args.begin());
      continue;
    }
    if (name != "data" && name != "keystore" && name != "lang") {
      return core::InvalidArgument("Unknown option --" + name + " before the command. Run " +
                                   "`qiaomen help`.");
    }
    size_t used = 1;
    if (!has_inline) {
      if (args.size() < 2) return core::InvalidArgument("--" + name + " needs a value.");
      value = args[1];
      used = 2;
    }
    if (name == "lang") {
      QM_ASSIGN_OR_RETURN(ctx.language, core::domain::ParseLanguageOption(value));
    } else {
      (name == "data" ? ctx.data_dir : key_store_dir) = value;
    }
    args.erase(args.begin(), args.begin() + static_cast<long>(used));
  }
  return core::Status::Ok();
}

// Prints the failure on stderr and, with --json, as the JSON document on stdout too (unless the
// command printed its own, its errors included). Returns the exit code.
int Fail(CliContext& ctx, const std::string& command, const core::Status& status,
         core::ExitCode code) {
  const std::string& shown = ctx.failure_text.empty() ? status.message() : ctx.failure_text;
  ctx.err << "qiaomen" << (command.empty() ? "" : " " + command) << ": " << shown << "\n";
  if (ctx.verbose && !ctx.failure_text.empty()) {
    ctx.err << "  " << ctx.T(Msg::kFailDetail, {status.message()}) << "\n";
  }
  if (ctx.json && !ctx.printed_json) {
    JsonWriter json;
    json.BeginObject().Key("error").BeginObject();
    WriteError(json, core::Status(status.code(), shown), static_cast<int>(code));
    if (!ctx.failure_text.empty()) json.Field("detail", status.message());
    json.EndObject().EndObject();
    ctx.out << json.str();
  }
  return static_cast<int>(code);
}

}  // namespace

int ExitCodeFor(const core::Status& status) { return static_cast<int>(core::ExitCodeFor(status)); }

void WriteError(JsonWriter& json, const core::Status& status, int exit_code) {
  json.Field("code", std::string(core::CodeName(status.code())))
      .Field("exit_code", exit_code)
      .Field("message", status.message());
}

core::Result<std::string> ReadPin(CliContext& ctx, std::string_view purpose, Msg prompt) {
  auto pin = ctx.pins.ReadPin(purpose, ctx.T(prompt));
  if (pin.ok() || pin.status().code() != core::Code::kInvalidArgument) return pin;
  // The source names the variable first ("QIAOMEN_PIN is set but empty: ...").
  const core::Status status = pin.status();  // a copy: Result::status() returns by value
  const std::string variable = status.message().substr(0, status.message().find(' '));
  return ctx.Explain(status, Msg::kFailEmptyPin, {variable});
}

std::vector<Command> AllCommands() {
  std::vector<Command> commands;
  AddEnrollCommands(commands);
  AddSyncCommands(commands);
  AddTaskCommands(commands);
  AddSubjectCommands(commands);
  AddVisitCommands(commands);
  AddChecklistCommands(commands);
  AddHazardCommands(commands);
  AddStatusCommands(commands);
  AddQuarantineCommands(commands);
  AddPinCommands(commands);
  AddBundleCommands(commands);
  return commands;
}

int RunFieldCli(const std::vector<std::string>& argv, CliContext& ctx) {
  std::vector<Command> commands = AllCommands();
  std::vector<std::string> args = argv;
  std::string key_store_dir = ctx.key_store_dir;
  if (auto s = TakeGlobalOptions(args, ctx, key_store_dir); !s.ok()) {
    return Fail(ctx, "", s, core::ExitCode::kUsage);
  }
  if (args.empty()) {
    ctx.err << Usage(commands, ctx.language);
    return 2;
  }
  const std::string& name = args[0];
  if (name == "help" || name == "--help" || name == "-h") {
    // `help --lang en` as well as `--lang en help`.
    for (size_t i = 1; i < args.size(); ++i) {
      std::string value = args[i].rfind("--lang=", 0) == 0 ? args[i].substr(7) : "";
      if (args[i] == "--lang" && i + 1 < args.size()) value = args[i + 1];
      if (auto chosen = core::domain::ParseLanguageOption(value); chosen.ok()) {
        ctx.language = *chosen;
      }
    }
    ctx.out << Usage(commands, ctx.language);
    return 0;
  }
  if (name == "version" || name == "--version") {
    ctx.out << "qiaomen " << QIAOMEN_VERSION << "\n";
    return 0;
  }
  const Command* found = nullptr;
  size_t words = 0;
  for (const auto& command : commands) {
    if (args.size() >= 2 && command.name == name + " " + args[1]) {
      found = &command;
      words = 2;
      break;
    }
  }
  for (const auto& command : commands) {
    if (found == nullptr && command.name == name) {
      found = &command;
      words = 1;
    }
  }
  if (found == nullptr) {
    bool group = false;
    for (const auto& command : commands) group |= command.name.rfind(name + " ", 0) == 0;
    if (group) {
      ctx.err << "qiaomen " << name << ": say what to do, e.g.:\n";
      for (const auto& command : commands) {
        if (command.name.rfind(name + " ", 0) == 0) ctx.err << "  qiaomen " << command.name << "\n";
      }
      return 2;
    }
    return Fail(ctx, "",
                core::InvalidArgument("unknown command '" + name + "'. Run `qiaomen help`."),
                core::ExitCode::kUsage);
  }
  std::vector<std::string> rest(args.begin() + static_cast<long>(words), args.end());
  core::ArgSpec spec = found->spec;
  spec.flags.insert("help");
  spec.flags.insert("json");
  spec.flags.insert("verbose");
  spec.valued.insert("data");
  spec.valued.insert("keystore");
  spec.valued.insert("lang");
  auto parsed = core::Args::Parse(rest, spec);
  if (parsed.ok() && parsed->Has("lang")) {
    auto language = core::domain::ParseLanguageOption(*parsed->Get("lang"));
    if (!language.ok()) return Fail(ctx, found->name, language.status(), core::ExitCode::kUsage);
    ctx.language = *language;
  }
  if (parsed.ok() && parsed->Has("json")) ctx.json = true;
  if (parsed.ok() && parsed->Has("verbose")) ctx.verbose = true;
  if (parsed.ok() && parsed->Has("help")) {
    ctx.out << ctx.T(found->usage);
    return 0;
  }
  core::Status usage = parsed.ok() ? parsed->CheckRequired(spec) : parsed.status();
  if (usage.ok() && found->check) usage = found->check(*parsed);
  if (!usage.ok()) {
    const int code = Fail(ctx, found->name, usage, core::ExitCode::kUsage);
    ctx.err << ctx.T(found->usage);
    return code;
  }
  if (auto data = parsed->Get("data")) ctx.data_dir = *data;
  if (auto ks = parsed->Get("keystore")) key_store_dir = *ks;
  if (ctx.data_dir.empty()) ctx.data_dir = DefaultDataDir();
  if (key_store_dir.empty()) {
    const char* env = std::getenv("QIAOMEN_KEYSTORE");
    key_store_dir = env != nullptr && *env != '\0' ? std::string(env) : ctx.data_dir + ".keystore";
  }
  ctx.key_store_dir = key_store_dir;
  core::Status s = found->run(*parsed, ctx);
  if (!s.ok()) return Fail(ctx, found->name, s, core::ExitCodeFor(s));
  return 0;
}

int RunFieldCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::unique_ptr<PinSource> pins = EnvironmentPinSource();
  CliContext ctx{out, err, *pins, core::SystemClock(), core::SecureRandom()};
  ctx.out_is_terminal = ::isatty(STDOUT_FILENO) == 1;
  ctx.language =
      core::domain::LanguageFromEnvironment([](const char* name) { return std::getenv(name); });
  return RunFieldCli(args, ctx);
}

}  // namespace qiaomen::cli
