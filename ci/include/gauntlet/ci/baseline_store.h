#pragma once
/// Named baselines: validated Google Benchmark JSON files kept in a directory
/// (default `.gauntlet/baselines/<name>.json`), always written atomically.
#include "gauntlet/ci/benchmark_file.h"
#include "gauntlet/harness/error.h"

#include <string>
#include <vector>

namespace gauntlet::ci {

inline constexpr const char* kDefaultBaselineDir = ".gauntlet/baselines";

class BaselineStore {
 public:
  explicit BaselineStore(std::string dir = kDefaultBaselineDir) : dir_(std::move(dir)) {}

  /// Path of a baseline; names are [A-Za-z0-9._-]+ and do not start with '.'.
  Result<std::string> path_for(const std::string& name) const;

  /// Validates `source_file` as Google Benchmark JSON and stores it under `name`
  /// (replacing any previous one atomically). Errors: the reader's, kInvalidArgument
  /// for a bad name, kIoError.
  Status save(const std::string& name, const std::string& source_file) const;

  /// Reads a stored baseline (kNotFound when there is none).
  Result<BenchmarkFile> load(const std::string& name) const;

  /// Copies baseline `from` over baseline `to` atomically (e.g. candidate -> main).
  Status promote(const std::string& from, const std::string& to) const;

  /// Names of stored baselines, sorted.
  std::vector<std::string> names() const;

 private:
  std::string dir_;
};

}  // namespace gauntlet::ci
