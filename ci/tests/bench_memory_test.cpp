// The memory `gauntlet bench run` measures of each benchmark process, checked
// against a program that allocates a known amount (BM_Memory in
// ratio_bench.cpp): peak and growth within 10% of what it allocates, and none
// of the memory of the process that started it.
#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/harness/testing/status_matchers.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstring>
#include <memory>
#include <string>

namespace gauntlet::ci {
namespace {

#ifdef GAUNTLET_RATIO_BENCH
constexpr double kMiB = 1 << 20;

struct Measured {
  double peak = -1, growth = -1;
};

// One process of BM_Memory/<variant>, one repetition.
Measured run_variant(const std::string& variant) {
  BenchRunOptions o;
  o.rounds = 1;
  o.repetitions = 1;
  o.filter = "BM_Memory/" + variant + "/";
  auto out = run_benchmarks({GAUNTLET_RATIO_BENCH, {}, {}}, o);
  EXPECT_THAT(out, matchers::IsOk());
  if (!out.ok()) return {};
  const nlohmann::json context = nlohmann::json::parse(out->baseline_json)["context"];
  EXPECT_TRUE(context.contains(std::string(kPeakRssKey))) << context.dump();
  EXPECT_TRUE(context.contains(std::string(kRssGrowthKey))) << context.dump();
  if (!context.contains(std::string(kPeakRssKey)) || !context.contains(std::string(kRssGrowthKey))) return {};
  return {std::stod(context[std::string(kPeakRssKey)].get<std::string>()),
          std::stod(context[std::string(kRssGrowthKey)].get<std::string>())};
}

TEST(BenchMemoryTest, PeakAndGrowthAreWhatTheProgramAllocates) {
  // This process holds 256 MiB while it starts the benchmarks: fork copies
  // it, and none of it may be counted as theirs.
  constexpr std::size_t kHeld = 256u << 20;
  auto held = std::make_unique<char[]>(kHeld);
  std::memset(held.get(), 1, kHeld);

  const Measured none = run_variant("hold_0MiB");
  const Measured hold = run_variant("hold_64MiB");
  const Measured leak = run_variant("leak_32MiB");
  ASSERT_GT(none.peak, 0);
  EXPECT_LT(none.peak, 64 * kMiB) << "the starting process's memory was counted";
  // Holding 64 MiB for a while, then freeing it: the peak rises by 64 MiB,
  // the end does not.
  EXPECT_NEAR(hold.peak - none.peak, 64 * kMiB, 6.4 * kMiB);
  EXPECT_LT(hold.growth, 4 * kMiB);
  // Leaking 32 MiB: the growth is the leak.
  EXPECT_NEAR(leak.growth, 32 * kMiB, 3.2 * kMiB);
  EXPECT_NEAR(leak.peak - none.peak, 32 * kMiB, 3.2 * kMiB);
  EXPECT_EQ(held[kHeld - 1], 1);
}
#endif

}  // namespace
}  // namespace gauntlet::ci
