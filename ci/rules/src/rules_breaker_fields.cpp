#include "rules_breaker_fields.h"

#include <climits>
#include <cmath>

namespace gauntlet::ci::rules::detail {
namespace {

// Times are seconds in the file; 11.5 days is longer than any real wait.
constexpr double kMaxSeconds = 1e6;

Nanos to_nanos(double seconds) { return static_cast<Nanos>(std::llround(seconds * 1e9)); }

Status read_times(const FieldReader& r, const std::string& field, const YAML::Node& node, breaker::BreakerConfig& c) {
  if (const YAML::Node n = node["slow_call_duration_s"]) {
    GAUNTLET_RULES_TRY(v, r.number(n, field + ".slow_call_duration_s", 0, kMaxSeconds));
    c.slow_call_duration = to_nanos(v);
  }
  if (const YAML::Node n = node["wait_in_open_s"]) {
    GAUNTLET_RULES_TRY(v, r.number(n, field + ".wait_in_open_s", 0, kMaxSeconds));
    c.wait_in_open = to_nanos(v);
  }
  if (const YAML::Node n = node["max_wait_in_half_open_s"]) {
    GAUNTLET_RULES_TRY(v, r.number(n, field + ".max_wait_in_half_open_s", 0, kMaxSeconds));
    c.max_wait_in_half_open = to_nanos(v);
  }
  return Status::Ok();
}

Status read_counts(const FieldReader& r, const std::string& field, const YAML::Node& node, breaker::BreakerConfig& c) {
  const std::pair<const char*, int*> counts[] = {
      {"window_size", &c.window_size},
      {"minimum_calls", &c.minimum_calls},
      {"permitted_calls_in_half_open", &c.permitted_calls_in_half_open},
      {"consecutive_failures_to_open", &c.consecutive_failures_to_open},
      {"consecutive_successes_to_close", &c.consecutive_successes_to_close},
  };
  for (const auto& [key, target] : counts) {
    if (const YAML::Node n = node[key]) {
      GAUNTLET_RULES_TRY(v, r.whole(n, field + "." + key, 0, INT_MAX));
      *target = v;
    }
  }
  const std::pair<const char*, double*> rates[] = {
      {"failure_rate_threshold", &c.failure_rate_threshold},
      {"slow_call_rate_threshold", &c.slow_call_rate_threshold},
  };
  for (const auto& [key, target] : rates) {
    if (const YAML::Node n = node[key]) {
      GAUNTLET_RULES_TRY(v, r.number(n, field + "." + key, 0, 100));
      *target = v;
    }
  }
  return Status::Ok();
}

Status read_choices(const FieldReader& r, const std::string& field, const YAML::Node& node, breaker::BreakerConfig& c) {
  if (const YAML::Node n = node["policy"]) {
    GAUNTLET_RULES_TRY(v, r.text(n, field + ".policy"));
    if (v != "failure_rate" && v != "consecutive")
      return r.error(n, field + ".policy", "expected failure_rate or consecutive, got \"" + v + "\"");
    c.policy = v == "consecutive" ? breaker::TripPolicy::kConsecutiveFailures : breaker::TripPolicy::kFailureRate;
  }
  if (const YAML::Node n = node["window_type"]) {
    GAUNTLET_RULES_TRY(v, r.text(n, field + ".window_type"));
    if (v != "count" && v != "time")
      return r.error(n, field + ".window_type", "expected count or time, got \"" + v + "\"");
    c.window_type = v == "time" ? breaker::SlidingWindowType::kTimeBased : breaker::SlidingWindowType::kCountBased;
  }
  if (const YAML::Node n = node["automatic_transition_from_open_to_half_open"]) {
    GAUNTLET_RULES_TRY(v, r.boolean(n, field + ".automatic_transition_from_open_to_half_open"));
    c.automatic_transition_from_open_to_half_open = v;
  }
  return Status::Ok();
}

}  // namespace

Result<BreakerEntry> read_breaker(const FieldReader& r, const YAML::Node& key, const YAML::Node& node) {
  const std::string name = key.Scalar();
  const std::string field = "breakers." + name;
  if (Status s =
          r.map(node, field,
                {"policy", "failure_rate_threshold", "slow_call_rate_threshold", "slow_call_duration_s", "window_type",
                 "window_size", "minimum_calls", "wait_in_open_s", "automatic_transition_from_open_to_half_open",
                 "permitted_calls_in_half_open", "max_wait_in_half_open_s", "consecutive_failures_to_open",
                 "consecutive_successes_to_close", "recovery_sla_s"});
      !s.ok()) {
    return s.error();
  }
  BreakerEntry entry;
  entry.name = name;
  entry.where = r.where(key);
  if (Status s = read_choices(r, field, node, entry.config); !s.ok()) return s.error();
  if (Status s = read_counts(r, field, node, entry.config); !s.ok()) return s.error();
  if (Status s = read_times(r, field, node, entry.config); !s.ok()) return s.error();
  if (const YAML::Node n = node["recovery_sla_s"]) {
    GAUNTLET_RULES_TRY(v, r.number(n, field + ".recovery_sla_s", 0, kMaxSeconds));
    if (v <= 0) return r.error(n, field + ".recovery_sla_s", "must be greater than 0");
    entry.recovery_sla_s = v;
  }
  if (Status s = entry.config.validate(); !s.ok()) return r.error(node, field, s.error().message());
  return entry;
}

}  // namespace gauntlet::ci::rules::detail
