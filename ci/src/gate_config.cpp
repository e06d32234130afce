#include "gauntlet/ci/gate_config.h"

#include <fnmatch.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <cmath>
#include <set>
#include <sstream>

#include "gauntlet/harness/input_file.h"
#include "gauntlet/harness/utf8.h"

namespace gauntlet::ci {
namespace {

// Bounds on a config's lists: a config longer than this is a generated mistake.
constexpr std::size_t kMaxRules = 10'000;
constexpr std::size_t kMaxBudgets = 10'000;

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
    if (!node.IsScalar() || !YAML::convert<double>::decode(node, v))
      return error(node, field, "expected a number");
    if (!(v >= lo && v <= hi))
      return error(node, field, "must lie in [" + fmt(lo) + ", " + fmt(hi) + "]");
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

#define GAUNTLET_CI_CFG_TRY(lhs, expr)                               \
  auto lhs##_r = (expr);                                             \
  if (!lhs##_r.ok()) return std::move(lhs##_r).error();              \
  auto lhs = std::move(lhs##_r).value()

Result<double> latency_ns(const ConfigReader& r, const YAML::Node& entry, const std::string& field,
                          const std::string& q) {
  static const std::pair<const char*, double> kUnits[] = {{"_ns", 1.0}, {"_us", 1e3}, {"_ms", 1e6}, {"_s", 1e9}};
  for (const auto& [suffix, scale] : kUnits) {
    if (const YAML::Node v = entry[q + suffix]) {
      GAUNTLET_CI_CFG_TRY(x, r.number(v, field + "." + q + suffix, 0, 1e300));
      return x * scale;
    }
  }
  return 0.0;
}

Result<std::vector<LatencyBudget>> read_budgets(const ConfigReader& r, const YAML::Node& node) {
  std::vector<LatencyBudget> out;
  if (!node.IsMap()) return r.error(node, "budgets", "expected a map with tolerance_pct and operations");
  double tolerance = 10;
  if (const YAML::Node t = node["tolerance_pct"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(t, "budgets.tolerance_pct", 0, 1000));
    tolerance = v;
  }
  if (Status s = r.unique_keys(node, "budgets"); !s.ok()) return s.error();
  const YAML::Node ops = node["operations"];
  if (!ops || !ops.IsMap()) return r.error(ops ? ops : node, "budgets.operations", "expected a map of operation names");
  if (Status s = r.unique_keys(ops, "budgets.operations"); !s.ok()) return s.error();
  if (ops.size() > kMaxBudgets)
    return r.error(ops, "budgets.operations", "has " + std::to_string(ops.size()) + " entries; at most " +
                                                  std::to_string(kMaxBudgets) + " are allowed");
  for (const auto& kv : ops) {
    const std::string name = kv.first.Scalar();
    const std::string field = "budgets.operations." + name;
    if (!kv.second.IsMap()) return r.error(kv.second, field, "expected p50_ms/p95_ms/p99_ms limits");
    if (Status s = r.unique_keys(kv.second, field); !s.ok()) return s.error();
    LatencyBudget b;
    b.operation = name;
    b.tolerance_pct = tolerance;
    GAUNTLET_CI_CFG_TRY(p50, latency_ns(r, kv.second, field, "p50"));
    GAUNTLET_CI_CFG_TRY(p95, latency_ns(r, kv.second, field, "p95"));
    GAUNTLET_CI_CFG_TRY(p99, latency_ns(r, kv.second, field, "p99"));
    b.p50_ns = p50;
    b.p95_ns = p95;
    b.p99_ns = p99;
    if (const YAML::Node t = kv.second["tolerance_pct"]) {
      GAUNTLET_CI_CFG_TRY(v, r.number(t, field + ".tolerance_pct", 0, 1000));
      b.tolerance_pct = v;
    }
    if (b.p50_ns == 0 && b.p95_ns == 0 && b.p99_ns == 0)
      return r.error(kv.second, field, "no limit (expected p50_ms, p95_ms or p99_ms; _us, _ns, _s also work)");
    out.push_back(b);
  }
  return out;
}

Result<GateConfig> read_config(const ConfigReader& r, const YAML::Node& root) {
  GateConfig c;
  if (!root.IsMap()) return r.error(root, "top level", "expected a map");
  static const std::vector<std::string> kKnown{
      "schema", "metric", "higher_is_better", "alpha", "confidence", "threshold_pct", "interleaved_threshold_pct",
      "thresholds", "ignore", "min_repetitions", "bootstrap_resamples", "seed", "history_sigmas",
      "process_noise_pct", "run_noise_pct", "noise_tail_df", "history_quantile", "history_min_runs",
      "inconclusive", "environment", "budgets"};
  if (Status s = r.unique_keys(root, ""); !s.ok()) return s.error();
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end())
      return r.error(kv.first, key, "unknown field");
  }
  if (const YAML::Node n = root["metric"]) {
    GAUNTLET_CI_CFG_TRY(v, r.text(n, "metric"));
    c.metric = v;
  }
  if (const YAML::Node n = root["higher_is_better"]) {
    bool b = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, b)) return r.error(n, "higher_is_better", "expected true or false");
    c.higher_is_better = b;
  }
  if (const YAML::Node n = root["alpha"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "alpha", 1e-9, 0.5));
    c.alpha = v;
  }
  if (const YAML::Node n = root["confidence"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "confidence", 0.5, 0.9999));
    c.confidence = v;
  }
  if (const YAML::Node n = root["threshold_pct"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "threshold_pct", 0, 1000));
    c.default_threshold = v / 100.0;
  }
  if (const YAML::Node n = root["interleaved_threshold_pct"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "interleaved_threshold_pct", 0, 1000));
    c.interleaved_threshold = v / 100.0;
  }
  if (const YAML::Node n = root["thresholds"]) {
    if (!n.IsSequence()) return r.error(n, "thresholds", "expected a list of {match, threshold_pct}");
    if (n.size() > kMaxRules)
      return r.error(n, "thresholds", "has " + std::to_string(n.size()) + " entries; at most " +
                                          std::to_string(kMaxRules) + " are allowed");
    for (std::size_t i = 0; i < n.size(); ++i) {
      const std::string field = "thresholds[" + std::to_string(i) + "]";
      const YAML::Node e = n[i];
      if (!e.IsMap() || !e["match"] || !e["threshold_pct"])
        return r.error(e, field, "expected {match: <glob>, threshold_pct: <number>}");
      if (Status s = r.unique_keys(e, field); !s.ok()) return s.error();
      GAUNTLET_CI_CFG_TRY(m, r.text(e["match"], field + ".match"));
      GAUNTLET_CI_CFG_TRY(t, r.number(e["threshold_pct"], field + ".threshold_pct", 0, 1000));
      c.thresholds.push_back({m, t / 100.0});
    }
  }
  if (const YAML::Node n = root["ignore"]) {
    if (!n.IsSequence()) return r.error(n, "ignore", "expected a list of globs");
    if (n.size() > kMaxRules)
      return r.error(n, "ignore", "has " + std::to_string(n.size()) + " entries; at most " +
                                      std::to_string(kMaxRules) + " are allowed");
    for (std::size_t i = 0; i < n.size(); ++i) {
      GAUNTLET_CI_CFG_TRY(g, r.text(n[i], "ignore[" + std::to_string(i) + "]"));
      c.ignore.push_back(g);
    }
  }
  if (const YAML::Node n = root["min_repetitions"]) {
    GAUNTLET_CI_CFG_TRY(v, r.whole(n, "min_repetitions", 1, 100000));
    c.min_repetitions = v;
  }
  if (const YAML::Node n = root["bootstrap_resamples"]) {
    GAUNTLET_CI_CFG_TRY(v, r.whole(n, "bootstrap_resamples", 100, 10'000'000));
    c.bootstrap_resamples = v;
  }
  if (const YAML::Node n = root["seed"]) {
    std::uint64_t s = 0;
    if (!n.IsScalar() || !YAML::convert<std::uint64_t>::decode(n, s)) return r.error(n, "seed", "expected an unsigned integer");
    c.seed = s;
  }
  if (const YAML::Node n = root["history_sigmas"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "history_sigmas", 0, 100));
    c.history_sigmas = v;
  }
  if (const YAML::Node n = root["process_noise_pct"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "process_noise_pct", 0, 1000));
    c.process_noise = v / 100.0;
  }
  if (const YAML::Node n = root["run_noise_pct"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "run_noise_pct", 0, 1000));
    c.run_noise = v / 100.0;
  }
  if (const YAML::Node n = root["noise_tail_df"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "noise_tail_df", 1, 1e9));
    c.noise_tail_df = v;
  }
  if (const YAML::Node n = root["history_quantile"]) {
    GAUNTLET_CI_CFG_TRY(v, r.number(n, "history_quantile", 0.05, 0.95));
    c.history_quantile = v;
  }
  if (const YAML::Node n = root["history_min_runs"]) {
    GAUNTLET_CI_CFG_TRY(v, r.whole(n, "history_min_runs", 3, 100000));
    c.history_min_runs = v;
  }
  if (const YAML::Node n = root["inconclusive"]) {
    GAUNTLET_CI_CFG_TRY(v, r.choice(n, "inconclusive", {"warn", "fail"}));
    c.inconclusive = v == "fail" ? InconclusivePolicy::kFail : InconclusivePolicy::kWarn;
  }
  if (const YAML::Node n = root["environment"]) {
    GAUNTLET_CI_CFG_TRY(v, r.choice(n, "environment", {"warn", "refuse", "advisory"}));
    c.environment = v == "refuse"     ? EnvironmentPolicy::kRefuse
                    : v == "advisory" ? EnvironmentPolicy::kAdvisory
                                      : EnvironmentPolicy::kWarn;
  }
  if (const YAML::Node n = root["budgets"]) {
    GAUNTLET_CI_CFG_TRY(b, read_budgets(r, n));
    c.budgets = std::move(b);
  }
  return c;
}

}  // namespace

