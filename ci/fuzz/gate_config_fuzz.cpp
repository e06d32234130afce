// Fuzz target: the gate's YAML configuration (`gauntlet gate --config`).
#include <cstddef>
#include <cstdint>
#include <string>

#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_config.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  auto config = gauntlet::ci::parse_gate_config(text, "fuzz.yaml");
  if (config.ok()) {
    (void)config->threshold_for("BM_Sort/1024");
    (void)config->ignored("BM_Sort/1024");
    // Budgets and ratio rules of any accepted config judge an empty run without crashing.
    (void)gauntlet::ci::run_single_gate(gauntlet::ci::BenchmarkFile{}, *config);
  }
  return 0;
}
