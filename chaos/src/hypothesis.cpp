#include "gauntlet/chaos/hypothesis.h"

#include <fmt/format.h>

namespace gauntlet::chaos {
namespace {

double ms(Nanos ns) { return static_cast<double>(ns) / 1e6; }
double mib(double bytes) { return bytes / (1024.0 * 1024.0); }

std::string quantile_label(double q) {
  if (q <= 0.5) return "p50";
  if (q <= 0.95) return "p95";
  if (q <= 0.99) return "p99";
  return "max";
}

Nanos quantile_of(const PhaseStats& p, double q) {
  if (q <= 0.5) return p.p50_ns;
  if (q <= 0.95) return p.p95_ns;
  if (q <= 0.99) return p.p99_ns;
  return p.max_ns;
}

const BreakerState* find_breaker(const Sample& s, const std::string& name) {
  for (const auto& b : s.breakers) {
    if (b.breaker == name) return &b;
  }
  return nullptr;
}

std::string status_label(int lo, int hi) {
  if (lo == hi) return std::to_string(lo);
  if (lo % 100 == 0 && hi == lo + 99) return fmt::format("{}xx", lo / 100);
  return fmt::format("{}-{}", lo, hi);
}

Verdict make(const Hypothesis& h, bool holds, double measured, double threshold, std::string evidence) {
  return {h.describe(), h.phase, holds, measured, threshold, std::move(evidence)};
}

Verdict check_recovery(const Hypothesis& h, const RunRecord& run, const FaultSchedule& schedule) {
  if (schedule.empty()) return make(h, false, 0, ms(h.limit_ns), "no fault is scheduled, so nothing can recover");
  const Nanos fault_end = schedule.last_end();
  const PhaseStats* steady = run.phase(h.steady_phase);
  const double baseline = steady ? steady->error_rate : 0.0;
  const double allowed = baseline + h.tolerance;
  for (const Sample& s : run.timeline) {
    if (s.t - run.interval < fault_end || s.completed == 0) continue;
    const BreakerState* b = h.breaker.empty() ? nullptr : find_breaker(s, h.breaker);
    bool closed = h.breaker.empty() || (b != nullptr && b->state == "CLOSED");
    if (closed && s.error_rate <= allowed) {
      Nanos took = s.t - fault_end;
      return make(h, took <= h.limit_ns, ms(took), ms(h.limit_ns),
                  fmt::format("recovered {:.1f} ms after the fault ended at {:.1f} ms (error rate {:.4f} <= {:.4f}{})",
                              ms(took), ms(fault_end), s.error_rate, allowed,
                              h.breaker.empty() ? "" : fmt::format(", {} closed", h.breaker)));
    }
  }
  return make(h, false, ms(run.duration - fault_end), ms(h.limit_ns),
              fmt::format("not recovered by the end of the run ({:.1f} ms after the fault ended)",
                          ms(run.duration - fault_end)));
}

Verdict check_status_count(const Hypothesis& h, const PhaseStats& p) {
  std::uint64_t n = 0;
  for (const auto& [code, count] : p.status_counts) {
    if (code >= h.status_lo && code <= h.status_hi) n += count;
  }
  const auto count = static_cast<std::int64_t>(n);
  const bool holds = (h.min_count < 0 || count >= h.min_count) && (h.max_count < 0 || count <= h.max_count);
  return make(
      h, holds, static_cast<double>(n), static_cast<double>(h.max_count >= 0 ? h.max_count : h.min_count),
      fmt::format("{} of {} completions had status {}", n, p.completed, status_label(h.status_lo, h.status_hi)));
}

Verdict check_idle(const Hypothesis& h, const RunRecord& run) {
  Nanos longest = 0, current = 0, longest_end = 0;
  for (const Sample& s : run.timeline) {
    if (s.phase != h.phase) continue;
    current = s.completed == 0 ? current + run.interval : 0;
    if (current > longest) {
      longest = current;
      longest_end = s.t;
    }
  }
  return make(h, longest < h.limit_ns, ms(longest), ms(h.limit_ns),
              longest == 0 ? std::string("every observer interval of the phase completed a request")
                           : fmt::format("longest stretch without a completion: {:.0f} ms, ending at {:.1f} s",
                                         ms(longest), ms(longest_end) / 1e3));
}

Verdict check_memory(const Hypothesis& h, const RunRecord& run) {
  const bool growth = h.kind == HypothesisKind::kMemoryGrowthBelow;
  const std::string key = h.process + (growth ? ".memory_growth_bytes" : ".memory_peak_bytes");
  auto it = run.target_counters.find(key);
  if (it == run.target_counters.end()) {
    return make(h, false, 0, mib(static_cast<double>(h.max_bytes)),
                fmt::format("no memory was measured for process '{}'", h.process));
  }
  const double limit = static_cast<double>(h.max_bytes);
  return make(h, it->second < limit, mib(it->second), mib(limit),
              fmt::format("{} {:.1f} MiB (limit {:.1f} MiB, margin {:+.1f}%)", growth ? "grew by" : "peak",
                          mib(it->second), mib(limit), (limit - it->second) / limit * 100));
}

}  // namespace

std::string_view to_string(HypothesisKind kind) noexcept {
  switch (kind) {
    case HypothesisKind::kLatencyBelow:
      return "latency_below";
    case HypothesisKind::kErrorRateBelow:
      return "error_rate_below";
    case HypothesisKind::kBreakerOpensWithin:
      return "breaker_opens_within";
    case HypothesisKind::kRecoversWithin:
      return "recovers_within";
    case HypothesisKind::kConservation:
      return "conservation";
    case HypothesisKind::kCustom:
      return "custom";
    case HypothesisKind::kThroughputAbove:
      return "throughput_above";
    case HypothesisKind::kStatusCount:
      return "status_count";
    case HypothesisKind::kIdleBelow:
      return "idle_below";
    case HypothesisKind::kMemoryBelow:
      return "memory_below";
    case HypothesisKind::kMemoryGrowthBelow:
      return "memory_growth_below";
    case HypothesisKind::kMinQuality:
      return "min_quality";
  }
  return "custom";
}

Hypothesis Hypothesis::latency_below(std::string phase, double quantile, Nanos limit) {
  Hypothesis h;
  h.kind = HypothesisKind::kLatencyBelow;
  h.phase = std::move(phase);
  h.quantile = quantile;
  h.limit_ns = limit;
  return h;
}

Hypothesis Hypothesis::error_rate_below(std::string phase, double max_rate) {
  Hypothesis h;
  h.kind = HypothesisKind::kErrorRateBelow;
  h.phase = std::move(phase);
  h.max_rate = max_rate;
  return h;
}

Hypothesis Hypothesis::breaker_opens_within(std::string breaker, Nanos within) {
  Hypothesis h;
  h.kind = HypothesisKind::kBreakerOpensWithin;
  h.breaker = std::move(breaker);
  h.limit_ns = within;
  return h;
}

Hypothesis Hypothesis::recovers_within(std::string breaker, Nanos within, double tolerance) {
  Hypothesis h;
  h.kind = HypothesisKind::kRecoversWithin;
  h.breaker = std::move(breaker);
  h.limit_ns = within;
  h.tolerance = tolerance;
  return h;
}

Hypothesis Hypothesis::conservation() { return Hypothesis{}; }

Hypothesis Hypothesis::custom(std::string name, std::function<Verdict(const RunRecord&)> predicate) {
  Hypothesis h;
  h.kind = HypothesisKind::kCustom;
  h.name = std::move(name);
  h.predicate = std::move(predicate);
  return h;
}

Hypothesis Hypothesis::throughput_above(std::string phase, double min_rps) {
  Hypothesis h;
  h.kind = HypothesisKind::kThroughputAbove;
  h.phase = std::move(phase);
  h.min_rps = min_rps;
  return h;
}

Hypothesis Hypothesis::status_count(std::string phase, int lo, int hi, std::int64_t min, std::int64_t max) {
  Hypothesis h;
  h.kind = HypothesisKind::kStatusCount;
  h.phase = std::move(phase);
  h.status_lo = lo;
  h.status_hi = hi;
  h.min_count = min;
  h.max_count = max;
  return h;
}

Hypothesis Hypothesis::idle_below(std::string phase, Nanos limit) {
  Hypothesis h;
  h.kind = HypothesisKind::kIdleBelow;
  h.phase = std::move(phase);
  h.limit_ns = limit;
  return h;
}

Hypothesis Hypothesis::memory_below(std::string process, std::uint64_t max_bytes) {
  Hypothesis h;
  h.kind = HypothesisKind::kMemoryBelow;
  h.process = std::move(process);
  h.max_bytes = max_bytes;
  return h;
}

Hypothesis Hypothesis::memory_growth_below(std::string process, std::uint64_t max_bytes) {
  Hypothesis h;
  h.kind = HypothesisKind::kMemoryGrowthBelow;
  h.process = std::move(process);
  h.max_bytes = max_bytes;
  return h;
}

Hypothesis Hypothesis::quality_at_least(std::string phase, SampleQuality min) {
  Hypothesis h;
  h.kind = HypothesisKind::kMinQuality;
  h.phase = std::move(phase);
  h.min_quality = min;
  return h;
}

std::string Hypothesis::describe() const {
  switch (kind) {
    case HypothesisKind::kLatencyBelow:
      return fmt::format("{}: latency {} < {} ms", phase, quantile_label(quantile), ms(limit_ns));
    case HypothesisKind::kErrorRateBelow:
      return fmt::format("{}: error rate < {}", phase, max_rate);
    case HypothesisKind::kBreakerOpensWithin:
      return fmt::format("breaker {} opens within {} ms of the fault starting", breaker, ms(limit_ns));
    case HypothesisKind::kRecoversWithin:
      return fmt::format("{} within {} ms of the fault ending",
                         breaker.empty() ? "error rate back to steady"
                                         : fmt::format("breaker {} closed and error rate back to steady", breaker),
                         ms(limit_ns));
    case HypothesisKind::kConservation:
      return "issued == succeeded + failed + rejected + not sent";
    case HypothesisKind::kCustom:
      return name;
    case HypothesisKind::kThroughputAbove:
      return fmt::format("{}: throughput >= {} req/s", phase, min_rps);
    case HypothesisKind::kStatusCount: {
      std::string bounds;
      if (min_count >= 0) bounds = fmt::format(">= {}", min_count);
      if (max_count >= 0) bounds += fmt::format("{}<= {}", bounds.empty() ? "" : " and ", max_count);
      return fmt::format("{}: status {} count {}", phase, status_label(status_lo, status_hi), bounds);
    }
    case HypothesisKind::kIdleBelow:
      return fmt::format("{}: no stretch without a completed request of {} ms or more", phase, ms(limit_ns));
    case HypothesisKind::kMemoryBelow:
      return fmt::format("{}: peak resident memory < {:.1f} MiB", process, mib(max_bytes));
    case HypothesisKind::kMemoryGrowthBelow:
      return fmt::format("{}: resident memory grows < {:.1f} MiB", process, mib(max_bytes));
    case HypothesisKind::kMinQuality:
      return fmt::format("{}: sample quality at least {}", phase, to_string(min_quality));
  }
  return name;
}

Verdict check(const Hypothesis& h, const RunRecord& run, const FaultSchedule& schedule) {
  switch (h.kind) {
    case HypothesisKind::kLatencyBelow: {
      const PhaseStats* p = run.phase(h.phase);
      if (p == nullptr || p->completed == 0)
        return make(h, false, 0, ms(h.limit_ns), "no request completed in the phase");
      Nanos q = quantile_of(*p, h.quantile);
      if (p->completed < h.min_samples) {
        return make(h, false, ms(q), ms(h.limit_ns),
                    fmt::format("{} = {:.3f} ms over only {} requests; at least {} are needed to judge it",
                                quantile_label(h.quantile), ms(q), p->completed, h.min_samples));
      }
      return make(h, q < h.limit_ns, ms(q), ms(h.limit_ns),
                  fmt::format("{} = {:.3f} ms over {} requests", quantile_label(h.quantile), ms(q), p->completed));
    }
    case HypothesisKind::kErrorRateBelow: {
      const PhaseStats* p = run.phase(h.phase);
      if (p == nullptr || p->completed == 0) return make(h, false, 0, h.max_rate, "no request completed in the phase");
      return make(
          h, p->error_rate < h.max_rate, p->error_rate, h.max_rate,
          fmt::format("{} failed + {} rejected of {} = {:.4f}", p->failed, p->rejected, p->completed, p->error_rate));
    }
    case HypothesisKind::kBreakerOpensWithin: {
      if (schedule.empty()) return make(h, false, 0, ms(h.limit_ns), "no fault is scheduled");
      const Nanos start = schedule.first_start();
      for (const auto& t : run.transitions) {
        if (t.breaker == h.breaker && t.to == "OPEN" && t.at >= start) {
          return make(h, t.at - start <= h.limit_ns, ms(t.at - start), ms(h.limit_ns),
                      fmt::format("{} opened at {:.1f} ms, {:.1f} ms after the fault started", h.breaker, ms(t.at),
                                  ms(t.at - start)));
        }
      }
      return make(h, false, ms(run.duration - start), ms(h.limit_ns),
                  fmt::format("{} never opened after the fault started at {:.1f} ms", h.breaker, ms(start)));
    }
    case HypothesisKind::kRecoversWithin:
      return check_recovery(h, run, schedule);
    case HypothesisKind::kConservation: {
      const Totals& t = run.totals;
      std::uint64_t accounted = t.succeeded + t.failed + t.rejected + t.not_sent;
      return make(h, accounted == t.issued, static_cast<double>(accounted), static_cast<double>(t.issued),
                  fmt::format("issued {} vs {} succeeded + {} failed + {} rejected + {} not sent", t.issued,
                              t.succeeded, t.failed, t.rejected, t.not_sent));
    }
    case HypothesisKind::kThroughputAbove: {
      const PhaseStats* p = run.phase(h.phase);
      if (p == nullptr) return make(h, false, 0, h.min_rps, "no such phase in the run");
      return make(h, p->throughput_rps >= h.min_rps, p->throughput_rps, h.min_rps,
                  fmt::format("{} completed in {:.1f} s = {:.1f} req/s", p->completed, ms(p->end - p->start) / 1e3,
                              p->throughput_rps));
    }
    case HypothesisKind::kStatusCount: {
      const PhaseStats* p = run.phase(h.phase);
      if (p == nullptr) return make(h, false, 0, 0, "no such phase in the run");
      return check_status_count(h, *p);
    }
    case HypothesisKind::kIdleBelow:
      return check_idle(h, run);
    case HypothesisKind::kMemoryBelow:
    case HypothesisKind::kMemoryGrowthBelow:
      return check_memory(h, run);
    case HypothesisKind::kMinQuality: {
      const PhaseStats* p = run.phase(h.phase);
      if (p == nullptr) return make(h, false, 0, 0, "no such phase in the run");
      return make(h, p->quality >= h.min_quality, static_cast<double>(p->quality), static_cast<double>(h.min_quality),
                  fmt::format("{} over {} requests, p99 {:.3f} ms within [{:.3f}, {:.3f}] ms", to_string(p->quality),
                              p->completed, ms(p->p99.value), ms(p->p99.low), ms(p->p99.high)));
    }
    case HypothesisKind::kCustom: {
      Verdict v = h.predicate ? h.predicate(run) : Verdict{};
      v.hypothesis = h.name;
      if (!h.predicate) v.evidence = "no predicate given";
      return v;
    }
  }
  return {};
}

}  // namespace gauntlet::chaos
