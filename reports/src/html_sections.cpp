#include "html_sections.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "gate_rows.h"
#include "html_sortable.h"
#include "svg_charts.h"
#include "text_escape.h"

namespace gauntlet::reports::detail {

std::string pill(bool ok, const std::string& ok_text, const std::string& bad_text) {
  return std::string("<span class=\"pill ") + (ok ? "pass\">" : "fail\">") + html(ok ? ok_text : bad_text) + "</span>";
}

std::string command_line(const std::string& command) {
  if (command.empty()) return {};
  return "<div class=\"cmd\"><span>Re-run</span><code>" + html(command) + "</code></div>";
}

namespace {

std::string verdict_class(const std::string& verdict) {
  if (verdict == "regressed" || verdict == "errored") return "bad";
  if (verdict == "improved") return "good";
  if (verdict == "inconclusive" || verdict == "missing" || verdict == "new") return "warn";
  return "same";
}

}  // namespace

std::string benchmarks_section(const Report& report) {
  if (report.gates.empty() && report.history.empty()) return {};
  std::map<std::string, const HistorySeries*> trends;
  for (const HistorySeries& h : report.history) trends[h.benchmark] = &h;
  // Change points come from the gates; they index the same history series.
  std::map<std::string, std::vector<std::size_t>> marks;
  for (const HistorySeries& h : report.history) marks[h.benchmark] = change_points_for(h, report.gates);
  std::string out = "<section id=\"benchmarks\"><h2>Benchmarks</h2>";
  for (const GateInput& gate : report.gates) {
    const records::GateResult& g = gate.result;
    const std::vector<ComparisonRow> comparisons = comparison_rows(g);
    double scale = 0.05;
    for (const ComparisonRow& c : comparisons) {
      for (double v : {c.ci_low, c.ci_high, c.change}) {
        if (std::isfinite(v)) scale = std::max(scale, std::fabs(v));
      }
    }
    std::vector<const ComparisonRow*> rows;
    for (const ComparisonRow& c : comparisons) rows.push_back(&c);
    auto rank = [](const std::string& v) {
      return v == "regressed" || v == "errored"      ? 0
             : v == "inconclusive" || v == "missing" ? 1
             : v == "improved"                       ? 2
                                                     : 3;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](auto* a, auto* b) { return rank(a->verdict) < rank(b->verdict); });
    out += "<div class=\"card\"><header><h3>Comparison with baseline</h3>" +
           pill(g.passed, "gate passed", "gate failed") +
           "<span class=\"meta\">bars: 95% confidence interval of the change, ±" + fixed(scale * 100, 0) +
           "% full scale</span></header>";
    for (const std::string& w : g.warnings) out += "<p class=\"warn\">" + html(w) + "</p>";
    out += "<table class=\"grid-t bench\"><thead><tr>" + sort_th("Benchmark", SortAs::kText) +
           sort_th("Baseline", SortAs::kNumber) + sort_th("Current", SortAs::kNumber) +
           sort_th("Change", SortAs::kNumber) + "<th>Confidence interval</th>" + sort_th("Verdict", SortAs::kText) +
           sort_th("Quality", SortAs::kText) + "<th>Trend</th></tr></thead><tbody>";
    for (const ComparisonRow* c : rows) {
      std::string cls = verdict_class(c->verdict);
      auto trend = trends.find(c->name);
      bool drawable = std::isfinite(c->change) && std::isfinite(c->ci_low) && std::isfinite(c->ci_high);
      out += "<tr class=\"" + cls + "\"><td class=\"name\">" + html(c->name) + "</td>" +
             number_td(c->baseline_text, c->baseline) + number_td(c->current_text, c->current) +
             number_td(c->change_text, c->change) + "<td>" +
             (drawable ? interval_bar(c->change, c->ci_low, c->ci_high, scale, "ci-" + cls) : "") +
             " <span class=\"meta\">" + html(c->interval_text) + "</span></td><td><span class=\"v " + cls +
             "\" title=\"" + html(c->reason) + "\">" + html(c->verdict) + "</span></td><td>" + html(c->quality) +
             "</td><td>" + (trend == trends.end() ? "" : sparkline(trend->second->values, marks[c->name])) +
             "</td></tr>";
    }
    out += "</tbody></table>" + command_line(g.rerun) + "</div>";
    const std::vector<BudgetRow> budgets = budget_rows(g);
    // The interval column only when a latency budget has one (LatencyRecorder's counters).
    const bool intervals =
        std::any_of(budgets.begin(), budgets.end(), [](const BudgetRow& b) { return b.interval_text != "-"; });
    if (!budgets.empty()) {
      out += "<div class=\"card\"><header><h3>Budgets</h3></header><table class=\"grid-t\"><thead><tr>" +
             sort_th("Operation", SortAs::kText) + sort_th("Check", SortAs::kText) +
             sort_th("Measured", SortAs::kNumber) + (intervals ? sort_th("95% interval", SortAs::kNumber) : "") +
             sort_th("Budget", SortAs::kNumber) + sort_th("Margin", SortAs::kNumber) +
             sort_th("Verdict", SortAs::kText) + "</tr></thead><tbody>";
      for (const BudgetRow& b : budgets) {
        out += "<tr class=\"" + std::string(b.passed ? "ok" : "bad") + "\"><td class=\"name\">" + html(b.name) +
               "</td><td>" + html(b.metric) + "</td>" + number_td(b.actual_text, b.actual) +
               (intervals ? number_td(b.interval_text, b.interval_high) : "") + number_td(b.limit_text, b.limit) +
               number_td(b.margin_text, b.margin) + "<td>" + pill(b.passed, b.verdict, b.verdict) +
               (b.interval_note.empty() ? "" : "<div class=\"sub\">" + html(b.interval_note) + "</div>") + "</td></tr>";
      }
      out += "</tbody></table></div>";
    }
  }
  if (report.gates.empty()) {
    out += "<div class=\"card\"><header><h3>Trends</h3></header><table class=\"grid-t\"><tbody>";
    for (const HistorySeries& h : report.history) {
      out += "<tr><td class=\"name\">" + html(h.benchmark) + "</td><td>" + sparkline(h.values, marks[h.benchmark]) +
             "</td></tr>";
    }
    out += "</tbody></table></div>";
  }
  return out + "</section>";
}

