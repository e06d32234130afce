#pragma once
/// What a user writes to run the breaker suite against their breaker.
///
///   struct MyBreakerAdapter {
///     using Breaker = my::Breaker;            // the system under test
///     using Permit = my::Permit;              // what acquire hands out
///     static BreakerCapabilities capabilities();
///     static std::unique_ptr<Breaker> make(const BreakerConfig&, ManualClock&);
///     static std::optional<Permit> try_acquire(Breaker&);
///     static void complete(Breaker&, Permit&, CallOutcome, Nanos duration);
///     static BreakerState state(Breaker&);
///     static BreakerCounts counts(Breaker&);
///     static void force_open(Breaker&);       // may be empty when !forced_states
///     static void force_closed(Breaker&);
///   };
///
/// The suite advances the ManualClock by `duration` before `complete`, so an
/// implementation may measure call time on the clock or take the duration.
///
/// Contracts the properties rely on:
/// - slow calls are judged only in rate mode, and a call is slow when its
///   duration is >= slow_call_duration (a call lasting exactly the threshold
///   is slow); consecutive mode never judges durations.
/// - rates compare with >=: failure% >= failure_rate_threshold opens.
/// - Permit is moved (kept in std::vector and std::optional).
/// - counts() may be called at any time, also while other threads acquire.
///
/// A missing or mistyped member is one compile error naming it.
#include <concepts>
#include <memory>
#include <optional>
#include <type_traits>

#include "gauntlet/harness/clock.h"
#include "gauntlet/properties/breaker/breaker_types.h"
#include "gauntlet/properties/group.h"

namespace gauntlet::properties::breaker {

namespace detail {

// One concept per member, so a diagnosis can name the member that is wrong.
template <typename A> concept HasBreaker = requires { typename A::Breaker; };
template <typename A> concept HasPermit = requires { typename A::Permit; };
template <typename A> concept PermitMovable = std::is_move_constructible_v<typename A::Permit>;
template <typename A> concept Capabilities = requires {
  { A::capabilities() } -> std::same_as<BreakerCapabilities>;
};
template <typename A> concept Make = requires(const BreakerConfig& config, ManualClock& clock) {
  { A::make(config, clock) } -> std::same_as<std::unique_ptr<typename A::Breaker>>;
};
template <typename A> concept TryAcquire = requires(typename A::Breaker& b) {
  { A::try_acquire(b) } -> std::same_as<std::optional<typename A::Permit>>;
};
template <typename A> concept Complete = requires(typename A::Breaker& b, typename A::Permit& p) {
  { A::complete(b, p, CallOutcome::kSuccess, Nanos{0}) } -> std::same_as<void>;
};
template <typename A> concept State = requires(typename A::Breaker& b) {
  { A::state(b) } -> std::same_as<BreakerState>;
};
template <typename A> concept Counts = requires(typename A::Breaker& b) {
  { A::counts(b) } -> std::same_as<BreakerCounts>;
};
template <typename A> concept ForceOpen = requires(typename A::Breaker& b) {
  { A::force_open(b) } -> std::same_as<void>;
};
template <typename A> concept ForceClosed = requires(typename A::Breaker& b) {
  { A::force_closed(b) } -> std::same_as<void>;
};

/// The first thing wrong with an adapter, in declaration order.
enum class Diagnosis {
  kOk,
  kBreakerType,
  kPermitType,
  kPermitMovable,
  kCapabilities,
  kMake,
  kTryAcquire,
  kComplete,
  kState,
  kCounts,
  kForceOpen,
  kForceClosed,
};

template <typename A>
consteval Diagnosis diagnose() {
  if constexpr (!HasBreaker<A>) return Diagnosis::kBreakerType;
  else if constexpr (!HasPermit<A>) return Diagnosis::kPermitType;
  else if constexpr (!PermitMovable<A>) return Diagnosis::kPermitMovable;
  else if constexpr (!Capabilities<A>) return Diagnosis::kCapabilities;
  else if constexpr (!Make<A>) return Diagnosis::kMake;
  else if constexpr (!TryAcquire<A>) return Diagnosis::kTryAcquire;
  else if constexpr (!Complete<A>) return Diagnosis::kComplete;
  else if constexpr (!State<A>) return Diagnosis::kState;
  else if constexpr (!Counts<A>) return Diagnosis::kCounts;
  else if constexpr (!ForceOpen<A>) return Diagnosis::kForceOpen;
  else if constexpr (!ForceClosed<A>) return Diagnosis::kForceClosed;
  else return Diagnosis::kOk;
}

}  // namespace detail

/// An adapter with every member above, each well typed.
template <typename A> concept BreakerAdapter = detail::diagnose<A>()
== detail::Diagnosis::kOk;

}  // namespace gauntlet::properties::breaker

/// The diagnoses with their one-line messages (used by the instantiation macro).
#define GAUNTLET_DETAIL_BREAKER_DIAGNOSES(X, name, value)                                                            \
  X(name, value, GAUNTLET_DETAIL_BD::kBreakerType, "is not a BreakerAdapter: missing type Breaker")                  \
  X(name, value, GAUNTLET_DETAIL_BD::kPermitType, "is not a BreakerAdapter: missing type Permit")                    \
  X(name, value, GAUNTLET_DETAIL_BD::kPermitMovable, "is not a BreakerAdapter: Permit must be move-constructible")   \
  X(name, value, GAUNTLET_DETAIL_BD::kCapabilities,                                                                  \
    "is not a BreakerAdapter: capabilities() must return BreakerCapabilities")                                       \
  X(name, value, GAUNTLET_DETAIL_BD::kMake,                                                                          \
    "is not a BreakerAdapter: make(const BreakerConfig&, ManualClock&) must return std::unique_ptr<Breaker>")        \
  X(name, value, GAUNTLET_DETAIL_BD::kTryAcquire,                                                                    \
    "is not a BreakerAdapter: try_acquire(Breaker&) must return std::optional<Permit>")                              \
  X(name, value, GAUNTLET_DETAIL_BD::kComplete,                                                                      \
    "is not a BreakerAdapter: complete(Breaker&, Permit&, CallOutcome, Nanos) must return void")                     \
  X(name, value, GAUNTLET_DETAIL_BD::kState, "is not a BreakerAdapter: state(Breaker&) must return BreakerState")    \
  X(name, value, GAUNTLET_DETAIL_BD::kCounts, "is not a BreakerAdapter: counts(Breaker&) must return BreakerCounts") \
  X(name, value, GAUNTLET_DETAIL_BD::kForceOpen, "is not a BreakerAdapter: force_open(Breaker&) must return void")   \
  X(name, value, GAUNTLET_DETAIL_BD::kForceClosed, "is not a BreakerAdapter: force_closed(Breaker&) must return void")
#define GAUNTLET_DETAIL_BD ::gauntlet::properties::breaker::detail::Diagnosis
