#pragma once
/// Runs a RapidCheck property inside a (typed) GoogleTest test.
///
/// Honours RC_PARAMS (seed, max_success, max_size, reproduce, ...). When
/// RC_PARAMS does not set max_success, the case count comes from
/// `case_budget(spec.case_scale)`. On failure the gtest failure message holds
/// the minimal counterexample and a one-line re-run command naming the
/// instantiation (the gtest filter) and the exact RapidCheck reproduce string.
/// Every run is also appended to the PropertyResults file when
/// GAUNTLET_PROPERTIES_OUT names a folder (see results.h).
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <gtest/gtest.h>
#include <rapidcheck.h>

#include "gauntlet/properties/results.h"
#include "gauntlet/properties/severity.h"

namespace gauntlet::properties {

/// How one property is run.
struct PropertySpec {
  Severity severity = Severity::kMust;
  double case_scale = 1.0;  ///< fraction of the case budget (expensive properties use less)
};

namespace detail {
/// Runs `property` for the current gtest test and reports the outcome.
void run_property(const rc::detail::Property& property, const PropertySpec& spec);
/// Records the current test as skipped with `reason` (the caller then GTEST_SKIPs).
void record_skip(const PropertySpec& spec, std::string_view reason);
/// Results recorded so far in this process.
std::vector<PropertyResult> recorded_results();
/// The re-run line for a failure of `test_full_name` with RapidCheck reproduce
/// string `reproduce` (e.g. "reproduce=...").
std::string rerun_line(std::string_view test_full_name, std::string_view reproduce);
}  // namespace detail

/// Checks `testable` (a callable whose arguments RapidCheck generates) as the
/// body of the current gtest test.
template <typename Testable>
void check_property(const PropertySpec& spec, Testable&& testable) {
  detail::run_property(rc::detail::toProperty(std::forward<Testable>(testable)), spec);
}

}  // namespace gauntlet::properties

/// Marks the current property test as not applicable (skipped, never passed).
#define GAUNTLET_SKIP_PROPERTY(spec, reason)                        \
  do {                                                              \
    ::gauntlet::properties::detail::record_skip((spec), (reason));  \
    GTEST_SKIP() << (reason);                                       \
  } while (false)
