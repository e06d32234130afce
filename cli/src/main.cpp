#include "gauntlet/cli/command_registry.h"

#include <unistd.h>

#include <iostream>

int main(int argc, char** argv) {
  gauntlet::cli::CommandIO io{std::cout, std::cerr, ::isatty(STDOUT_FILENO) == 1};
  return gauntlet::cli::run_command_line(argc, argv, io, GAUNTLET_VERSION);
}
