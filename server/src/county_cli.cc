#include "qiaomen/server/county_cli.h"

#include <cstdlib>

#include "cli/command.h"
#include "cli/county_messages.h"
#include "cli/json_text.h"
#include "qiaomen/core/domain/language.h"
#include "qiaomen/core/exit_code.h"

namespace qiaomen::server {
namespace {

std::string Usage(const std::vector<Command>& commands, core::domain::Language language) {
  std::string text = CountySay(language, CountyMsg::kHelpIntro);
  auto add = [&](const std::string& name, CountyMsg summary) {
    text += "  " + name + std::string(name.size() < 18 ? 18 - name.size() : 1, ' ') +
            CountySay(language, summary) + "\n";
  };
  add("help", CountyMsg::kHelpShowThis);
  add("version", CountyMsg::kHelpVersion);
  for (const auto& c : commands) add(c.name, c.summary);
  return text + CountySay(language, CountyMsg::kHelpFooter) + core::ExitCodeHelp(language);
}

// The sentence a person is shown for a failure the county's staff meet without having typed
// anything wrong (the database out of reach), from the catalogue; "" when the status's own
// message says it (a refused input names what to fix). `serve`'s listening socket fails as
// IOError (an address in use), not as Unavailable.
std::string Explained(const core::Args* args, const core::Status& s) {
  if (args == nullptr) return "";
  switch (s.code()) {
    case core::Code::kUnavailable:
    case core::Code::kDeadlineExceeded:
      return CountySay(LanguageOf(*args), CountyMsg::kFailDatabaseUnreachable);
    default:
      return "";
  }
}

// Prints the failure on stderr and, with --format json, as the JSON document on stdout too. An
// explained failure's English detail is printed with --verbose only (and as "detail" in JSON).
int Fail(const std::string& name, const core::Args* args, const core::Status& s,
         core::ExitCode code, std::ostream& out, std::ostream& err) {
  const std::string explained = Explained(args, s);
  const std::string& shown = explained.empty() ? s.message() : explained;
  err << "qiaomen-county" << (name.empty() ? "" : " " + name) << ": " << shown << "\n";
  if (!explained.empty() && args->Has("verbose")) {
    err << "  " << CountySay(LanguageOf(*args), CountyMsg::kFailDetail, {s.message()}) << "\n";
  }
  if (args != nullptr && args->Get("format").value_or("") == "json") {
    out << "{\"error\":{\"code\":\"" << core::CodeName(s.code())
        << "\",\"exit_code\":" << static_cast<int>(code) << ",\"message\":" << JsonQuote(shown)
        << (explained.empty() ? "" : ",\"detail\":" + JsonQuote(s.message())) << "}}\n";
  }
  return static_cast<int>(code);
}

// Option values every command checks the same way before it runs (a usage error).
core::Status CheckCommonOptions(const core::Args& args) {
  if (auto lang = args.Get("lang")) {
    QM_RETURN_IF_ERROR(core::domain::ParseLanguageOption(*lang).status());
  }
  if (auto format = args.Get("format");
      format && *format != "text" && *format != "json" && *format != "csv" && *format != "xlsx") {
    return core::InvalidArgument(
        "--format must be text or json (report also takes csv and xlsx), not '" + *format + "'.");
  }
  return core::Status::Ok();
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
  AddStaffCommands(commands);
  AddImportCommand(commands);
  AddTemplateCommand(commands);
  AddContentCommands(commands);
  AddReportCommands(commands);
  AddBundleCommand(commands);
  AddQuarantineCommand(commands);
  AddRevokedWorkCommand(commands);
  AddHazardCommand(commands);
  AddListCommands(commands);
  AddBackupCommands(commands);
  return commands;
}

int RunCountyCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  std::vector<Command> commands = AllCommands();
  core::domain::Language language =
      core::domain::LanguageFromEnvironment([](const char* name) { return std::getenv(name); });
  if (args.empty()) {
    err << Usage(commands, language);
    return 2;
  }
  const std::string& name = args[0];
  if (name == "help" || name == "--help" || name == "-h") {
    // `help --lang en` (or --lang=en): the help in that language.
    for (size_t i = 1; i < args.size(); ++i) {
      std::string value = args[i].rfind("--lang=", 0) == 0 ? args[i].substr(7) : "";
      if (args[i] == "--lang" && i + 1 < args.size()) value = args[i + 1];
      if (auto chosen = core::domain::ParseLanguageOption(value); chosen.ok()) language = *chosen;
    }
    out << Usage(commands, language);
    return 0;
  }
  if (name == "version" || name == "--version") {
    out << "qiaomen-county " << QIAOMEN_VERSION << "\n";
    return 0;
  }
  for (auto& command : commands) {
    if (command.name != name) continue;
    std::vector<std::string> rest(args.begin() + 1, args.end());
    // Every command speaks one language, chosen here once: its --lang, else the locale's.
    bool has_lang = false;
    for (const auto& arg : rest) {
      if (arg == "--") break;
      has_lang |= arg == "--lang" || arg.rfind("--lang=", 0) == 0;
    }
    if (!has_lang)
      rest.insert(rest.begin(),
                  language == core::domain::Language::kEn ? "--lang=en" : "--lang=zh");
    command.spec.valued.insert("lang");
    command.spec.flags.insert("help");
    command.spec.flags.insert("verbose");
    // Every command that takes --data needs it (OpenStorageFromArgs): missing, a usage error.
    if (command.requires_data && command.spec.valued.count("data") > 0) {
      command.spec.required.insert("data");
    }
    auto parsed = core::Args::Parse(rest, command.spec);
    // The --help text in the command's language (a bad --lang value: the locale's).
    auto help = [&]() {
      core::domain::Language in = language;
      if (parsed.ok()) {
        if (auto chosen = core::domain::ParseLanguageOption(parsed->Get("lang").value_or(""));
            chosen.ok()) {
          in = *chosen;
        }
      }
      return CountySay(in, command.usage);
    };
    if (parsed.ok() && parsed->Has("help")) {
      out << help();
      return 0;
    }
    core::Status usage = parsed.ok() ? CheckCommonOptions(*parsed) : parsed.status();
    if (usage.ok()) usage = parsed->CheckRequired(command.spec);
    if (usage.ok() && command.check) usage = command.check(*parsed);
    if (!usage.ok()) {
      const int code =
          Fail(name, parsed.ok() ? &*parsed : nullptr, usage, core::ExitCode::kUsage, out, err);
      err << help();
      return code;
    }
    core::Status s = command.run(*parsed, out);
    if (!s.ok()) return Fail(name, &*parsed, s, core::ExitCodeFor(s), out, err);
    return 0;
  }
  return Fail("", nullptr,
              core::InvalidArgument("unknown command '" + name + "'. Run `qiaomen-county help`."),
              core::ExitCode::kUsage, out, err);
}

}  // namespace qiaomen::server
