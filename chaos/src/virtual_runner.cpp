// Virtual time: the whole run is a discrete-event simulation on a ManualClock.
#include <deque>

#include "gauntlet/chaos/event_scheduler.h"
#include "recorder.h"
#include "runners.h"

namespace gauntlet::chaos::detail {
namespace {

class VirtualRun {
 public:
  VirtualRun(const Scenario& s, const RunOptions& o, ManualClock& clock, Target& target, Recorder& recorder)
      : scenario_(s), options_(o), events_(clock), target_(target), recorder_(recorder) {}

  void run() {
    recorder_.apply_faults(0);
    events_.at(scenario_.interval, [this] { tick(); });
    if (scenario_.load.mode == LoopMode::kOpen) {
      events_.at(0, [this] { arrive(); });
    } else {
      for (int w = 0; w < scenario_.load.workers; ++w) events_.at(0, [this] { send_closed(0); });
    }
    events_.run_until(scenario_.duration);
    // Requests still waiting for a connection were never sent; in-flight ones drain.
    recorder_.not_sent(backlog_.size());
    backlog_.clear();
    draining_ = true;
    events_.run_until(scenario_.duration + kDrainLimit);
    recorder_.not_sent(in_flight_);  // only when the target outlives the drain limit
  }

 private:
  static constexpr Nanos kDrainLimit = 600 * kNanosPerSecond;

  void tick() {
    const Nanos now = events_.now();
    Sample s = recorder_.tick(now);
    if (options_.on_sample) options_.on_sample(s);
    recorder_.apply_faults(now);
    if (now + scenario_.interval <= scenario_.duration) events_.after(scenario_.interval, [this] { tick(); });
  }

  // Open loop: intended send times follow the rate; no free connection means
  // the request waits and is measured from its intended time.
  void arrive() {
    const Nanos now = events_.now();
    recorder_.issued();
    if (in_flight_ < scenario_.load.connections) {
      send(now);
    } else {
      backlog_.push_back(now);
    }
    double rate = scenario_.load.pattern.rate_at(now);
    Nanos gap = rate > 0 ? static_cast<Nanos>(1e9 / rate) : scenario_.interval;
    Nanos next = now + std::max<Nanos>(gap, 1);
    if (next < scenario_.duration) {
      if (rate > 0) {
        events_.at(next, [this] { arrive(); });
      } else {
        events_.at(next, [this] { wait_for_rate(); });
      }
    }
  }

  void wait_for_rate() {
    if (scenario_.load.pattern.rate_at(events_.now()) > 0) {
      arrive();
    } else if (events_.now() + scenario_.interval < scenario_.duration) {
      events_.after(scenario_.interval, [this] { wait_for_rate(); });
    }
  }

  void send(Nanos intended) {
    const Nanos now = events_.now();
    if (now - intended > scenario_.load.late_after) recorder_.late();
    ++in_flight_;
    CallResult r = target_.call(next_id_++);
    events_.after(r.service_ns, [this, intended, now, r] {
      --in_flight_;
      recorder_.completed(intended, now, events_.now(), r.status);
      if (!backlog_.empty() && !draining_) {
        Nanos next = backlog_.front();
        backlog_.pop_front();
        send(next);
      }
    });
  }

  // Closed loop: each worker sends its next request when the last completes.
  void send_closed(std::int64_t done_by_worker) {
    const Nanos now = events_.now();
    if (draining_ || now >= scenario_.duration) return;
    if (scenario_.load.ops_per_worker > 0 && done_by_worker >= scenario_.load.ops_per_worker) return;
    recorder_.issued();
    ++in_flight_;
    CallResult r = target_.call(next_id_++);
    events_.after(r.service_ns, [this, now, r, done_by_worker] {
      --in_flight_;
      recorder_.completed(now, now, events_.now(), r.status);
      events_.after(scenario_.load.think_time, [this, done_by_worker] { send_closed(done_by_worker + 1); });
    });
  }

  const Scenario& scenario_;
  const RunOptions& options_;
  EventScheduler events_;
  Target& target_;
  Recorder& recorder_;
  std::deque<Nanos> backlog_;
  std::int64_t in_flight_ = 0;
  std::uint64_t next_id_ = 0;
  bool draining_ = false;
};

}  // namespace

Result<RunRecord> run_virtual(const Scenario& scenario, const RunOptions& options) {
  ManualClock clock(0);
  RunContext context{clock, options.seed, TimeMode::kVirtual};
  auto made = scenario.target(context);
  if (!made) return made.error();
  std::unique_ptr<Target> target = std::move(*made);
  if (Status s = check_target_names(scenario, *target); !s) return s.error();
  Recorder recorder(scenario, *target);
  VirtualRun(scenario, options, clock, *target, recorder).run();
  recorder.clear_faults();
  return recorder.finish(options.seed, TimeMode::kVirtual);
}

}  // namespace gauntlet::chaos::detail
