#include "recorder.h"

#include <algorithm>
#include <cmath>

#include "gauntlet/chaos/fault_registry.h"
#include "phase_quality.h"

namespace gauntlet::chaos::detail {

Nanos quantile(std::vector<Nanos>& values, double q) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  auto rank = static_cast<std::size_t>(std::ceil(q * static_cast<double>(values.size())));
  return values[std::clamp<std::size_t>(rank, 1, values.size()) - 1];
}

Recorder::Recorder(const Scenario& scenario, Target& target)
    : scenario_(scenario), target_(target), phases_(scenario.phases.size()) {}

void Recorder::issued(std::uint64_t n) {
  std::lock_guard lock(mutex_);
  totals_.issued += n;
}

void Recorder::late() {
  std::lock_guard lock(mutex_);
  ++totals_.late;
}

void Recorder::not_sent(std::uint64_t n) {
  std::lock_guard lock(mutex_);
  totals_.not_sent += n;
}

void Recorder::completed(Nanos intended, Nanos sent, Nanos done, CallStatus status, int code) {
  std::lock_guard lock(mutex_);
  const Phase* phase = scenario_.phase_at(done);
  Bucket& p = phases_[static_cast<std::size_t>(phase - scenario_.phases.data())];
  for (Bucket* b : {&window_, &p}) {
    ++b->completed;
    if (status == CallStatus::kFailed) ++b->failed;
    if (status == CallStatus::kRejected) ++b->rejected;
    b->corrected.push_back(done - intended);
    if (b == &p) {
      b->service.push_back(done - sent);
      if (code != 0) ++b->codes[code];
    }
  }
  switch (status) {
    case CallStatus::kOk:
      ++totals_.succeeded;
      break;
    case CallStatus::kFailed:
      ++totals_.failed;
      break;
    case CallStatus::kRejected:
      ++totals_.rejected;
      break;
  }
}

void Recorder::collect_transitions_locked() {
  for (auto& t : target_.take_transitions()) transitions_.push_back(std::move(t));
}

Sample Recorder::tick(Nanos t) {
  std::lock_guard lock(mutex_);
  collect_transitions_locked();
  Sample s;
  s.t = t;
  s.phase = scenario_.phase_at(t - 1)->name;
  s.completed = window_.completed;
  s.failed = window_.failed;
  s.rejected = window_.rejected;
  s.throughput_rps = static_cast<double>(window_.completed) / to_seconds(scenario_.interval);
  s.error_rate = window_.completed == 0
                     ? 0.0
                     : static_cast<double>(window_.failed + window_.rejected) / static_cast<double>(window_.completed);
  s.p50_ns = quantile(window_.corrected, 0.50);
  s.p95_ns = quantile(window_.corrected, 0.95);
  s.p99_ns = quantile(window_.corrected, 0.99);
  s.breakers = target_.breakers();
  for (const auto& st : fault_stats()) {
    std::uint64_t& seen = fires_seen_[st.point];
    if (st.fires > seen) s.fault_fires[st.point] = st.fires - seen;
    seen = st.fires;
  }
  window_ = Bucket{};
  timeline_.push_back(s);
  return s;
}

std::vector<FaultPointStats> Recorder::fault_stats() const {
  std::vector<FaultPointStats> out = FaultRegistry::instance().stats();
  for (auto& own : target_.fault_activity()) out.push_back(std::move(own));
  return out;
}

void Recorder::apply_faults(Nanos t) {
  std::map<std::string, FaultEffect> effects;
  for (const auto& point : scenario_.schedule.points()) effects[point] = scenario_.schedule.effect_at(point, t);
  target_.apply_faults(effects);
}

void Recorder::clear_faults() {
  std::map<std::string, FaultEffect> effects;
  for (const auto& point : scenario_.schedule.points()) effects[point] = FaultEffect{};
  target_.apply_faults(effects);
}

RunRecord Recorder::finish(std::uint64_t seed, TimeMode mode) {
  std::lock_guard lock(mutex_);
  collect_transitions_locked();
  RunRecord r;
  r.scenario = scenario_.name;
  r.seed = seed;
  r.mode = mode;
  r.duration = scenario_.duration;
  r.interval = scenario_.interval;
  r.timeline = std::move(timeline_);
  r.transitions = std::move(transitions_);
  r.totals = totals_;
  for (std::size_t i = 0; i < phases_.size(); ++i) {
    Bucket& b = phases_[i];
    PhaseStats p;
    p.phase = scenario_.phases[i].name;
    p.start = scenario_.phases[i].start;
    p.end = scenario_.phases[i].end;
    p.completed = b.completed;
    p.failed = b.failed;
    p.rejected = b.rejected;
    p.error_rate =
        b.completed == 0 ? 0.0 : static_cast<double>(b.failed + b.rejected) / static_cast<double>(b.completed);
    p.p50_ns = quantile(b.corrected, 0.50);  // sorts b.corrected
    p.p95_ns = quantile(b.corrected, 0.95);
    p.p99_ns = quantile(b.corrected, 0.99);
    p.max_ns = quantile(b.corrected, 1.0);
    p.p50 = quantile_estimate(b.corrected, 0.50);
    p.p95 = quantile_estimate(b.corrected, 0.95);
    p.p99 = quantile_estimate(b.corrected, 0.99);
    p.quality = grade(b.corrected.size(), p.p99);
    p.service_p99_ns = quantile(b.service, 0.99);
    // A run that ended early (a closed loop's op limit) covered only part of its last phases.
    const Nanos ran_until = r.timeline.empty() ? scenario_.duration : r.timeline.back().t;
    const Nanos covered = std::min(p.end, ran_until) - p.start;
    p.throughput_rps = covered > 0 ? static_cast<double>(b.completed) / to_seconds(covered) : 0.0;
    p.status_counts = std::move(b.codes);
    r.phases.push_back(std::move(p));
  }
  const auto points = scenario_.schedule.points();
  for (auto& st : fault_stats()) {
    if (st.hits > 0 || std::find(points.begin(), points.end(), st.point) != points.end()) {
      r.fault_activity.push_back(std::move(st));
    }
  }
  r.target_kind = target_.kind();
  r.target_config = target_.describe();
  r.target_counters = target_.counters();
  return r;
}

}  // namespace gauntlet::chaos::detail
