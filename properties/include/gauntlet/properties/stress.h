#pragma once
/// Time-budgeted stress phases for concurrent properties.
///
/// A phase runs rounds until its budget is spent or a round fails. In each
/// round the calling thread prepares fresh state, the worker threads (kept for
/// the whole phase) are released together from a spinning barrier, wait until
/// as many of them as there are cores are actually running (on a busy machine
/// a released thread can sit in the run queue until the others are done), and
/// start each after a small per-round random delay so their relative timing
/// sweeps across race windows; the calling thread then verifies the round.
/// Round lengths cycle short to long: short rounds put every thread inside the
/// same few operations at once (parallel cores), long rounds — sized from the
/// busy time per operation of earlier rounds, not the scheduler's waits, to a
/// quarter of the budget — keep threads inside the operations when the
/// scheduler preempts them (an oversubscribed machine).
///
/// A failure carries the assertion that failed, the round, and the recorded
/// interleaving the property attached; workers never call RapidCheck
/// generators (they are not thread-safe), and an exception a worker throws
/// (RC_ASSERT included) ends the phase as a failure.
#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <mutex>
#include <optional>
#include <ostream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <rapidcheck.h>

namespace gauntlet::properties {

/// Settings of one stress phase.
struct StressOptions {
  std::size_t threads = 2;            ///< worker threads (at least 1)
  std::chrono::nanoseconds budget{};  ///< wall-clock budget of the phase
  std::uint64_t seed = 1;             ///< drives start delays and round lengths
  std::size_t max_length = 4096;      ///< longest round, in operations per thread
};

/// What a round is told.
struct StressRound {
  std::size_t index = 0;   ///< 0-based
  std::size_t length = 1;  ///< operations each thread should perform this round
};

/// The generated shape of a stress phase (printed labelled in counterexamples).
struct StressCase {
  std::size_t threads = 2;  ///< worker threads
  std::uint64_t seed = 0;   ///< StressOptions::seed
};

inline void showValue(const StressCase& c, std::ostream& os) {
  os << "{threads=" << c.threads << ", seed=" << c.seed << "}";
}

/// Between `min_threads` and `max_threads` workers, and a seed.
inline rc::Gen<StressCase> gen_stress_case(std::size_t min_threads, std::size_t max_threads) {
  return rc::gen::exec([min_threads, max_threads] {
    return StressCase{*rc::gen::inRange<std::size_t>(min_threads, max_threads + 1),
                      *rc::gen::arbitrary<std::uint64_t>()};
  });
}

/// How a phase ended.
struct StressOutcome {
  std::size_t rounds = 0;  ///< rounds completed (the failing one included)
  std::chrono::nanoseconds elapsed{};
  std::optional<std::string> failure;  ///< assertion, round and interleaving
};

namespace detail {

inline void cpu_relax() noexcept {
#if defined(__x86_64__) || defined(__i386__)
  __builtin_ia32_pause();
#else
  std::atomic_signal_fence(std::memory_order_seq_cst);
#endif
}

/// About n cycles of nothing (a loop the compiler cannot remove).
inline void spin(std::uint64_t n) noexcept {
  for (std::uint64_t i = 0; i < n; ++i) std::atomic_signal_fence(std::memory_order_seq_cst);
}

/// A reusable barrier whose waiters spin, then yield, so released threads
/// start within a few hundred nanoseconds of each other. A waiter that need
/// not start promptly (the calling thread waiting for the workers) spins less
/// and then blocks until woken, leaving the cores to the workers (and not
/// preempting them to look) on a busy machine.
class SpinBarrier {
 public:
  explicit SpinBarrier(std::size_t parties) noexcept : parties_(parties) {}
  void arrive_and_wait(unsigned spin_limit = 4000, bool block = false) noexcept {
    const std::uint64_t generation = generation_.load(std::memory_order_acquire);
    if (arrived_.fetch_add(1, std::memory_order_acq_rel) + 1 == parties_) {
      arrived_.store(0, std::memory_order_relaxed);
      generation_.fetch_add(1, std::memory_order_acq_rel);
      generation_.notify_all();
      return;
    }
    for (unsigned spins = 0; generation_.load(std::memory_order_acquire) == generation; ++spins) {
      if (spins < spin_limit) {
        cpu_relax();
      } else if (block) {
        generation_.wait(generation, std::memory_order_acquire);
      } else {
        std::this_thread::yield();
      }
    }
  }

