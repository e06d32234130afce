#pragma once
/// Google Benchmark JSON output (`--benchmark_format=json` or
/// `--benchmark_out`) as plain records.
#include "gauntlet/harness/error.h"

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::ci {

/// One CPU cache from the context block.
struct CacheInfo {
  std::string type;  ///< "Data", "Instruction", "Unified"
  int level = 0;
  std::int64_t size = 0;  ///< bytes
  int num_sharing = 0;
};

/// Context key that `gauntlet bench run` writes, with one value per run, into
/// both outputs of an interleaved run (baseline and candidate).
inline constexpr std::string_view kInterleavedPairKey = "gauntlet_interleaved_pair";

/// Context key that `gauntlet bench run --until-decided` writes into both
/// outputs: the number of looks its sequential design planned. The gate
/// judges such files at confidence 1 - (1 - c) / looks and alpha / looks.
inline constexpr std::string_view kSequentialLooksKey = "gauntlet_sequential_looks";

/// Context key that `gauntlet bench run` writes into each output: the highest
/// resident set (VmHWM) of any benchmark process of that side, in whole bytes,
/// as a decimal string. Files produced otherwise lack it.
inline constexpr std::string_view kPeakRssKey = "gauntlet_peak_rss_bytes";

/// Context key that `gauntlet bench run` writes into each output: the largest
/// growth of any benchmark process of that side, its last resident-set reading
/// less its first (after exec), in whole bytes, as a decimal string. Files
/// produced otherwise lack it.
inline constexpr std::string_view kRssGrowthKey = "gauntlet_rss_growth_bytes";

/// Row key that `gauntlet bench run` adds to every repetition: which
/// invocation (process) of the benchmark binary produced it, from 0.
inline constexpr std::string_view kRoundKey = "gauntlet_round";

/// The `context` block: what machine and build produced the file.
struct BenchmarkContext {
  std::string date;
  std::string host_name;
  std::string executable;
  int num_cpus = 0;
  double mhz_per_cpu = 0;
  std::optional<bool> cpu_scaling_enabled;
  std::vector<CacheInfo> caches;
  std::vector<double> load_avg;
  std::string library_build_type;
  /// kPeakRssKey and kRssGrowthKey, read as whole bytes; nullopt when the
  /// file lacks the key (it did not come from `gauntlet bench run`).
  std::optional<std::int64_t> peak_rss_bytes;
  std::optional<std::int64_t> rss_growth_bytes;
  /// Every other string or number in the block (e.g. user AddCustomContext
  /// keys; the two memory keys too, as written).
  std::map<std::string, std::string> extra;
};

enum class RunType { kIteration, kAggregate };

/// One row of `benchmarks`. Times are converted to nanoseconds (`time_unit`
/// keeps the unit the file used) except for aggregates whose
/// `aggregate_unit` is "percentage" (cv), which stay fractions.
struct BenchmarkRow {
  std::string name;      ///< e.g. "BM_Sort/1024/repeats:5_mean"
  std::string run_name;  ///< name without the aggregate suffix; the match key
  RunType run_type = RunType::kIteration;
  std::string aggregate_name;  ///< "mean", "median", "stddev", "cv", "BigO", "RMS", user names
  std::string aggregate_unit;  ///< "time" or "percentage" (aggregates only)
  std::int64_t family_index = -1;
  std::int64_t per_family_instance_index = -1;
  std::int64_t repetitions = 0;
  std::int64_t repetition_index = -1;
  std::int64_t round = -1;  ///< `gauntlet_round` (the producing process); -1 when absent
  std::int64_t threads = 1;
  std::int64_t iterations = 0;
  double real_time_ns = 0;
  double cpu_time_ns = 0;
  std::string time_unit = "ns";
  bool errored = false;                    ///< SkipWithError / error_occurred
  bool skipped = false;                    ///< SkipWithMessage
  std::string message;                     ///< error or skip message
  std::string big_o;                       ///< BigO rows: complexity, e.g. "N^2"
  double rms = 0;                          ///< RMS rows
  std::map<std::string, double> counters;  ///< user counters (extra numeric keys)
};

/// A whole file.
struct BenchmarkFile {
  std::string source;  ///< path or name used in messages
  BenchmarkContext context;
  std::vector<BenchmarkRow> rows;  ///< in file order (may be interleaved)
};

/// Parses Google Benchmark JSON text. Bare NaN / Infinity / -Infinity tokens
/// outside strings are accepted. Errors: kParseError "<source>:<line>:<col>:
/// <what>" for malformed or empty text, a number beyond a double, nesting
/// deeper than kMaxNestingDepth; kSchemaError "<source>: <json path>:
/// <what>" for a wrong shape: a wrong type anywhere (context included), a
/// fraction where a whole number is due, a memory key (kPeakRssKey,
/// kRssGrowthKey) that is not a whole number of bytes >= 0, an empty `benchmarks` array, or a
/// measured time (a repetition, a mean or median) that is not finite and > 0.
Result<BenchmarkFile> parse_benchmark_json(std::string_view text, std::string_view source);

/// Reads and parses a file. Errors as parse_benchmark_json, plus kNotFound /
/// kIoError naming the path.
Result<BenchmarkFile> read_benchmark_file(const std::string& path);

/// Nanoseconds per one `unit` ("ns", "us", "ms", "s"); nullopt for others.
std::optional<double> nanos_per_unit(std::string_view unit);

}  // namespace gauntlet::ci
