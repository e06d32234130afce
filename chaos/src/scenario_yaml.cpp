#include "gauntlet/chaos/scenario_file.h"

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <yaml-cpp/yaml.h>

#include <charconv>
#include <fstream>
#include <set>
#include <sstream>

namespace gauntlet::chaos {
namespace {

// Thrown inside the parser only; converted to an Error at the boundary.
struct FieldError {
  Error error;
};

class YamlScenarioParser {
 public:
  YamlScenarioParser(std::string_view source, const TargetResolver& resolve) : source_(source), resolve_(resolve) {}

  Scenario parse(const YAML::Node& root) {
    expect_map(root, "scenario");
    known(root, "", {"name", "description", "target", "duration", "interval", "time", "load", "schedule", "phases",
                     "hypotheses"});
    Scenario s;
    s.name = str(require(root, "name", ""), "name");
    if (root["description"]) s.description = str(root["description"], "description");
    const YAML::Node target = require(root, "target", "");
    s.target_name = str(target, "target");
    auto factory = resolve_(s.target_name);
    if (!factory) fail(target, "target", factory.error().message(), ErrorCode::kSchemaError);
    s.target = *factory;
    s.duration = duration(require(root, "duration", ""), "duration");
    if (root["interval"]) s.interval = duration(root["interval"], "interval");
    if (root["time"]) {
      std::string mode = str(root["time"], "time");
      if (mode != "virtual" && mode != "real") fail(root["time"], "time", "must be 'virtual' or 'real'");
      s.default_mode = mode == "real" ? TimeMode::kReal : TimeMode::kVirtual;
    }
    if (root["load"]) s.load = load(root["load"]);
    if (root["schedule"]) s.schedule = schedule(root["schedule"]);
    s.phases = phases(require(root, "phases", ""));
    if (root["hypotheses"]) s.hypotheses = hypotheses(root["hypotheses"]);
    return s;
  }

  [[noreturn]] void fail(const YAML::Node& node, std::string_view field, std::string_view problem,
                         ErrorCode code = ErrorCode::kSchemaError) const {
    YAML::Mark m = node.Mark();
    throw FieldError{Error(code, fmt::format("{}:{}:{}: field '{}': {}", source_, m.line + 1, m.column + 1, field, problem))};
  }

 private:
  static std::string join(std::string_view prefix, std::string_view key) {
    return prefix.empty() ? std::string(key) : fmt::format("{}.{}", prefix, key);
  }

  void expect_map(const YAML::Node& node, std::string_view field) const {
    if (!node.IsMap()) fail(node, field, "expected a mapping");
  }

  void known(const YAML::Node& node, std::string_view prefix, std::set<std::string> keys) const {
    for (const auto& kv : node) {
      std::string key = kv.first.as<std::string>();
      if (!keys.contains(key)) {
        fail(kv.first, join(prefix, key), fmt::format("unknown field (known: {})", fmt::join(keys, ", ")));
      }
    }
  }

  YAML::Node require(const YAML::Node& node, std::string_view key, std::string_view prefix) const {
    YAML::Node child = node[std::string(key)];
    if (!child) fail(node, join(prefix, key), "is required");
    return child;
  }

  std::string str(const YAML::Node& node, std::string_view field) const {
    if (!node.IsScalar()) fail(node, field, "expected a string");
    return node.Scalar();
  }

  double number(const YAML::Node& node, std::string_view field) const {
    if (!node.IsScalar()) fail(node, field, "expected a number");
    const std::string& text = node.Scalar();
    double v = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size()) {
      fail(node, field, fmt::format("expected a number, got '{}'", text));
    }
    return v;
  }

  double rate(const YAML::Node& node, std::string_view field) const {
    double v = number(node, field);
    if (v < 0 || v > 1) fail(node, field, fmt::format("expected a rate from 0 to 1, got {}", v));
    return v;
  }

  Nanos duration(const YAML::Node& node, std::string_view field) const {
    if (!node.IsScalar()) fail(node, field, "expected a duration such as 250ms or 2s");
    auto d = parse_duration(node.Scalar());
    if (!d) fail(node, field, d.error().message());
    return *d;
  }

