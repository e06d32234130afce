// Fuzz target: scenario files against the user's own service (processes,
// endpoints, proxies, load, schedule, probes). Parsing only: nothing starts.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string_view>

#include "gauntlet/chaos/service/service_scenario.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gauntlet::chaos::service;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)is_service_scenario_yaml(text);
  ServiceFileOptions options;
  options.logs_parent = std::filesystem::temp_directory_path() / "gauntlet-fuzz-logs";
  (void)parse_service_scenario_yaml(text, "fuzz.yaml", std::filesystem::temp_directory_path(), options);
  return 0;
}
