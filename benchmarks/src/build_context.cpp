// Names the build type in every Gauntlet benchmark executable's JSON context
// ("build_type"), so the gate treats a Debug run and a Release baseline as
// different environments rather than a regression.
#include <string>

#include <benchmark/benchmark.h>

#ifndef GAUNTLET_BUILD_TYPE
#define GAUNTLET_BUILD_TYPE "unknown"
#endif

namespace {

// Runs before main(); Google Benchmark keeps the entries until it reports.
const bool build_type_recorded = [] {
  benchmark::AddCustomContext("build_type", GAUNTLET_BUILD_TYPE[0] != '\0' ? GAUNTLET_BUILD_TYPE : "unknown");
  return true;
}();

}  // namespace
