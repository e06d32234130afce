#pragma once
/// Interleaved runs that go on until every benchmark is decided: a group
/// sequential design with the error rate held by Bonferroni over the looks.
///
/// The looks are planned before the first round: at `rounds`, then each
/// look doubles the rounds, the last at `max_rounds` (10, 20, 40 for
/// 10 and 40). With K planned looks every look judges at confidence
/// 1 - (1 - c) / K and alpha / K, so the chance that any look calls a
/// benchmark wrongly (regressed when it is not, unchanged when it moved by
/// more than the threshold) stays within 1 - c and alpha whatever look
/// stops. Later looks re-run only the undecided benchmarks.
#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/records/gate_result.h"
#include "gauntlet/harness/error.h"

#include <string>
#include <vector>

namespace gauntlet::ci {

/// Round counts at which the design looks: first, 2 first, 4 first, ...
/// while below max_rounds, then max_rounds. {first} when max_rounds <= first.
std::vector<int> planned_looks(int first, int max_rounds);

/// A --benchmark_filter regex matching exactly these run names
/// ("^(BM_A|BM_B/8)$", regex metacharacters escaped).
std::string exact_filter(const std::vector<std::string>& run_names);

struct SequentialOutcome {
  BenchRunOutput output;       ///< both sides, every round, kSequentialLooksKey in both contexts
  records::GateResult result;  ///< the gate's verdict on `output` at the last look taken
  int looks_taken = 0;
  int looks_planned = 0;
};

/// Runs a and b interleaved for options.rounds rounds, judges the pair with
/// `config`, and adds rounds for the inconclusive benchmarks at each planned
/// look until none is left or max_rounds is reached. Errors: kInvalidArgument
/// when max_rounds < options.rounds; the runner's and the gate's errors.
Result<SequentialOutcome> run_until_decided(const BenchCommand& a, const BenchCommand& b,
                                            const BenchRunOptions& options, int max_rounds, const GateConfig& config);

}  // namespace gauntlet::ci
