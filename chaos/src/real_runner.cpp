// Real time: worker threads call the target on the RealClock; an observer
// thread closes intervals and applies the schedule.
#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include "recorder.h"
#include "runners.h"

namespace gauntlet::chaos::detail {
namespace {

// Scenario time on the real clock.
class Elapsed {
 public:
  Elapsed() : origin_(RealClock::instance().now_ns()) {}
  /// Scenario time 0 is now.
  void restart() { origin_ = RealClock::instance().now_ns(); }
  Nanos now() const { return RealClock::instance().now_ns() - origin_; }
  Nanos origin() const { return origin_; }
  void sleep_until(Nanos t) const {
    Nanos wait = t - now();
    if (wait > 0) std::this_thread::sleep_for(std::chrono::nanoseconds(wait));
  }

 private:
  Nanos origin_;
};

// Hands out intended send times in order (wrk2-style constant-throughput schedule).
class SendSchedule {
 public:
  explicit SendSchedule(const Scenario& s) : scenario_(s) {}
  /// Next intended time, or -1 when the run has no more sends.
  Nanos next() {
    std::lock_guard lock(mutex_);
    while (next_ < scenario_.duration) {
      Nanos t = next_;
      double rate = scenario_.load.pattern.rate_at(t);
      next_ += rate > 0 ? std::max<Nanos>(static_cast<Nanos>(1e9 / rate), 1) : scenario_.interval;
      if (rate > 0) return t;
    }
    return -1;
  }

 private:
  const Scenario& scenario_;
  std::mutex mutex_;
  Nanos next_ = 0;
};

}  // namespace

Result<RunRecord> run_real(const Scenario& scenario, const RunOptions& options) {
  Elapsed elapsed;
  RunContext context{RealClock::instance(), options.seed, TimeMode::kReal, elapsed.origin()};
  auto made = scenario.target(context);
  if (!made) return made.error();
  std::unique_ptr<Target> target = std::move(*made);
  if (Status s = check_target_names(scenario, *target); !s) return s.error();
  // A target that sends its own load may take seconds to start (processes,
  // readiness, probes); its scenario time starts when it is ready.
  if (target->drives_load()) elapsed.restart();
  Recorder recorder(scenario, *target);
  const Nanos wall_start = RealClock::instance().now_ns();
  recorder.apply_faults(0);

  std::mutex stop_mutex;
  std::condition_variable stop_cv;
  bool stop = false;
  // Faults are applied on their own thread: a target whose apply_faults blocks
  // (a process restart waiting for readiness) must not stall the observer. The
  // newest scenario time wins; skipped times were superseded anyway.
  std::optional<Nanos> fault_time;
  bool faults_done = false;
  std::condition_variable fault_cv;
  std::thread fault_applier([&] {
    std::unique_lock lock(stop_mutex);
    for (;;) {
      fault_cv.wait(lock, [&] { return fault_time.has_value() || faults_done; });
      if (!fault_time) return;
      const Nanos t = *fault_time;
      fault_time.reset();
      lock.unlock();
      recorder.apply_faults(t);
      lock.lock();
    }
  });
  std::thread observer([&] {
    for (Nanos t = scenario.interval; t <= scenario.duration; t += scenario.interval) {
      std::unique_lock lock(stop_mutex);
      stop_cv.wait_for(lock, std::chrono::nanoseconds(std::max<Nanos>(t - elapsed.now(), 0)), [&] { return stop; });
      const bool stopped = stop;
      lock.unlock();
      Sample s = recorder.tick(std::max<Nanos>(1, std::min(elapsed.now(), scenario.duration)));
      if (options.on_sample) options.on_sample(s);
      if (stopped) break;  // the load finished early: the last interval is partial
      {
        std::lock_guard fault_lock(stop_mutex);
        fault_time = t;
      }
      fault_cv.notify_one();
    }
  });

  std::atomic<std::uint64_t> next_id{0};
  auto call = [&](Nanos intended) {
    const Nanos sent = elapsed.now();
    if (sent - intended > scenario.load.late_after) recorder.late();
    CallResult r = target->call(next_id.fetch_add(1, std::memory_order_relaxed));
    recorder.completed(intended, sent, elapsed.now(), r.status);
  };

  std::vector<std::thread> workers;
  SendSchedule schedule(scenario);
  Status load_status;
  if (target->drives_load()) {
    load_status = target->drive_load(scenario.load, scenario.duration, elapsed.origin(), recorder);
  } else if (scenario.load.mode == LoopMode::kOpen) {
    for (int c = 0; c < scenario.load.connections; ++c) {
      workers.emplace_back([&] {
        for (Nanos intended = schedule.next(); intended >= 0; intended = schedule.next()) {
          recorder.issued();
          elapsed.sleep_until(intended);
          if (elapsed.now() >= scenario.duration) {
            recorder.not_sent(1);  // its connection was busy until the run ended
            continue;
          }
          call(intended);
        }
      });
    }
  } else {
    for (int w = 0; w < scenario.load.workers; ++w) {
      workers.emplace_back([&] {
        for (std::int64_t n = 0; scenario.load.ops_per_worker == 0 || n < scenario.load.ops_per_worker; ++n) {
          const Nanos now = elapsed.now();
          if (now >= scenario.duration) break;
          recorder.issued();
          call(now);
          if (scenario.load.think_time > 0)
            std::this_thread::sleep_for(std::chrono::nanoseconds(scenario.load.think_time));
        }
      });
    }
  }
  for (auto& w : workers) w.join();
  {
    std::lock_guard lock(stop_mutex);
    stop = true;  // closed loops with an op limit may finish early
  }
  stop_cv.notify_all();
  observer.join();
  {
    std::lock_guard lock(stop_mutex);
    faults_done = true;
  }
  fault_cv.notify_one();
  fault_applier.join();
  recorder.clear_faults();
  if (!load_status.ok()) return load_status.error();
  std::vector<Verdict> own = target->finish_run();
  RunRecord record = recorder.finish(options.seed, TimeMode::kReal);
  record.verdicts = std::move(own);
  record.wall_seconds = to_seconds(RealClock::instance().now_ns() - wall_start);
  return record;
}

}  // namespace gauntlet::chaos::detail
