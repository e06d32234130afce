#include <fmt/format.h>
#include <fmt/ranges.h>

#include "gauntlet/chaos/scenarios/builtin.h"
#include "gauntlet/fixtures/service_chain/service_chain.h"

namespace gauntlet::chaos {
namespace {

constexpr Nanos kS = kNanosPerSecond;
constexpr Nanos kMs = kNanosPerMilli;

Scenario chain_scenario(std::string name, std::string description, std::string_view variant, Nanos duration) {
  Scenario s;
  s.name = std::move(name);
  s.description = std::move(description);
  s.target_name = fmt::format("service_chain/{}", variant);
  s.target = fixtures::service_chain_target(std::string(variant));
  s.duration = duration;
  s.load.pattern = LoadPattern::constant(100);
  return s;
}

double counter(const RunRecord& run, const std::string& key) {
  auto it = run.target_counters.find(key);
  return it == run.target_counters.end() ? -1.0 : it->second;
}

// Custom hypothesis: a target counter equals the number of issued requests.
Hypothesis counter_equals_issued(std::string name, std::string key) {
  return Hypothesis::custom(std::move(name), [key](const RunRecord& run) {
    double value = counter(run, key);
    auto issued = static_cast<double>(run.totals.issued);
    return Verdict{"", "", value == issued, value, issued,
                   fmt::format("{} = {} for {} issued requests", key, value, run.totals.issued)};
  });
}

Scenario gradual_failure(std::string_view variant) {
  Scenario s = chain_scenario("gradual_failure", "error rate at C ramps 0 -> 80% over 30 s; breaker c must trip",
                              variant, 60 * kS);
  s.schedule = FaultSchedule::ramp("chain.c", 10 * kS, 30 * kS, 0.8, 50 * kS);
  s.phases = steady_fault_recovery(10 * kS, 50 * kS, 60 * kS);
  s.hypotheses = {Hypothesis::error_rate_below("steady", 0.01), Hypothesis::breaker_opens_within("c", 20 * kS),
                  Hypothesis::recovers_within("c", 2 * kS), Hypothesis::conservation()};
  return s;
}

Scenario transient_outage(std::string_view variant) {
  Scenario s = chain_scenario("transient_outage", "C fails every call for 5 s; the chain recovers within 2 s",
                              variant, 30 * kS);
  s.schedule = FaultSchedule::window("chain.c", 10 * kS, 15 * kS);
  s.phases = steady_fault_recovery(10 * kS, 15 * kS, 30 * kS);
  s.hypotheses = {Hypothesis::error_rate_below("steady", 0.01), Hypothesis::breaker_opens_within("c", kS),
                  Hypothesis::recovers_within("c", 2 * kS), Hypothesis::conservation()};
  return s;
}

Scenario concurrent_load(std::string_view variant) {
  Scenario s = chain_scenario("concurrent_load", "50 threads x 20 requests while C fails 20% of calls", variant,
                              20 * kS);
  s.load.mode = LoopMode::kClosed;
  s.load.workers = 50;
  s.load.ops_per_worker = 20;
  s.schedule = FaultSchedule::window("chain.c", 0, 20 * kS, 0.2);
  s.phases = {{"load", 0, 20 * kS}};
  s.hypotheses = {Hypothesis::conservation(), counter_equals_issued("A handled every request", "calls.a"),
                  counter_equals_issued("A's request metric counted every request", "metric.requests.a")};
  return s;
}

Scenario cascading_failure(std::string_view variant) {
  Scenario s = chain_scenario("cascading_failure", "C goes down for 10 s; B's breaker contains it, A does not amplify",
                              variant, 30 * kS);
  s.schedule = FaultSchedule::cascade("chain.c", 10 * kS, 10 * kS, {"b", "a"});
  s.phases = steady_fault_recovery(10 * kS, 20 * kS, 30 * kS);
  Hypothesis surfaced = Hypothesis::custom("the fault at C surfaced at B and A", [](const RunRecord& run) {
    double b = counter(run, "failures.b"), a = counter(run, "failures.a");
    return Verdict{"", "", b > 0 && a > 0, std::min(a, b), 1,
                   fmt::format("failures at B = {}, at A = {}", b, a)};
  });
  Hypothesis amplification = Hypothesis::custom("calls reaching B <= 1.2 x issued requests", [](const RunRecord& run) {
    double ratio = counter(run, "calls.b") / static_cast<double>(std::max<std::uint64_t>(run.totals.issued, 1));
    return Verdict{"", "", ratio <= 1.2, ratio, 1.2,
                   fmt::format("B saw {} calls for {} requests ({:.2f}x)", counter(run, "calls.b"), run.totals.issued,
                               ratio)};
  });
  s.hypotheses = {Hypothesis::breaker_opens_within("c", kS), surfaced, amplification,
                  Hypothesis::recovers_within("c", 2 * kS), Hypothesis::conservation()};
  return s;
}

Scenario latency_spike(std::string_view variant) {
  Scenario s = chain_scenario("latency_spike", "C's latency goes 50 ms -> 500 ms for 5 s; timeouts bound it", variant,
                              30 * kS);
  s.load.pattern = LoadPattern::constant(50);
  s.schedule = FaultSchedule::spike("chain.c", 10 * kS, 5 * kS, 450 * kMs);
  s.phases = steady_fault_recovery(10 * kS, 15 * kS, 30 * kS);
  Hypothesis no_orphans = Hypothesis::custom("B never outlives A's timeout", [](const RunRecord& run) {
    double orphans = counter(run, "orphaned.b");
    return Verdict{"", "", orphans == 0, orphans, 0,
                   fmt::format("{} calls finished at B after A had given up", orphans)};
  });
  s.hypotheses = {Hypothesis::latency_below("steady", 0.99, 100 * kMs), Hypothesis::latency_below("fault", 0.99, 350 * kMs),
                  no_orphans, Hypothesis::conservation()};
  return s;
}

Scenario breaker_transitions(std::string_view variant) {
  Scenario s = chain_scenario("breaker_transitions", "breaker c goes CLOSED -> OPEN -> HALF_OPEN -> CLOSED", variant,
                              20 * kS);
  s.schedule = FaultSchedule::window("chain.c", 5 * kS, 8 * kS);
  s.phases = steady_fault_recovery(5 * kS, 8 * kS, 20 * kS);
  Hypothesis cycle = Hypothesis::custom("breaker c went CLOSED -> OPEN -> HALF_OPEN -> CLOSED", [](const RunRecord& run) {
    const std::vector<std::pair<std::string, std::string>> wanted{
        {"CLOSED", "OPEN"}, {"OPEN", "HALF_OPEN"}, {"HALF_OPEN", "CLOSED"}};
    std::size_t next = 0;
    std::vector<std::string> seen;
    for (const auto& t : run.transitions) {
      if (t.breaker != "c") continue;
      seen.push_back(t.from + "->" + t.to);
      if (next < wanted.size() && t.from == wanted[next].first && t.to == wanted[next].second) ++next;
    }
    bool ends_closed = !seen.empty() && seen.back().ends_with("->CLOSED");
    return Verdict{"", "", next == wanted.size() && ends_closed, static_cast<double>(next), 3,
                   seen.empty() ? "breaker c made no transition" : fmt::format("c: {}", fmt::join(seen, ", "))};
  });
  s.hypotheses = {cycle, Hypothesis::breaker_opens_within("c", kS), Hypothesis::recovers_within("c", 2 * kS),
                  Hypothesis::conservation()};
  return s;
}

Scenario concurrent_metrics(std::string_view variant) {
  Scenario s = chain_scenario("concurrent_metrics", "20 threads record into the chain's metrics; nothing is lost",
                              variant, 20 * kS);
  s.load.mode = LoopMode::kClosed;
  s.load.workers = 20;
  s.load.ops_per_worker = 25;
  s.schedule = FaultSchedule::window("chain.c", 0, 20 * kS, 0.1);
  s.phases = {{"load", 0, 20 * kS}};
  s.hypotheses = {Hypothesis::conservation(),
                  counter_equals_issued("A's request metric counted every request", "metric.requests.a"),
                  counter_equals_issued("A's latency histogram holds every request", "metric.latency_count.a")};
  return s;
}

struct Entry {
  BuiltinInfo info;
  Scenario (*make)(std::string_view variant);
};

const std::vector<Entry>& entries() {
  static const std::vector<Entry> all{
      {{"gradual_failure", "gradual failure injection", TimeMode::kVirtual, "no_breaker", "breaker c opens"},
       gradual_failure},
      {{"transient_outage", "transient outage and recovery", TimeMode::kVirtual, "breaker_never_closes",
        "breaker c closed and error rate back to steady"},
       transient_outage},
      {{"concurrent_load", "concurrent load with failures (50 threads x 20)", TimeMode::kReal,
        "metrics_skip_failures", "A's request metric"},
       concurrent_load},
      {{"cascading_failure", "cascading failure A -> B -> C", TimeMode::kVirtual, "retry_storm", "calls reaching B"},
       cascading_failure},
      {{"latency_spike", "latency spike 50 ms -> 500 ms", TimeMode::kVirtual, "inverted_timeouts",
        "B never outlives A's timeout"},
       latency_spike},
      {{"breaker_transitions", "breaker CLOSED -> OPEN -> HALF_OPEN -> CLOSED", TimeMode::kVirtual, "no_breaker",
        "breaker c went"},
       breaker_transitions},
      {{"concurrent_metrics", "concurrent metric recording (20 threads)", TimeMode::kReal, "metrics_skip_failures",
        "A's request metric"},
       concurrent_metrics},
  };
  return all;
}

}  // namespace

const std::vector<BuiltinInfo>& builtin_scenarios() {
  static const std::vector<BuiltinInfo> infos = [] {
    std::vector<BuiltinInfo> out;
    for (const auto& e : entries()) out.push_back(e.info);
    return out;
  }();
  return infos;
}

Result<Scenario> builtin_scenario(std::string_view name, std::string_view variant) {
  if (auto config = fixtures::chain_config(variant); !config) return config.error();
  std::vector<std::string> names;
  for (const auto& e : entries()) {
    if (e.info.name == name) {
      Scenario s = e.make(variant);
      s.default_mode = e.info.default_mode;
      return s;
    }
    names.push_back(e.info.name);
  }
  return Error(ErrorCode::kNotFound,
               fmt::format("scenario '{}' is not a built-in (known: {})", name, fmt::join(names, ", ")));
}

}  // namespace gauntlet::chaos
