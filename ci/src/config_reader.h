#pragma once
// Typed reads of the gate's YAML configuration with "<source>:<line>:<col>:
// <field>: <what>" errors; shared by the top-level reader and its sections.
#include "gauntlet/ci/gate_config.h"
#include "gauntlet/harness/error.h"
#include "gauntlet/harness/utf8.h"

#include <yaml-cpp/yaml.h>

#include <cmath>
#include <initializer_list>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace gauntlet::ci::detail {

// Bounds on a config's lists: a config longer than this is a generated mistake.
inline constexpr std::size_t kMaxRules = 10'000;
inline constexpr std::size_t kMaxBudgets = 10'000;

class ConfigReader {
 public:
  explicit ConfigReader(std::string source) : source_(std::move(source)) {}

  Error error(const YAML::Node& node, const std::string& field, const std::string& what) const {
    const YAML::Mark m = node.Mark();
    std::string where = source_;
    if (m.line >= 0) where += ":" + std::to_string(m.line + 1) + ":" + std::to_string(m.column + 1);
    return Error(ErrorCode::kSchemaError, where + ": " + field + ": " + what);
  }

  Result<double> number(const YAML::Node& node, const std::string& field, double lo, double hi) const {
    double v = 0;
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, v)) return error(node, field, "expected a number");
    if (!(v >= lo && v <= hi)) return error(node, field, "must lie in [" + fmt(lo) + ", " + fmt(hi) + "]");
    return v;
  }

  // A whole number in [lo, hi]: "2.5 repetitions" is a typo, not a request.
  Result<int> whole(const YAML::Node& node, const std::string& field, int lo, int hi) const {
    auto v = number(node, field, lo, hi);
    if (!v.ok()) return v.error();
    if (*v != std::floor(*v)) return error(node, field, "expected a whole number, got " + node.Scalar());
    return static_cast<int>(*v);
  }

  // Every key of a map once: YAML keeps the first of two, so a repeated
  // threshold would silently lose one of them.
  Status unique_keys(const YAML::Node& map, const std::string& prefix) const {
    std::set<std::string> seen;
    for (const auto& kv : map) {
      if (!kv.first.IsScalar()) return error(kv.first, prefix.empty() ? "key" : prefix, "expected a plain key");
      const std::string key = kv.first.Scalar();
      const std::string field = prefix.empty() ? key : prefix + "." + key;
      if (!is_valid_utf8(key)) return error(kv.first, prefix.empty() ? "key" : prefix, "key is not valid UTF-8");
      if (!seen.insert(key).second) return error(kv.first, field, "appears twice");
    }
    return {};
  }

  // unique_keys, and every key one of `known`.
  Status known_keys(const YAML::Node& map, const std::string& prefix, std::initializer_list<const char*> known) const {
    if (Status s = unique_keys(map, prefix); !s.ok()) return s;
    for (const auto& kv : map) {
      bool found = false;
      for (const char* k : known) found = found || kv.first.Scalar() == k;
      if (!found) return error(kv.first, prefix + "." + kv.first.Scalar(), "unknown field");
    }
    return {};
  }

  Result<std::string> text(const YAML::Node& node, const std::string& field) const {
    if (!node.IsScalar()) return error(node, field, "expected a string");
    if (!is_valid_utf8(node.Scalar())) return error(node, field, "not valid UTF-8");
    return node.Scalar();
  }

  Result<std::string> choice(const YAML::Node& node, const std::string& field,
                             std::initializer_list<const char*> options) const {
    auto t = text(node, field);
    if (!t.ok()) return t;
    std::string all;
    for (const char* o : options) {
      if (*t == o) return t;
      all += all.empty() ? o : std::string(" or ") + o;
    }
    return error(node, field, "expected " + all + ", got \"" + *t + "\"");
  }

 private:
  static std::string fmt(double d) {
    std::ostringstream s;
    s << d;
    return s.str();
  }
  std::string source_;
};

#define GAUNTLET_CI_CFG_TRY(lhs, expr)                  \
  auto lhs##_r = (expr);                                \
  if (!lhs##_r.ok()) return std::move(lhs##_r).error(); \
  auto lhs = std::move(lhs##_r).value()

/// What `budgets:` holds: per-operation budgets and the run's memory budgets.
struct BudgetsSection {
  std::vector<LatencyBudget> operations;
  MemoryBudget memory;
};

/// `budgets:` (tolerance_pct, min_samples, max_memory_mb,
/// max_memory_growth_mb, operations with latency limits, min_throughput,
/// throughput_counter, min_samples). `operations` may be left out when a
/// memory limit is given.
Result<BudgetsSection> read_budgets(const ConfigReader& r, const YAML::Node& node);

/// `ratios:` a list of {numerator, denominator, max and/or min, metric, name}.
Result<std::vector<RatioRule>> read_ratios(const ConfigReader& r, const YAML::Node& node);

}  // namespace gauntlet::ci::detail
