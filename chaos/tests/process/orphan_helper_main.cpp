// Test helper: launches `sleep 300` as a target, prints "ready <pid>" and waits
// to be killed. The test SIGKILLs this helper and checks the sleep is gone.
// With a second argument `grandchild` the target is a shell that starts the
// `sleep 300` in the background (a grandchild in the target's group) and the
// pid printed is the sleep's.
#include "gauntlet/chaos/process/supervised_process.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <thread>

int main(int argc, char** argv) {
  using namespace gauntlet::chaos::process;
  ProcessSpec spec;
  spec.name = "orphan_sleep";
  spec.program = "sleep";
  spec.args = {"300"};
  if (argc > 1) spec.log_dir = argv[1];
  const bool grandchild = argc > 2 && std::string(argv[2]) == "grandchild";
  if (grandchild) {
    spec.program = "/bin/sh";
    spec.args = {"-c", "sleep 300 & echo $! > grandchild.part && mv grandchild.part grandchild; wait"};
    spec.cwd = spec.log_dir;
  }
  auto target = SupervisedProcess::launch(spec, gauntlet::RealClock::instance());
  if (!target.ok()) {
    std::fprintf(stderr, "%s\n", target.error().to_string().c_str());
    return 3;
  }
  int pid = (*target)->pid();
  if (grandchild) {
    pid = 0;
    for (int i = 0; i < 500 && pid == 0; ++i) {
      std::ifstream in(spec.log_dir / "grandchild");
      if (!(in >> pid)) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
  }
  std::printf("ready %d\n", pid);
  std::fflush(stdout);
  for (int i = 0; i < 600; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));  // bounded: 60 s
  return 0;
}
