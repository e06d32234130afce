#include "gauntlet/chaos/scenario_file.h"

#include <fmt/format.h>

#include <charconv>

#include "gauntlet/harness/input_file.h"

#include "yaml/scenario_fields.h"

namespace gauntlet::chaos {
namespace {

// The in-process scenario file: a bundled target, fault-point schedules.
class YamlScenarioParser {
 public:
  YamlScenarioParser(std::string_view source, const TargetResolver& resolve) : f_(source), resolve_(resolve) {}

  Scenario parse(const YAML::Node& root) const {
    f_.expect_map(root, "scenario");
    f_.known(
        root, "",
        {"name", "description", "target", "duration", "interval", "time", "load", "schedule", "phases", "hypotheses"});
    Scenario s;
    const YAML::Node target = f_.require(root, "target", "");
    f_.header(root, s);
    s.target_name = f_.str(target, "target");
    auto factory = resolve_(s.target_name);
    if (!factory) f_.fail(target, "target", factory.error().message(), ErrorCode::kSchemaError);
    s.target = *factory;
    if (root["time"]) {
      std::string mode = f_.str(root["time"], "time");
      if (mode != "virtual" && mode != "real") f_.fail(root["time"], "time", "must be 'virtual' or 'real'");
      s.default_mode = mode == "real" ? TimeMode::kReal : TimeMode::kVirtual;
    }
    if (root["load"]) s.load = f_.load(root["load"]);
    if (root["schedule"]) s.schedule = schedule(root["schedule"]);
    s.phases = f_.phases(f_.require(root, "phases", ""));
    if (root["hypotheses"]) s.hypotheses = f_.hypotheses(root["hypotheses"]);
    return s;
  }

 private:
  FaultSchedule schedule(const YAML::Node& node) const {
    if (!node.IsSequence()) f_.fail(node, "schedule", "expected a list of faults");
    f_.at_most(node, "schedule", detail::ScenarioBounds::kMaxScheduleEntries);
    FaultSchedule out;
    for (std::size_t i = 0; i < node.size(); ++i) {
      const YAML::Node f = node[i];
      const std::string at = fmt::format("schedule[{}]", i);
      f_.expect_map(f, at);
      f_.known(f, at, {"kind", "point", "start", "end", "duration", "rise", "rate", "latency", "observed_at"});
      const std::string kind = f_.str(f_.require(f, "kind", at), at + ".kind");
      const std::string point = f_.str(f_.require(f, "point", at), at + ".point");
      const Nanos start = f_.duration(f_.require(f, "start", at), at + ".start");
      auto end_or_duration = [&]() {
        if (f["end"]) return f_.duration(f["end"], at + ".end");
        return start + f_.duration(f_.require(f, "duration", at), at + ".duration");
      };
      if (kind == "outage" || kind == "window") {
        double r = f["rate"] ? f_.rate(f["rate"], at + ".rate") : 1.0;
        out = out + FaultSchedule::window(point, start, end_or_duration(), r);
      } else if (kind == "ramp") {
        out = out + FaultSchedule::ramp(point, start, f_.duration(f_.require(f, "rise", at), at + ".rise"),
                                        f_.rate(f_.require(f, "rate", at), at + ".rate"), end_or_duration());
      } else if (kind == "spike") {
        Nanos end = end_or_duration();
        out = out + FaultSchedule::spike(point, start, end - start,
                                         f_.duration(f_.require(f, "latency", at), at + ".latency"));
      } else if (kind == "cascade") {
        std::vector<std::string> observed;
        if (f["observed_at"]) observed = f_.strings(f["observed_at"], at + ".observed_at");
        Nanos end = end_or_duration();
        out = out + FaultSchedule::cascade(point, start, end - start, observed);
      } else {
        f_.fail(f["kind"], at + ".kind", "must be outage, ramp, spike or cascade");
      }
    }
    return out;
  }

  detail::ScenarioFields f_;
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
  if (ec != std::errc() || scale == 0 || !(value >= 0)) {
    return Error(ErrorCode::kParseError,
                 fmt::format("'{}' is not a duration (a non-negative number with ns, us, ms, s or m)", text));
  }
  // Checked before the conversion: 1e300s must not wrap into a negative count.
  const double ns = value * scale;
  if (!(ns <= static_cast<double>(kMaxParsedDuration))) {
    return Error(ErrorCode::kOutOfRange, fmt::format("'{}' is longer than the 24h a duration may be", text));
  }
  return static_cast<Nanos>(ns);
}

Result<Scenario> parse_scenario_yaml(std::string_view text, std::string_view source, const TargetResolver& resolve) {
  auto root = detail::load_yaml(text, source);
  if (!root) return root.error();
  auto parsed = detail::read_fields(source, [&] { return YamlScenarioParser(source, resolve).parse(*root); });
  if (!parsed) return parsed.error();
  if (auto valid = parsed->validate(); !valid) return valid.error().with_context(source);
  return parsed;
}

Result<Scenario> load_scenario_file(const std::string& path, const TargetResolver& resolve) {
  auto text = read_input_file(path, "scenario file", kMaxScenarioFileBytes);
  if (!text) return text.error();
  return parse_scenario_yaml(*text, path, resolve);
}

}  // namespace gauntlet::chaos
