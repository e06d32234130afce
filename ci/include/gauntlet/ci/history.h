#pragma once
/// Benchmark history in SQLite (default `.gauntlet/history.sqlite`): runs with
/// their context and git revision, and every repetition's samples. Versioned
/// schema (PRAGMA user_version, migrations applied on open), WAL journal and a
/// busy timeout so several processes can record at once. Schema: docs/gate.md.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/ci/gate.h"
#include "gauntlet/ci/gate_result.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

struct sqlite3;

namespace gauntlet::ci {

/// Newest schema version this build writes.
inline constexpr int kHistorySchemaVersion = 2;
inline constexpr const char* kDefaultHistoryPath = ".gauntlet/history.sqlite";

struct RunRecord {
  std::int64_t id = 0;
  std::int64_t recorded_at_ns = 0;  ///< wall time, Unix epoch
  std::string git_revision;
  std::string label;
  std::string source;
  std::string host_name;
};

/// One run's median of a benchmark's metric.
struct SeriesPoint {
  std::int64_t run_id = 0;
  std::string git_revision;
  double median = 0;
  std::size_t repetitions = 0;
};

class History {
 public:
  /// Opens or creates the database (and its parent directory) and migrates it
  /// to kHistorySchemaVersion. Errors: kIoError / kUnavailable naming the path
  /// for an unreadable file; kSchemaError for a file that is not a SQLite
  /// database (or a damaged one) and for a newer schema than this build knows.
  static Result<History> open(const std::string& path);

  /// Records every iteration row of `file` (real_time, cpu_time and counters)
  /// in one transaction; returns the run id. kInvalidArgument when
  /// `git_revision` or `label` is not valid UTF-8 (nothing is recorded).
  /// Text read back from the database is always UTF-8 (ill-formed bytes an
  /// older build stored come back as U+FFFD).
  Result<std::int64_t> record_run(const BenchmarkFile& file, const std::string& git_revision,
                                  const std::string& label, const Clock& clock);

  /// Newest runs first, at most `limit`.
  Result<std::vector<RunRecord>> runs(int limit) const;

  /// Benchmark names with samples for `metric`.
  Result<std::vector<std::string>> benchmarks(const std::string& metric) const;

  /// Per-run medians of one benchmark, oldest first.
  Result<std::vector<SeriesPoint>> series(const std::string& benchmark, const std::string& metric) const;

  /// Between-run sigma of one run's median (log scale, stats::robust_log_sigma
  /// at `quantile` of the run medians in recording order) over the
  /// last `window` runs of each benchmark with at least `min_runs` runs. A
  /// long window is safe: a step in the series adds one difference, and it
  /// holds more of the machine's moods; fewer runs leave the priors in charge.
  /// For real_time the runs' cpu_time medians are used when every run has
  /// them: waiting for a busy CPU is contention evidence the gate weighs per
  /// comparison, not noise of the code.
  Result<NoiseModel> noise_model(const std::string& metric, int window = 60, int min_runs = 8,
                                 double quantile = 0.75) const;

  /// Change points (E-divisive, seeded) in every benchmark's series.
  Result<std::vector<HistoryChangePoint>> change_points(const std::string& metric, std::uint64_t seed) const;

  int schema_version() const;
  const std::string& path() const noexcept { return path_; }

 private:
  struct Closer {
    void operator()(sqlite3* db) const;
  };
  History(std::string path, sqlite3* db) : path_(std::move(path)), db_(db) {}
  std::string path_;
  std::unique_ptr<sqlite3, Closer> db_;
};

}  // namespace gauntlet::ci
