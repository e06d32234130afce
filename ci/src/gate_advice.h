#pragma once
// What the gate tells the user besides verdicts: environment evidence from
// the two context blocks, contention seen in real vs cpu time, and how to
// get a decisive answer when the runs cannot give one.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/records/gate_result.h"
#include "gauntlet/harness/error.h"

#include <string>
#include <vector>

namespace gauntlet::ci::detail {

/// Warnings from the contexts: a debug build of Google Benchmark
/// (`library_build_type: debug`) on either side, and a side whose 1-minute
/// load average says the machine was busy (at least half its CPUs' worth of
/// other work) while the other side's did not.
std::vector<std::string> environment_warnings(const BenchmarkContext& baseline, const BenchmarkContext& current);

/// Planned looks of a sequential run (kSequentialLooksKey, the same in both
/// contexts); 1 when neither context has it. Errors: kSchemaError naming the
/// file when a value is not a whole number in [1, 1000] or the sides differ.
Result<int> sequential_looks(const BenchmarkContext& baseline, const BenchmarkContext& current,
                             const std::string& baseline_source, const std::string& current_source);

/// Advice lines when the noise could not be measured: sides of a single
/// process (the process prior), separate runs without history (the run
/// prior). Each names the prior, the smallest change the comparison could
/// detect, and the ways to a decisive answer.
std::vector<std::string> noise_advice(const records::GateResult& result, const GateConfig& config, bool interleaved);

/// One warning listing the benchmarks (at most five named) whose real/cpu
/// time ratio differs by 10% or more between the sides: one side waited
/// longer for a busy CPU. Empty for metrics other than real_time.
std::vector<std::string> contention_warnings(const records::GateResult& result, const std::string& metric);

}  // namespace gauntlet::ci::detail
