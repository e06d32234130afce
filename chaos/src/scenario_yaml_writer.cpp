#include <fmt/format.h>

#include "gauntlet/chaos/shrink.h"

namespace gauntlet::chaos {
namespace {

std::string dur(Nanos ns) {
  if (ns % kNanosPerMilli == 0) return fmt::format("{}ms", ns / kNanosPerMilli);
  return fmt::format("{}ns", ns);
}

// A status_count's codes as the file spells them: "503", or "5xx" for a class.
std::string status_text(const Hypothesis& h) {
  if (h.status_lo % 100 == 0 && h.status_hi == h.status_lo + 99) return fmt::format("{}xx", h.status_lo / 100);
  return fmt::format("{}", h.status_lo);
}

}  // namespace

Result<std::string> scenario_yaml(const Scenario& s) {
  std::string out =
      fmt::format("name: {}\ndescription: \"{}\"\ntarget: {}\nduration: {}\ninterval: {}\ntime: {}\n", s.name,
                  s.description, s.target_name, dur(s.duration), dur(s.interval), to_string(s.default_mode));
  const LoadSpec& l = s.load;
  if (l.mode == LoopMode::kOpen) {
    const LoadPattern& p = l.pattern;
    out += fmt::format("load:\n  mode: open\n  pattern: {}\n  rate: {}\n  connections: {}\n", to_string(p.shape),
                       p.rate, l.connections);
    if (p.shape == LoadShape::kStepped) out += fmt::format("  step: {}\n  every: {}\n", p.step, dur(p.period));
    if (p.shape == LoadShape::kSpike) {
      out += fmt::format("  peak: {}\n  start: {}\n  duration: {}\n", p.peak, dur(p.start), dur(p.duration));
    }
    if (p.shape == LoadShape::kWave) out += fmt::format("  amplitude: {}\n  period: {}\n", p.peak, dur(p.period));
  } else {
    out += fmt::format("load:\n  mode: closed\n  workers: {}\n  think_time: {}\n  ops_per_worker: {}\n", l.workers,
                       dur(l.think_time), l.ops_per_worker);
  }
  out += s.schedule.empty() ? "schedule: []\n" : "schedule:\n";
  for (const auto& f : s.schedule.faults()) {
    if (f.kind == FaultKind::kLatency) {
      out += fmt::format("  - {{kind: spike, point: {}, start: {}, end: {}, latency: {}}}\n", f.point, dur(f.start),
                         dur(f.end), dur(static_cast<Nanos>(f.magnitude)));
    } else if (f.ramp > 0) {
      out += fmt::format("  - {{kind: ramp, point: {}, start: {}, rise: {}, rate: {}, end: {}}}\n", f.point,
                         dur(f.start), dur(f.ramp), f.magnitude, dur(f.end));
    } else {
      out += fmt::format("  - {{kind: outage, point: {}, start: {}, end: {}, rate: {}}}\n", f.point, dur(f.start),
                         dur(f.end), f.magnitude);
    }
  }
  out += "phases:\n";
  for (const auto& p : s.phases) out += fmt::format("  - {{name: {}, end: {}}}\n", p.name, dur(p.end));
  out += s.hypotheses.empty() ? "hypotheses: []\n" : "hypotheses:\n";
  for (const auto& h : s.hypotheses) {
    switch (h.kind) {
      case HypothesisKind::kLatencyBelow:
        out += fmt::format("  - {{kind: latency_below, phase: {}, quantile: {}, limit: {}", h.phase, h.quantile,
                           dur(h.limit_ns));
        out += h.min_samples > 0 ? fmt::format(", min_samples: {}}}\n", h.min_samples) : "}\n";
        break;
      case HypothesisKind::kErrorRateBelow:
        out += fmt::format("  - {{kind: error_rate_below, phase: {}, max: {}}}\n", h.phase, h.max_rate);
        break;
      case HypothesisKind::kBreakerOpensWithin:
        out += fmt::format("  - {{kind: breaker_opens_within, breaker: {}, within: {}}}\n", h.breaker, dur(h.limit_ns));
        break;
      case HypothesisKind::kRecoversWithin:
        out += fmt::format("  - {{kind: recovers_within, breaker: {}, within: {}, tolerance: {}}}\n",
                           h.breaker.empty() ? "\"\"" : h.breaker, dur(h.limit_ns), h.tolerance);
        break;
      case HypothesisKind::kConservation:
        out += "  - {kind: conservation}\n";
        break;
      case HypothesisKind::kThroughputAbove:
        out += fmt::format("  - {{kind: throughput_above, phase: {}, min: {}}}\n", h.phase, h.min_rps);
        break;
      case HypothesisKind::kStatusCount:
        out += fmt::format("  - {{kind: status_count, phase: {}, status: {}", h.phase, status_text(h));
        if (h.min_count >= 0) out += fmt::format(", min: {}", h.min_count);
        if (h.max_count >= 0) out += fmt::format(", max: {}", h.max_count);
        out += "}\n";
        break;
      case HypothesisKind::kIdleBelow:
        out += fmt::format("  - {{kind: idle_below, phase: {}, limit: {}}}\n", h.phase, dur(h.limit_ns));
        break;
      case HypothesisKind::kMemoryBelow:
      case HypothesisKind::kMemoryGrowthBelow:
        out += fmt::format("  - {{kind: {}, process: {}, max: {}}}\n",
                           h.kind == HypothesisKind::kMemoryBelow ? "memory_below" : "memory_growth_below", h.process,
                           h.max_bytes);
        break;
      case HypothesisKind::kMinQuality:
        out += fmt::format("  - {{kind: min_quality, phase: {}, min: {}}}\n", h.phase, to_string(h.min_quality));
        break;
      case HypothesisKind::kCustom:
        return Error(ErrorCode::kInvalidArgument,
                     fmt::format("scenario '{}': custom hypothesis '{}' cannot be written to a file", s.name, h.name));
    }
  }
  return out;
}

}  // namespace gauntlet::chaos