  LoadSpec load(const YAML::Node& node) const {
    expect_map(node, "load");
    known(node, "load", {"mode", "pattern", "rate", "step", "every", "peak", "start", "duration", "amplitude",
                         "period", "connections", "workers", "think_time", "ops_per_worker"});
    LoadSpec l;
    std::string mode = node["mode"] ? str(node["mode"], "load.mode") : "open";
    if (mode != "open" && mode != "closed") fail(node["mode"], "load.mode", "must be 'open' or 'closed'");
    l.mode = mode == "open" ? LoopMode::kOpen : LoopMode::kClosed;
    double r = node["rate"] ? number(node["rate"], "load.rate") : 100;
    std::string shape = node["pattern"] ? str(node["pattern"], "load.pattern") : "constant";
    auto need = [&](const char* key) { return require(node, key, "load"); };
    if (shape == "constant") {
      l.pattern = LoadPattern::constant(r);
    } else if (shape == "stepped") {
      l.pattern = LoadPattern::stepped(r, number(need("step"), "load.step"), duration(need("every"), "load.every"));
    } else if (shape == "spike") {
      l.pattern = LoadPattern::spike(r, number(need("peak"), "load.peak"), duration(need("start"), "load.start"),
                                     duration(need("duration"), "load.duration"));
    } else if (shape == "wave") {
      l.pattern = LoadPattern::wave(r, number(need("amplitude"), "load.amplitude"),
                                    duration(need("period"), "load.period"));
    } else {
      fail(node["pattern"], "load.pattern", "must be constant, stepped, spike or wave");
    }
    if (node["connections"]) l.connections = static_cast<int>(number(node["connections"], "load.connections"));
    if (node["workers"]) l.workers = static_cast<int>(number(node["workers"], "load.workers"));
    if (node["think_time"]) l.think_time = duration(node["think_time"], "load.think_time");
    if (node["ops_per_worker"]) {
      l.ops_per_worker = static_cast<std::int64_t>(number(node["ops_per_worker"], "load.ops_per_worker"));
    }
    return l;
  }

  FaultSchedule schedule(const YAML::Node& node) const {
    if (!node.IsSequence()) fail(node, "schedule", "expected a list of faults");
    FaultSchedule out;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node f = node[i];
      const std::string at = fmt::format("schedule[{}]", i);
      expect_map(f, at);
      known(f, at, {"kind", "point", "start", "end", "duration", "rise", "rate", "latency", "observed_at"});
      const std::string kind = str(require(f, "kind", at), at + ".kind");
      const std::string point = str(require(f, "point", at), at + ".point");
      const Nanos start = duration(require(f, "start", at), at + ".start");
      auto end_or_duration = [&]() {
        if (f["end"]) return duration(f["end"], at + ".end");
        return start + duration(require(f, "duration", at), at + ".duration");
      };
      if (kind == "outage" || kind == "window") {
        double r = f["rate"] ? rate(f["rate"], at + ".rate") : 1.0;
        out = out + FaultSchedule::window(point, start, end_or_duration(), r);
      } else if (kind == "ramp") {
        out = out + FaultSchedule::ramp(point, start, duration(require(f, "rise", at), at + ".rise"),
                                        rate(require(f, "rate", at), at + ".rate"), end_or_duration());
      } else if (kind == "spike") {
        Nanos end = end_or_duration();
        out = out + FaultSchedule::spike(point, start, end - start, duration(require(f, "latency", at), at + ".latency"));
      } else if (kind == "cascade") {
        std::vector<std::string> observed;
        if (f["observed_at"]) {
          if (!f["observed_at"].IsSequence()) fail(f["observed_at"], at + ".observed_at", "expected a list of hops");
          for (const auto& hop : f["observed_at"]) observed.push_back(str(hop, at + ".observed_at"));
        }
        Nanos end = end_or_duration();
        out = out + FaultSchedule::cascade(point, start, end - start, observed);
      } else {
        fail(f["kind"], at + ".kind", "must be outage, ramp, spike or cascade");
      }
    }
    return out;
  }

