#pragma once
/// Confirm before failing: when separate runs suggest regressions, re-run
/// only those benchmarks with both binaries interleaved (until decided) and
/// let that run decide them.
#include "gauntlet/ci/bench_runner.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/records/gate_result.h"
#include "gauntlet/harness/error.h"

#include <string>
#include <vector>

namespace gauntlet::ci {

/// Run names whose separate-run comparison suggests a regression: verdict
/// regressed, or inconclusive with the ratio beyond the threshold in the bad
/// direction.
std::vector<std::string> suspects(const records::GateResult& separate, const GateConfig& config);

/// Replaces every benchmark of `separate` that `interleaved` judged with the
/// interleaved comparison (its separate verdict kept in `separate_verdict`,
/// its reason prefixed "confirmed interleaved: "), adds a note naming the
/// re-run, and recounts the summary and the pass/fail under `config`.
void apply_confirmation(records::GateResult& separate, const records::GateResult& interleaved,
                        const GateConfig& config);

/// Settings of the confirming run.
struct ConfirmOptions {
  BenchRunOptions run;  ///< rounds (first look), repetitions, min time; filter is set to the suspects
  int max_rounds = 40;  ///< sequential cap (run_until_decided)
};

/// The whole step: no suspects leaves `separate` as it is; otherwise runs
/// `baseline` and `current` interleaved on the suspects until decided and
/// applies that run. Errors: the runner's and the gate's.
Result<records::GateResult> confirm_suspects(records::GateResult separate, const BenchCommand& baseline,
                                             const BenchCommand& current, const ConfirmOptions& options,
                                             const GateConfig& config);

}  // namespace gauntlet::ci
