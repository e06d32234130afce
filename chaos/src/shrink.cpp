#include "gauntlet/chaos/shrink.h"

#include <rapidcheck.h>

#include <algorithm>
#include <tuple>

#include "gauntlet/chaos/runner.h"

namespace gauntlet::chaos {
namespace {

constexpr Nanos kTick = 100 * kNanosPerMilli;  // generated times are multiples of 100 ms

}  // namespace

Result<ShrinkResult> search_schedules(const Scenario& base, const ShrinkOptions& options) {
  if (options.points.empty()) return Error(ErrorCode::kInvalidArgument, "schedule search: no fault points given");
  const Phase* fault_phase = nullptr;
  for (const auto& p : base.phases) {
    if (p.name == options.fault_phase) fault_phase = &p;
  }
  if (fault_phase == nullptr) {
    return Error(ErrorCode::kInvalidArgument,
                 "schedule search: scenario '" + base.name + "' has no phase '" + options.fault_phase + "'");
  }
  const int first_tick = static_cast<int>(fault_phase->start / kTick);
  const int last_tick = static_cast<int>(fault_phase->end / kTick);
  Scenario searched = base;
  if (!options.check_breaker_opens) {
    std::erase_if(searched.hypotheses,
                  [](const Hypothesis& h) { return h.kind == HypothesisKind::kBreakerOpensWithin; });
  }
  ShrinkResult result;
  Status run_error;

  auto property = [&] {
    // A list of (start tick, length in ticks, percent, point index); removing
    // any element, moving it earlier, shortening or weakening it are shrinks.
    const auto fault =
        rc::gen::tuple(rc::gen::inRange(first_tick, last_tick), rc::gen::inRange(1, last_tick - first_tick + 1),
                       rc::gen::inRange(1, 101), rc::gen::inRange<std::size_t>(0, options.points.size()));
    const auto picked = *rc::gen::suchThat(
        rc::gen::container<std::vector<std::tuple<int, int, int, std::size_t>>>(fault),
        [&](const auto& v) { return !v.empty() && v.size() <= static_cast<std::size_t>(options.max_faults); });
    std::vector<ScheduledFault> faults;
    for (const auto& [start, length, percent, point] : picked) {
      const int end = std::min(start + length, last_tick);
      faults.push_back({options.points[point],
                        FaultKind::kErrorRate,
                        start * kTick,
                        end * kTick,
                        percent / 100.0,
                        0,
                        "generated",
                        {}});
    }
    Scenario scenario = searched;
    scenario.schedule = FaultSchedule(faults);
    RunOptions run_options;
    run_options.seed = options.seed;
    auto run = run_scenario(scenario, run_options);
    ++result.runs;
    if (!run) {
      run_error = run.error();
      RC_FAIL(run.error().message());
    }
    if (!run->passed()) {
      // Shrinking only keeps candidates that still fail, so the last failure is the minimal one.
      result.found = true;
      result.minimal = scenario.schedule;
      result.failing.clear();
      for (const auto& v : run->verdicts) {
        if (!v.holds) result.failing.push_back(v);
      }
    }
    RC_ASSERT(run->passed());
  };

  rc::detail::TestParams params;
  params.seed = options.seed;
  params.maxSuccess = options.tests;
  params.maxSize = 3 * options.max_faults;  // keeps generated lists short
  rc::detail::checkTestable(property, rc::detail::TestMetadata{}, params);
  if (!run_error.ok()) return run_error.error();
  return result;
}

}  // namespace gauntlet::chaos
