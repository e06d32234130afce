#include "gate_decision.h"

#include "gauntlet/harness/stats/mann_whitney.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace gauntlet::ci::detail {
using records::BenchmarkComparison;
using records::Verdict;

namespace {

constexpr double kInf = std::numeric_limits<double>::infinity();

std::string pct(double ratio) {
  if (!std::isfinite(ratio)) return ratio > 0 ? "+inf" : "-inf";
  return fmt::format("{:+.1f}%", (ratio - 1.0) * 100.0);
}

// "+3.0% [-6.2%, +12.9%] by process (4 vs 4), run-to-run noise 3.2% (prior)".
std::string describe_interval(const BenchmarkComparison& c) {
  std::string out = fmt::format("{} [{}, {}]", pct(c.ratio), pct(c.ci_low), pct(c.ci_high));
  if (c.method == "paired rounds") out += fmt::format(" paired by round ({})", c.current.rounds);
  else if (c.baseline.rounds > 1 || c.current.rounds > 1)
    out += fmt::format(" by process ({} vs {})", c.baseline.rounds, c.current.rounds);
  if (c.noise_sigma > 0) out += fmt::format(", run-to-run noise {:.1f}% ({})", c.noise_sigma * 100.0, c.noise_source);
  if (c.contention != 0)
    out += fmt::format(", real/cpu {:.2f} vs {:.2f} (contention)", c.real_cpu_baseline, c.real_cpu_current);
  return out;
}

}  // namespace

void decide(BenchmarkComparison& c, const GateConfig& config, double alpha) {
  const double t = c.threshold;
  const bool point_only = c.baseline.aggregates_only || c.current.aggregates_only;
  const bool worse_is_up = !config.higher_is_better;
  // "beyond" in the bad direction: whole interval past the threshold.
  const bool all_worse = worse_is_up ? c.ci_low > 1.0 + t : c.ci_high < 1.0 - t;
  const bool all_better = worse_is_up ? c.ci_high < 1.0 - t : c.ci_low > 1.0 + t;
  const bool within = c.ci_low >= 1.0 - t && c.ci_high <= 1.0 + t;
  const std::string threshold = fmt::format("{:.1f}% threshold ({})", t * 100.0, c.threshold_source);

  if (!(c.baseline.median > 0)) {
    c.verdict = Verdict::kInconclusive;
    c.reason = "baseline median is not positive; no ratio";
    return;
  }
  if (point_only) {
    c.verdict = all_worse ? Verdict::kRegressed : all_better ? Verdict::kImproved : Verdict::kUnchanged;
    c.reason = fmt::format("aggregates only (weaker): {} vs {}", pct(c.ratio), threshold);
    return;
  }
  const auto n1 = c.baseline.n, n2 = c.current.n;
  const auto need = static_cast<std::size_t>(config.min_repetitions);
  const bool too_few = c.method == "paired rounds" ? !std::isfinite(c.ci_low) || !std::isfinite(c.ci_high)
                                                   : stats::mann_whitney_min_p_value(n1, n2) > alpha;
  if (n1 < need || n2 < need || too_few) {
    c.verdict = Verdict::kInconclusive;
    c.min_detectable_effect = kInf;
    c.reason =
        fmt::format("too few repetitions ({} vs {}, need {}); no change is detectable", n1, n2, config.min_repetitions);
    return;
  }
  const bool significant = c.p_adjusted < alpha;
  const std::string interval = describe_interval(c);
  c.min_detectable_effect = t + (c.ci_high - c.ci_low) / 2.0;
  if (significant && all_worse) {
    c.verdict = Verdict::kRegressed;
    c.reason = fmt::format("{} beyond {}, q={:.2g}", interval, threshold, c.p_adjusted);
  } else if (significant && all_better) {
    c.verdict = Verdict::kImproved;
    c.reason = fmt::format("{} beyond {}, q={:.2g}", interval, threshold, c.p_adjusted);
  } else if (within) {
    c.verdict = Verdict::kUnchanged;
    c.reason = fmt::format("{} within {}", interval, threshold);
  } else {
    c.verdict = Verdict::kInconclusive;
    c.reason = fmt::format("{} crosses {}, q={:.2g}; smallest detectable change {:.1f}%", interval, threshold,
                           c.p_adjusted, c.min_detectable_effect * 100.0);
  }
}

}  // namespace gauntlet::ci::detail
