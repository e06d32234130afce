#pragma once
/// Edge-biased generators for the breaker suite: configurations whose rate
/// thresholds equal a rate the window can reach exactly (so `>=` versus `>`
/// decides), minimum calls equal to the window, one half-open permit; call
/// durations equal to the slow-call threshold and one nanosecond either side;
/// clock steps that land exactly on the end of the open wait.
#include <algorithm>
#include <vector>

#include <rapidcheck.h>

#include "gauntlet/properties/breaker/breaker_types.h"
#include "gauntlet/properties/edge_generators.h"

namespace gauntlet::properties::breaker::detail {

/// Integer percentages 100*f/n that some count n in `counts` reaches exactly.
inline std::vector<int> exact_rates(const std::vector<int>& counts) {
  std::vector<int> rates;
  for (int n : counts) {
    for (int f = 1; n > 0 && f <= n; ++f) {
      if ((100 * f) % n == 0) rates.push_back(100 * f / n);
    }
  }
  std::sort(rates.begin(), rates.end());
  rates.erase(std::unique(rates.begin(), rates.end()), rates.end());
  return rates;
}

/// A random configuration for `mode` within the capabilities (one generated
/// value, so a counterexample prints it with every field labelled).
inline rc::Gen<BreakerConfig> gen_config(BreakerMode mode, const BreakerCapabilities& caps,
                                         rc::Gen<int> failure_threshold = edges::around(1, 1, 5)) {
  return rc::gen::exec([mode, caps, failure_threshold] {
    BreakerConfig c;
    c.mode = mode;
    c.failure_threshold = *failure_threshold;
    c.window_size = *rc::gen::inRange(1, 9);
    c.minimum_calls = *edges::around(c.window_size, 1, c.window_size);
    c.half_open_permits = *edges::around(1, 1, 4);
    std::vector<int> counts{c.half_open_permits};
    for (int n = c.minimum_calls; n <= c.window_size; ++n) counts.push_back(n);
    const auto rates = exact_rates(counts);
    c.failure_rate_threshold = *edges::biased(rates, rc::gen::inRange(1, 101));
    c.slow_rate_threshold = caps.slow_calls ? *edges::biased(rates, rc::gen::inRange(1, 101)) : 100;
    return c;
  });
}

/// A call duration: the slow-call threshold, one nanosecond either side of it,
/// zero, or random below and above.
inline Nanos gen_duration(Nanos slow, bool slow_calls) {
  if (!slow_calls) return *rc::gen::inRange<Nanos>(0, slow / 2);
  return *edges::biased<Nanos>({0, slow - 1, slow, slow + 1}, rc::gen::weightedOneOf<Nanos>({
                                                                  {3, rc::gen::inRange<Nanos>(0, slow / 2)},
                                                                  {1, rc::gen::inRange<Nanos>(slow, 2 * slow)},
                                                              }));
}

/// A clock step: tenths of the open wait (exactly the wait among them) or the
/// wait's end one nanosecond early or late.
inline Nanos gen_clock_step(Nanos open_wait) {
  return *edges::biased<Nanos>(
      {open_wait - 1, open_wait, open_wait + 1},
      rc::gen::map(rc::gen::inRange<Nanos>(0, 16), [open_wait](Nanos k) { return k * open_wait / 10; }));
}

}  // namespace gauntlet::properties::breaker::detail
