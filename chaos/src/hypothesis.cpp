#include "gauntlet/chaos/hypothesis.h"

#include <fmt/format.h>

namespace gauntlet::chaos {
namespace {

double ms(Nanos ns) { return static_cast<double>(ns) / 1e6; }

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

}  // namespace

std::string_view to_string(HypothesisKind kind) noexcept {
  switch (kind) {
    case HypothesisKind::kLatencyBelow: return "latency_below";
    case HypothesisKind::kErrorRateBelow: return "error_rate_below";
    case HypothesisKind::kBreakerOpensWithin: return "breaker_opens_within";
    case HypothesisKind::kRecoversWithin: return "recovers_within";
    case HypothesisKind::kConservation: return "conservation";
    case HypothesisKind::kCustom: return "custom";
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
  }
  return name;
}

Verdict check(const Hypothesis& h, const RunRecord& run, const FaultSchedule& schedule) {
  switch (h.kind) {
    case HypothesisKind::kLatencyBelow: {
      const PhaseStats* p = run.phase(h.phase);
      if (p == nullptr || p->completed == 0) return make(h, false, 0, ms(h.limit_ns), "no request completed in the phase");
      Nanos q = quantile_of(*p, h.quantile);
      return make(h, q < h.limit_ns, ms(q), ms(h.limit_ns),
                  fmt::format("{} = {:.3f} ms over {} requests", quantile_label(h.quantile), ms(q), p->completed));
    }
    case HypothesisKind::kErrorRateBelow: {
      const PhaseStats* p = run.phase(h.phase);
      if (p == nullptr || p->completed == 0) return make(h, false, 0, h.max_rate, "no request completed in the phase");
      return make(h, p->error_rate < h.max_rate, p->error_rate, h.max_rate,
                  fmt::format("{} failed + {} rejected of {} = {:.4f}", p->failed, p->rejected, p->completed,
                              p->error_rate));
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
