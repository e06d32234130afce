#include "comparison_interval.h"

#include "gauntlet/harness/stats/bootstrap.h"
#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/mann_whitney.h"
#include "gauntlet/harness/stats/noise_interval.h"
#include "gauntlet/harness/stats/signed_rank.h"

#include <cmath>
#include <limits>
#include <map>
#include <set>
#include <vector>

namespace gauntlet::ci::detail {
using records::BenchmarkComparison;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// A side of this many processes shows its process-to-process spread to the
// bootstrap by process; fewer get the process prior.
constexpr std::size_t kObservedProcesses = 3;
// Real/cpu ratios closer than this (log) are the same: no contention evidence.
constexpr double kContentionTolerance = 0.01;

std::size_t processes(const MetricSamples& s) {
  return std::max<std::size_t>(1, std::set<int>(s.rounds.begin(), s.rounds.end()).size());
}

// log(median(current round) / median(baseline round)) for every round both
// sides hold; empty when a round median is not positive.
std::vector<double> round_log_ratios(const MetricSamples& base, const MetricSamples& cur) {
  std::map<int, std::vector<double>> b, c;
  for (std::size_t i = 0; i < base.values.size(); ++i)
    if (base.rounds[i] >= 0) b[base.rounds[i]].push_back(base.values[i]);
  for (std::size_t i = 0; i < cur.values.size(); ++i)
    if (cur.rounds[i] >= 0) c[cur.rounds[i]].push_back(cur.values[i]);
  std::vector<double> out;
  for (const auto& [round, values] : b) {
    const auto it = c.find(round);
    if (it == c.end()) continue;
    const double mb = stats::median(values), mc = stats::median(it->second);
    if (!(mb > 0) || !(mc > 0)) return {};
    out.push_back(std::log(mc / mb));
  }
  return out;
}

bool paired(BenchmarkComparison& c, const MetricSamples& base, const MetricSamples& cur, double confidence) {
  const std::vector<double> d = round_log_ratios(base, cur);
  if (d.size() < kMinPairedRounds) return false;
  auto test = stats::wilcoxon_signed_rank(d);
  auto ci = stats::signed_rank_interval(d, confidence);
  if (!test.ok() || !ci.ok()) return false;
  c.method = "paired rounds";
  c.p_value = test->p_value;
  c.ratio = std::exp(ci->estimate);
  c.ci_low = c.within_low = std::exp(ci->low);
  c.ci_high = c.within_high = std::exp(ci->high);
  return true;
}

// Squared sigma (log) of the ratio's noise the repetitions cannot show.
double noise_variance(BenchmarkComparison& c, const MetricSamples& base, const MetricSamples& cur,
                      const GateConfig& config, const IntervalSettings& s) {
  double var = 0;
  const bool from_history = !s.interleaved && s.history_sigma.has_value();
  if (from_history) var += 2 * *s.history_sigma * *s.history_sigma;
  else if (!s.interleaved) var += 2 * config.run_noise * config.run_noise;
  if (!from_history)
    for (const MetricSamples* side : {&base, &cur}) {
      const std::size_t p = processes(*side);
      if (p < kObservedProcesses) var += config.process_noise * config.process_noise / static_cast<double>(p);
    }
  c.noise_source = var <= 0 ? "none" : from_history ? "history" : "prior";
  return var;
}

// Real time on a busy machine includes time spent waiting for a CPU. When
// the sides' real/cpu ratios differ, that much of the real-time change may be
// the machine's, not the code's: the interval is stretched by it towards no
// change (the other side's bound stays).
void widen_by_contention(BenchmarkComparison& c, const std::string& metric) {
  if (metric != "real_time" || !(c.real_cpu_baseline > 0) || !(c.real_cpu_current > 0)) return;
  const double excess = std::log(c.real_cpu_current / c.real_cpu_baseline);
  if (std::fabs(excess) < kContentionTolerance) return;
  if (excess > 0) c.ci_low /= std::exp(excess);
  else c.ci_high *= std::exp(-excess);
  c.contention = excess;
}

}  // namespace

void estimate_interval(BenchmarkComparison& c, const MetricSamples& base, const MetricSamples& cur,
                       const GateConfig& config, const IntervalSettings& settings) {
  c.ratio = c.baseline.median > 0 ? c.current.median / c.baseline.median : kNaN;
  c.ci_low = c.ci_high = c.within_low = c.within_high = c.ratio;
  c.p_value = c.p_adjusted = kNaN;
  c.method = "bootstrap";
  c.noise_source = "none";
  c.noise_sigma = 0;
  c.contention = 0;
  c.real_cpu_baseline = base.real_over_cpu;
  c.real_cpu_current = cur.real_over_cpu;
  if (base.aggregates_only || cur.aggregates_only || !(c.baseline.median > 0)) {
    c.method = "aggregates";
    return;
  }
  if (settings.interleaved && paired(c, base, cur, settings.confidence)) return;
  if (auto mw = stats::mann_whitney_u(base.values, cur.values); mw.ok()) c.p_value = mw->p_value;
  if (c.baseline.rounds > 1 || c.current.rounds > 1) c.method = "bootstrap by process";
  const stats::BootstrapOptions opts{config.seed, config.bootstrap_resamples, settings.confidence};
  // Untagged rows form one cluster, which is the plain bootstrap.
  auto within = stats::bootstrap_ratio_of_medians(stats::ClusteredSample{base.values, base.rounds},
                                                  stats::ClusteredSample{cur.values, cur.rounds}, opts);
  if (!within.ok()) return;
  c.within_low = within->low;
  c.within_high = within->high;
  c.noise_sigma = std::sqrt(noise_variance(c, base, cur, config, settings));
  const stats::RatioInterval wide =
      stats::widen_ratio_interval(*within, c.noise_sigma, settings.confidence, config.noise_tail_df);
  c.ci_low = wide.low;
  c.ci_high = wide.high;
  widen_by_contention(c, config.metric);
}

}  // namespace gauntlet::ci::detail
