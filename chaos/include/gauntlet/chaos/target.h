#pragma once
/// What a scenario runs against. In-process targets (a callable, the bundled
/// service chain) implement `Target` directly; an out-of-process target (real
/// service processes behind a TCP fault proxy) implements the same interface
/// and applies fault effects to its proxy instead of to fault points.
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "gauntlet/chaos/fault_registry.h"
#include "gauntlet/chaos/load.h"
#include "gauntlet/chaos/schedule.h"
#include "gauntlet/chaos/verdict.h"
#include "gauntlet/harness/clock.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

enum class TimeMode { kVirtual, kReal };
std::string_view to_string(TimeMode mode) noexcept;

/// Outcome of one request as the load generator sees it.
enum class CallStatus { kOk, kFailed, kRejected };

struct CallResult {
  CallStatus status = CallStatus::kOk;
  /// Virtual time: simulated service time (the call itself must not block).
  /// Real time: ignored; the runner measures the call.
  Nanos service_ns = 0;
};

/// A circuit breaker's state at one instant, named as gauntlet::breaker names
/// it ("CLOSED", "OPEN", "HALF_OPEN", ...).
struct BreakerState {
  std::string breaker;
  std::string state;
  friend bool operator==(const BreakerState&, const BreakerState&) = default;
};

struct BreakerTransition {
  Nanos at = 0;  ///< scenario time
  std::string breaker;
  std::string from;
  std::string to;
};

/// Everything a target may depend on during a run.
struct RunContext {
  Clock& clock;
  std::uint64_t seed;
  TimeMode mode;
  Nanos origin = 0;  ///< clock time at scenario time 0
};

/// Where a target that sends its own load (real time) reports every request.
/// Thread-safe: called from the target's load threads. Times are scenario time.
class LoadSink {
 public:
  virtual ~LoadSink() = default;
  /// Requests intended (open loop) or sent (closed loop).
  virtual void issued(std::uint64_t n) = 0;
  /// One request sent more than `LoadSpec::late_after` behind its intended time.
  virtual void late() = 0;
  /// Requests intended before the end but never sent.
  virtual void not_sent(std::uint64_t n) = 0;
  /// A finished request; `code` is its protocol status (an HTTP status), 0 when none.
  virtual void completed(Nanos intended, Nanos sent, Nanos done, CallStatus status, int code) = 0;
};

class Target {
 public:
  virtual ~Target() = default;
  /// "in_process" here; "process" for the out-of-process extension.
  virtual std::string kind() const = 0;
  /// Configuration as flat key/value pairs for the journal.
  virtual std::map<std::string, std::string> describe() const = 0;
  /// Issues request `id` now. Thread-safe in real time (many callers).
  virtual CallResult call(std::uint64_t id) = 0;
  /// Breakers to sample, in a stable order.
  virtual std::vector<BreakerState> breakers() const { return {}; }
  /// Every fault point the target evaluates, when it can say (nullopt: any
  /// name is accepted). A run refuses a schedule naming another point
  /// (kInvalidArgument, exit 2) instead of running a fault that never fires.
  virtual std::optional<std::vector<std::string>> fault_points() const { return std::nullopt; }
  /// Transitions since the last call (scenario-time stamped).
  virtual std::vector<BreakerTransition> take_transitions() { return {}; }
  /// Puts `effects` (point -> effect) in force. Default: arms the fault points
  /// of the FaultRegistry with `program_for(effect)`.
  virtual void apply_faults(const std::map<std::string, FaultEffect>& effects);
  /// Named counters a custom hypothesis may check (e.g. calls seen by C).
  virtual std::map<std::string, double> counters() const { return {}; }

  /// Real time only. True when the target sends the scenario's load itself
  /// (network traffic to a service) through `drive_load` instead of being
  /// called through `call` by the runner's threads.
  virtual bool drives_load() const { return false; }
  /// Sends the whole load of a run of `duration` and returns when it is done,
  /// reporting each request to `sink`. `origin` is the RealClock time of
  /// scenario time 0. kFailedPrecondition by default.
  virtual Status drive_load(const LoadSpec& load, Nanos duration, Nanos origin, LoadSink& sink);
  /// Called once after the load ended and the faults were cleared: verdicts
  /// the target establishes itself (steady-state probes before and after).
  virtual std::vector<Verdict> finish_run() { return {}; }
  /// Fault activity the target measured itself (faults it actuates without
  /// fault points); merged into the record's fault activity and timeline.
  virtual std::vector<FaultPointStats> fault_activity() const { return {}; }
};

/// Makes a fresh target for one run; an error (e.g. a bad configuration)
/// fails the run with it.
using TargetFactory = std::function<Result<std::unique_ptr<Target>>(const RunContext&)>;

/// A target from a callable: `fn(id)` gives the result of request `id`.
class CallableTarget final : public Target {
 public:
  explicit CallableTarget(std::function<CallResult(std::uint64_t)> fn) : fn_(std::move(fn)) {}
  std::string kind() const override { return "in_process"; }
  std::map<std::string, std::string> describe() const override { return {{"target", "callable"}}; }
  CallResult call(std::uint64_t id) override { return fn_(id); }

 private:
  std::function<CallResult(std::uint64_t)> fn_;
};

}  // namespace gauntlet::chaos