 private:
  const std::size_t parties_;
  std::atomic<std::size_t> arrived_{0};
  std::atomic<std::uint64_t> generation_{0};
};

/// splitmix64: the per-round delays and lengths.
inline std::uint64_t mix(std::uint64_t z) noexcept {
  z += 0x9e3779b97f4a7c15ULL;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

/// Round lengths cycle 1, 16, 256, max_length (capped at max_length; the
/// runner shortens a round that would take more than a quarter of the budget).
inline std::size_t round_length(std::size_t index, std::size_t max_length) noexcept {
  static constexpr std::size_t kCycle[] = {1, 16, 256, 1u << 30};
  const std::size_t wanted = kCycle[index % 4];
  return wanted < max_length ? wanted : (max_length == 0 ? 1 : max_length);
}

/// The message of an exception a worker or check threw.
inline std::string describe_exception(const std::exception_ptr& e) {
  try {
    std::rethrow_exception(e);
  } catch (const rc::detail::CaseResult& r) {
    return r.description;
  } catch (const std::exception& ex) {
    return std::string("exception: ") + ex.what();
  } catch (...) {
    return "unknown exception";
  }
}

}  // namespace detail

/// Keeps the workers of a round in step over its items (e.g. the objects of
/// a fleet, one after the other): before item i a worker waits, briefly, until
/// as many workers as there are cores (itself included) have reached item i,
/// so they work on the same object at the same moment however far apart they
/// started. A worker whose wait runs out (a peer was preempted) goes on alone
/// for the rest of the round.
class Lockstep {
 public:
  explicit Lockstep(std::size_t threads)
      : reached_(threads),
        together_(std::min<std::size_t>(threads, std::max<std::size_t>(1, std::thread::hardware_concurrency()))) {}
  /// Call before the workers start (from prepare).
  void reset() noexcept {
    for (auto& r : reached_) r.value.store(0, std::memory_order_relaxed);
    for (auto& r : reached_) r.alone = false;
  }
  /// Worker `thread` is about to work on item `item` (0, 1, 2, ... in order).
  void arrive(std::size_t thread, std::size_t item) noexcept {
    reached_[thread].value.store(item + 1, std::memory_order_release);
    if (reached_[thread].alone) return;
    for (unsigned spins = 0; spins < 2000; ++spins) {
      std::size_t there = 0;
      for (const auto& r : reached_) there += r.value.load(std::memory_order_acquire) > item ? 1 : 0;
      if (there >= together_) return;
      detail::cpu_relax();
    }
    reached_[thread].alone = true;
  }

 private:
  struct alignas(64) Lane {
    std::atomic<std::size_t> value{0};
    bool alone = false;  // written by its own worker only
  };
  std::vector<Lane> reached_;
  std::size_t together_;
};

/// Runs a stress phase (see the file comment):
///   prepare(const StressRound&)                         calling thread, before the workers start
///   work(std::size_t thread, const StressRound&)        every worker, started together
///   verify(const StressRound&) -> std::optional<std::string>   calling thread, after all workers
///   interleaving() -> std::string                       the round's recorded steps, for a failure
/// At least one round runs whatever the budget.
template <typename Prepare, typename Work, typename Verify, typename Interleaving>
StressOutcome run_stress(const StressOptions& options, Prepare&& prepare, Work&& work, Verify&& verify,
                         Interleaving&& interleaving) {
  const std::size_t threads = options.threads == 0 ? 1 : options.threads;
  detail::SpinBarrier start(threads + 1);
  detail::SpinBarrier finish(threads + 1);
  std::atomic<bool> stop{false};
  StressRound round;
  std::mutex failure_mutex;
  std::exception_ptr worker_failure;
  std::vector<std::atomic<std::int64_t>> work_ns(threads);  // each worker's time in work() this round
  std::atomic<std::size_t> running{0};                      // workers started, over all rounds (threads per round)
  const std::size_t together =
      std::min<std::size_t>(threads, std::max<std::size_t>(1, std::thread::hardware_concurrency()));
  std::vector<std::thread> workers;
  workers.reserve(threads);
  for (std::size_t t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      for (;;) {
        start.arrive_and_wait();
        if (stop.load(std::memory_order_acquire)) return;
        // Released threads the scheduler has not put on a core yet would start
        // their work after the others finished theirs (a busy machine): wait,
        // spinning up to a millisecond, until as many workers as there are
        // cores are running, so the round's operations overlap.
        running.fetch_add(1, std::memory_order_acq_rel);
        const std::size_t wanted = round.index * threads + together;
        for (const auto give_up = std::chrono::steady_clock::now() + std::chrono::milliseconds(1);
             running.load(std::memory_order_acquire) < wanted && std::chrono::steady_clock::now() < give_up;) {
          detail::cpu_relax();
        }
        // A per-thread, per-round delay of 0-1023 empty iterations (about
        // 0-300 ns) sweeps the threads' relative start, finely, across each
        // other's race windows; now and then a yield lets the other run first.
        const std::uint64_t r = detail::mix(options.seed ^ (round.index * 0x100000001b3ULL) ^ (t << 56));
        detail::spin(r & 0x3ff);
        if ((r >> 10) % 32 == 0) std::this_thread::yield();
        const auto work_began = std::chrono::steady_clock::now();
        try {
          work(t, static_cast<const StressRound&>(round));
        } catch (...) {
          std::lock_guard lock(failure_mutex);
          if (!worker_failure) worker_failure = std::current_exception();
        }
        work_ns[t].store((std::chrono::steady_clock::now() - work_began).count(), std::memory_order_relaxed);
        finish.arrive_and_wait();
      }
    });
  }

