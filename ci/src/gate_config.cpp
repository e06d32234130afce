#include "gauntlet/ci/gate_config.h"

#include <fnmatch.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>

#include "config_reader.h"
#include "gauntlet/harness/input_file.h"

namespace gauntlet::ci {
using records::QualityGrade;

namespace {

using detail::ConfigReader;

Result<GateConfig> read_config(const ConfigReader& r, const YAML::Node& root) {
  GateConfig c;
  if (!root.IsMap()) return r.error(root, "top level", "expected a map");
  static const std::vector<std::string> kKnown{"schema",
                                               "metric",
                                               "higher_is_better",
                                               "alpha",
                                               "confidence",
                                               "threshold_pct",
                                               "interleaved_threshold_pct",
                                               "thresholds",
                                               "ignore",
                                               "min_repetitions",
                                               "bootstrap_resamples",
                                               "seed",
                                               "history_sigmas",
                                               "process_noise_pct",
                                               "run_noise_pct",
                                               "noise_tail_df",
                                               "history_quantile",
                                               "history_min_runs",
                                               "inconclusive",
                                               "environment",
                                               "budgets",
                                               "ratios",
                                               "min_quality"};
  if (Status s = r.unique_keys(root, ""); !s.ok()) return s.error();
  for (const auto& kv : root) {
    const std::string key = kv.first.Scalar();
    if (std::find(kKnown.begin(), kKnown.end(), key) == kKnown.end()) return r.error(kv.first, key, "unknown field");
  }
  if (const YAML::Node n = root["metric"]) {
    GAUNTLET_CI_CFG_TRY(v, r.text(n, "metric"));
    c.metric = v;
  }
  if (const YAML::Node n = root["higher_is_better"]) {
    bool b = false;
    if (!n.IsScalar() || !YAML::convert<bool>::decode(n, b))
      return r.error(n, "higher_is_better", "expected true or false");
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
    if (n.size() > detail::kMaxRules)
      return r.error(n, "thresholds",
                     "has " + std::to_string(n.size()) + " entries; at most " + std::to_string(detail::kMaxRules) +
                         " are allowed");
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
    if (n.size() > detail::kMaxRules)
      return r.error(n, "ignore",
                     "has " + std::to_string(n.size()) + " entries; at most " + std::to_string(detail::kMaxRules) +
                         " are allowed");
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
    if (!n.IsScalar() || !YAML::convert<std::uint64_t>::decode(n, s))
      return r.error(n, "seed", "expected an unsigned integer");
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
    GAUNTLET_CI_CFG_TRY(b, detail::read_budgets(r, n));
    c.budgets = std::move(b.operations);
    c.memory = b.memory;
  }
  if (const YAML::Node n = root["min_quality"]) {
    GAUNTLET_CI_CFG_TRY(v, r.choice(n, "min_quality", {"poor", "fair", "good"}));
    c.min_quality = v == "good" ? QualityGrade::kGood : v == "fair" ? QualityGrade::kFair : QualityGrade::kPoor;
  }
  if (const YAML::Node n = root["ratios"]) {
    GAUNTLET_CI_CFG_TRY(q, detail::read_ratios(r, n));
    c.ratios = std::move(q);
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
