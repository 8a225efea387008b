#include "cli/password_prompt.h"

#include <termios.h>
#include <unistd.h>

#include <iostream>

namespace qiaomen::server {
namespace {

bool ReadLine(std::string& line) {
  if (!std::getline(std::cin, line)) return false;
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return true;
}

// Reads a line from the terminal on stdin with echo off, restoring the terminal after.
core::Result<std::string> ReadHidden(const std::string& prompt) {
  std::cerr << prompt << std::flush;
  termios saved{};
  if (tcgetattr(STDIN_FILENO, &saved) != 0) return core::IOError("Cannot read the terminal.");
  termios quiet = saved;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  quiet.c_lflag |= ECHONL;
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
  std::string line;
  const bool read = ReadLine(line);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved);
  if (!read) return core::InvalidArgument("No password was given.");
  return line;
}

}  // namespace

core::Result<std::string> ReadNewPassword(const std::string& prompt) {
  if (!isatty(STDIN_FILENO)) {
    std::string line;
    if (!ReadLine(line) || line.empty()) {
      return core::InvalidArgument("No password was given: write it on the first line of stdin.");
    }
    return line;
  }
  QM_ASSIGN_OR_RETURN(std::string first, ReadHidden(prompt));
  QM_ASSIGN_OR_RETURN(std::string second, ReadHidden("Again: "));
  if (first != second) {
    return core::InvalidArgument("The two passwords differ; nothing was changed. Run it again.");
  }
  if (first.empty()) return core::InvalidArgument("No password was given.");
  return first;
}

}  // namespace qiaomen::server
