#include "qiaomen/cli/pin_source.h"

#include <fcntl.h>
#include <termios.h>
#include <unistd.h>

#include <cstdlib>

namespace qiaomen::cli {
namespace {

class EnvPinSource final : public PinSource {
 public:
  core::Result<std::string> ReadPin(std::string_view purpose, std::string_view prompt) override {
    const char* name = purpose == "current" ? "QIAOMEN_PIN" : "QIAOMEN_NEW_PIN";
    // An empty variable is a script's mistake, not a PIN: refused before it costs an attempt.
    auto from_env = [](const char* var) -> core::Result<std::string> {
      const char* value = std::getenv(var);
      if (value == nullptr) return core::NotFound(var);
      if (*value == '\0') {
        return core::InvalidArgument(std::string(var) +
                                     " is set but empty: set it to the PIN, or unset it to be "
                                     "asked on the terminal. No attempt was used.");
      }
      return std::string(value);
    };
    if (auto value = from_env(name); value.status().code() != core::Code::kNotFound) return value;
    if (purpose != "current") {
      // Enrolment sets the first PIN: QIAOMEN_PIN is the natural place for scripts to put it.
      if (auto value = from_env("QIAOMEN_PIN"); value.status().code() != core::Code::kNotFound) {
        return value;
      }
    }
    auto typed = ReadSecretFromTerminal(prompt);
    if (!typed.ok()) {
      return core::InvalidArgument(std::string("No PIN given: set ") + name +
                                   " or run the command on a terminal to be asked for it.");
    }
    return typed;
  }
};

}  // namespace

std::unique_ptr<PinSource> EnvironmentPinSource() { return std::make_unique<EnvPinSource>(); }

core::Result<std::string> ReadSecretFromTerminal(std::string_view prompt) {
  int fd = ::open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return core::Unavailable("There is no terminal to ask for the PIN.");
  termios saved{};
  bool restore = ::tcgetattr(fd, &saved) == 0;
  if (restore) {
    termios quiet = saved;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    quiet.c_lflag |= ECHONL;
    ::tcsetattr(fd, TCSAFLUSH, &quiet);
  }
  [[maybe_unused]] ssize_t w = ::write(fd, prompt.data(), prompt.size());
  std::string line;
  char c = 0;
  while (::read(fd, &c, 1) == 1 && c != '\n') line.push_back(c);
  if (restore) ::tcsetattr(fd, TCSAFLUSH, &saved);
  ::close(fd);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace qiaomen::cli
