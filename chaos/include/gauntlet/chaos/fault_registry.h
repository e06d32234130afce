#pragma once
/// Arms and disarms fault points by name, decides each hit, counts hits and
/// fires. Decisions derive from (run seed, point name, hit number) only, so a
/// replay does not depend on how threads interleave.
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "gauntlet/chaos/fault_point.h"
#include "gauntlet/chaos/fault_spec.h"
#include "gauntlet/harness/error.h"

namespace gauntlet::chaos {

/// Counters of one point since the last `reset`.
struct FaultPointStats {
  std::string point;
  std::uint64_t hits = 0;   ///< evaluations while armed (disarmed hits are free and uncounted)
  std::uint64_t fires = 0;  ///< evaluations where a term other than `off` triggered
  bool armed = false;
  std::string spec;  ///< canonical spec while armed, else empty
};

/// Process-wide registry of fault points. Thread-safe.
class FaultRegistry {
 public:
  static FaultRegistry& instance();

  /// Arms `point` with a spec string; kParseError on a malformed spec.
  Status arm(std::string_view point, std::string_view spec);
  /// Arms `point` with a parsed program (an empty program disarms).
  void arm(std::string_view point, FaultProgram program);
  void disarm(std::string_view point);
  void disarm_all();
  /// Arms every entry of "a=spec;b=spec"; nothing is armed when one is bad.
  Status arm_from_list(std::string_view list, std::string_view source = "fault list");
  /// Arms from the GAUNTLET_FAULTS environment variable (absent: no change).
  Status arm_from_environment();

  /// Seed of every following decision; also clears hit counters.
  void reset(std::uint64_t seed);
  std::uint64_t seed() const;
  /// Program armed at `point`, if any.
  std::optional<FaultProgram> program(std::string_view point) const;
  /// Counters of every point that was armed or hit, sorted by name.
  std::vector<FaultPointStats> stats() const;

  /// Where `print(msg)` goes; default: one line on stderr.
  void set_print_sink(std::function<void(std::string_view point, std::string_view message)> sink);
  void print(std::string_view point, std::string_view message) const;

  /// Internal: the slow path of FaultSite::evaluate.
  FaultOutcome evaluate(FaultSite& site);

 private:
  struct Point;
  Point& point_locked(std::string_view name);
  void publish_locked(Point& point);

  mutable std::mutex mutex_;
  std::condition_variable changed_;
  std::map<std::string, std::unique_ptr<Point>, std::less<>> points_;
  std::uint64_t seed_ = 0;
  std::function<void(std::string_view, std::string_view)> print_sink_;
};

/// Arms a point for a scope and restores its previous program on exit.
class FaultGuard {
 public:
  FaultGuard(std::string point, FaultProgram program);
  /// Parses `spec`; kParseError when malformed.
  static Result<std::unique_ptr<FaultGuard>> arm(std::string point, std::string_view spec);
  ~FaultGuard();
  FaultGuard(const FaultGuard&) = delete;
  FaultGuard& operator=(const FaultGuard&) = delete;

 private:
  std::string point_;
  std::optional<FaultProgram> previous_;
};

namespace detail {
/// Uniform double in [0,1) from (seed, point, hit, term): the only source of
/// randomness in fault decisions.
double fault_uniform(std::uint64_t seed, std::string_view point, std::uint64_t hit, std::size_t term) noexcept;
std::uint64_t mix64(std::uint64_t x) noexcept;
std::uint64_t hash_name(std::string_view name) noexcept;
}  // namespace detail

}  // namespace gauntlet::chaos
