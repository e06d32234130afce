#pragma once
/// The history series: the one definition of a benchmark's per-run values
/// that the gate's change points, `gauntlet history trend` and report trends
/// all index.
#include "gauntlet/harness/error.h"
#include "gauntlet/records/history.h"
#include "gauntlet/records/history_store.h"

#include <string>
#include <vector>

namespace gauntlet::records {

/// One benchmark's series for `metric`: per run (oldest first) the median of
/// its repetitions; only runs of machine class `machine` unless it is empty.
/// Empty when the benchmark has no samples of `metric`. Errors: the store's.
Result<HistorySeries> history_series(const HistoryStore& store, const std::string& benchmark, const std::string& metric,
                                     const std::string& machine = {});

/// history_series of every benchmark with samples of `metric`, by name.
Result<std::vector<HistorySeries>> all_history_series(const HistoryStore& store, const std::string& metric,
                                                      const std::string& machine = {});

/// The metric to show when none is asked for: "real_time" when recorded,
/// otherwise the one with most samples; empty for an empty history.
Result<std::string> default_history_metric(const HistoryStore& store);

}  // namespace gauntlet::records
