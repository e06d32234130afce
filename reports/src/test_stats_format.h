#pragma once
// How the HTML and Markdown reports print the figures of test_stats.h.
#include <cmath>
#include <string>

#include "text_escape.h"

namespace gauntlet::reports::detail {

/// A success rate as "66.7%"; "n/a" when the suite ran nothing (NaN).
inline std::string rate_text(double rate) { return std::isfinite(rate) ? fixed(rate * 100, 1) + "%" : "n/a"; }

/// A test's time as the page's test list shows it: "1.25 s", or "120 ms" under a second.
inline std::string test_time_text(double seconds) {
  return seconds >= 1 ? fixed(seconds, 2) + " s" : fixed(seconds * 1000, 0) + " ms";
}

}  // namespace gauntlet::reports::detail
