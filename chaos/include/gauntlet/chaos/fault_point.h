#pragma once
/// Named fault sites in the code under test.
///
/// Each GAUNTLET_FAULT_POINT* expansion owns a `constinit` static `FaultSite`.
/// Disarmed, a site costs one relaxed atomic load and a predicted-not-taken
/// branch: no lookup by name, no lock, no thread-local. Configure with
/// GAUNTLET_FAULT_POINTS=OFF to compile every site out.
///
///   GAUNTLET_FAULT_POINT("db.read");                        // delay/sleep/pause/yield/print; throw throws
///   GAUNTLET_FAULT_POINT_RETURN("db.read", [](std::string_view v) { return Status(Error(...)); });
///   GAUNTLET_FAULT_POINT_CALLBACK("db.read", [&](const FaultOutcome& o) { ... });
///   FaultOutcome o = GAUNTLET_FAULT_POINT_EVAL("db.read");  // decide only; the caller acts
#include <atomic>
#include <cstdint>
#include <stdexcept>
#include <string>

#include "gauntlet/chaos/fault_spec.h"
#include "gauntlet/harness/clock.h"

#ifndef GAUNTLET_FAULT_POINTS_ENABLED
#define GAUNTLET_FAULT_POINTS_ENABLED 1
#endif

namespace gauntlet::chaos {

/// The decision taken at one hit of a fault site.
struct FaultOutcome {
  FaultAction action = FaultAction::kOff;  ///< kOff: nothing triggered
  std::string arg;                         ///< the triggered term's argument
  Nanos delay_ns = 0;                      ///< for kDelay and kSleep

  bool fired() const noexcept { return action != FaultAction::kOff; }
};

/// Thrown by the `throw(msg)` action.
class InjectedFault : public std::runtime_error {
 public:
  InjectedFault(std::string point, const std::string& message)
      : std::runtime_error(message), point_(std::move(point)) {}
  const std::string& point() const noexcept { return point_; }

 private:
  std::string point_;
};

/// The static per-site handle behind the macros. Constant-initialised, so the
/// first hit (not static initialisation) registers it with the FaultRegistry.
class FaultSite {
 public:
  constexpr explicit FaultSite(const char* name) noexcept : name_(name) {}
  FaultSite(const FaultSite&) = delete;
  FaultSite& operator=(const FaultSite&) = delete;

  /// The fast path: false while disarmed and registered.
  bool needs_evaluation() const noexcept { return state_.load(std::memory_order_relaxed) != kDisarmed; }
  /// The slow path: registers on first use and evaluates the armed program.
  FaultOutcome evaluate();
  const char* name() const noexcept { return name_; }

 private:
  friend class FaultRegistry;
  static constexpr std::uint8_t kDisarmed = 0;
  static constexpr std::uint8_t kArmed = 1;
  static constexpr std::uint8_t kUnregistered = 2;

  const char* name_;
  std::atomic<std::uint8_t> state_{kUnregistered};
};

namespace detail {
/// Carries out an outcome at a site: delay busy-waits, sleep sleeps, yield
/// yields, print goes to the registry's print sink, throw throws
/// InjectedFault; return is ignored (only GAUNTLET_FAULT_POINT_RETURN returns).
void perform(const char* point, const FaultOutcome& outcome);
}  // namespace detail

}  // namespace gauntlet::chaos

#if defined(__GNUC__)
#define GAUNTLET_FAULT_UNLIKELY(x) __builtin_expect(!!(x), 0)
#else
#define GAUNTLET_FAULT_UNLIKELY(x) (x)
#endif

#if GAUNTLET_FAULT_POINTS_ENABLED

/// Decides at site `name` (a string literal) and returns the FaultOutcome
/// without acting on it (for simulated services that model delays).
#define GAUNTLET_FAULT_POINT_EVAL(name)                                                                           \
  ([]() -> ::gauntlet::chaos::FaultOutcome {                                                                      \
    static constinit ::gauntlet::chaos::FaultSite gauntlet_fault_site_{name};                                     \
    if (GAUNTLET_FAULT_UNLIKELY(gauntlet_fault_site_.needs_evaluation())) return gauntlet_fault_site_.evaluate(); \
    return {};                                                                                                    \
  }())

/// Runs the side effects of the triggered action (see detail::perform).
#define GAUNTLET_FAULT_POINT(name)                                               \
  do {                                                                           \
    static constinit ::gauntlet::chaos::FaultSite gauntlet_fault_site_{name};    \
    if (GAUNTLET_FAULT_UNLIKELY(gauntlet_fault_site_.needs_evaluation())) {      \
      ::gauntlet::chaos::detail::perform(name, gauntlet_fault_site_.evaluate()); \
    }                                                                            \
  } while (0)

/// As GAUNTLET_FAULT_POINT; on `return(v)` the enclosing function returns
/// `make_return(std::string_view v)`.
#define GAUNTLET_FAULT_POINT_RETURN(name, make_return)                                           \
  do {                                                                                           \
    static constinit ::gauntlet::chaos::FaultSite gauntlet_fault_site_{name};                    \
    if (GAUNTLET_FAULT_UNLIKELY(gauntlet_fault_site_.needs_evaluation())) {                      \
      ::gauntlet::chaos::FaultOutcome gauntlet_fault_outcome_ = gauntlet_fault_site_.evaluate(); \
      if (gauntlet_fault_outcome_.action == ::gauntlet::chaos::FaultAction::kReturn)             \
        return (make_return)(std::string_view(gauntlet_fault_outcome_.arg));                     \
      ::gauntlet::chaos::detail::perform(name, gauntlet_fault_outcome_);                         \
    }                                                                                            \
  } while (0)

/// Calls `callback(const FaultOutcome&)` whenever a term triggers.
#define GAUNTLET_FAULT_POINT_CALLBACK(name, callback)                                            \
  do {                                                                                           \
    static constinit ::gauntlet::chaos::FaultSite gauntlet_fault_site_{name};                    \
    if (GAUNTLET_FAULT_UNLIKELY(gauntlet_fault_site_.needs_evaluation())) {                      \
      ::gauntlet::chaos::FaultOutcome gauntlet_fault_outcome_ = gauntlet_fault_site_.evaluate(); \
      if (gauntlet_fault_outcome_.fired()) (callback)(gauntlet_fault_outcome_);                  \
    }                                                                                            \
  } while (0)

#else  // fault points compiled out

#define GAUNTLET_FAULT_POINT_EVAL(name) (static_cast<void>(name), ::gauntlet::chaos::FaultOutcome{})
#define GAUNTLET_FAULT_POINT(name) static_cast<void>(name)
#define GAUNTLET_FAULT_POINT_RETURN(name, make_return) static_cast<void>(name)
#define GAUNTLET_FAULT_POINT_CALLBACK(name, callback) static_cast<void>(name)

#endif
