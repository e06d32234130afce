#pragma once
/// Runs Google Benchmark binaries and collects their JSON for the gate:
/// one binary, or a baseline and a candidate alternated A B A B ... on the
/// same machine so both sides see the same machine moods. Never prints.
#include "gauntlet/harness/error.h"

#include <string>
#include <utility>
#include <vector>

namespace gauntlet::ci {

/// One benchmark binary invocation.
struct BenchCommand {
  std::string binary;
  std::vector<std::string> args;                           ///< extra arguments
  std::vector<std::pair<std::string, std::string>> env;    ///< added to the inherited environment
};

struct BenchRunOptions {
  /// Invocations (processes) per side. The gate judges by process, so many
  /// short ones beat a few long ones.
  int rounds = 10;
  int repetitions = 1;       ///< --benchmark_repetitions per invocation
  bool random_interleaving = true;  ///< --benchmark_enable_random_interleaving
  std::string filter;        ///< --benchmark_filter (empty: all)
  std::string min_time;      ///< --benchmark_min_time (empty: library default)
};

/// Google Benchmark JSON text for each side: the first invocation's context,
/// every invocation's iteration rows with repetition_index renumbered across
/// rounds (aggregates dropped: the gate recomputes from repetitions).
struct BenchRunOutput {
  std::string baseline_json;
  std::string candidate_json;  ///< empty for a single-binary run
};

/// Runs `a` `rounds` times. Errors: kUnavailable when the binary cannot start
/// or exits non-zero; the reader's errors for bad output.
Result<BenchRunOutput> run_benchmarks(const BenchCommand& a, const BenchRunOptions& options);

/// Alternates a and b (a first) `rounds` times each.
Result<BenchRunOutput> run_benchmarks_interleaved(const BenchCommand& a, const BenchCommand& b,
                                                  const BenchRunOptions& options);

}  // namespace gauntlet::ci
