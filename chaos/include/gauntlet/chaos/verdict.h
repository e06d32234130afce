#pragma once
/// A hypothesis's outcome with the evidence behind it.
#include <string>

namespace gauntlet::chaos {

struct Verdict {
  std::string hypothesis;  ///< e.g. "latency p99 < 200 ms"
  std::string phase;       ///< "" for whole-run hypotheses
  bool holds = false;
  double measured = 0;
  double threshold = 0;
  std::string evidence;  ///< one line
};

}  // namespace gauntlet::chaos
