#include "phase_table.h"

#include <fmt/format.h>

#include <algorithm>

namespace gauntlet::chaos::console {
namespace {

double ms(Nanos ns) { return static_cast<double>(ns) / 1e6; }

std::string verdicts_of(const RunRecord& run, const std::string& phase) {
  int pass = 0, fail = 0;
  for (const Verdict& v : run.verdicts) {
    if (v.phase != phase) continue;
    ++(v.holds ? pass : fail);
  }
  if (pass + fail == 0) return "-";
  if (fail == 0) return fmt::format("{} PASS", pass);
  return pass == 0 ? fmt::format("{} FAIL", fail) : fmt::format("{} FAIL, {} PASS", fail, pass);
}

// "200×42 503×3 none×54": requests without a status (timeouts, resets) count as "none".
std::string statuses(const PhaseStats& p) {
  std::string out;
  std::uint64_t with_status = 0;
  for (const auto& [code, count] : p.status_counts) {
    out += fmt::format("{}{}×{}", out.empty() ? "" : " ", code, count);
    with_status += count;
  }
  if (p.completed > with_status) out += fmt::format("{}none×{}", out.empty() ? "" : " ", p.completed - with_status);
  return out;
}

}  // namespace

std::string phase_table(const RunRecord& run) {
  std::size_t width = 5;
  bool any_status = false;
  for (const auto& p : run.phases) {
    width = std::max(width, p.phase.size());
    any_status = any_status || !p.status_counts.empty();
  }
  std::string out = fmt::format("  {:<{}} {:>13} {:>9} {:>9} {:>9} {:>9} {:>9} {:>8} {:>7}  {}{}\n", "phase", width,
                                "time (s)", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "errors", "quality",
                                "verdicts", any_status ? "  statuses" : "");
  for (const auto& p : run.phases) {
    out += fmt::format("  {:<{}} {:>13} {:>9} {:>9.1f} {:>9.2f} {:>9.2f} {:>9.2f} {:>7.2f}% {:>7}  {}{}\n", p.phase,
                       width, fmt::format("{:.1f}-{:.1f}", ms(p.start) / 1e3, ms(p.end) / 1e3), p.completed,
                       p.throughput_rps, ms(p.p50_ns), ms(p.p95_ns), ms(p.p99_ns), p.error_rate * 100,
                       to_string(p.quality), verdicts_of(run, p.phase), any_status ? "  " + statuses(p) : "");
  }
  return out;
}

}  // namespace gauntlet::chaos::console
