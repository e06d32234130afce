#pragma once
/// The recorded interleaving of a concurrent run: every operation each worker
/// thread performed, with the steady-clock interval it ran in and what it
/// observed. Printed when a concurrent property fails, and convertible to a
/// linearizability history.
///
/// Recording is cheap and lock-free: each thread appends only to its own lane
/// (no shared writes, so recording does not serialise the threads it watches).
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "gauntlet/properties/linearizability.h"

namespace gauntlet::properties {

/// One operation as a worker performed it.
struct Step {
  const char* op = "";  ///< static name, e.g. "add", "read", "acquire"
  double arg = 0;       ///< the operation's argument (when `has_arg`)
  double observed = 0;  ///< what it returned (when `has_observed`)
  bool has_arg = false;
  bool has_observed = false;
  std::int64_t start_ns = 0;        ///< steady clock before the call
  std::int64_t end_ns = 0;          ///< steady clock after the call
  const char* arg_label = nullptr;  ///< printed as "op label=arg" instead of "op(arg)"
};

/// Nanoseconds on the steady clock (consistent across cores).
inline std::int64_t steady_now_ns() noexcept {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

/// How far apart (ns) two steps on different threads must be for the later
/// to be known to follow the earlier: a clock read after a call can precede
/// the moment its store leaves the core's store buffer.
inline constexpr std::int64_t kClockSlackNs = 250;

/// Per-thread lanes of steps for one round.
class StepLog {
 public:
  explicit StepLog(std::size_t threads = 0) : lanes_(threads) {}

  /// Forgets every step (keeps capacity); call between rounds.
  void clear() noexcept {
    for (auto& lane : lanes_) lane.clear();
  }
  std::size_t threads() const noexcept { return lanes_.size(); }

  /// Whether steps get steady-clock intervals (default). Untimed steps cost a
  /// few nanoseconds, so a long round spends its time inside the operations
  /// under test; they keep each thread's order, not the order across threads,
  /// so untimed rounds are for conservation checks, not linearizability.
  void set_timed(bool timed) noexcept { timed_ = timed; }
  bool timed() const noexcept { return timed_; }

  /// Runs `call()` on worker `thread` and records it as `op(arg)`; returns
  /// what `call` returned. A number is recorded as observed, an optional as
  /// 1 (engaged) or 0; a void call records no observed value.
  template <typename Call>
  auto record(std::size_t thread, const char* op, Call&& call) {
    return record_impl(thread, op, 0, false, std::forward<Call>(call));
  }
  template <typename Call>
  auto record(std::size_t thread, const char* op, double arg, Call&& call) {
    return record_impl(thread, op, arg, true, std::forward<Call>(call));
  }

  /// Attaches a labelled value to `thread`'s last step (e.g. a snapshot's sum).
  void label_last(std::size_t thread, const char* label, double value) {
    if (lanes_[thread].empty()) return;
    Step& s = lanes_[thread].back();
    s.arg = value;
    s.has_arg = true;
    s.arg_label = label;
  }

  const std::vector<Step>& lane(std::size_t thread) const { return lanes_[thread]; }
  std::size_t size() const noexcept;

  /// Every step ordered by start time, one line each ("+<ns>..+<ns> thread t
  /// op(arg) -> observed"), times relative to the first step (untimed: each
  /// thread's steps in order, thread by thread). Above `max_lines` steps, the
  /// `max_lines` consecutive steps where the threads overlap most (the most
  /// threads, then the most switches between them: where a race shows), with
  /// the counts omitted before and after and a line for any thread left out;
  /// untimed, each thread's first steps, an equal share each.
  std::string format(std::size_t max_lines = 40) const;
  /// The same, for the steps `keep(step)` accepts only (e.g. one object's).
  std::string format_if(const std::function<bool(const Step&)>& keep, std::size_t max_lines = 40) const;

  /// The steps as a history for find_linearization (thread, op, observed,
  /// interval widened by kClockSlackNs each way: steps on different threads
  /// closer than that count as concurrent). Each thread's steps stay in order.
  std::vector<HistoryEvent<Step, double>> history() const;
  /// The history of the steps `keep(step)` accepts only.
  std::vector<HistoryEvent<Step, double>> history_if(const std::function<bool(const Step&)>& keep) const;

 private:
  template <typename Call>
  auto record_impl(std::size_t thread, const char* op, double arg, bool has_arg, Call&& call) {
    Step step{op, arg, 0, has_arg, false, timed_ ? steady_now_ns() : 0, 0};
    using R = decltype(call());
    if constexpr (std::is_void_v<R>) {
      call();
      step.end_ns = timed_ ? steady_now_ns() : 0;
      lanes_[thread].push_back(step);
    } else {
      R result = call();
      step.end_ns = timed_ ? steady_now_ns() : 0;
      if constexpr (std::is_arithmetic_v<R>) {
        step.observed = static_cast<double>(result);
        step.has_observed = true;
      } else if constexpr (requires { result.has_value(); }) {
        step.observed = result.has_value() ? 1 : 0;  // e.g. an optional permit: granted or not
        step.has_observed = true;
      }
      lanes_[thread].push_back(step);
      return result;
    }
  }

  std::vector<std::vector<Step>> lanes_;
  bool timed_ = true;
};

}  // namespace gauntlet::properties
