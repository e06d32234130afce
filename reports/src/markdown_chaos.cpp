#include "markdown_chaos.h"

#include "gauntlet/harness/markdown_text.h"

#include <vector>

#include "chaos_format.h"
#include "text_escape.h"

namespace gauntlet::reports::detail {
namespace {

std::string mark(bool held) { return held ? "✅ " : "❌ "; }

std::string windows_list(const ChaosJournal& j) {
  if (j.faults.empty()) return {};
  std::string out = "Faults injected:\n\n";
  for (std::size_t i = 0; i < j.faults.size(); ++i) {
    const FaultWindow& w = j.faults[i];
    out += std::to_string(i + 1) + ". **" + markdown_inline(w.label) + "**, " +
           markdown_inline(seconds_range(w.start_s, w.end_s)) + " s (" + markdown_inline(w.point) + ", " +
           markdown_inline(w.effect) + ")\n";
  }
  return out + "\n";
}

std::string phases_table(const ChaosJournal& j) {
  if (j.phases.empty()) return {};
  const bool codes = has_status_counts(j), verdict_column = has_phase_verdicts(j), quality = has_quality(j);
  std::string out = "| phase | time (s) | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |";
  out += std::string(quality ? " quality |" : "") + (codes ? " status codes |" : "") +
         (verdict_column ? " hypotheses |" : "") + "\n";
  out += "|---|---|---:|---:|---:|---:|---:|---:|---:|";
  out += std::string(quality ? "---|" : "") + (codes ? "---|" : "") + (verdict_column ? "---|" : "") + "\n";
  for (const JournalPhaseStats& p : j.phases) {
    std::vector<std::string> cells = {
        markdown_inline(p.name) + (p.faults.empty() ? "" : " (" + markdown_inline(p.faults) + ")"),
        markdown_inline(seconds_range(p.start_s, p.end_s)),
        std::to_string(p.completed),
        fixed(p.throughput_rps, 1),
        milliseconds(p.p50_ms),
        milliseconds(p.p95_ms),
        milliseconds(p.p99_ms),
        milliseconds(p.max_ms),
        markdown_inline(percent(p.error_rate))};
    if (quality) cells.push_back(markdown_inline(quality_text(p)));
    if (codes) cells.push_back(markdown_inline(status_counts_text(p.status_counts)));
    if (verdict_column) {
      std::string verdicts;
      for (const Hypothesis* h : phase_verdicts(j, p.name)) {
        verdicts += (verdicts.empty() ? "" : "<br>") + mark(h->held) + markdown_inline(h->statement);
      }
      cells.push_back(verdicts);
    }
    out += "|";
    for (const std::string& c : cells) out += " " + c + " |";
    out += "\n";
  }
  return out + "\n";
}

// Verdicts without a row, and the evidence of broken ones that have one.
std::string verdict_list(const ChaosJournal& j) {
  std::string out;
  for (const Hypothesis* h : other_verdicts(j)) {
    out += "- " + mark(h->held) + markdown_inline(h->name) + ": " + markdown_inline(h->evidence) + "\n";
  }
  for (const JournalPhaseStats& p : j.phases) {
    for (const Hypothesis* h : phase_verdicts(j, p.name)) {
      if (!h->held)
        out += "- " + mark(false) + markdown_inline(h->statement) + ": " + markdown_inline(h->evidence) + "\n";
    }
  }
  return out.empty() ? "" : out + "\n";
}

}  // namespace

std::string chaos_markdown(const ChaosJournal& j) {
  std::string out = "### " + mark(j.passed) + "Chaos scenario <code>" + html(j.scenario) +
                    "</code>: " + (j.passed ? "passed" : "failed") + "\n\n";
  out += "seed " + std::to_string(j.seed) + " · " + markdown_inline(run_time_text(j)) +
         (j.target.empty() ? "" : " · " + markdown_inline(j.target)) + "\n\n";
  out += windows_list(j) + phases_table(j) + verdict_list(j);
  if (!j.passed && !j.replay.empty()) out += "Re-run:\n\n" + markdown_code_block(j.replay) + "\n";
  return out;
}

}  // namespace gauntlet::reports::detail
