#include "qiaomen/cli/field_cli.h"

namespace qiaomen::cli {
namespace {

constexpr const char* kUsage = R"(qiaomen — the Qiaomen field client

Usage: qiaomen [--data DIR] COMMAND [OPTIONS]

Commands:
  help        show this text
  version     print the version

Each command takes --help.
)";

}  // namespace

int RunFieldCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
  if (args.empty()) {
    err << kUsage;
    return 2;
  }
  const std::string& command = args[0];
  if (command == "help" || command == "--help" || command == "-h") {
    out << kUsage;
    return 0;
  }
  if (command == "version" || command == "--version") {
    out << "qiaomen " << QIAOMEN_VERSION << "\n";
    return 0;
  }
  err << "qiaomen: unknown command '" << command << "'. Run `qiaomen help`.\n";
  return 2;
}

}  // namespace qiaomen::cli
