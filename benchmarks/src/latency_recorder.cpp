#include "gauntlet/bench/latency_recorder.h"

namespace gauntlet::bench {

LatencyRecorder::LatencyRecorder(const Clock& clock) : clock_(clock) {}

std::uint64_t LatencyRecorder::count() const { return histogram_.snapshot().count; }

double LatencyRecorder::quantile_ns(double q) const { return histogram_.snapshot().quantile(q); }

}  // namespace gauntlet::bench
