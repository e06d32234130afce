#include "gauntlet/ci/rules/alerts_config.h"

#include "gauntlet/harness/input_file.h"
#include "rules_breaker_fields.h"
#include "rules_latency_fields.h"
#include "rules_yaml_fields.h"

#include <fmt/format.h>
#include <yaml-cpp/depthguard.h>

namespace gauntlet::ci::rules {
namespace {

using detail::FieldReader;

// Every alert's defaults: seed 001's severities; `for` long enough that one
// slow scrape interval does not page.
const std::map<std::string, AlertSettings>& default_alerts() {
  static const std::map<std::string, AlertSettings> kDefaults = {
      {"LatencyBudgetExceeded", {"5m", "warning"}},
      {"CircuitBreakerOpen", {"0s", "critical"}},
      {"CircuitBreakerHalfOpen", {"0s", "warning"}},
      {"CircuitBreakerSlowRecovery", {"0s", "warning"}},
      {"LowThroughput", {"10m", "info"}},
      {"NoActivity", {"0s", "warning"}},
  };
  return kDefaults;
}

Status read_alert_settings(const FieldReader& r, const YAML::Node& node, AlertsConfig& c) {
  if (Status s = r.map(node, "alerts", {}); !s.ok()) return s;
  for (const auto& kv : node) {
    const std::string name = kv.first.Scalar();
    const std::string field = "alerts." + name;
    auto it = c.alerts.find(name);
    if (it == c.alerts.end()) {
      return r.error(kv.first, field,
                     fmt::format("unknown alert (expected one of {})", fmt::join(alert_names(), ", ")));
    }
    if (Status s = r.map(kv.second, field, {"for", "severity"}); !s.ok()) return s;
    if (const YAML::Node n = kv.second["for"]) {
      GAUNTLET_RULES_TRY(d, r.duration(n, field + ".for", true));
      it->second.for_duration = d;
    }
    if (const YAML::Node n = kv.second["severity"]) {
      GAUNTLET_RULES_TRY(sev, r.text(n, field + ".severity"));
      it->second.severity = sev;
    }
  }
  return Status::Ok();
}

Status read_breakers(const FieldReader& r, const YAML::Node& node, AlertsConfig& c) {
  if (Status s = r.map(node, "breakers", {}); !s.ok()) return s;
  for (const auto& kv : node) {
    GAUNTLET_RULES_TRY(entry, detail::read_breaker(r, kv.first, kv.second));
    c.breakers.push_back(std::move(entry));
  }
  return Status::Ok();
}

Result<AlertsConfig> read_root(const FieldReader& r, const YAML::Node& root) {
  AlertsConfig c;
  c.source = r.source();
  c.alerts = default_alerts();
  c.latency_where = r.where(root);
  if (root.IsNull()) return c;
  if (Status s = r.map(root, "", {"window", "latency", "throughput", "activity", "breakers", "alerts"}); !s.ok())
    return s.error();
  if (const YAML::Node n = root["window"]) {
    GAUNTLET_RULES_TRY(w, r.duration(n, "window", false));
    c.window = w;
  }
  if (const YAML::Node n = root["latency"]) {
    GAUNTLET_RULES_TRY(m, detail::read_latency(r, n));
    c.latency = std::move(m);
  }
  if (const YAML::Node n = root["throughput"]) {
    if (Status s = r.map(n, "throughput", {"min_rps"}); !s.ok()) return s.error();
    if (!n["min_rps"]) return r.error(n, "throughput.min_rps", "missing");
    GAUNTLET_RULES_TRY(v, r.number(n["min_rps"], "throughput.min_rps", 0, 1e12));
    if (v <= 0) return r.error(n["min_rps"], "throughput.min_rps", "must be greater than 0");
    c.min_throughput_rps = v;
  }
  if (const YAML::Node n = root["activity"]) {
    if (Status s = r.map(n, "activity", {"idle"}); !s.ok()) return s.error();
    if (!n["idle"]) return r.error(n, "activity.idle", "missing");
    GAUNTLET_RULES_TRY(idle, r.duration(n["idle"], "activity.idle", false));
    c.idle = idle;
  }
  if (const YAML::Node n = root["breakers"]) {
    if (Status s = read_breakers(r, n, c); !s.ok()) return s.error();
  }
  if (const YAML::Node n = root["alerts"]) {
    if (Status s = read_alert_settings(r, n, c); !s.ok()) return s.error();
  }
  return c;
}

std::string place(const std::string& source, const YAML::Mark& m) {
  return fmt::format("{}:{}:{}", source, m.line + 1, m.column + 1);
}

}  // namespace

const std::vector<std::string>& alert_names() {
  static const std::vector<std::string> kNames = {"LatencyBudgetExceeded",  "CircuitBreakerOpen",
                                                  "CircuitBreakerHalfOpen", "CircuitBreakerSlowRecovery",
                                                  "LowThroughput",          "NoActivity"};
  return kNames;
}

Result<AlertsConfig> parse_alerts_config(const std::string& text, const std::string& source) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::DeepRecursion& e) {
    return Error(ErrorCode::kParseError,
                 fmt::format("{}: nesting deeper than {} levels", place(source, e.mark), e.depth() - 1));
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kParseError, fmt::format("{}: {}", place(source, e.mark), e.msg));
  }
  try {
    return read_root(FieldReader(source), root);
  } catch (const YAML::Exception& e) {
    return Error(ErrorCode::kSchemaError, fmt::format("{}: {}", place(source, e.mark), e.msg));
  }
}

Result<AlertsConfig> read_alerts_config(const std::string& path) {
  auto text = read_input_file(path, "alerts file");
  if (!text.ok()) return text.error();
  return parse_alerts_config(*text, path);
}

}  // namespace gauntlet::ci::rules
