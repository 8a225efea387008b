#include "qiaomen/server/county_cli.h"

namespace qiaomen::server {
namespace {

constexpr const char* kUsage = R"(qiaomen-county — the Qiaomen county server and its admin commands

Usage: qiaomen-county COMMAND [OPTIONS]

Commands:
  help        show this text
  version     print the version

Each command takes --help.
)";

}  // namespace

int RunCountyCli(const std::vector<std::string>& args, std::ostream& out, std::ostream& err) {
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
    out << "qiaomen-county " << QIAOMEN_VERSION << "\n";
    return 0;
  }
  err << "qiaomen-county: unknown command '" << command << "'. Run `qiaomen-county help`.\n";
  return 2;
}

}  // namespace qiaomen::server
