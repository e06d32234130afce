#pragma once
/// The gate's use of the benchmark history (gauntlet::records owns the schema
/// and the store): what a Google Benchmark run records, the between-run noise
/// the history has seen, and the change points in its series.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/records/gate_result.h"
#include "gauntlet/records/history_store.h"

#include <cstdint>
#include <string>
#include <vector>

namespace gauntlet::ci {

/// The run `file` records: every iteration row that neither errored nor was
/// skipped, as real_time, cpu_time and each counter, with the file's context
/// (machine class and run key left empty for the caller).
records::HistoryRun history_run(const BenchmarkFile& file, std::string git_revision, std::string label);

/// Between-run sigma of one run's median (log scale, stats::robust_log_sigma
/// at `quantile` of the run medians in recording order) over the last
/// `window` points of each benchmark's records::history_series with at least
/// `min_runs` points, counting only runs of machine class `machine` (all runs
/// when it is empty). A long window is safe: a step in the series adds one
/// difference, and it holds more of the machine's moods; fewer runs leave the
/// priors in charge. For real_time the runs' cpu_time medians are used when
/// every run has them: waiting for a busy CPU is contention evidence the gate
/// weighs per comparison, not noise of the code. Errors: the store's.
Result<NoiseModel> learn_noise_model(const records::HistoryStore& history, const std::string& metric, int window = 60,
                                     int min_runs = 8, double quantile = 0.75, const std::string& machine = {});

/// Change points (E-divisive, seeded) in every benchmark's
/// records::history_series of `metric` with at least 10 points; each index is
/// a position in that series. Errors: the store's and the detector's.
Result<std::vector<records::HistoryChangePoint>> history_change_points(const records::HistoryStore& history,
                                                                       const std::string& metric, std::uint64_t seed);

}  // namespace gauntlet::ci