  std::vector<Phase> phases(const YAML::Node& node) const {
    if (!node.IsSequence() || node.size() == 0) fail(node, "phases", "expected a non-empty list of phases");
    std::vector<Phase> out;
    Nanos start = 0;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node p = node[i];
      const std::string at = fmt::format("phases[{}]", i);
      expect_map(p, at);
      known(p, at, {"name", "end"});
      Phase phase{str(require(p, "name", at), at + ".name"), start, duration(require(p, "end", at), at + ".end")};
      if (phase.end <= start) fail(p["end"], at + ".end", "must be after the previous phase's end");
      start = phase.end;
      out.push_back(std::move(phase));
    }
    return out;
  }

  std::vector<Hypothesis> hypotheses(const YAML::Node& node) const {
    if (!node.IsSequence()) fail(node, "hypotheses", "expected a list");
    std::vector<Hypothesis> out;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node h = node[i];
      const std::string at = fmt::format("hypotheses[{}]", i);
      expect_map(h, at);
      known(h, at, {"kind", "phase", "quantile", "limit", "max", "breaker", "within", "tolerance"});
      const std::string kind = str(require(h, "kind", at), at + ".kind");
      auto phase = [&] { return str(require(h, "phase", at), at + ".phase"); };
      if (kind == "latency_below") {
        double q = h["quantile"] ? number(h["quantile"], at + ".quantile") : 0.99;
        if (q != 0.5 && q != 0.95 && q != 0.99 && q != 1.0) fail(h["quantile"], at + ".quantile", "must be 0.5, 0.95, 0.99 or 1");
        out.push_back(Hypothesis::latency_below(phase(), q, duration(require(h, "limit", at), at + ".limit")));
      } else if (kind == "error_rate_below") {
        out.push_back(Hypothesis::error_rate_below(phase(), rate(require(h, "max", at), at + ".max")));
      } else if (kind == "breaker_opens_within") {
        out.push_back(Hypothesis::breaker_opens_within(str(require(h, "breaker", at), at + ".breaker"),
                                                       duration(require(h, "within", at), at + ".within")));
      } else if (kind == "recovers_within") {
        std::string breaker = h["breaker"] ? str(h["breaker"], at + ".breaker") : "";
        double tol = h["tolerance"] ? rate(h["tolerance"], at + ".tolerance") : 0.02;
        out.push_back(Hypothesis::recovers_within(breaker, duration(require(h, "within", at), at + ".within"), tol));
      } else if (kind == "conservation") {
        out.push_back(Hypothesis::conservation());
      } else {
        fail(h["kind"], at + ".kind",
             "must be latency_below, error_rate_below, breaker_opens_within, recovers_within or conservation");
      }
    }
    return out;
  }

  std::string source_;
  const TargetResolver& resolve_;
};

}  // namespace

Result<Nanos> parse_duration(std::string_view text) {
  double value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  std::string_view unit = text.substr(static_cast<std::size_t>(end - text.data()));
  double scale = 0;
  if (unit == "ns") scale = 1;
  else if (unit == "us") scale = 1e3;
  else if (unit == "ms") scale = 1e6;
  else if (unit == "s") scale = 1e9;
  else if (unit == "m") scale = 60e9;
  if (ec != std::errc() || scale == 0 || value < 0) {
    return Error(ErrorCode::kParseError,
                 fmt::format("'{}' is not a duration (a non-negative number with ns, us, ms, s or m)", text));
  }
  return static_cast<Nanos>(value * scale);
}

Result<Scenario> parse_scenario_yaml(std::string_view text, std::string_view source, const TargetResolver& resolve) {
  YAML::Node root;
  try {
    root = YAML::Load(std::string(text));
  } catch (const YAML::ParserException& e) {
    return Error(ErrorCode::kParseError,
                 fmt::format("{}:{}:{}: malformed YAML: {}", source, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
  try {
    Scenario s = YamlScenarioParser(source, resolve).parse(root);
    if (auto valid = s.validate(); !valid) return valid.error().with_context(source);
    return s;
  } catch (const FieldError& e) {
    return e.error;
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kSchemaError, fmt::format("{}:{}:{}: {}", source, e.mark.line + 1, e.mark.column + 1, e.msg));
  }
}

Result<Scenario> load_scenario_file(const std::string& path, const TargetResolver& resolve) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Error(ErrorCode::kIoError, fmt::format("{}: cannot open scenario file", path));
  std::ostringstream text;
  text << in.rdbuf();
  return parse_scenario_yaml(text.str(), path, resolve);
}

}  // namespace gauntlet::chaos
