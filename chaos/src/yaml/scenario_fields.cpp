#include "yaml/scenario_fields.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <yaml-cpp/depthguard.h>

#include <charconv>
#include <cmath>

#include "gauntlet/chaos/scenario_file.h"

namespace gauntlet::chaos::detail {
namespace {

std::string join(std::string_view prefix, std::string_view key) {
  return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
}

}  // namespace

void ScenarioFields::fail(const YAML::Node& node, std::string_view field, std::string_view problem,
                          ErrorCode code) const {
  YAML::Mark m = node.Mark();
  throw FieldError{
      Error(code, fmt::format("{}:{}:{}: field '{}': {}", source_, m.line + 1, m.column + 1, field, problem))};
}

void ScenarioFields::expect_map(const YAML::Node& node, std::string_view field) const {
  if (!node.IsMap()) fail(node, field, "expected a mapping");
}

void ScenarioFields::known(const YAML::Node& node, std::string_view prefix, const std::set<std::string>& keys) const {
  std::set<std::string> seen;
  for (const auto& kv : node) {
    std::string key = kv.first.as<std::string>();
    if (!keys.contains(key)) {
      fail(kv.first, join(prefix, key), fmt::format("unknown field (known: {})", fmt::join(keys, ", ")));
    }
    if (!seen.insert(key).second) fail(kv.first, join(prefix, key), "appears twice");
  }
}

YAML::Node ScenarioFields::require(const YAML::Node& node, std::string_view key, std::string_view prefix) const {
  YAML::Node child = node[std::string(key)];
  if (!child) fail(node, join(prefix, key), "is required");
  return child;
}

std::string ScenarioFields::str(const YAML::Node& node, std::string_view field) const {
  if (!node.IsScalar()) fail(node, field, "expected a string");
  return node.Scalar();
}

double ScenarioFields::number(const YAML::Node& node, std::string_view field) const {
  if (!node.IsScalar()) fail(node, field, "expected a number");
  const std::string& text = node.Scalar();
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size())
    fail(node, field, fmt::format("expected a number, got '{}'", text));
  if (!std::isfinite(v)) fail(node, field, fmt::format("expected a finite number, got '{}'", text));
  return v;
}

std::int64_t ScenarioFields::integer(const YAML::Node& node, std::string_view field, std::int64_t lo,
                                     std::int64_t hi) const {
  const double v = number(node, field);
  if (v != std::floor(v)) fail(node, field, fmt::format("expected a whole number, got {}", node.Scalar()));
  if (v < static_cast<double>(lo) || v > static_cast<double>(hi)) {
    fail(node, field, fmt::format("must be from {} to {}, got {}", lo, hi, node.Scalar()));
  }
  return static_cast<std::int64_t>(v);
}

bool ScenarioFields::boolean(const YAML::Node& node, std::string_view field) const {
  const std::string v = str(node, field);
  if (v == "true") return true;
  if (v == "false") return false;
  fail(node, field, fmt::format("expected true or false, got '{}'", v));
}

double ScenarioFields::rate(const YAML::Node& node, std::string_view field) const {
  double v = number(node, field);
  if (v < 0 || v > 1) fail(node, field, fmt::format("expected a rate from 0 to 1, got {}", v));
  return v;
}

Nanos ScenarioFields::duration(const YAML::Node& node, std::string_view field) const {
  if (!node.IsScalar()) fail(node, field, "expected a duration such as 250ms or 2s");
  auto d = parse_duration(node.Scalar());
  if (!d) fail(node, field, d.error().message());
  if (*d > ScenarioBounds::kMaxDuration) fail(node, field, "must be at most 24h");
  return *d;
}

std::uint64_t ScenarioFields::bytes(const YAML::Node& node, std::string_view field) const {
  if (!node.IsScalar()) fail(node, field, "expected a size such as 512MiB or 10MB");
  const std::string& text = node.Scalar();
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  const std::string_view unit(end, static_cast<std::size_t>(text.data() + text.size() - end));
  static const std::pair<std::string_view, double> kUnits[] = {
      {"", 1},     {"B", 1},        {"kB", 1e3},        {"KB", 1e3},          {"MB", 1e6},
      {"GB", 1e9}, {"KiB", 1024.0}, {"MiB", 1048576.0}, {"GiB", 1073741824.0}};
  double scale = 0;
  for (const auto& [name, factor] : kUnits) {
    if (unit == name) scale = factor;
  }
  if (ec != std::errc() || scale == 0 || !(value >= 0) || !std::isfinite(value)) {
    fail(node, field,
         fmt::format("'{}' is not a size (a non-negative number with B, kB, MB, GB, KiB, MiB or GiB)", text));
  }
  const double total = value * scale;
  if (total > 1099511627776.0) fail(node, field, "must be at most 1TiB");
  return static_cast<std::uint64_t>(total);
}

std::vector<std::string> ScenarioFields::strings(const YAML::Node& node, std::string_view field) const {
  if (node.IsScalar()) return {node.Scalar()};
  if (!node.IsSequence()) fail(node, field, "expected a list of strings");
  std::vector<std::string> out;
  for (std::size_t i = 0; i < node.size(); ++i) out.push_back(str(node[i], fmt::format("{}[{}]", field, i)));
  return out;
}

void ScenarioFields::at_most(const YAML::Node& node, std::string_view field, std::size_t max) const {
  if (node.IsSequence() && node.size() > max) {
    fail(node, field, fmt::format("has {} entries; at most {} are allowed", node.size(), max));
  }
}

