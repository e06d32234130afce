// Markdown for CI summaries ($GITHUB_STEP_SUMMARY): the verdict and counts
// first, then what failed, each chaos scenario with its phases, then benchmark
// regressions, then the slowest tests and the success rate per suite.
// Sections are added while they fit in the byte budget.
#include <string>
#include <vector>

#include "gauntlet/harness/markdown_text.h"
#include "chaos_format.h"
#include "gauntlet/reports/writers.h"
#include "gate_rows.h"
#include "markdown_chaos.h"
#include "markdown_tests.h"
#include "text_escape.h"

namespace gauntlet::reports {
namespace {

using detail::fixed;

class BoundedText {
 public:
  BoundedText(std::size_t max_bytes, std::string note) : max_(max_bytes), note_(std::move(note)) {}

  /// Appends `piece` if it fits with room for the truncation note; returns false once full.
  bool add(const std::string& piece) {
    if (full_) return false;
    if (out_.size() + piece.size() + note_.size() > max_) {
      full_ = true;
      return false;
    }
    out_ += piece;
    return true;
  }
  bool full() const { return full_; }
  std::string finish() && {
    if (full_) out_ += note_;
    return std::move(out_);
  }

 private:
  std::size_t max_;
  std::string note_;
  std::string out_;
  bool full_ = false;
};

std::string verdict_line(const Report& report, const ReportSummary& s) {
  return std::string("## ") + (s.passed ? "✅ " : "❌ ") + markdown_inline(report.title) + ": " +
         (s.passed ? "passed" : "failed") + "\n\n";
}

std::string counts_table(const Report& report, const ReportSummary& s) {
  std::string t;
  if (s.tests.total > 0) {
    t += "| tests | " + std::to_string(s.tests.total) + " | " + std::to_string(s.tests.failed) + " | " +
         std::to_string(s.tests.passed) + " passed, " + std::to_string(s.tests.skipped) + " skipped, " +
         fixed(report.tests.duration_s, 2) + " s |\n";
  }
  if (s.properties > 0) {
    t += "| properties | " + std::to_string(s.properties) + " | " + std::to_string(s.properties_failed) + " | |\n";
  }
  if (s.journals > 0) {
    const detail::RunDuration d = detail::run_duration(report);
    std::string notes;
    if (d.chaos_real_s > 0) notes += fixed(d.chaos_real_s, 2) + " s real time";
    if (d.virtual_s > 0) notes += (notes.empty() ? "" : ", ") + fixed(d.virtual_s, 1) + " s of virtual time";
    t += "| chaos scenarios | " + std::to_string(s.journals) + " | " + std::to_string(s.journals_failed) + " | " +
         notes + " |\n";
  }
  if (s.benchmarks > 0) {
    t += "| benchmarks | " + std::to_string(s.benchmarks) + " | " + std::to_string(s.benchmarks_regressed) +
         " | regressed |\n";
  }
  if (s.budgets > 0) {
    t += "| budgets | " + std::to_string(s.budgets) + " | " + std::to_string(s.budgets_failed) + " | |\n";
  }
  if (t.empty()) return {};
  return "| area | total | failed | notes |\n|---|---:|---:|---|\n" + t + "\n";
}

std::string details(const std::string& summary, const std::string& body) {
  return "<details><summary>" + summary + "</summary>\n\n" + body + "\n</details>\n\n";
}

}  // namespace

std::string write_markdown(const Report& report, const MarkdownOptions& options) {
  const ReportSummary s = summarize(report);
  std::string note = "\n> ✂️ Summary truncated to stay under " + std::to_string(options.max_bytes / 1024) + " KiB";
  note += options.html_name.empty() ? ".\n" : "; the full report is `" + options.html_name + "`.\n";
  BoundedText md(options.max_bytes, note);
  md.add(verdict_line(report, s));
  md.add(counts_table(report, s));
  for (const auto& [key, value] : report.environment) {
    md.add("**" + markdown_inline(key) + "**: " + markdown_inline(value) + "  \n");
  }
  if (!report.environment.empty()) md.add("\n");

  if (s.tests.failed > 0) {
    md.add("### Failed tests (" + std::to_string(s.tests.failed) + ")\n\n");
    std::size_t listed = 0;
    for (std::size_t i : failures_first_order(report.tests)) {
      const TestCase& t = report.tests.cases[i];
      if (t.status != TestStatus::kFailed) break;
      // Inside raw HTML GitHub does not process Markdown escapes: HTML-escape only.
      std::string title = "<code>" + detail::html(t.suite + "." + t.name) + "</code>";
      std::string piece;
      if (listed++ < options.max_failures) {
        std::string text;
        for (const std::string& f : t.failures) text += f + "\n";
        piece = details(title, markdown_code_block(detail::cap_text(text, 4096)));
      } else {
        piece = "- <code>" + markdown_inline(t.suite + "." + t.name) + "</code>\n";
      }
      if (!md.add(piece)) break;
    }
    md.add("\n");
  }
  for (const PropertyResults& p : report.properties) {
    for (const records::PropertyResult& o : p.results) {
      if (!is_failure(o)) continue;
      std::string body = markdown_inline(o.message) + "\n\n";
      std::string example;
      for (const auto& [type, value] : o.counterexample) example += type + ": " + value + "\n";
      if (!example.empty()) body += markdown_code_block(example);
      if (!o.rerun.empty()) body += "\nRe-run:\n\n" + markdown_code_block(o.rerun);
      md.add(details("Property <code>" + detail::html(o.suite + "/" + o.instantiation + "." + o.property) + "</code> " +
                         detail::html(records::to_string(o.outcome)),
                     body));
    }
  }
  // Chaos scenarios, failed first: each with its phases as measured.
  for (bool failed : {true, false}) {
    for (const ChaosJournal& j : report.journals) {
      if (j.passed != failed) md.add(detail::chaos_markdown(j));
    }
  }
  std::string regressions, budgets;
  for (const GateInput& gate : report.gates) {
    for (const detail::ComparisonRow& c : detail::comparison_rows(gate.result)) {
      if (c.verdict != "regressed") continue;
      regressions += "| " + markdown_inline(c.name) + " | " + markdown_inline(c.baseline_text) + " | " +
                     markdown_inline(c.current_text) + " | " + c.change_text + " | " + c.interval_text + " | " +
                     markdown_inline(c.reason) + " |\n";
    }
    for (const detail::BudgetRow& b : detail::budget_rows(gate.result)) {
      if (b.passed) continue;
      budgets += "| " + markdown_inline(b.name) + " | " + markdown_inline(b.metric) + " | " +
                 markdown_inline(b.actual_text) + " | " + markdown_inline(b.limit_text) + " | " +
                 markdown_inline(b.verdict) + " |\n";
    }
  }
  for (const GateInput& gate : report.gates) {
    for (const std::string& w : gate.result.warnings) md.add("\n> " + markdown_inline(w) + "\n");
  }
  if (!regressions.empty()) {
    md.add(
        "\n### Benchmark regressions\n\n| benchmark | baseline | current | change | CI | why "
        "|\n|---|---:|---:|---:|---|---|\n" +
        regressions + "\n");
  }
  if (!budgets.empty()) {
    md.add("\n### Budgets exceeded\n\n| operation | check | measured | budget | verdict |\n|---|---|---:|---:|---|\n" +
           budgets + "\n");
  }
  // Test figures last: they help, but failures, chaos and regressions come first.
  md.add(detail::slowest_tests_markdown(report.tests));
  md.add(detail::suite_rates_markdown(report.tests));
  if (!options.html_name.empty()) md.add("\nFull report: `" + options.html_name + "`\n");
  return std::move(md).finish();
}

}  // namespace gauntlet::reports
