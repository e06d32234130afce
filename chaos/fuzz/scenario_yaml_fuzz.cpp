// Fuzz target: in-process scenario files (`gauntlet chaos run FILE.yaml`)
// against the bundled targets; an accepted scenario is written back as YAML.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gauntlet/chaos/scenario_file.h"
#include "gauntlet/chaos/scenarios/builtin.h"
#include "gauntlet/chaos/shrink.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gauntlet::chaos;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)parse_duration(text.substr(0, 64));
  auto scenario = parse_scenario_yaml(text, "fuzz.yaml", bundled_target);
  if (scenario.ok()) (void)scenario_yaml(*scenario);
  return 0;
}
