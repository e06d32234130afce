#pragma once
// Reading the fields every scenario file shares (name, duration, load
// pattern, phases, hypotheses) from YAML, with one-line errors
// "<file>:<line>:<column>: field '<field>': <problem>". Shared by the
// in-process scenario reader and the service scenario reader.
#include <yaml-cpp/yaml.h>

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/chaos/scenario.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos::detail {

/// Thrown inside a reader only; converted to the Error at its boundary.
struct FieldError {
  Error error;
};

/// Limits a scenario file may not exceed (each named in its error).
struct ScenarioBounds {
  static constexpr Nanos kMaxDuration = 24LL * 3600 * kNanosPerSecond;
  static constexpr Nanos kMinInterval = kNanosPerMilli;
  static constexpr double kMaxRate = 1e6;
  static constexpr int kMaxConnections = 10000;
  static constexpr std::size_t kMaxScheduleEntries = 1000;
  static constexpr std::size_t kMaxPhases = 100;
  static constexpr std::size_t kMaxHypotheses = 1000;
};

class ScenarioFields {
 public:
  explicit ScenarioFields(std::string_view source) : source_(source) {}

  [[noreturn]] void fail(const YAML::Node& node, std::string_view field, std::string_view problem,
                         ErrorCode code = ErrorCode::kSchemaError) const;
  void expect_map(const YAML::Node& node, std::string_view field) const;
  /// Fails on a key outside `keys` (or repeated).
  void known(const YAML::Node& node, std::string_view prefix, const std::set<std::string>& keys) const;
  YAML::Node require(const YAML::Node& node, std::string_view key, std::string_view prefix) const;
  std::string str(const YAML::Node& node, std::string_view field) const;
  double number(const YAML::Node& node, std::string_view field) const;
  /// A whole number in [lo, hi]; the bound is named when exceeded.
  std::int64_t integer(const YAML::Node& node, std::string_view field, std::int64_t lo, std::int64_t hi) const;
  bool boolean(const YAML::Node& node, std::string_view field) const;
  double rate(const YAML::Node& node, std::string_view field) const;
  Nanos duration(const YAML::Node& node, std::string_view field) const;
  /// "512MiB", "10MB", "1.5GiB", "4096" (bytes); at most 1 TiB.
  std::uint64_t bytes(const YAML::Node& node, std::string_view field) const;
  /// A list of strings (a scalar is a list of one).
  std::vector<std::string> strings(const YAML::Node& node, std::string_view field) const;

  /// name, description, duration, interval (with bounds).
  void header(const YAML::Node& root, Scenario& s) const;
  /// The load keys every scenario has (mode, pattern, rate, …); keys in
  /// `extra` are allowed and left to the caller.
  LoadSpec load(const YAML::Node& node, const std::set<std::string>& extra = {}) const;
  std::vector<Phase> phases(const YAML::Node& node) const;
  std::vector<Hypothesis> hypotheses(const YAML::Node& node) const;
  /// Fails when a sequence is longer than `max`.
  void at_most(const YAML::Node& node, std::string_view field, std::size_t max) const;

  const std::string& source() const noexcept { return source_; }

 private:
  Hypothesis hypothesis(const YAML::Node& h, const std::string& at) const;
  std::string source_;
};

/// Parses YAML text into a node; kParseError "<source>:<line>:<col>: malformed YAML: …".
Result<YAML::Node> load_yaml(std::string_view text, std::string_view source);

/// Runs `read` and converts a FieldError or a yaml-cpp exception into an Error.
template <typename F>
auto read_fields(std::string_view source, F&& read) -> Result<decltype(read())> {
  try {
    return read();
  } catch (const FieldError& e) {
    return e.error;
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kSchemaError, std::string(source) + ":" + std::to_string(e.mark.line + 1) + ":" +
                                              std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

}  // namespace gauntlet::chaos::detail
