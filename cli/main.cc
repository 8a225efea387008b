#include <iostream>
#include <string>
#include <vector>

#include "qiaomen/cli/field_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return qiaomen::cli::RunFieldCli(args, std::cout, std::cerr);
}