void ScenarioFields::header(const YAML::Node& root, Scenario& s) const {
  s.name = str(require(root, "name", ""), "name");
  if (s.name.empty()) fail(root["name"], "name", "must not be empty");
  if (root["description"]) s.description = str(root["description"], "description");
  s.duration = duration(require(root, "duration", ""), "duration");
  if (s.duration <= 0) fail(root["duration"], "duration", "must be > 0");
  if (root["interval"]) {
    s.interval = duration(root["interval"], "interval");
    if (s.interval < ScenarioBounds::kMinInterval) fail(root["interval"], "interval", "must be at least 1ms");
    if (s.interval > s.duration) fail(root["interval"], "interval", "must not exceed the duration");
  }
}

LoadSpec ScenarioFields::load(const YAML::Node& node, const std::set<std::string>& extra) const {
  expect_map(node, "load");
  std::set<std::string> keys{"mode",        "pattern", "rate",       "step",          "every",
                             "peak",        "start",   "duration",   "amplitude",     "period",
                             "connections", "workers", "think_time", "ops_per_worker"};
  keys.insert(extra.begin(), extra.end());
  known(node, "load", keys);
  LoadSpec l;
  std::string mode = node["mode"] ? str(node["mode"], "load.mode") : "open";
  if (mode != "open" && mode != "closed") fail(node["mode"], "load.mode", "must be 'open' or 'closed'");
  l.mode = mode == "open" ? LoopMode::kOpen : LoopMode::kClosed;
  auto req_rate = [&](const YAML::Node& n, std::string_view field) {
    double v = number(n, field);
    if (v < 0 || v > ScenarioBounds::kMaxRate)
      fail(n, field, fmt::format("must be from 0 to {:.0f} req/s", ScenarioBounds::kMaxRate));
    return v;
  };
  double r = node["rate"] ? req_rate(node["rate"], "load.rate") : 100;
  std::string shape = node["pattern"] ? str(node["pattern"], "load.pattern") : "constant";
  auto need = [&](const char* key) { return require(node, key, "load"); };
  if (shape == "constant") {
    l.pattern = LoadPattern::constant(r);
  } else if (shape == "stepped") {
    l.pattern = LoadPattern::stepped(r, req_rate(need("step"), "load.step"), duration(need("every"), "load.every"));
  } else if (shape == "spike") {
    l.pattern = LoadPattern::spike(r, req_rate(need("peak"), "load.peak"), duration(need("start"), "load.start"),
                                   duration(need("duration"), "load.duration"));
  } else if (shape == "wave") {
    l.pattern =
        LoadPattern::wave(r, req_rate(need("amplitude"), "load.amplitude"), duration(need("period"), "load.period"));
  } else {
    fail(node["pattern"], "load.pattern", "must be constant, stepped, spike or wave");
  }
  const auto max_conn = ScenarioBounds::kMaxConnections;
  if (node["connections"])
    l.connections = static_cast<int>(integer(node["connections"], "load.connections", 1, max_conn));
  if (node["workers"]) l.workers = static_cast<int>(integer(node["workers"], "load.workers", 1, max_conn));
  if (node["think_time"]) l.think_time = duration(node["think_time"], "load.think_time");
  if (node["ops_per_worker"]) {
    l.ops_per_worker = integer(node["ops_per_worker"], "load.ops_per_worker", 0, 1'000'000'000);
  }
  return l;
}

std::vector<Phase> ScenarioFields::phases(const YAML::Node& node) const {
  if (!node.IsSequence() || node.size() == 0) fail(node, "phases", "expected a non-empty list of phases");
  at_most(node, "phases", ScenarioBounds::kMaxPhases);
  std::vector<Phase> out;
  Nanos start = 0;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node p = node[i];
    const std::string at = fmt::format("phases[{}]", i);
    expect_map(p, at);
    known(p, at, {"name", "end"});
    Phase phase{str(require(p, "name", at), at + ".name"), start, duration(require(p, "end", at), at + ".end")};
    if (phase.end <= start) fail(p["end"], at + ".end", "must be after the previous phase's end");
    for (const Phase& earlier : out) {
      if (earlier.name == phase.name)
        fail(p["name"], at + ".name", fmt::format("phase '{}' is named twice", phase.name));
    }
    start = phase.end;
    out.push_back(std::move(phase));
  }
  return out;
}

std::vector<Hypothesis> ScenarioFields::hypotheses(const YAML::Node& node) const {
  if (!node.IsSequence()) fail(node, "hypotheses", "expected a list");
  at_most(node, "hypotheses", ScenarioBounds::kMaxHypotheses);
  std::vector<Hypothesis> out;
  for (std::size_t i = 0; i < node.size(); ++i) out.push_back(hypothesis(node[i], fmt::format("hypotheses[{}]", i)));
  return out;
}

Result<YAML::Node> load_yaml(std::string_view text, std::string_view source) {
  try {
    return YAML::Load(std::string(text));
  } catch (const YAML::DeepRecursion& e) {
    return Error(ErrorCode::kParseError, fmt::format("{}:{}:{}: malformed YAML: nesting deeper than {} levels", source,
                                                     e.mark.line + 1, e.mark.column + 1, e.depth() - 1));
  } catch (const YAML::ParserException& e) {
    return Error(ErrorCode::kParseError,
                 fmt::format("{}:{}:{}: malformed YAML: {}", source, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

}  // namespace gauntlet::chaos::detail