bool glob_matches(const std::string& pattern, const std::string& name) {
  return ::fnmatch(pattern.c_str(), name.c_str(), 0) == 0;
}

double GateConfig::threshold_for(const std::string& run_name) const {
  for (const ThresholdRule& rule : thresholds)
    if (glob_matches(rule.match, run_name)) return rule.threshold;
  return default_threshold;
}

bool GateConfig::ignored(const std::string& run_name) const {
  for (const std::string& g : ignore)
    if (glob_matches(g, run_name)) return true;
  return false;
}

Result<GateConfig> parse_gate_config(const std::string& yaml_text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::DeepRecursion& e) {
    return Error(ErrorCode::kParseError, source + ":" + std::to_string(e.mark.line + 1) + ":" +
                                             std::to_string(e.mark.column + 1) + ": nesting deeper than " +
                                             std::to_string(e.depth() - 1) + " levels");
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kParseError, source + ":" + std::to_string(e.mark.line + 1) + ":" +
                                             std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
  if (root.IsNull()) return GateConfig{};
  try {
    return read_config(ConfigReader(source), root);
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kSchemaError, source + ":" + std::to_string(e.mark.line + 1) + ":" +
                                              std::to_string(e.mark.column + 1) + ": " + e.msg);
  }
}

Result<GateConfig> read_gate_config(const std::string& path) {
  auto text = read_input_file(path, "gate config");
  if (!text.ok()) return text.error();
  return parse_gate_config(*text, path);
}

}  // namespace gauntlet::ci
