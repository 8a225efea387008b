#pragma once
// Where the field client gets the worker's PIN: the QIAOMEN_PIN environment variable (scripts, the
// demo, tests) or, failing that, a prompt on the terminal with echo turned off.

#include <memory>
#include <string>
#include <string_view>

#include "qiaomen/core/status.h"

namespace qiaomen::cli {

class PinSource {
 public:
  virtual ~PinSource() = default;
  // Returns the PIN for `purpose`: "current" (unlock), "new" (enrol, change-pin) or "confirm".
  // `prompt` is shown when a person is asked. Errors: InvalidArgument when no PIN is available
  // (no variable and no terminal), with a sentence saying how to give one.
  virtual core::Result<std::string> ReadPin(std::string_view purpose, std::string_view prompt) = 0;
};

// QIAOMEN_PIN for "current", QIAOMEN_NEW_PIN for "new" and "confirm" (falling back to QIAOMEN_PIN
// when enrolling a profile); otherwise /dev/tty without echo. Thread-compatible.
std::unique_ptr<PinSource> EnvironmentPinSource();

// Reads one line from the terminal with echo off (restored afterwards, even on error).
// Unavailable when there is no terminal.
core::Result<std::string> ReadSecretFromTerminal(std::string_view prompt);

}  // namespace qiaomen::cli
