#include <iostream>
#include <string>
#include <vector>

#include "qiaomen/server/county_cli.h"

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  return qiaomen::server::RunCountyCli(args, std::cout, std::cerr);
}
