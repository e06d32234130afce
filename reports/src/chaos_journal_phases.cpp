// The stats of the journal's phases for display: the scenario's own names and
// order, counts, latency quantiles, throughput, status codes and the fault
// windows in force.
#include <algorithm>
#include <cmath>
#include <tuple>

#include "chaos_journal_parts.h"

namespace gauntlet::reports::detail {
namespace {

// Labels of the fault windows overlapping [start, end), each once.
std::string faults_during(const std::vector<FaultWindow>& faults, double start, double end) {
  std::vector<std::string> labels;
  for (const FaultWindow& w : faults) {
    bool overlaps = w.start_s < end && w.end_s > start;
    if (overlaps && std::find(labels.begin(), labels.end(), w.label) == labels.end()) labels.push_back(w.label);
  }
  std::string out;
  for (const std::string& l : labels) out += (out.empty() ? "" : "; ") + l;
  return out;
}

// Numeric codes in numeric order ("200" < "503" < "1000"), any others after them.
std::vector<StatusCount> status_counts(const records::JournalPhaseStats& p) {
  std::vector<StatusCount> out(p.status_counts.begin(), p.status_counts.end());
  auto key = [](const StatusCount& c) {
    bool numeric = !c.first.empty() && c.first.find_first_not_of("0123456789") == std::string::npos;
    return std::make_tuple(!numeric, numeric ? c.first.size() : 0, c.first);
  };
  std::sort(out.begin(), out.end(), [&](const StatusCount& a, const StatusCount& b) { return key(a) < key(b); });
  return out;
}

double shown(double figure) { return std::isnan(figure) ? 0 : figure; }

JournalPhaseStats phase_view(const records::JournalPhaseStats& p, const std::vector<FaultWindow>& faults) {
  JournalPhaseStats v;
  v.name = p.name;
  v.start_s = seconds(p.start);
  v.end_s = seconds(p.end);
  v.completed = p.completed.value_or(0);
  v.failed = p.failed.value_or(0);
  v.rejected = p.rejected.value_or(0);
  v.error_rate = shown(p.error_rate);
  v.p50_ms = shown(p.p50);
  v.p95_ms = shown(p.p95);
  v.p99_ms = shown(p.p99);
  v.max_ms = shown(p.max);
  const double length = v.end_s - v.start_s;
  v.throughput_rps = !std::isnan(p.throughput_rps) ? p.throughput_rps : length > 0 ? v.completed / length : 0;
  v.status_counts = status_counts(p);
  v.quality = p.quality;
  if (p.p99_interval) {
    v.p99_low_ms = p.p99_interval->low;
    v.p99_high_ms = p.p99_interval->high;
  }
  v.faults = faults_during(faults, v.start_s, v.end_s);
  return v;
}

}  // namespace

std::vector<JournalPhaseStats> phase_views(const records::Journal& journal, const std::vector<FaultWindow>& faults) {
  std::vector<JournalPhaseStats> out;
  out.reserve(journal.phases.size());
  for (const records::JournalPhaseStats& p : journal.phases) out.push_back(phase_view(p, faults));
  return out;
}

}  // namespace gauntlet::reports::detail
