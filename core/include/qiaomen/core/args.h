#pragma once
// Command-line arguments for the headless tools (qiaomen, qiaomen-county): `--name value`,
// `--name=value`, boolean `--flag`, and positionals. Unknown options are an error that names them.

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "qiaomen/core/status.h"

namespace qiaomen::core {

struct ArgSpec {
  std::set<std::string> valued;  // options that take a value, without the leading "--"
  std::set<std::string> flags;   // boolean options
  // Options that must be given (a subset of `valued`), see Args::CheckRequired.
  std::set<std::string> required = {};
};

class Args {
 public:
  // Parses argv[0..argc) (no program name). "--" ends options. Errors: InvalidArgument naming the
  // unknown option or the option missing its value.
  static Result<Args> Parse(const std::vector<std::string>& argv, const ArgSpec& spec);

  bool Has(const std::string& name) const {
    return values_.count(name) > 0 || flags_.count(name) > 0;
  }
  std::optional<std::string> Get(const std::string& name) const;
  // InvalidArgument "--name is required." for the first of `spec.required` not given (a usage
  // error for a dispatcher, which checks it before the command runs); Ok with --help.
  Status CheckRequired(const ArgSpec& spec) const;
  // InvalidArgument "--name is required." when absent.
  Result<std::string> Require(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::string> values_;
  std::set<std::string> flags_;
  std::vector<std::string> positionals_;
};

}  // namespace qiaomen::core
