#include "gauntlet/ci/gate_reporters.h"
#include "gauntlet/harness/markdown_text.h"
#include "gauntlet/records/gate_result_text.h"

#include "gate_check_lines.h"

#include <fmt/format.h>

#include <cmath>

namespace gauntlet::ci {
using records::BenchmarkComparison;
using records::GateResult;
using records::GateSummary;
using records::HistoryChangePoint;
using records::Verdict;

namespace {

std::string change(const BenchmarkComparison& c) { return records::change_text(c.ratio); }

std::string interval(const BenchmarkComparison& c) { return records::change_interval_text(c.ci_low, c.ci_high); }

std::string number(double v) { return records::median_text(v); }

const char* colour_of(Verdict v) {
  switch (v) {
    case Verdict::kRegressed:
    case Verdict::kErrored:
      return "\x1b[31m";
    case Verdict::kImproved:
      return "\x1b[32m";
    case Verdict::kInconclusive:
    case Verdict::kMissing:
      return "\x1b[33m";
    default:
      return "";
  }
}

std::string headline(const GateResult& r) {
  const GateSummary& s = r.summary;
  return fmt::format(
      "{}: {} regressed, {} improved, {} unchanged, {} inconclusive, {} new, {} missing, {} errored, "
      "{} budget breach(es){}",
      r.passed ? "PASS" : "FAIL", s.regressed, s.improved, s.unchanged, s.inconclusive, s.added, s.missing, s.errored,
      s.budget_breaches, detail::checks_headline(r));
}

std::string md_row(const BenchmarkComparison& c) {
  return fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", markdown_inline(c.name), to_string(c.verdict),
                     number(c.baseline.median), number(c.current.median), change(c), interval(c),
                     markdown_inline(c.reason));
}

constexpr const char* kTableHead =
    "| Benchmark | Verdict | Baseline | Current | Change | CI | Why |\n|---|---|---:|---:|---:|---|---|\n";

}  // namespace

std::string gate_console_table(const GateResult& r, bool colour) {
  std::size_t width = 9;
  for (const auto& c : r.benchmarks) width = std::max(width, c.name.size());
  std::string out = r.benchmarks.empty() ? ""  // budgets and ratios only: no comparison table
                                         : fmt::format("{:<{}}  {:<12}  {:>12}  {:>12}  {:>8}  {}\n", "benchmark",
                                                       width, "verdict", "baseline", "current", "change", "interval");
  for (const BenchmarkComparison& c : r.benchmarks) {
    const std::string verdict = fmt::format("{:<12}", to_string(c.verdict));
    const char* on = colour ? colour_of(c.verdict) : "";
    out += fmt::format("{:<{}}  {}{}{}  {:>12}  {:>12}  {:>8}  {}\n", c.name, width, on, verdict,
                       (colour && *on) ? "\x1b[0m" : "", number(c.baseline.median), number(c.current.median), change(c),
                       interval(c));
  }
  out += detail::check_console_lines(r);
  for (const HistoryChangePoint& cp : r.change_points)
    out += fmt::format("change point: {} at run {} ({}) {} -> {}\n", cp.name, cp.index,
                       cp.revision.empty() ? "?" : cp.revision, number(cp.before), number(cp.after));
  for (const std::string& w : r.warnings) out += "warning: " + w + "\n";
  for (const std::string& a : r.advice) out += "note: " + a + "\n";
  if (r.sequential_looks > 1)
    out += fmt::format("note: sequential run, {} planned looks: each judged at Bonferroni-adjusted confidence\n",
                       r.sequential_looks);
  const char* on = colour ? (r.passed ? "\x1b[32m" : "\x1b[31m") : "";
  out += fmt::format("{}{}{}\n", on, headline(r), colour ? "\x1b[0m" : "");
  if (!r.passed && !r.rerun.empty()) out += "re-run: " + r.rerun + "\n";
  return out;
}

std::string gate_markdown(const GateResult& r, std::size_t max_bytes) {
  std::string head = fmt::format("**{}** {}\n\n", r.passed ? "✅" : "❌", headline(r));
  std::string front;  // regressions, errors, breaches: never hidden
  std::string rest;
  std::size_t dropped = 0;
  std::string bad_rows, other_rows;
  for (const BenchmarkComparison& c : r.benchmarks) {
    (c.verdict == Verdict::kRegressed || c.verdict == Verdict::kErrored ? bad_rows : other_rows) += md_row(c);
  }
  if (!bad_rows.empty()) front += std::string("### Regressions\n\n") + kTableHead + bad_rows + "\n";
  front += detail::check_markdown(r);
  for (const std::string& w : r.warnings) front += "> warning: " + markdown_inline(w) + "\n";
  for (const std::string& a : r.advice) front += "> note: " + markdown_inline(a) + "\n";
  if (!r.warnings.empty() || !r.advice.empty()) front += "\n";
  if (!r.passed && !r.rerun.empty()) front += "Re-run: `" + r.rerun + "`\n\n";

  const std::string open = "<details><summary>All other benchmarks</summary>\n\n";
  const std::string close = "\n</details>\n";
  std::string body = other_rows.empty() ? "" : open + kTableHead;
  // Add rows while the whole document stays under the limit.
  std::size_t budget = max_bytes > head.size() + front.size() + close.size() + 200
                           ? max_bytes - head.size() - front.size() - close.size() - 200
                           : 0;
  std::size_t pos = 0;
  while (pos < other_rows.size()) {
    std::size_t end = other_rows.find('\n', pos) + 1;
    if (body.size() + (end - pos) > budget) {
      for (std::size_t p = pos; p < other_rows.size(); p = other_rows.find('\n', p) + 1) ++dropped;
      break;
    }
    body.append(other_rows, pos, end - pos);
    pos = end;
  }
  if (dropped > 0) body += fmt::format("\n{} more row(s) left out to stay under {} bytes.\n", dropped, max_bytes);
  if (!other_rows.empty()) body += close;
  std::string out = head + front + body;
  if (out.size() > max_bytes) out.resize(max_bytes);  // only when the front alone is too large
  return out;
}

}  // namespace gauntlet::ci
