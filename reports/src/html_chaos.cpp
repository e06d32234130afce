// The chaos section: one card per journal, failed scenarios first. Charts of the
// timeline with the schedule's fault windows shaded and numbered, then the
// windows (what was injected, when, where), the scenario's own phases as
// measured, verdicts about the whole run, and fault activity. A part with
// nothing to show (no breakers, no windows, no phases) is left out entirely.
#include <algorithm>
#include <map>
#include <set>

#include "chaos_format.h"
#include "html_sections.h"
#include "svg_charts.h"
#include "text_escape.h"

namespace gauntlet::reports::detail {
namespace {

std::string window_tooltip(const FaultWindow& w) {
  return w.label + " (" + seconds_range(w.start_s, w.end_s) + " s) · " + w.point;
}

std::string charts(const ChaosJournal& j) {
  LineChart base;
  // A real-time run may end before its nominal duration (a closed loop that
  // finished its work): the axis ends with the timeline.
  base.t_end = j.real_time() && !j.samples.empty() ? j.samples.back().t_s : j.duration_s;
  for (const JournalSample& s : j.samples) base.t.push_back(s.t_s);
  for (std::size_t i = 0; i < j.faults.size(); ++i) {
    const FaultWindow& w = j.faults[i];
    base.shaded.push_back({w.start_s, w.end_s, "fault", window_tooltip(w), std::to_string(i + 1)});
  }
  for (const BreakerBand& b : j.breaker_bands) {
    base.strip.push_back(
        {b.start_s, b.end_s, "br-" + b.state, (b.breaker.empty() ? "" : b.breaker + ": ") + b.state, ""});
  }
  auto column = [&](double JournalSample::*field, double scale = 1) {
    std::vector<double> v;
    v.reserve(j.samples.size());
    for (const JournalSample& s : j.samples) v.push_back(s.*field * scale);
    return v;
  };
  LineChart throughput = base, errors = base, latency = base;
  throughput.title = "Throughput";
  throughput.unit = "req/s";
  throughput.series = {{"req/s", "s1", column(&JournalSample::throughput_rps)}};
  errors.title = "Error rate";
  errors.unit = "%";
  errors.series = {{"errors", "s4", column(&JournalSample::error_rate, 100)}};
  latency.title = "Latency";
  latency.unit = "ms";
  latency.series = {{"p50", "s1", column(&JournalSample::p50_ms)},
                    {"p95", "s2", column(&JournalSample::p95_ms)},
                    {"p99", "s3", column(&JournalSample::p99_ms)}};
  return "<div class=\"charts\">" + line_chart(throughput) + line_chart(errors) + line_chart(latency) + "</div>";
}

// Keys only for what the charts show.
std::string legend(const ChaosJournal& j) {
  std::string out;
  if (!j.faults.empty()) out += "<span class=\"key fault\"></span>fault window (numbered as below)";
  std::set<std::string> states;
  for (const BreakerBand& b : j.breaker_bands) states.insert(b.state);
  if (!states.empty()) out += " <span class=\"legend-h\">breaker:</span>";
  for (const auto& [state, text] : {std::pair{"closed", "closed"},
                                    {"half_open", "half-open"},
                                    {"open", "open"},
                                    {"forced_open", "forced open"},
                                    {"disabled", "disabled"}}) {
    if (states.count(state)) out += "<span class=\"key br-" + std::string(state) + "\"></span>" + text + " ";
  }
  return out.empty() ? "" : "<div class=\"legend\">" + out + "</div>";
}

std::string windows_table(const ChaosJournal& j) {
  if (j.faults.empty()) return {};
  std::string out =
      "<table class=\"grid-t\"><thead><tr><th class=\"n\">#</th><th>Fault injected</th>"
      "<th class=\"n\">Time (s)</th><th>Where</th></tr></thead><tbody>";
  for (std::size_t i = 0; i < j.faults.size(); ++i) {
    const FaultWindow& w = j.faults[i];
    out += "<tr><td class=\"n\">" + std::to_string(i + 1) + "</td><td>" + html(w.label) + "</td><td class=\"n\">" +
           html(seconds_range(w.start_s, w.end_s)) + "</td><td class=\"sub\">" + html(w.point) + " · " +
           html(w.effect) + "</td></tr>";
  }
  return out + "</tbody></table>";
}

std::string verdict_item(const Hypothesis& h) {
  return "<div class=\"vd\">" + pill(h.held, "held", "broken") + " " + html(h.statement) +
         (h.evidence.empty() ? "" : "<div class=\"sub\">" + html(h.evidence) + "</div>") + "</div>";
}

std::string phases_table(const ChaosJournal& j) {
  if (j.phases.empty()) return {};
  const bool codes = has_status_counts(j), verdict_column = has_phase_verdicts(j), quality = has_quality(j);
  std::string out =
      "<table class=\"grid-t phases\"><thead><tr><th>Phase</th><th class=\"n\">Time (s)</th>"
      "<th class=\"n\">Requests</th><th class=\"n\">req/s</th><th class=\"n\">p50 ms</th>"
      "<th class=\"n\">p95 ms</th><th class=\"n\">p99 ms</th><th class=\"n\">max ms</th>"
      "<th class=\"n\">Errors</th>";
  out += std::string(quality ? "<th>Quality</th>" : "") + (codes ? "<th>Status codes</th>" : "") +
         (verdict_column ? "<th>Hypotheses</th>" : "") + "</tr></thead><tbody>";
  for (const JournalPhaseStats& p : j.phases) {
    std::vector<const Hypothesis*> verdicts = phase_verdicts(j, p.name);
    bool broken = std::any_of(verdicts.begin(), verdicts.end(), [](const Hypothesis* h) { return !h->held; });
    out += "<tr" + std::string(broken ? " class=\"bad\"" : "") + "><td class=\"ph\">" + html(p.name) +
           (p.faults.empty() ? "" : "<div class=\"sub\">" + html(p.faults) + "</div>") + "</td><td class=\"n\">" +
           html(seconds_range(p.start_s, p.end_s)) + "</td><td class=\"n\">" + std::to_string(p.completed) +
           "</td><td class=\"n\">" + fixed(p.throughput_rps, 1) + "</td>";
    for (double ms : {p.p50_ms, p.p95_ms, p.p99_ms, p.max_ms}) out += "<td class=\"n\">" + milliseconds(ms) + "</td>";
    out += "<td class=\"n\">" + percent(p.error_rate) + "</td>";
    if (quality) out += "<td class=\"codes\">" + html(quality_text(p)) + "</td>";
    if (codes) out += "<td class=\"codes\">" + html(status_counts_text(p.status_counts)) + "</td>";
    if (verdict_column) {
      out += "<td class=\"hy\">";
      for (const Hypothesis* h : verdicts) out += verdict_item(*h);
      out += "</td>";
    }
    out += "</tr>";
  }
  return out + "</tbody></table>";
}

std::string other_verdicts_table(const ChaosJournal& j) {
  std::vector<const Hypothesis*> rest = other_verdicts(j);
  if (rest.empty()) return {};
  std::string out = "<table class=\"grid-t\"><thead><tr><th>" +
                    std::string(j.phases.empty() ? "Hypothesis" : "Whole run") +
                    "</th><th>Verdict</th><th>Evidence</th></tr></thead><tbody>";
  for (const Hypothesis* h : rest) {
    out += "<tr class=\"" + std::string(h->held ? "ok" : "bad") + "\"><td>" + html(h->name) + "</td><td>" +
           pill(h->held, "held", "broken") + "</td><td>" + html(h->evidence) + "</td></tr>";
  }
  return out + "</tbody></table>";
}

std::string activity_table(const ChaosJournal& j) {
  if (j.fault_activity.empty()) return {};
  std::string out =
      "<table class=\"grid-t\"><thead><tr><th>Fault point</th><th class=\"n\">Hits</th>"
      "<th class=\"n\">Fires</th></tr></thead><tbody>";
  for (const FaultActivity& a : j.fault_activity) {
    out += "<tr><td class=\"name\">" + html(a.point) + "</td><td class=\"n\">" + std::to_string(a.hits) +
           "</td><td class=\"n\">" + std::to_string(a.fires) + "</td></tr>";
  }
  return out + "</tbody></table>";
}

std::string journal_card(const ChaosJournal& j, const std::string& anchor) {
  std::string meta =
      "seed " + std::to_string(j.seed) + " · " + run_time_text(j) + (j.target.empty() ? "" : " · " + j.target);
  std::string out = "<article class=\"card\" id=\"" + html(anchor) + "\"><header><h3>" + html(j.scenario) + "</h3>" +
                    pill(j.passed, "hypotheses held", "hypothesis broken") + "<span class=\"meta\">" + html(meta) +
                    "</span></header>";
  out += charts(j) + legend(j) + windows_table(j) + phases_table(j) + other_verdicts_table(j) + activity_table(j);
  return out + command_line(j.replay) + "</article>";
}

}  // namespace

std::vector<std::string> journal_anchors(const Report& report) {
  std::vector<std::string> out;
  std::map<std::string, int> seen;
  for (const ChaosJournal& j : report.journals) {
    int n = ++seen[j.scenario];
    out.push_back("chaos-" + j.scenario + (n > 1 ? "-" + std::to_string(n) : ""));
  }
  return out;
}

std::string chaos_section(const Report& report) {
  if (report.journals.empty()) return {};
  const std::vector<std::string> anchors = journal_anchors(report);
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < report.journals.size(); ++i) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return !report.journals[a].passed && report.journals[b].passed;
  });
  std::string out = "<section id=\"chaos\"><h2>Chaos scenarios</h2>";
  for (std::size_t i : order) out += journal_card(report.journals[i], anchors[i]);
  return out + "</section>";
}

}  // namespace gauntlet::reports::detail
