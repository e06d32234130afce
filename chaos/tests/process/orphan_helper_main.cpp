// Test helper: launches `sleep 300` as a target, prints "ready <pid>" and waits
// to be killed. The test SIGKILLs this helper and checks the sleep is gone.
#include "gauntlet/chaos/process/target_process.h"

#include <chrono>
#include <cstdio>
#include <thread>

int main(int argc, char** argv) {
  using namespace gauntlet::chaos::process;
  ProcessSpec spec;
  spec.name = "orphan_sleep";
  spec.program = "sleep";
  spec.args = {"300"};
  if (argc > 1) spec.log_dir = argv[1];
  auto target = TargetProcess::launch(spec, gauntlet::RealClock::instance());
  if (!target.ok()) {
    std::fprintf(stderr, "%s\n", target.error().to_string().c_str());
    return 3;
  }
  std::printf("ready %d\n", (*target)->pid());
  std::fflush(stdout);
  for (int i = 0; i < 600; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(100));  // bounded: 60 s
  return 0;
}
