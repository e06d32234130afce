// Fuzz target: chaos journals as budget operations (`gauntlet gate --journal`).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gauntlet/ci/journal_latencies.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  (void)gauntlet::ci::parse_journal_latencies(text, "fuzz.journal.json");
  return 0;
}
