#pragma once
/// Runs a RapidCheck property inside a (typed) GoogleTest test.
///
/// Honours RC_PARAMS (seed, max_success, max_size, reproduce, ...). When
/// RC_PARAMS does not set max_success, the case count comes from
/// `case_budget(spec.case_scale)`. On failure the gtest failure message holds
/// the minimal counterexample and a one-line re-run command naming the
/// instantiation (the gtest filter) and the exact RapidCheck reproduce string.
/// Every run is also recorded as a records::PropertyResult and, when
/// GAUNTLET_PROPERTIES_OUT names a folder, written to the property results
/// file there (gauntlet/records/property_results_json.h).
///
/// RapidCheck describes a failure by running the minimal counterexample once
/// more; a timing-dependent (concurrent) failure may not recur then. The
/// report therefore carries the failure as it was observed, assertion and
/// recorded interleaving included, and says when the re-check passed.
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "gauntlet/properties/severity.h"
#include "gauntlet/records/property_results.h"

namespace gauntlet::properties {

/// How one property is run.
struct PropertySpec {
  Severity severity = Severity::kMust;
  double case_scale = 1.0;  ///< fraction of the case budget (expensive properties use less)
  bool shrink = true;       ///< false for stress properties: a shrink step re-runs a whole stress phase
};

namespace detail {
/// The failures a property body raised in this check: the first, and the
/// last (the minimal counterexample's, when shrinking).
struct FailureRecorder {
  bool seen = false;
  std::string first;
  std::string last;
};

/// Wraps a property body (same signature) so that every failure it raises is
/// kept in a FailureRecorder before RapidCheck sees it.
template <typename Callable, typename Signature = rc::detail::FunctionType<Callable>>
struct Recording;

template <typename Callable, typename R, typename... Args>
struct Recording<Callable, R(Args...)> {
  Callable callable;
  std::shared_ptr<FailureRecorder> recorder;

  R operator()(Args... args) const {
    try {
      if constexpr (std::is_same_v<R, bool>) {
        const bool held = callable(static_cast<Args&&>(args)...);
        if (!held) keep("property returned false");
        return held;
      } else {
        return callable(static_cast<Args&&>(args)...);
      }
    } catch (const rc::detail::CaseResult& result) {
      if (result.type == rc::detail::CaseResult::Type::Failure) keep(result.description);
      throw;
    } catch (const rc::GenerationFailure&) {
      throw;
    } catch (const std::exception& e) {
      keep(std::string("Exception thrown with message:\n") + e.what());
      throw;
    }
  }
  void keep(std::string message) const {
    if (!recorder->seen) recorder->first = message;
    recorder->seen = true;
    recorder->last = std::move(message);
  }
};

/// Runs `property` for the current gtest test and reports the outcome;
/// `observed` holds the failures the body raised while it ran.
void run_property(const rc::detail::Property& property, const PropertySpec& spec, const FailureRecorder& observed);
/// Records the current test as skipped with `reason` (the caller then GTEST_SKIPs).
void record_skip(const PropertySpec& spec, std::string_view reason);
/// Results recorded so far in this process.
std::vector<records::PropertyResult> recorded_results();
/// The re-run line for a failure of `test_full_name` with RapidCheck reproduce
/// string `reproduce` (e.g. "reproduce=..."), quoted by gauntlet::shell_line.
std::string rerun_line(std::string_view test_full_name, std::string_view reproduce);
}  // namespace detail

/// Checks `testable` (a callable whose arguments RapidCheck generates) as the
/// body of the current gtest test.
template <typename Testable>
void check_property(const PropertySpec& spec, Testable&& testable) {
  auto recorder = std::make_shared<detail::FailureRecorder>();
  using Body = std::decay_t<Testable>;
  detail::Recording<Body> body{Body(std::forward<Testable>(testable)), recorder};
  detail::run_property(rc::detail::toProperty(std::move(body)), spec, *recorder);
}

}  // namespace gauntlet::properties

/// Marks the current property test as not applicable (skipped, never passed).
#define GAUNTLET_SKIP_PROPERTY(spec, reason)                       \
  do {                                                             \
    ::gauntlet::properties::detail::record_skip((spec), (reason)); \
    GTEST_SKIP() << (reason);                                      \
  } while (false)