std::string properties_section(const Report& report) {
  if (report.properties.empty()) return {};
  // Group by suite and instantiation, failing groups first.
  std::map<std::pair<std::string, std::string>, std::vector<const records::PropertyResult*>> groups;
  for (const PropertyResults& p : report.properties) {
    for (const records::PropertyResult& o : p.results) groups[{o.suite, o.instantiation}].push_back(&o);
  }
  std::vector<std::pair<bool, std::string>> cards;
  for (const auto& [key, outcomes] : groups) {
    bool ok = std::none_of(outcomes.begin(), outcomes.end(), [](auto* o) { return is_failure(*o); });
    int cases = 0;
    for (auto* o : outcomes) cases += o->cases;
    std::string card = "<article class=\"card\"><header><h3>" + html(key.first) + " <span class=\"inst\">" +
                       html(key.second) + "</span></h3>" + pill(ok, "all held", "counterexample found") +
                       "<span class=\"meta\">" + std::to_string(outcomes.size()) + " properties · " +
                       std::to_string(cases) + " cases</span></header><table class=\"grid-t\"><thead><tr>" +
                       sort_th("Property", SortAs::kText) + sort_th("Severity", SortAs::kText) +
                       sort_th("Outcome", SortAs::kText) + sort_th("Cases", SortAs::kNumber) + "</tr></thead><tbody>";
    for (const records::PropertyResult* o : outcomes) {
      bool bad = is_failure(*o);
      const char* shade = bad ? "bad" : o->outcome == records::PropertyOutcome::kPassed ? "good" : "warn";
      card += "<tr class=\"" + std::string(bad ? "bad" : "ok") + "\"><td>" + html(o->property) + "</td><td>" +
              html(o->severity) + "</td><td><span class=\"v " + shade + "\">" + html(records::to_string(o->outcome)) +
              "</span></td><td class=\"n\">" + std::to_string(o->cases) + "</td></tr>";
      if (bad || !o->counterexample.empty()) {
        std::string example;
        for (const auto& [type, value] : o->counterexample) example += type + ": " + value + "\n";
        card += "<tr class=\"detail\"><td colspan=\"4\">" +
                (o->message.empty() ? "" : "<p>" + html(o->message) + "</p>") +
                (example.empty() ? "" : "<pre class=\"log\">" + html(example) + "</pre>") + command_line(o->rerun) +
                "</td></tr>";
      }
    }
    cards.emplace_back(ok, card + "</tbody></table></article>");
  }
  std::stable_sort(cards.begin(), cards.end(), [](const auto& a, const auto& b) { return !a.first && b.first; });
  std::string out = "<section id=\"properties\"><h2>Properties</h2>";
  for (const auto& c : cards) out += c.second;
  return out + "</section>";
}

}  // namespace gauntlet::reports::detail
