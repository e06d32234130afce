#include "gauntlet/chaos/scenario.h"

#include <fmt/format.h>

namespace gauntlet::chaos {

Status Scenario::validate() const {
  auto bad = [&](std::string_view field, std::string_view why) {
    return Error(ErrorCode::kInvalidArgument, fmt::format("scenario '{}': {} {}", name, field, why));
  };
  if (name.empty()) return bad("name", "is empty");
  if (!target) return bad("target", "is missing");
  if (duration <= 0) return bad("duration", "must be > 0");
  if (interval <= 0 || interval > duration) return bad("interval", "must be > 0 and <= duration");
  if (auto s = load.pattern.validate(); !s) return s.error().with_context(fmt::format("scenario '{}': load", name));
  if (load.mode == LoopMode::kOpen && load.connections <= 0) return bad("load.connections", "must be > 0");
  if (load.mode == LoopMode::kClosed && load.workers <= 0) return bad("load.workers", "must be > 0");
  if (phases.empty()) return bad("phases", "are empty");
  Nanos expected = 0;
  for (std::size_t i = 0; i < phases.size(); ++i) {
    const Phase& p = phases[i];
    if (p.start != expected || p.end <= p.start) {
      return bad(fmt::format("phases[{}] ({})", i, p.name), "must start where the previous ends and be non-empty");
    }
    expected = p.end;
  }
  if (expected != duration) return bad("phases", "must end at the scenario duration");
  for (const auto& f : schedule.faults()) {
    if (f.start < 0 || f.end < f.start) return bad(fmt::format("schedule fault at '{}'", f.point), "has end < start");
    if (f.kind == FaultKind::kErrorRate && (f.magnitude < 0 || f.magnitude > 1)) {
      return bad(fmt::format("schedule fault at '{}'", f.point), "error rate must be in [0, 1]");
    }
  }
  for (const auto& h : hypotheses) {
    if (!h.phase.empty()) {
      bool found = false;
      for (const auto& p : phases) found = found || p.name == h.phase;
      if (!found)
        return bad(fmt::format("hypothesis '{}'", h.describe()), fmt::format("names unknown phase '{}'", h.phase));
    }
  }
  return {};
}

const Phase* Scenario::phase_at(Nanos t) const {
  for (const auto& p : phases) {
    if (t >= p.start && t < p.end) return &p;
  }
  return phases.empty() ? nullptr : &phases.back();
}

std::vector<Phase> steady_fault_recovery(Nanos fault_start, Nanos fault_end, Nanos duration) {
  return {{"steady", 0, fault_start}, {"fault", fault_start, fault_end}, {"recovery", fault_end, duration}};
}

}  // namespace gauntlet::chaos
