// One hypothesis of a scenario file (the kinds are in docs/chaos.md).
#include <fmt/format.h>

#include <cctype>

#include "yaml/scenario_fields.h"

namespace gauntlet::chaos::detail {
namespace {

// "503" -> [503, 503]; "5xx" -> [500, 599].
bool parse_status(const std::string& text, int& lo, int& hi) {
  if (text.size() != 3 || text[0] < '1' || text[0] > '5') return false;
  if (text[1] == 'x' && text[2] == 'x') {
    lo = (text[0] - '0') * 100;
    hi = lo + 99;
    return true;
  }
  if (!std::isdigit(static_cast<unsigned char>(text[1])) || !std::isdigit(static_cast<unsigned char>(text[2])))
    return false;
  lo = hi = std::stoi(text);
  return true;
}

}  // namespace

Hypothesis ScenarioFields::hypothesis(const YAML::Node& h, const std::string& at) const {
  expect_map(h, at);
  known(h, at,
        {"kind", "phase", "quantile", "limit", "max", "min", "breaker", "within", "tolerance", "status", "min_samples",
         "process"});
  const std::string kind = str(require(h, "kind", at), at + ".kind");
  auto phase = [&] { return str(require(h, "phase", at), at + ".phase"); };
  if (kind == "latency_below") {
    double q = h["quantile"] ? number(h["quantile"], at + ".quantile") : 0.99;
    if (q != 0.5 && q != 0.95 && q != 0.99 && q != 1.0)
      fail(h["quantile"], at + ".quantile", "must be 0.5, 0.95, 0.99 or 1");
    Hypothesis out = Hypothesis::latency_below(phase(), q, duration(require(h, "limit", at), at + ".limit"));
    if (h["min_samples"])
      out.min_samples = static_cast<std::uint64_t>(integer(h["min_samples"], at + ".min_samples", 0, 1'000'000'000));
    return out;
  }
  if (kind == "error_rate_below")
    return Hypothesis::error_rate_below(phase(), rate(require(h, "max", at), at + ".max"));
  if (kind == "breaker_opens_within") {
    return Hypothesis::breaker_opens_within(str(require(h, "breaker", at), at + ".breaker"),
                                            duration(require(h, "within", at), at + ".within"));
  }
  if (kind == "recovers_within") {
    std::string breaker = h["breaker"] ? str(h["breaker"], at + ".breaker") : "";
    double tol = h["tolerance"] ? rate(h["tolerance"], at + ".tolerance") : 0.02;
    return Hypothesis::recovers_within(breaker, duration(require(h, "within", at), at + ".within"), tol);
  }
  if (kind == "conservation") return Hypothesis::conservation();
  if (kind == "throughput_above") {
    const double min = number(require(h, "min", at), at + ".min");
    if (min < 0 || min > ScenarioBounds::kMaxRate) fail(h["min"], at + ".min", "must be from 0 to 1000000 req/s");
    return Hypothesis::throughput_above(phase(), min);
  }
  if (kind == "status_count") {
    const YAML::Node status = require(h, "status", at);
    int lo = 0, hi = 0;
    if (!parse_status(str(status, at + ".status"), lo, hi)) {
      fail(status, at + ".status", "expected a status such as 503 or a class such as 5xx");
    }
    if (!h["min"] && !h["max"]) fail(h, at, "status_count needs min, max or both");
    const std::int64_t max_count = 1'000'000'000'000;
    std::int64_t min = h["min"] ? integer(h["min"], at + ".min", 0, max_count) : -1;
    std::int64_t max = h["max"] ? integer(h["max"], at + ".max", 0, max_count) : -1;
    if (min >= 0 && max >= 0 && min > max) fail(h["min"], at + ".min", "must not exceed max");
    return Hypothesis::status_count(phase(), lo, hi, min, max);
  }
  if (kind == "idle_below") return Hypothesis::idle_below(phase(), duration(require(h, "limit", at), at + ".limit"));
  if (kind == "min_quality") {
    const std::string grade = str(require(h, "min", at), at + ".min");
    for (SampleQuality q : {SampleQuality::kPoor, SampleQuality::kFair, SampleQuality::kGood}) {
      if (grade == to_string(q)) return Hypothesis::quality_at_least(phase(), q);
    }
    fail(h["min"], at + ".min", "must be poor, fair or good");
  }
  if (kind == "memory_below" || kind == "memory_growth_below") {
    const std::string process = str(require(h, "process", at), at + ".process");
    const std::uint64_t max = bytes(require(h, "max", at), at + ".max");
    return kind == "memory_below" ? Hypothesis::memory_below(process, max)
                                  : Hypothesis::memory_growth_below(process, max);
  }
  fail(h["kind"], at + ".kind",
       "must be latency_below, error_rate_below, throughput_above, status_count, idle_below, memory_below, "
       "memory_growth_below, min_quality, breaker_opens_within, recovers_within or conservation");
}

}  // namespace gauntlet::chaos::detail
