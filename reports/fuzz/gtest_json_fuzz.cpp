// Fuzz target: GoogleTest JSON (`gauntlet report results.json`), then the writers.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "gauntlet/reports/gtest_reader.h"
#include "write_all.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gauntlet::reports;
  auto run = parse_gtest_json(std::string_view(reinterpret_cast<const char*>(data), size), "fuzz.json");
  if (!run.ok()) return 0;
  Report report;
  merge_into(report.tests, std::move(*run));
  fuzz::write_all(report);
  return 0;
}
