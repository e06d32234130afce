#include "gate_check_lines.h"

#include "gauntlet/harness/markdown_text.h"
#include "gauntlet/records/gate_result_text.h"

#include <fmt/format.h>

#include <cmath>

namespace gauntlet::ci::detail {
using records::BenchmarkQuality;
using records::BudgetCheck;
using records::duration_text;
using records::GateResult;
using records::margin_text;
using records::memory_text;
using records::MemoryCheck;
using records::rate_text;
using records::RatioCheck;
using records::ThroughputCheck;

namespace {

// " +10%" (ceilings) or " -10%" (floors); nothing without a tolerance.
std::string tolerance_text(char sign, double pct) { return pct > 0 ? fmt::format(" {}{}%", sign, pct) : ""; }

std::string samples_text(std::int64_t samples, const char* what) {
  return samples < 0 ? "" : fmt::format(", {} {}", samples, what);
}

// ", 95% interval [22.9 ms, 26.1 ms] (within, but the 95% interval reaches
// 26.1 ms)"; nothing when the source gave no interval.
std::string interval_suffix(const BudgetCheck& b) {
  const std::string interval = records::budget_interval_text(b);
  if (interval == "-") return "";
  const std::string note = records::budget_interval_note(b);
  return ", 95% interval " + interval + (note.empty() ? "" : " (" + note + ")");
}

// "23.4 ms [22.8 ms, 24.1 ms]": the measured quantile and its 95% interval
// when the source gave one.
std::string measured_cell(const BudgetCheck& b) {
  const std::string interval = records::budget_interval_text(b);
  return duration_text(b.measured_ns) + (interval == "-" ? "" : " " + interval);
}

// "within, but the 95% interval reaches 26.1 ms", else the verdict.
std::string verdict_cell(const BudgetCheck& b) {
  std::string note = records::budget_interval_note(b);
  return note.empty() ? b.verdict : note;
}

std::string budget_line(const BudgetCheck& b) {
  const std::string head = fmt::format("budget {}: {} {}", b.breached ? "breach" : "within", b.operation, b.quantile);
  const std::string limit = fmt::format("limit {}{}", duration_text(b.limit_ns), tolerance_text('+', b.tolerance_pct));
  if (b.verdict == "not_measured") return fmt::format("{} not measured ({})\n", head, limit);
  std::string out =
      fmt::format("{} {} {} {} ({}), margin {}", head, duration_text(b.measured_ns),
                  b.measured_ns > b.allowed_ns ? ">" : "<=", duration_text(b.allowed_ns), limit, margin_text(b.margin));
  if (b.verdict == "too_few_samples")
    return out + fmt::format(", but {} samples < min_samples {}", b.samples, b.min_samples) + interval_suffix(b) + "\n";
  return out + samples_text(b.samples, "samples") + interval_suffix(b) + "\n";
}

std::string throughput_line(const ThroughputCheck& t) {
  const std::string head = fmt::format("throughput {}: {}", t.breached ? "breach" : "within", t.operation);
  const std::string floor =
      fmt::format("floor {}{}, {}", rate_text(t.limit), tolerance_text('-', t.tolerance_pct), t.counter);
  if (t.verdict == "not_measured") return fmt::format("{} not measured ({})\n", head, floor);
  std::string out =
      fmt::format("{} {} {} {} ({}), margin {}", head, rate_text(t.measured),
                  t.measured < t.allowed ? "<" : ">=", rate_text(t.allowed), floor, margin_text(t.margin));
  if (t.verdict == "too_few_samples")
    return out + fmt::format(", but {} samples < min_samples {}\n", t.samples, t.min_samples);
  return out + samples_text(t.samples, t.counter == "throughput_rps" ? "requests" : "repetitions") + "\n";
}

// "memory within: peak 120.9 MiB < 500.0 MiB (margin +75.8%)".
std::string memory_line(const MemoryCheck& m) {
  const std::string head = fmt::format("memory {}: {}", m.breached ? "breach" : "within", m.kind);
  if (m.verdict == "not_measured")
    return fmt::format("{} not measured (limit {}): {}\n", head, memory_text(m.limit_bytes), m.reason);
  const char* relation = m.measured_bytes > m.limit_bytes ? ">" : m.measured_bytes < m.limit_bytes ? "<" : "<=";
  return fmt::format("{} {} {} {} (margin {})\n", head, memory_text(m.measured_bytes), relation,
                     memory_text(m.limit_bytes), margin_text(m.margin));
}

std::string ratio_limit(const RatioCheck& q) {
  if (q.max > 0 && q.min > 0) return fmt::format("[{:.4g}, {:.4g}]", q.min, q.max);
  return q.max > 0 ? fmt::format("<= {:.4g}", q.max) : fmt::format(">= {:.4g}", q.min);
}

std::string ratio_interval(const RatioCheck& q) {
  if (!std::isfinite(q.ci_low) || !std::isfinite(q.ci_high)) return "-";
  return fmt::format("[{:.4f}, {:.4f}]", q.ci_low, q.ci_high);
}

std::string number(double v, const char* spec) { return std::isfinite(v) ? fmt::format(fmt::runtime(spec), v) : "-"; }

std::string quality_summary(const GateResult& r) {
  int count[4] = {0, 0, 0, 0};
  for (const BenchmarkQuality& q : r.quality) ++count[static_cast<int>(q.grade)];
  return fmt::format("sample quality: {} good, {} fair, {} poor, {} none", count[3], count[2], count[1], count[0]);
}

std::string quality_line(const BenchmarkQuality& q) {
  std::string out = fmt::format("{} {}: {} repetitions, dispersion {}, median {}", q.name, to_string(q.grade),
                                q.samples, number(q.dispersion * 100, "{:.2g}%"), number(q.median, "{:.4g}"));
  if (!std::isfinite(q.interval_halfwidth)) return out + " (no 95% interval: fewer than 6 repetitions)";
  return out + fmt::format(" [{}, {}] (+-{:.2g}%)", number(q.median_low, "{:.4g}"), number(q.median_high, "{:.4g}"),
                           q.interval_halfwidth * 100);
}

}  // namespace

std::string check_console_lines(const GateResult& r) {
  std::string out;
  for (const BudgetCheck& b : r.budgets) out += budget_line(b);
  for (const ThroughputCheck& t : r.throughput) out += throughput_line(t);
  for (const MemoryCheck& m : r.memory) out += memory_line(m);
  for (const RatioCheck& q : r.ratios)
    out += fmt::format("ratio {}: {} (limit {}, margin {}): {}\n", q.verdict, q.name, ratio_limit(q),
                       margin_text(q.margin), q.reason);
  for (const BenchmarkQuality& q : r.quality)
    if (q.below_minimum) out += "quality below minimum: " + quality_line(q) + "\n";
  if (!r.quality.empty()) out += quality_summary(r) + "\n";
  return out;
}

std::string check_markdown(const GateResult& r) {
  std::string bad, good;
  for (const BudgetCheck& b : r.budgets)
    (b.breached ? bad : good) +=
        fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", markdown_inline(b.operation), b.quantile,
                    measured_cell(b), duration_text(b.allowed_ns), margin_text(b.margin),
                    b.samples < 0 ? "-" : std::to_string(b.samples), markdown_inline(verdict_cell(b)));
  for (const ThroughputCheck& t : r.throughput)
    (t.breached ? bad : good) +=
        fmt::format("| {} | throughput ({}) | {} | {} | {} | {} | {} |\n", markdown_inline(t.operation),
                    markdown_inline(t.counter), rate_text(t.measured), rate_text(t.allowed), margin_text(t.margin),
                    t.samples < 0 ? "-" : std::to_string(t.samples), markdown_inline(t.verdict));
  for (const MemoryCheck& m : r.memory)
    (m.breached ? bad : good) +=
        fmt::format("| {} | {} | {} | {} | {} | - | {} |\n", records::kMemoryOperation,
                    markdown_inline(records::memory_check_name(m.kind)), memory_text(m.measured_bytes),
                    memory_text(m.limit_bytes), margin_text(m.margin), markdown_inline(m.verdict));
  std::string out;
  if (!bad.empty() || !good.empty())
    out +=
        "### Budgets\n\n| Operation | Check | Measured | Allowed | Margin | Samples | Verdict |\n"
        "|---|---|---:|---:|---:|---:|---|\n" +
        bad + good + "\n";
  std::string ratios_bad, ratios_good;
  for (const RatioCheck& q : r.ratios)
    (q.verdict == "within" ? ratios_good : ratios_bad) += fmt::format(
        "| {} | {} | {} | {} | {} | {} | {} |\n", markdown_inline(q.name), number(q.ratio, "{:.4f}"), ratio_interval(q),
        markdown_inline(ratio_limit(q)), margin_text(q.margin), q.pairs, markdown_inline(q.verdict));
  if (!r.ratios.empty())
    out +=
        "### Ratios\n\n| Rule | Ratio | Interval | Limit | Margin | Pairs | Verdict |\n"
        "|---|---:|---|---|---:|---:|---|\n" +
        ratios_bad + ratios_good + "\n";
  std::string low;
  for (const BenchmarkQuality& q : r.quality)
    if (q.below_minimum)
      low += fmt::format("| {} | {} | {} | {} | {} | {} |\n", markdown_inline(q.name), to_string(q.grade), q.samples,
                         number(q.dispersion * 100, "{:.2g}%"),
                         std::isfinite(q.interval_halfwidth) ? fmt::format("±{:.2g}%", q.interval_halfwidth * 100)
                                                             : std::string("unbounded"),
                         number(q.median, "{:.4g}"));
  if (!low.empty())
    out +=
        "### Sample quality below the minimum\n\n| Benchmark | Grade | Repetitions | Dispersion | Median interval "
        "| Median |\n|---|---|---:|---:|---:|---:|\n" +
        low + "\n";
  if (!r.quality.empty()) out += quality_summary(r) + "\n\n";
  return out;
}

std::string checks_headline(const GateResult& r) {
  std::string quality;
  if (r.summary.quality_failures > 0)
    quality = fmt::format("; {} benchmark(s) below min_quality", r.summary.quality_failures);
  if (r.ratios.empty()) return quality;
  int within = 0, regressed = 0, inconclusive = 0, missing = 0;
  for (const RatioCheck& q : r.ratios) {
    within += q.verdict == "within";
    regressed += q.verdict == "regressed";
    inconclusive += q.verdict == "inconclusive";
    missing += q.verdict == "missing";
  }
  return fmt::format("; ratios: {} within, {} regressed, {} inconclusive, {} missing", within, regressed, inconclusive,
                     missing) +
         quality;
}

}  // namespace gauntlet::ci::detail
