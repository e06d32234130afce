// The `schedule` section of a service scenario: toxics and proxy outages on
// named proxies, signals and restarts of named processes.
#include <fmt/format.h>

#include <set>

#include "service/service_yaml_reader.h"

namespace gauntlet::chaos::service::detail {
namespace {

std::string toxic_label(const proxy::Toxic& t, const std::string& proxy) {
  std::string what;
  switch (t.type) {
    case proxy::ToxicType::kLatency:
      what = t.jitter > 0 ? fmt::format("latency {} ms ± {} ms", t.latency, t.jitter)
                          : fmt::format("latency {} ms", t.latency);
      break;
    case proxy::ToxicType::kBandwidth:
      what = fmt::format("bandwidth {} KB/s", t.rate);
      break;
    case proxy::ToxicType::kSlowClose:
      what = fmt::format("slow close {} ms", t.delay);
      break;
    case proxy::ToxicType::kTimeout:
      what = fmt::format("timeout {} ms", t.timeout);
      break;
    case proxy::ToxicType::kResetPeer:
      what = fmt::format("reset peer after {} ms", t.timeout);
      break;
    case proxy::ToxicType::kSlicer:
      what = fmt::format("slicer {} ± {} B", t.average_size, t.size_variation);
      break;
    case proxy::ToxicType::kLimitData:
      what = fmt::format("limit data {} B", t.bytes);
      break;
  }
  if (t.toxicity < 1.0) what += fmt::format(", toxicity {}", t.toxicity);
  return fmt::format("{} on proxy {} ({})", what, proxy, proxy::to_string(t.stream));
}

}  // namespace

proxy::Toxic ServiceYamlReader::toxic(const YAML::Node& node, const std::string& at) const {
  f_.expect_map(node, at);
  f_.known(node, at, {"type", "stream", "toxicity", "attributes", "name"});
  proxy::Toxic t;
  auto type = proxy::toxic_type_from(f_.str(f_.require(node, "type", at), at + ".type"));
  if (!type) f_.fail(node["type"], at + ".type", type.error().message());
  t.type = *type;
  if (node["stream"]) {
    auto stream = proxy::stream_from(f_.str(node["stream"], at + ".stream"));
    if (!stream) f_.fail(node["stream"], at + ".stream", stream.error().message());
    t.stream = *stream;
  }
  if (node["toxicity"]) t.toxicity = f_.rate(node["toxicity"], at + ".toxicity");
  if (const YAML::Node attrs = node["attributes"]) {
    f_.expect_map(attrs, at + ".attributes");
    const std::map<std::string, std::int64_t*> fields{{"latency", &t.latency},
                                                      {"jitter", &t.jitter},
                                                      {"rate", &t.rate},
                                                      {"delay", &t.delay},
                                                      {"timeout", &t.timeout},
                                                      {"average_size", &t.average_size},
                                                      {"size_variation", &t.size_variation},
                                                      {"bytes", &t.bytes}};
    std::set<std::string> seen;
    for (const auto& kv : attrs) {
      const std::string key = kv.first.as<std::string>();
      auto it = fields.find(key);
      const std::string field = at + ".attributes." + key;
      if (it == fields.end()) {
        f_.fail(kv.first, field,
                "unknown attribute (latency, jitter, rate, delay, timeout, average_size, size_variation, bytes)");
      }
      if (!seen.insert(key).second) f_.fail(kv.first, field, "appears twice");
      // One day in ms (or µs for slicer delays) bounds every time; 1 TB every size.
      *it->second = f_.integer(kv.second, field, 0, 1'000'000'000'000);
    }
  }
  t.name = node["name"] ? f_.str(node["name"], at + ".name") : std::string(proxy::to_string(t.type));
  if (Status s = proxy::validate(t); !s.ok()) f_.fail(node, at, s.error().message());
  return t;
}

FaultSchedule ServiceYamlReader::schedule(const YAML::Node& node, Nanos duration, ServiceDecl& decl) const {
  if (!node.IsSequence()) f_.fail(node, "schedule", "expected a list of faults");
  f_.at_most(node, "schedule", chaos::detail::ScenarioBounds::kMaxScheduleEntries);
  std::set<std::string> proxies, processes;
  for (const auto& p : decl.proxies) proxies.insert(p.name);
  for (const auto& p : decl.processes) processes.insert(p.name);
  std::vector<ScheduledFault> faults;
  for (std::size_t i = 0; i < node.size(); ++i) {
    const YAML::Node e = node[i];
    const std::string at = fmt::format("schedule[{}]", i);
    f_.expect_map(e, at);
    f_.known(e, at, {"proxy", "process", "toxic", "action", "start", "end", "duration", "rise"});
    if (!e["proxy"] == !e["process"]) f_.fail(e, at, "needs exactly one of proxy or process");
    ActionDecl a;
    ScheduledFault f;
    f.start = f_.duration(f_.require(e, "start", at), at + ".start");
    if (e["end"] && e["duration"]) f_.fail(e, at, "give end or duration, not both");
    f.end = e["end"]        ? f_.duration(e["end"], at + ".end")
            : e["duration"] ? f.start + f_.duration(e["duration"], at + ".duration")
                            : duration;
    a.restore = e["end"] || e["duration"];
    if (f.start >= duration) f_.fail(e["start"], at + ".start", "must be before the end of the run");
    if (f.end <= f.start) f_.fail(e, at, "must end after it starts");
    if (e["rise"]) {
      f.ramp = f_.duration(e["rise"], at + ".rise");
      if (f.ramp > f.end - f.start) f_.fail(e["rise"], at + ".rise", "must not be longer than the fault");
    }
    std::string target, verb;
    if (e["proxy"]) {
      a.proxy = f_.str(e["proxy"], at + ".proxy");
      if (!proxies.contains(a.proxy))
        f_.fail(e["proxy"], at + ".proxy", fmt::format("names no declared proxy '{}'", a.proxy));
      if (!e["toxic"] == !e["action"]) f_.fail(e, at, "a proxy entry needs exactly one of toxic or action: down");
      if (e["toxic"]) {
        a.kind = ActionDecl::Kind::kToxic;
        a.toxic = toxic(e["toxic"], at + ".toxic");
        f.label = toxic_label(a.toxic, a.proxy);
        verb = a.toxic.name;
        if (a.toxic.type == proxy::ToxicType::kLatency) {
          f.kind = FaultKind::kLatency;
          f.magnitude = static_cast<double>(a.toxic.latency) * 1e6;
        } else {
          f.magnitude = a.toxic.toxicity;
        }
      } else {
        if (f_.str(e["action"], at + ".action") != "down")
          f_.fail(e["action"], at + ".action", "a proxy's action must be down");
        if (e["rise"]) f_.fail(e["rise"], at + ".rise", "a proxy outage cannot ramp");
        a.kind = ActionDecl::Kind::kProxyDown;
        f.label = fmt::format("proxy {} down", a.proxy);
        f.magnitude = 1.0;
        verb = "down";
      }
      target = "proxy:" + a.proxy;
    } else {
      a.process = f_.str(e["process"], at + ".process");
      if (!processes.contains(a.process))
        f_.fail(e["process"], at + ".process", fmt::format("names no declared process '{}'", a.process));
      if (e["toxic"]) f_.fail(e["toxic"], at + ".toxic", "toxics belong to proxies");
      if (e["rise"]) f_.fail(e["rise"], at + ".rise", "a process fault cannot ramp");
      verb = f_.str(f_.require(e, "action", at), at + ".action");
      static const std::map<std::string, ActionDecl::Kind> kActions{{"kill", ActionDecl::Kind::kKill},
                                                                    {"term", ActionDecl::Kind::kTerm},
                                                                    {"pause", ActionDecl::Kind::kPause},
                                                                    {"restart", ActionDecl::Kind::kRestart}};
      auto it = kActions.find(verb);
      if (it == kActions.end()) f_.fail(e["action"], at + ".action", "must be kill, term, pause or restart");
      a.kind = it->second;
      if (a.kind == ActionDecl::Kind::kRestart) a.restore = false;
      f.magnitude = 1.0;
      f.label = a.kind == ActionDecl::Kind::kRestart
                    ? fmt::format("process {} restarted", a.process)
                    : fmt::format("process {} {}{}", a.process, verb,
                                  a.restore && a.kind != ActionDecl::Kind::kPause ? ", restarted at the end" : "");
      target = "process:" + a.process;
    }
    // A point per entry: "proxy:backend/latency", "process:db/kill"; repeated entries get "#2", "#3".
    f.point = target + "/" + verb;
    for (int n = 2; decl.actions.contains(f.point); ++n) f.point = fmt::format("{}/{}#{}", target, verb, n);
    decl.actions[f.point] = a;
    faults.push_back(std::move(f));
  }
  return FaultSchedule(std::move(faults));
}

}  // namespace gauntlet::chaos::service::detail
