#pragma once
/// Runs Google Benchmark binaries and collects their JSON for the gate:
/// one binary, or a baseline and a candidate alternated A B A B ... on the
/// same machine so both sides see the same machine moods. Never prints.
///
/// Each invocation is a guarded child: it leads a process group of its own,
/// is SIGKILLed with its whole group when the calling process dies (even by
/// SIGKILL), and whatever it leaves running in its group is killed when it
/// ends; every process is reaped. It writes its JSON to an unnamed in-memory
/// file it inherits (--benchmark_out=/proc/self/fd/N), so no temp file is
/// ever named on disk. Runs block the calling thread until the invocations end.
#include "gauntlet/harness/error.h"

#include <memory>
#include <string>
#include <utility>
#include <vector>

namespace gauntlet::ci {

/// One benchmark binary invocation.
struct BenchCommand {
  std::string binary;
  std::vector<std::string> args;                         ///< extra arguments
  std::vector<std::pair<std::string, std::string>> env;  ///< added to the inherited environment
};

struct BenchRunOptions {
  /// Invocations (processes) per side. The gate judges by process, so many
  /// short ones beat a few long ones.
  int rounds = 10;
  int repetitions = 1;              ///< --benchmark_repetitions per invocation
  bool random_interleaving = true;  ///< --benchmark_enable_random_interleaving
  std::string filter;               ///< --benchmark_filter (empty: all)
  std::string min_time;             ///< --benchmark_min_time (empty: library default)
};

/// Google Benchmark JSON text for each side: the first invocation's context,
/// every invocation's iteration rows with repetition_index renumbered across
/// rounds (aggregates dropped: the gate recomputes from repetitions). The
/// context also holds the side's memory (kPeakRssKey, kRssGrowthKey: its worst
/// process, read from /proc every 10 ms from exec to exit; left out when a
/// process ended before its first reading).
struct BenchRunOutput {
  std::string baseline_json;
  std::string candidate_json;  ///< empty for a single-binary run
};

/// Runs `a` `rounds` times. Errors: kUnavailable when the binary cannot start,
/// exits non-zero or is killed by a signal; kOutOfRange when one invocation's
/// output is larger than max_input_bytes(); kIoError when its output cannot be
/// kept or read; kInternal when the process watching it was lost; the
/// reader's errors for bad output.
Result<BenchRunOutput> run_benchmarks(const BenchCommand& a, const BenchRunOptions& options);

/// Alternates a and b `rounds` times each, A B then B A then A B ...
Result<BenchRunOutput> run_benchmarks_interleaved(const BenchCommand& a, const BenchCommand& b,
                                                  const BenchRunOptions& options);

/// An interleaved run that grows round by round (a sequential design adds
/// rounds for the benchmarks still undecided). Round r runs A then B when r
/// is even, B then A when odd; rows keep their round number across calls.
class InterleavedRun {
 public:
  InterleavedRun(BenchCommand a, BenchCommand b, BenchRunOptions options);
  ~InterleavedRun();
  InterleavedRun(InterleavedRun&&) noexcept;
  InterleavedRun& operator=(InterleavedRun&&) noexcept;

  /// Runs `rounds` more rounds with `filter` as --benchmark_filter (empty:
  /// the options' filter). Errors: as run_benchmarks_interleaved.
  Status add_rounds(int rounds, const std::string& filter);
  int rounds() const noexcept;

  /// Both sides so far, with one kInterleavedPairKey for the run and each
  /// of `context` set in both contexts.
  BenchRunOutput output(const std::vector<std::pair<std::string, std::string>>& context = {}) const;

 private:
  struct Sides;
  BenchCommand a_, b_;
  BenchRunOptions options_;
  std::unique_ptr<Sides> sides_;
};

}  // namespace gauntlet::ci