  StressOutcome outcome;
  const auto began = std::chrono::steady_clock::now();
  const auto deadline = began + options.budget;
  // Time per operation of the latest round long enough to say: prepare, the
  // slowest worker's work and verify, not the waits for the scheduler to wake
  // the threads (on a busy machine those dwarf a short round's work, and would
  // keep long rounds too short for a preemption to land inside an update).
  std::chrono::nanoseconds per_op{0};
  const std::size_t telling = std::min<std::size_t>(256, std::max<std::size_t>(options.max_length, 1));
  for (std::size_t index = 0;; ++index) {
    round.index = index;
    round.length = detail::round_length(index, options.max_length);
    // Keep every round within a quarter of the budget and the time left.
    const auto left = deadline - std::chrono::steady_clock::now();
    const auto room = std::min<std::chrono::nanoseconds>(options.budget / 4, left);
    if (per_op.count() > 0 && round.length > 1 && per_op * static_cast<std::int64_t>(round.length) > room) {
      round.length = std::max<std::size_t>(1, static_cast<std::size_t>(room / per_op));
    }
    const auto round_began = std::chrono::steady_clock::now();
    std::optional<std::string> failure;
    try {
      prepare(static_cast<const StressRound&>(round));
    } catch (...) {
      failure = detail::describe_exception(std::current_exception());
    }
    const auto prepared = std::chrono::steady_clock::now();
    std::int64_t slowest_work = 0;
    auto verify_began = prepared;
    if (!failure) {
      start.arrive_and_wait();
      finish.arrive_and_wait(64, true);
      verify_began = std::chrono::steady_clock::now();
      for (const auto& ns : work_ns) slowest_work = std::max(slowest_work, ns.load(std::memory_order_relaxed));
      if (worker_failure) {
        failure = detail::describe_exception(worker_failure);
      } else {
        try {
          failure = verify(static_cast<const StressRound&>(round));
        } catch (...) {
          failure = detail::describe_exception(std::current_exception());
        }
      }
    }
    outcome.rounds = index + 1;
    if (failure) {
      std::ostringstream story;
      story << *failure << "\nFailed in stress round " << index << " (" << round.length << " operation(s) per thread, "
            << threads << " thread(s)) after "
            << std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - began).count()
            << " ms.\nRecorded interleaving of that round:\n"
            << interleaving();
      outcome.failure = story.str();
      break;
    }
    const auto now = std::chrono::steady_clock::now();
    if (per_op.count() == 0 || round.length >= telling) {
      const auto busy = (prepared - round_began) + std::chrono::nanoseconds(slowest_work) + (now - verify_began);
      per_op = std::max<std::chrono::nanoseconds>(std::chrono::nanoseconds(1),
                                                  busy / static_cast<std::int64_t>(round.length));
    }
    if (now >= deadline) break;
  }
  stop.store(true, std::memory_order_release);
  start.arrive_and_wait();
  for (auto& w : workers) w.join();
  outcome.elapsed = std::chrono::steady_clock::now() - began;
  return outcome;
}

/// Fails the current RapidCheck case with the phase's story when it failed.
inline void require_no_failure(const StressOutcome& outcome) {
  if (outcome.failure) RC_FAIL(*outcome.failure);
}

}  // namespace gauntlet::properties
