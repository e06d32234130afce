#pragma once
// A benchmark history for the tests of the readers above records (the gate's
// golden record, the report's trends), recorded through the store as
// `gauntlet history record` records: 20 runs (revisions c001..c020, a day
// apart) of four benchmarks, three repetitions each of real_time and cpu_time.
// BM_HistogramObserve (18 -> 23.4 ns) and BM_SpanStart (95 -> 71 ns) change
// level at the 16th run (series index 15); the others hold steady.
#include <cstdio>
#include <string>
#include <utility>

#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/stats/seeded_random.h"
#include "gauntlet/records/history_store.h"

namespace gauntlet::records::testing {

inline constexpr int kSampleHistoryRuns = 20;
inline constexpr std::size_t kSampleHistoryChangeIndex = 15;

/// Records the sample history into `store`; the first run at `clock`'s time,
/// each next one a day later (the clock is advanced).
inline Status record_sample_history(HistoryStore& store, ManualClock& clock) {
  constexpr Nanos kDay = 86'400'000'000'000;
  const std::pair<const char*, std::pair<double, double>> levels[] = {{"BM_CounterInc", {3.1, 3.1}},
                                                                      {"BM_HistogramObserve", {18.0, 23.4}},
                                                                      {"BM_SpanStart", {95.0, 71.0}},
                                                                      {"BM_BreakerAllow<std::mutex>", {12.0, 12.0}}};
  stats::SeededRandom rng(7);
  for (int i = 0; i < kSampleHistoryRuns; ++i) {
    HistoryRun run;
    char revision[16];
    std::snprintf(revision, sizeof revision, "c%03d", i + 1);
    run.git_revision = revision;
    run.source = "run-" + std::to_string(i + 1) + ".json";
    run.context = {"ci-runner-1", 2, 2400, "release", ""};
    for (const auto& [name, level] : levels) {
      const double centre = static_cast<std::size_t>(i) < kSampleHistoryChangeIndex ? level.first : level.second;
      for (std::int64_t rep = 0; rep < 3; ++rep) {
        const double real = centre * (1 + 0.01 * (rng.uniform() - 0.5));
        run.samples.push_back({name, "real_time", rep, real});
        run.samples.push_back({name, "cpu_time", rep, real * 0.98});
      }
    }
    Result<std::int64_t> id = store.record_run(run, clock);
    if (!id) return id.error();
    clock.advance(kDay);
  }
  return Status::Ok();
}

}  // namespace gauntlet::records::testing
