#include "chaos_format.h"

#include <algorithm>
#include <cmath>

#include "text_escape.h"

namespace gauntlet::reports::detail {
namespace {

std::string second_text(double s) { return std::fabs(s * 10 - std::round(s * 10)) > 1e-6 ? fixed(s, 2) : fixed(s, 1); }

bool has_row(const ChaosJournal& j, const std::string& phase) {
  return std::any_of(j.phases.begin(), j.phases.end(), [&](const JournalPhaseStats& p) { return p.name == phase; });
}

}  // namespace

std::string seconds_range(double start_s, double end_s) { return second_text(start_s) + "–" + second_text(end_s); }

std::string milliseconds(double ms) {
  double a = std::fabs(ms);
  return fixed(ms, a >= 100 ? 0 : a >= 10 ? 1 : 2);
}

std::string percent(double ratio) { return fixed(ratio * 100, 2) + "%"; }

std::string status_counts_text(const std::vector<StatusCount>& counts) {
  std::string out;
  for (const auto& [code, n] : counts) out += (out.empty() ? "" : " ") + code + "×" + std::to_string(n);
  return out;
}

std::string run_time_text(const ChaosJournal& j) {
  if (j.real_time() || j.wall_seconds) return fixed(j.real_seconds(), 2) + " s real time";
  return fixed(j.duration_s, 1) + " s of virtual time";
}

std::vector<const Hypothesis*> phase_verdicts(const ChaosJournal& j, const std::string& phase) {
  std::vector<const Hypothesis*> out;
  for (const Hypothesis& h : j.hypotheses) {
    if (!h.phase.empty() && h.phase == phase) out.push_back(&h);
  }
  return out;
}

std::vector<const Hypothesis*> other_verdicts(const ChaosJournal& j) {
  std::vector<const Hypothesis*> out;
  for (const Hypothesis& h : j.hypotheses) {
    if (h.phase.empty() || !has_row(j, h.phase)) out.push_back(&h);
  }
  return out;
}

bool has_quality(const ChaosJournal& j) {
  return std::any_of(j.phases.begin(), j.phases.end(), [](const JournalPhaseStats& p) { return !p.quality.empty(); });
}

std::string quality_text(const JournalPhaseStats& p) {
  if (p.quality.empty()) return "";
  if (p.p99_high_ms <= 0) return p.quality;
  return p.quality + " (p99 " + milliseconds(p.p99_low_ms) + "–" + milliseconds(p.p99_high_ms) + ")";
}

bool has_status_counts(const ChaosJournal& j) {
  return std::any_of(j.phases.begin(), j.phases.end(),
                     [](const JournalPhaseStats& p) { return !p.status_counts.empty(); });
}

bool has_phase_verdicts(const ChaosJournal& j) {
  return std::any_of(j.hypotheses.begin(), j.hypotheses.end(),
                     [&](const Hypothesis& h) { return !h.phase.empty() && has_row(j, h.phase); });
}

RunDuration run_duration(const Report& report) {
  RunDuration d;
  d.tests_s = report.tests.duration_s;
  d.anything = !report.tests.cases.empty() || !report.journals.empty();
  for (const ChaosJournal& j : report.journals) {
    if (j.real_time() || j.wall_seconds) {
      d.chaos_real_s += j.real_seconds();
    } else {
      d.virtual_s += j.duration_s;
    }
  }
  return d;
}

std::string duration_value(const RunDuration& d) {
  double real = d.tests_s + d.chaos_real_s;
  if (real <= 0 && d.virtual_s > 0) return fixed(d.virtual_s, 1) + " s";
  if (real > 0 && real < 0.005) return "< 0.01 s";
  return fixed(real, 2) + " s";
}

std::string duration_detail(const RunDuration& d) {
  double real = d.tests_s + d.chaos_real_s;
  if (real <= 0 && d.virtual_s > 0) return "of virtual time (chaos scenarios)";
  std::vector<std::string> parts;
  if (d.tests_s > 0) parts.push_back("tests " + fixed(d.tests_s, 2) + " s");
  if (d.chaos_real_s > 0) parts.push_back("chaos " + fixed(d.chaos_real_s, 2) + " s");
  if (d.virtual_s > 0) parts.push_back("+ " + fixed(d.virtual_s, 1) + " s of virtual time");
  std::string out;
  for (const std::string& p : parts) out += (out.empty() ? "" : " · ") + p;
  return out.empty() ? "sum over test inputs" : out;
}

}  // namespace gauntlet::reports::detail
