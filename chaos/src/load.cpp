#include "gauntlet/chaos/load.h"

#include <algorithm>
#include <cmath>
#include <numbers>

#include <fmt/format.h>

namespace gauntlet::chaos {

std::string_view to_string(LoadShape shape) noexcept {
  switch (shape) {
    case LoadShape::kConstant:
      return "constant";
    case LoadShape::kStepped:
      return "stepped";
    case LoadShape::kSpike:
      return "spike";
    case LoadShape::kWave:
      return "wave";
  }
  return "constant";
}

LoadPattern LoadPattern::constant(double rps) {
  LoadPattern p;
  p.rate = rps;
  return p;
}

LoadPattern LoadPattern::stepped(double start_rps, double step_rps, Nanos every) {
  LoadPattern p;
  p.shape = LoadShape::kStepped;
  p.rate = start_rps;
  p.step = step_rps;
  p.period = every;
  return p;
}

LoadPattern LoadPattern::spike(double base_rps, double peak_rps, Nanos start, Nanos duration) {
  LoadPattern p;
  p.shape = LoadShape::kSpike;
  p.rate = base_rps;
  p.peak = peak_rps;
  p.start = start;
  p.duration = duration;
  return p;
}

LoadPattern LoadPattern::wave(double mean_rps, double amplitude_rps, Nanos period) {
  LoadPattern p;
  p.shape = LoadShape::kWave;
  p.rate = mean_rps;
  p.peak = amplitude_rps;
  p.period = period;
  return p;
}

double LoadPattern::rate_at(Nanos t) const noexcept {
  double r = rate;
  switch (shape) {
    case LoadShape::kConstant:
      break;
    case LoadShape::kStepped:
      r = rate + step * static_cast<double>(t / period);
      break;
    case LoadShape::kSpike:
      if (t >= start && t < start + duration) r = peak;
      break;
    case LoadShape::kWave:
      r = rate + peak * std::sin(2 * std::numbers::pi * static_cast<double>(t % period) / static_cast<double>(period));
      break;
  }
  return std::max(r, 0.0);
}

Status LoadPattern::validate() const {
  if (!(rate >= 0) || !(peak >= 0) || !std::isfinite(rate) || !std::isfinite(step)) {
    return Error(ErrorCode::kInvalidArgument, fmt::format("load {}: rates must be finite and >= 0", to_string(shape)));
  }
  if (period <= 0) {
    return Error(ErrorCode::kInvalidArgument, fmt::format("load {}: period must be > 0", to_string(shape)));
  }
  return {};
}

}  // namespace gauntlet::chaos
