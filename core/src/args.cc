#include "qiaomen/core/args.h"

namespace qiaomen::core {

Result<Args> Args::Parse(const std::vector<std::string>& argv, const ArgSpec& spec) {
  Args args;
  bool options_done = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (options_done || arg.size() < 3 || arg.compare(0, 2, "--") != 0) {
      if (arg == "--") {
        options_done = true;
        continue;
      }
      args.positionals_.push_back(arg);
      continue;
    }
    std::string name = arg.substr(2);
    std::optional<std::string> inline_value;
    if (auto eq = name.find('='); eq != std::string::npos) {
      inline_value = name.substr(eq + 1);
      name.resize(eq);
    }
    if (spec.flags.count(name) > 0) {
      if (inline_value) return InvalidArgument("--" + name + " takes no value.");
      args.flags_.insert(name);
    } else if (spec.valued.count(name) > 0) {
      if (inline_value) {
        args.values_[name] = *inline_value;
      } else if (i + 1 < argv.size()) {
        args.values_[name] = argv[++i];
      } else {
        return InvalidArgument("--" + name + " needs a value.");
      }
    } else {
      return InvalidArgument("Unknown option --" + name + ". See --help for the options.");
    }
  }
  return args;
}

Status Args::CheckRequired(const ArgSpec& spec) const {
  if (flags_.count("help") > 0) return Status::Ok();
  for (const std::string& name : spec.required) {
    if (values_.count(name) == 0) return InvalidArgument("--" + name + " is required. See --help.");
  }
  return Status::Ok();
}

std::optional<std::string> Args::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

Result<std::string> Args::Require(const std::string& name) const {
  auto value = Get(name);
  if (!value) return InvalidArgument("--" + name + " is required. See --help.");
  return *value;
}

}  // namespace qiaomen::core
