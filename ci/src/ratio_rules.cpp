// Ratio rules: the overhead of one benchmark over another within one run.
#include "gauntlet/ci/gate.h"

#include "gauntlet/harness/stats/location_shift.h"
#include "gauntlet/harness/stats/signed_rank.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gauntlet::ci {
using records::RatioCheck;

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

struct Side {
  std::map<std::int64_t, std::vector<double>> by_key;  // round or repetition_index -> values
  bool present = false;
  std::string problem;  // errored or skipped: why
};

std::optional<double> value_of(const BenchmarkRow& row, const std::string& metric) {
  if (metric == "real_time") return row.real_time_ns;
  if (metric == "cpu_time") return row.cpu_time_ns;
  auto it = row.counters.find(metric);
  if (it == row.counters.end()) return std::nullopt;
  return it->second;
}

bool tagged_with_rounds(const BenchmarkFile& file, const RatioRule& rule) {
  return std::any_of(file.rows.begin(), file.rows.end(), [&](const BenchmarkRow& r) {
    return r.round >= 0 && (r.run_name == rule.numerator || r.run_name == rule.denominator);
  });
}

Side side_of(const BenchmarkFile& file, const std::string& run_name, const std::string& metric, bool by_round) {
  Side s;
  for (const BenchmarkRow& row : file.rows) {
    if (row.run_name != run_name) continue;
    s.present = true;
    if (row.errored || row.skipped) {
      s.problem = (row.errored ? "errored: " : "skipped: ") + row.message;
      continue;
    }
    if (row.run_type != RunType::kIteration) continue;
    if (auto v = value_of(row, metric)) s.by_key[by_round ? row.round : row.repetition_index].push_back(*v);
  }
  return s;
}

// log(median numerator / median denominator) for every key both sides hold.
std::vector<double> paired_log_ratios(const Side& num, const Side& den) {
  std::vector<double> d;
  for (const auto& [key, values] : num.by_key) {
    auto it = den.by_key.find(key);
    if (it == den.by_key.end()) continue;
    const double n = stats::median(values), m = stats::median(it->second);
    if (n > 0 && m > 0) d.push_back(std::log(n / m));
  }
  return d;
}

std::string limits(const RatioCheck& c) {
  if (c.max > 0 && c.min > 0) return fmt::format("[{:.4g}, {:.4g}]", c.min, c.max);
  return c.max > 0 ? fmt::format("max {:.4g}", c.max) : fmt::format("min {:.4g}", c.min);
}

// `rules` > 1: the interval's level is Bonferroni-adjusted, said in the reason.
void judge(RatioCheck& c, const std::vector<double>& d, double confidence, std::size_t rules) {
  const std::string limit = limits(c);
  auto ci = stats::signed_rank_interval(d, confidence);
  if (!ci.ok()) {
    c.verdict = "inconclusive";
    c.reason = ci.error().message();
    return;
  }
  c.ratio = std::exp(ci->estimate);
  c.ci_low = std::exp(ci->low);
  c.ci_high = std::exp(ci->high);
  const double to_max = c.max > 0 ? (c.max - c.ratio) / c.max : std::numeric_limits<double>::infinity();
  const double to_min = c.min > 0 ? (c.ratio - c.min) / c.min : std::numeric_limits<double>::infinity();
  c.margin = std::min(to_max, to_min);
  std::vector<double> shifted = d;  // centred on the nearer limit, for the test
  const double centre = std::log(to_max <= to_min ? c.max : c.min);
  for (double& x : shifted) x -= centre;
  if (auto t = stats::wilcoxon_signed_rank(shifted); t.ok()) c.p_value = t->p_value;
  const std::string level =
      rules > 1 ? fmt::format(", {:.4g}% interval for {} rules", confidence * 100, rules) : std::string();
  const std::string interval = fmt::format("{:.4f} [{:.4f}, {:.4f}] paired by {} ({}{})", c.ratio, c.ci_low, c.ci_high,
                                           c.pairing, c.pairs, level);
  if (!std::isfinite(ci->low) || !std::isfinite(ci->high)) {
    c.verdict = "inconclusive";
    c.reason =
        fmt::format("too few pairs ({}) for a {:.0f}% interval; {} not decidable", c.pairs, confidence * 100, limit);
  } else if ((c.max > 0 && c.ci_low > c.max) || (c.min > 0 && c.ci_high < c.min)) {
    c.verdict = "regressed";
    c.reason = interval + " beyond " + limit;
  } else if ((c.max <= 0 || c.ci_high <= c.max) && (c.min <= 0 || c.ci_low >= c.min)) {
    c.verdict = "within";
    c.reason = interval + " within " + limit;
  } else {
    c.verdict = "inconclusive";
    c.reason = interval + " crosses " + limit;
  }
}

}  // namespace

std::vector<RatioCheck> check_ratios(const BenchmarkFile& run, const GateConfig& config) {
  // Every rule can fail the build: over k rules each interval covers
  // 1 - (1 - confidence) / k, so unchanged code fails any of them at most
  // 1 - confidence of the time (Bonferroni).
  const std::size_t rules = config.ratios.size();
  const double confidence = rules > 1 ? 1 - (1 - config.confidence) / static_cast<double>(rules) : config.confidence;
  std::vector<RatioCheck> out;
  for (const RatioRule& rule : config.ratios) {
    RatioCheck c;
    c.name = rule.name;
    c.numerator = rule.numerator;
    c.denominator = rule.denominator;
    c.metric = rule.metric.empty() ? config.metric : rule.metric;
    c.max = rule.max;
    c.min = rule.min;
    c.ratio = c.ci_low = c.ci_high = c.margin = kNaN;
    const bool by_round = tagged_with_rounds(run, rule);
    c.pairing = by_round ? "round" : "repetition";
    const Side num = side_of(run, rule.numerator, c.metric, by_round);
    const Side den = side_of(run, rule.denominator, c.metric, by_round);
    std::string absent;
    for (const auto& [name, side] : {std::pair{&rule.numerator, &num}, {&rule.denominator, &den}}) {
      if (!absent.empty()) continue;
      if (!side->present) absent = *name + " is not in " + run.source;
      else if (!side->problem.empty()) absent = *name + " " + side->problem;
      else if (side->by_key.empty()) absent = *name + " has no repetition with " + c.metric;
    }
    if (!absent.empty()) {
      c.verdict = "missing";
      c.reason = absent;
    } else {
      const std::vector<double> d = paired_log_ratios(num, den);
      c.pairs = d.size();
      if (d.empty()) {
        c.verdict = "inconclusive";
        c.reason = fmt::format("no {} holds both benchmarks with a positive {}", c.pairing, c.metric);
      } else {
        judge(c, d, confidence, rules);
      }
    }
    out.push_back(std::move(c));
  }
  return out;
}

}  // namespace gauntlet::ci
