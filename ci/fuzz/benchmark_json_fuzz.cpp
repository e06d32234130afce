// Fuzz target: Google Benchmark JSON, as `gauntlet gate`, `history record` and
// `baseline save` read it; an accepted file is also turned into the gate's samples.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto file = gauntlet::ci::parse_benchmark_json(text, "fuzz.json");
  if (!file.ok()) return 0;
  for (const char* metric : {"real_time", "cpu_time", "items_per_second"}) {
    (void)gauntlet::ci::extract_samples(*file, metric);
  }
  return 0;
}
