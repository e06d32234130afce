// The run's memory budgets (`budgets: max_memory_mb, max_memory_growth_mb`)
// against what `gauntlet bench run` measured and wrote into the context.
#include "gauntlet/ci/gate.h"

#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gauntlet::ci {
using records::MemoryCheck;

namespace {

constexpr double kBytesPerMib = 1024.0 * 1024.0;

MemoryCheck judge(const char* kind, double limit_mb, const std::optional<std::int64_t>& measured, std::string_view key,
                  const std::string& source) {
  MemoryCheck c;
  c.kind = kind;
  c.limit_bytes = limit_mb * kBytesPerMib;
  if (!measured) {
    c.measured_bytes = c.margin = std::numeric_limits<double>::quiet_NaN();
    c.verdict = "not_measured";
    c.breached = true;
    c.reason = source.empty() ? "no run file: memory budgets need a run from `gauntlet bench run` (--current)"
                              : source + " has no context." + std::string(key) +
                                    ": memory budgets need a run from `gauntlet bench run`";
    return c;
  }
  c.measured_bytes = static_cast<double>(*measured);
  c.margin = (c.limit_bytes - c.measured_bytes) / c.limit_bytes;
  c.breached = c.measured_bytes > c.limit_bytes;
  c.verdict = c.breached ? "breached" : "within";
  c.reason = std::string(kind == std::string_view("peak") ? "highest resident set (VmHWM) of any process"
                                                          : "largest resident-set growth of any process") +
             (c.breached ? " above the limit" : " within the limit");
  return c;
}

}  // namespace

std::vector<MemoryCheck> check_memory(const BenchmarkContext& current, const MemoryBudget& memory,
                                      const std::string& source) {
  std::vector<MemoryCheck> out;
  if (memory.max_memory_mb > 0)
    out.push_back(judge("peak", memory.max_memory_mb, current.peak_rss_bytes, kPeakRssKey, source));
  if (memory.max_memory_growth_mb > 0)
    out.push_back(judge("growth", memory.max_memory_growth_mb, current.rss_growth_bytes, kRssGrowthKey, source));
  return out;
}

}  // namespace gauntlet::ci
