#include "gauntlet/chaos/schedule.h"

#include <algorithm>
#include <set>

namespace gauntlet::chaos {

FaultSchedule FaultSchedule::ramp(std::string point, Nanos start, Nanos rise, double rate, Nanos end) {
  return FaultSchedule({{std::move(point), FaultKind::kErrorRate, start, end, rate, rise, "ramp", {}}});
}

FaultSchedule FaultSchedule::window(std::string point, Nanos t1, Nanos t2, double rate) {
  return FaultSchedule({{std::move(point), FaultKind::kErrorRate, t1, t2, rate, 0, "outage", {}}});
}

FaultSchedule FaultSchedule::spike(std::string point, Nanos start, Nanos duration, Nanos latency) {
  return FaultSchedule(
      {{std::move(point), FaultKind::kLatency, start, start + duration, static_cast<double>(latency), 0, "spike", {}}});
}

FaultSchedule FaultSchedule::cascade(std::string point, Nanos start, Nanos duration,
                                     std::vector<std::string> observed_at) {
  return FaultSchedule(
      {{std::move(point), FaultKind::kErrorRate, start, start + duration, 1.0, 0, "cascade", std::move(observed_at)}});
}

FaultSchedule operator+(FaultSchedule a, const FaultSchedule& b) {
  a.faults_.insert(a.faults_.end(), b.faults_.begin(), b.faults_.end());
  return a;
}

std::vector<std::string> FaultSchedule::points() const {
  std::set<std::string> names;
  for (const auto& f : faults_) names.insert(f.point);
  return {names.begin(), names.end()};
}

FaultEffect FaultSchedule::effect_at(const std::string& point, Nanos t) const {
  FaultEffect effect;
  double pass = 1.0;
  for (const auto& f : faults_) {
    if (f.point != point || t < f.start || t >= f.end) continue;
    double level = f.magnitude;
    if (f.ramp > 0 && t < f.start + f.ramp) {
      level *= static_cast<double>(t - f.start) / static_cast<double>(f.ramp);
    }
    if (f.kind == FaultKind::kErrorRate) {
      pass *= 1.0 - std::clamp(level, 0.0, 1.0);
    } else {
      effect.latency_ns += static_cast<Nanos>(level);
    }
  }
  effect.error_rate = 1.0 - pass;
  return effect;
}

Nanos FaultSchedule::first_start() const noexcept {
  if (faults_.empty()) return 0;
  Nanos t = faults_.front().start;
  for (const auto& f : faults_) t = std::min(t, f.start);
  return t;
}

Nanos FaultSchedule::last_end() const noexcept {
  Nanos t = 0;
  for (const auto& f : faults_) t = std::max(t, f.end);
  return t;
}

FaultProgram program_for(const FaultEffect& effect) {
  FaultProgram program;
  if (effect.error_rate > 0) {
    FaultTerm term;
    term.probability = std::min(effect.error_rate, 1.0);
    term.action = FaultAction::kReturn;
    term.arg = "injected";
    program.terms.push_back(term);
  }
  if (effect.latency_ns > 0) {
    FaultTerm term;
    term.action = FaultAction::kDelay;
    term.millis = effect.latency_ns / kNanosPerMilli;
    term.arg = std::to_string(term.millis);
    program.terms.push_back(term);
  }
  return program;
}

}  // namespace gauntlet::chaos
