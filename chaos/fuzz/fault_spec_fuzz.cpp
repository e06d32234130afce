// Fuzz target: the failpoint grammar (GAUNTLET_FAULTS, fault points armed by
// name). A parsed spec must print back to text that parses to the same program.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "gauntlet/chaos/fault_spec.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gauntlet::chaos;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  auto program = parse_fault_spec(text);
  if (program.ok()) {
    auto again = parse_fault_spec(program->to_spec());
    if (!again.ok() || !(*again == *program)) std::abort();
  }
  (void)parse_fault_list(text, "GAUNTLET_FAULTS");
  return 0;
}
